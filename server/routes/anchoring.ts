/**
 * How a report's notes anchored when someone last had its page open: the extension says, the
 * dashboard shows. Anyone who may see the report at all may say (need to know decides, as for
 * reading it); it is an observation, so the report's version and the change feed stay as they
 * were and nobody is notified.
 */
import type { FastifyPluginAsync } from 'fastify';
import {
  anchoringInput,
  anchoringQuery,
  MAX_ANCHORING_BYTES,
} from '../../protocol/anchoring';
import { routes } from '../../protocol/api';
import { userOf } from '../auth';
import { singleView } from '../domain/need-to-know';
import { HttpError } from '../errors';
import { parseOr400, reportIdParam } from '../validation';
import type { RouteDeps } from './deps';

/** `PUT /reports/:id/anchoring`. */
export const anchoringRoutes: FastifyPluginAsync<RouteDeps> = async (
  api,
  { store, now },
) => {
  api.put(
    routes.anchoring,
    {
      bodyLimit: MAX_ANCHORING_BYTES,
      config: {
        auth: 'reporter',
        doc: {
          summary:
            'Record how each named note was found on the live page (exact, fuzzy, contextual or missing); a colleague’s report is named with the page it is on (`url`). Not an edit: no version, no notification',
          body: anchoringInput,
          query: ['url'],
        },
      },
    },
    async (request, reply) => {
      const id = reportIdParam(request.params);
      const input = parseOr400(anchoringInput, request.body);
      const { url } = parseOr400(anchoringQuery, request.query ?? {}, 'query');
      const user = userOf(request);
      const report = await store.getReport(id, user.id);
      const view = report && singleView(report, user, url);
      if (!view) throw new HttpError(404, 'No report has this id');
      const known = new Set(view.annotations.map((a) => a.id));
      const unknown = Object.keys(input.annotations).find((a) => !known.has(a));
      if (unknown !== undefined)
        throw new HttpError(
          400,
          `body.annotations.${unknown}: this report has no note with this id`,
        );
      await store.recordAnchoring(id, input.annotations, now().toISOString());
      return reply.code(204).send();
    },
  );
};
