/**
 * Redaction and the personal-data flag: a reviewer replaces selected text in a report (or a
 * comment), removes a screenshot, or clears the flag after checking there is nothing to hide.
 */
import type { FastifyPluginAsync } from 'fastify';
import { reportDetail, routes } from '../../protocol/api';
import { redactionInput } from '../../protocol/need-to-know';
import { userOf } from '../auth';
import { HttpError } from '../errors';
import type { RedactionOutcome } from '../store/store';
import { parseOr400, reportIdParam } from '../validation';
import type { RouteDeps } from './deps';

/** The report after the change, or the HTTP error that says why there was none. */
function answer(outcome: RedactionOutcome) {
  if (outcome.kind === 'not-found')
    throw new HttpError(404, 'No report has this id');
  if (outcome.kind === 'bad') throw new HttpError(400, outcome.message);
  return outcome.report;
}

/** `POST /reports/:id/redactions`, `DELETE /reports/:id/personal-data`. */
export const redactionRoutes: FastifyPluginAsync<RouteDeps> = async (
  api,
  { store, now },
) => {
  api.post(
    routes.redactions,
    {
      config: {
        auth: 'reviewer',
        doc: {
          summary:
            'Redact selected text of one field, or remove the screenshot; the original is gone',
          body: redactionInput,
          response: reportDetail,
        },
      },
    },
    async (request) => {
      const id = reportIdParam(request.params);
      const input = parseOr400(redactionInput, request.body);
      const user = userOf(request);
      const outcome = await store.redact(
        id,
        input,
        user.id,
        now().toISOString(),
      );
      const report = answer(outcome);
      await request.audit('redaction', id, { field: input.field });
      return report;
    },
  );

  api.delete(
    routes.personalData,
    {
      config: {
        auth: 'reviewer',
        doc: {
          summary:
            'Clear the personal-data flag: a reviewer found nothing that must be hidden',
          response: reportDetail,
        },
      },
    },
    async (request) => {
      const id = reportIdParam(request.params);
      const report = answer(
        await store.clearPersonalData(
          id,
          userOf(request).id,
          now().toISOString(),
        ),
      );
      await request.audit('personal-data-cleared', id, {});
      return report;
    },
  );
};
