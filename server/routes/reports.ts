/**
 * Reports in and out: idempotent `PUT`, reading one or a filtered list, and the `/changes`
 * feed the extension follows.
 */
import type { FastifyPluginAsync } from 'fastify';
import * as z from 'zod/mini';
import { changesPage, reportList } from '../../protocol/api';
import { reportId, reportInput, storedReport } from '../../protocol/report';
import { userOf } from '../auth';
import { HttpError } from '../errors';
import { MAX_LIST_LIMIT, parseReportQuery } from '../report-query';
import { parseOr400 } from '../validation';
import type { RouteDeps } from './deps';

/** Query parameters shared by the list and the exports. */
export const LIST_QUERY = [
  'status',
  'service',
  'problem',
  'category',
  'workaround',
  'dataInvolved',
  'severity',
  'risk',
  'assignee',
  'from',
  'to',
  'q',
  'url',
  'mine',
  'sort',
] as const;

/** Largest and default page of `/changes`. */
export const MAX_CHANGES = 500;
const DEFAULT_CHANGES = 100;

const idParams = z.object({ id: reportId });
const changesQuery = z.object({
  since: z.optional(
    z.string().check(z.regex(/^\d{1,15}$/, 'Not a cursor from this server')),
  ),
  limit: z.optional(
    z.string().check(z.regex(/^\d{1,4}$/, 'Expected a number')),
  ),
});

/** Reads a report id from the path, refusing anything but a UUIDv7 (no traversal, no SQL). */
export function reportIdParam(params: unknown): string {
  return parseOr400(idParams, params, 'path').id;
}

/** `/reports`, `/reports/:id`, `/changes`. */
export const reportRoutes: FastifyPluginAsync<RouteDeps> = async (
  api,
  { store, now },
) => {
  api.put(
    '/reports/:id',
    {
      config: {
        auth: 'reporter',
        doc: {
          summary: 'Create or update a report (idempotent)',
          body: reportInput,
          response: storedReport,
        },
      },
    },
    async (request, reply) => {
      const id = reportIdParam(request.params);
      const input = parseOr400(reportInput, request.body);
      if (input.id !== id)
        throw new HttpError(400, 'body.id: must match the id in the path');
      const outcome = await store.putReport(
        input,
        userOf(request),
        now().toISOString(),
      );
      if (outcome.kind === 'forbidden')
        throw new HttpError(403, 'Only the author may change this report');
      return reply
        .code(outcome.kind === 'created' ? 201 : 200)
        .send(outcome.report);
    },
  );

  api.get(
    '/reports/:id',
    {
      config: {
        auth: 'reporter',
        doc: {
          summary: 'One report with comments, votes and triage history',
          response: storedReport,
        },
      },
    },
    async (request) => {
      const report = await store.getReport(
        reportIdParam(request.params),
        userOf(request).id,
      );
      if (!report) throw new HttpError(404, 'No report has this id');
      return report;
    },
  );

  api.get(
    '/reports',
    {
      config: {
        auth: 'reporter',
        doc: {
          summary: `A filtered page of reports (limit ≤ ${MAX_LIST_LIMIT})`,
          response: reportList,
          query: [...LIST_QUERY, 'cursor', 'limit'],
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const query = parseReportQuery(request.query, user.id);
      const { reports, total } = await store.listReports(
        query.filter,
        query,
        user.id,
      );
      const next = query.offset + reports.length;
      return { reports, cursor: next < total ? String(next) : null, total };
    },
  );

  api.get(
    '/changes',
    {
      config: {
        auth: 'reporter',
        doc: {
          summary: `Changes in server order (limit ≤ ${MAX_CHANGES})`,
          response: changesPage,
          query: ['since', 'limit'],
        },
      },
    },
    async (request, reply) => {
      const q = parseOr400(changesQuery, request.query ?? {}, 'query');
      const since = q.since === undefined ? 0 : Number(q.since);
      const limit = q.limit === undefined ? DEFAULT_CHANGES : Number(q.limit);
      if (limit < 1 || limit > MAX_CHANGES)
        throw new HttpError(400, `query.limit: between 1 and ${MAX_CHANGES}`);
      const { items, hasMore } = await store.changesJson(
        since,
        limit,
        userOf(request).id,
      );
      const last = items[items.length - 1];
      const changes = items.map(
        (i) => `{"cursor":"${i.serverSeq}","report":${i.json}}`,
      );
      return reply
        .type('application/json; charset=utf-8')
        .send(
          `{"changes":[${changes.join(',')}],"cursor":"${last ? last.serverSeq : since}","hasMore":${hasMore}}`,
        );
    },
  );
};
