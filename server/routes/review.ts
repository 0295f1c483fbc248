/**
 * What team leads see beyond single reports: the exports, the severity × risk matrix and the
 * weekly trends.
 */
import { Readable } from 'node:stream';
import type {
  FastifyInstance,
  FastifyPluginAsync,
  FastifyRequest,
} from 'fastify';
import { stringify } from 'csv-stringify';
import {
  DEFAULT_TREND_WEEKS,
  matrix,
  MAX_TREND_WEEKS,
  routes,
  trends,
  trendsQuery,
  type Matrix,
  type Trends,
} from '../../protocol/api';
import { LIST_QUERY_KEYS, listFilters } from '../../protocol/filters';
import { userOf } from '../auth';
import { filterFromQuery, type ReportFilter } from '../domain/report-filter';
import { buildTrends, trendsSince } from '../domain/trends';
import { CSV_COLUMNS, csvRecord } from '../export/csv';
import { annotationCollection, exportContext } from '../export/jsonld';
import { HttpError } from '../errors';
import { parseOr400, readOr400 } from '../validation';
import type { RouteDeps } from './deps';

/** The filter of an export: the list's filters, without its page. */
function exportFilter(request: FastifyRequest): ReportFilter {
  const query = parseOr400(listFilters, request.query ?? {}, 'query');
  return readOr400(filterFromQuery(query, userOf(request).id));
}

/** `GET /export.csv`: every matching report, streamed as CSV. */
function exportCsv(api: FastifyInstance, { store }: RouteDeps): void {
  api.get(
    routes.exportCsv,
    {
      config: {
        auth: 'reviewer',
        doc: {
          summary: 'Every matching report as CSV',
          mediaType: 'text/csv',
          query: LIST_QUERY_KEYS,
        },
      },
    },
    async (request, reply) => {
      const filter = exportFilter(request);
      await request.audit('export', null, { format: 'csv', filters: filter });
      const rows = Readable.from(
        (async function* () {
          for await (const report of store.iterateReports(filter))
            yield csvRecord(report);
        })(),
      );
      const csv = stringify({
        header: true,
        columns: [...CSV_COLUMNS],
        bom: true,
        quoted: true, // every field, so no value can start a cell of its own (OWASP)
      });
      rows.on('error', (error) => csv.destroy(error));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          'attachment; filename="snag-reports.csv"',
        )
        .send(rows.pipe(csv));
    },
  );
}

/** `GET /export.jsonld`: every matching report as W3C Web Annotations, streamed. */
function exportJsonLd(api: FastifyInstance, { store, now }: RouteDeps): void {
  api.get(
    routes.exportJsonLd,
    {
      config: {
        auth: 'reviewer',
        doc: {
          summary: 'Every matching report as W3C Web Annotations',
          mediaType: 'application/ld+json',
          query: LIST_QUERY_KEYS,
        },
      },
    },
    async (request, reply) => {
      const filter = exportFilter(request);
      await request.audit('export', null, {
        format: 'jsonld',
        filters: filter,
      });
      return reply
        .header(
          'content-type',
          'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
        )
        .header(
          'content-disposition',
          'attachment; filename="snag-annotations.jsonld"',
        )
        .send(
          Readable.from(
            annotationCollection(
              store.iterateReports(filter),
              exportContext({
                origin: `${request.protocol}://${request.host}`,
                path: request.url,
                at: now(),
              }),
            ),
          ),
        );
    },
  );
}

/** `GET /stats/matrix` and `GET /stats/trends`. */
function statistics(api: FastifyInstance, { store, now }: RouteDeps): void {
  api.get(
    routes.matrix,
    {
      config: {
        auth: 'reviewer',
        doc: {
          summary: 'Open reports by usability severity × security risk',
          response: matrix,
        },
      },
    },
    async (): Promise<Matrix> => {
      const cells = await store.matrix();
      return { cells, total: cells.reduce((sum, c) => sum + c.count, 0) };
    },
  );

  api.get(
    routes.trends,
    {
      config: {
        auth: 'reviewer',
        doc: {
          summary:
            'Reports per ISO week by service and problem; top workarounds',
          query: ['weeks'],
          response: trends,
        },
      },
    },
    async (request): Promise<Trends> => {
      const q = parseOr400(trendsQuery, request.query ?? {}, 'query');
      const weeks =
        q.weeks === undefined ? DEFAULT_TREND_WEEKS : Number(q.weeks);
      if (weeks < 1 || weeks > MAX_TREND_WEEKS)
        throw new HttpError(
          400,
          `query.weeks: between 1 and ${MAX_TREND_WEEKS}`,
        );
      const at = now();
      const rows = await store.trendRows(trendsSince(at, weeks).toISOString());
      return buildTrends(rows, at, weeks);
    },
  );
}

/** `/export.csv`, `/export.jsonld`, `/stats/matrix`, `/stats/trends`. */
export const reviewRoutes: FastifyPluginAsync<RouteDeps> = async (
  api,
  deps,
) => {
  exportCsv(api, deps);
  exportJsonLd(api, deps);
  statistics(api, deps);
};
