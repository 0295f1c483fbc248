/**
 * Reports in and out: idempotent `PUT`, reading one or a filtered list, and the `/changes`
 * feed the extension follows.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import * as z from 'zod/mini';
import {
  changesPage,
  changesQuery,
  DEFAULT_CHANGES,
  MAX_CHANGES,
  reportDetail,
  reportQuery,
  routes,
  type ChangesPage,
} from '../../protocol/api';
import {
  reportSummary,
  visibleReportList,
  type VisibleReportList,
} from '../../protocol/need-to-know';
import {
  LIST_QUERY_KEYS,
  MAX_LIST_LIMIT,
  reportListQuery,
} from '../../protocol/filters';
import { reportInput, storedReport } from '../../protocol/report';
import { userOf } from '../auth';
import {
  readsEverything,
  scopeList,
  singleView,
  viewOf,
} from '../domain/need-to-know';
import { listRequest } from '../domain/report-filter';
import { HttpError } from '../errors';
import { parseOr400, readOr400, reportIdParam } from '../validation';
import type { RouteDeps } from './deps';

/** `PUT /reports/:id`: create or update, idempotently; only the author may update. */
function putReport(api: FastifyInstance, { store, now }: RouteDeps): void {
  api.put(
    routes.report,
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
}

/** `GET /reports/:id`. */
function getReport(api: FastifyInstance, { store }: RouteDeps): void {
  api.get(
    routes.report,
    {
      config: {
        auth: 'reporter',
        doc: {
          summary:
            'One report with comments, votes and triage history; a colleague’s, on the page named by `url`, as a summary',
          response: z.union([reportDetail, reportSummary]),
          query: ['url'],
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { url } = parseOr400(reportQuery, request.query ?? {}, 'query');
      const report = await store.getReport(
        reportIdParam(request.params),
        user.id,
      );
      const view = report && singleView(report, user, url);
      if (!view) throw new HttpError(404, 'No report has this id');
      return view;
    },
  );
}

/** `GET /reports`: a filtered page, with the cursor of the next. */
function listReports(api: FastifyInstance, { store }: RouteDeps): void {
  api.get(
    routes.reports,
    {
      config: {
        auth: 'reporter',
        doc: {
          summary: `A filtered page of reports (limit ≤ ${MAX_LIST_LIMIT}); for a reporter, their own, or everyone’s on the page named by \`url\` with colleagues’ as summaries`,
          response: visibleReportList,
          query: [...LIST_QUERY_KEYS, 'cursor', 'limit'],
        },
      },
    },
    async (request): Promise<VisibleReportList> => {
      const user = userOf(request);
      const query = parseOr400(reportListQuery, request.query ?? {}, 'query');
      const list = readOr400(listRequest(query, user.id));
      const filter = readOr400(scopeList(list.filter, query, user));
      const { reports, total } = await store.listReports(filter, list, user.id);
      const next = list.offset + reports.length;
      return {
        reports: reports.map((r) => viewOf(r, user)),
        cursor: next < total ? String(next) : null,
        total,
      };
    },
  );
}

/** `GET /changes`: reports in server order after a cursor. */
function changes(api: FastifyInstance, { store }: RouteDeps): void {
  api.get(
    routes.changes,
    {
      config: {
        auth: 'reporter',
        doc: {
          summary: `Changes in server order (limit ≤ ${MAX_CHANGES}); for a reporter, their own reports and those they voted for`,
          response: changesPage,
          query: ['since', 'limit'],
        },
      },
    },
    async (request): Promise<ChangesPage> => {
      const q = parseOr400(changesQuery, request.query ?? {}, 'query');
      const since = q.since === undefined ? 0 : Number(q.since);
      const limit = q.limit === undefined ? DEFAULT_CHANGES : Number(q.limit);
      if (limit < 1 || limit > MAX_CHANGES)
        throw new HttpError(400, `query.limit: between 1 and ${MAX_CHANGES}`);
      const user = userOf(request);
      const slice = await store.changes(
        since,
        limit,
        user.id,
        readsEverything(user) ? undefined : user.id,
      );
      return {
        changes: slice.changes.map((c) => ({
          cursor: c.cursor,
          report: viewOf(c.report, user),
        })),
        cursor: String(slice.last ?? since),
        hasMore: slice.hasMore,
      };
    },
  );
}

/** `/reports`, `/reports/:id`, `/changes`. */
export const reportRoutes: FastifyPluginAsync<RouteDeps> = async (
  api,
  deps,
) => {
  putReport(api, deps);
  getReport(api, deps);
  listReports(api, deps);
  changes(api, deps);
};
