/**
 * What team leads see beyond single reports: exports, the severity × risk matrix, trends, and
 * the live event stream.
 */
import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { stringify } from 'csv-stringify';
import * as z from 'zod/mini';
import { userOf } from '../auth';
import { CSV_COLUMNS, csvRecord } from '../export/csv';
import { annotationCollection, exportContext } from '../export/jsonld';
import { HttpError } from '../errors';
import { parseReportQuery } from '../report-query';
import type { ReportEvent } from '../store/driver';
import { buildTrends, trendsSince } from '../trends';
import { parseOr400 } from '../validation';
import type { RouteDeps } from './deps';
import { LIST_QUERY } from './reports';

const trendsQuery = z.object({
  weeks: z.optional(
    z.string().check(z.regex(/^\d{1,3}$/, 'Expected a number')),
  ),
});
const HEARTBEAT_MS = 25_000;
/** Open event streams the server keeps at most: each holds a socket for as long as it lasts. */
const MAX_STREAMS = 500;
/** Per account: a reviewer with many dashboard tabs, but not one client opening without end. */
const MAX_STREAMS_PER_USER = 10;

/** `/export.csv`, `/export.jsonld`, `/stats/matrix`, `/stats/trends`, `/events`. */
export const reviewRoutes: FastifyPluginAsync<RouteDeps> = async (
  api,
  { store, now },
) => {
  api.get(
    '/export.csv',
    {
      config: {
        auth: 'reviewer',
        doc: {
          summary: 'Every matching report as CSV',
          mediaType: 'text/csv',
          query: LIST_QUERY,
        },
      },
    },
    async (request, reply) => {
      const { filter } = parseReportQuery(
        { ...(request.query as object), limit: undefined, cursor: undefined },
        userOf(request).id,
      );
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

  api.get(
    '/export.jsonld',
    {
      config: {
        auth: 'reviewer',
        doc: {
          summary: 'Every matching report as W3C Web Annotations',
          mediaType: 'application/ld+json',
          query: LIST_QUERY,
        },
      },
    },
    async (request, reply) => {
      const { filter } = parseReportQuery(
        { ...(request.query as object), limit: undefined, cursor: undefined },
        userOf(request).id,
      );
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

  api.get(
    '/stats/matrix',
    {
      config: {
        auth: 'reviewer',
        doc: { summary: 'Open reports by usability severity × security risk' },
      },
    },
    async () => {
      const cells = await store.matrix();
      return { cells, total: cells.reduce((sum, c) => sum + c.count, 0) };
    },
  );

  api.get(
    '/stats/trends',
    {
      config: {
        auth: 'reviewer',
        doc: {
          summary:
            'Reports per ISO week by service and problem; top workarounds',
          query: ['weeks'],
        },
      },
    },
    async (request) => {
      const q = parseOr400(trendsQuery, request.query ?? {}, 'query');
      const weeks = q.weeks === undefined ? 12 : Number(q.weeks);
      if (weeks < 1 || weeks > 104)
        throw new HttpError(400, 'query.weeks: between 1 and 104');
      const at = now();
      const rows = await store.trendRows(trendsSince(at, weeks).toISOString());
      return buildTrends(rows, at, weeks);
    },
  );

  // Open event streams, ended when the server shuts down so that close does not wait on them.
  const streams = new Set<NodeJS.WritableStream & { end(): void }>();
  const streamsByUser = new Map<string, number>();
  const unsubscribe = store.onEvent((event: ReportEvent) => {
    const frame = `event: ${event.type}\ndata: ${JSON.stringify({ id: event.id, serverSeq: event.serverSeq })}\n\n`;
    for (const stream of streams) stream.write(frame);
  });
  api.addHook('preClose', async () => {
    unsubscribe();
    for (const stream of streams) stream.end();
    streams.clear();
  });

  api.get(
    '/events',
    {
      config: {
        auth: 'reviewer',
        doc: {
          summary: 'Server-sent events: report-created, report-updated',
          mediaType: 'text/event-stream',
        },
      },
    },
    async (request, reply) => {
      const { id: userId } = userOf(request);
      const mine = streamsByUser.get(userId) ?? 0;
      if (streams.size >= MAX_STREAMS || mine >= MAX_STREAMS_PER_USER) {
        throw new HttpError(
          429,
          'Too many live-update connections are open for this account. Close some dashboard tabs, then reload.',
        );
      }
      streamsByUser.set(userId, mine + 1);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-content-type-options': 'nosniff',
      });
      res.write(': connected\n\n');
      streams.add(res);
      const heartbeat = setInterval(
        () => res.write(': keep-alive\n\n'),
        HEARTBEAT_MS,
      );
      heartbeat.unref();
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        streams.delete(res);
        const left = (streamsByUser.get(userId) ?? 1) - 1;
        if (left > 0) streamsByUser.set(userId, left);
        else streamsByUser.delete(userId);
      });
    },
  );
};
