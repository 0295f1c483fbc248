/**
 * `GET /events`: server-sent events telling dashboards which report was made or changed, so
 * they stay current without polling.
 */
import type { FastifyPluginAsync } from 'fastify';
import { routes, type ReportEvent } from '../../protocol/api';
import { userOf } from '../auth';
import { HttpError } from '../errors';
import type { RouteDeps } from './deps';

const HEARTBEAT_MS = 25_000;
/** Open event streams the server keeps at most: each holds a socket for as long as it lasts. */
const MAX_STREAMS = 500;
/** Per account: a reviewer with many dashboard tabs, but not one client opening without end. */
const MAX_STREAMS_PER_USER = 10;

/** One event as a server-sent event frame; its data is what {@link ReportEvent} carries. */
function frame(event: ReportEvent): string {
  const data = { id: event.id, serverSeq: event.serverSeq };
  return `event: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** `/events`. */
export const eventRoutes: FastifyPluginAsync<RouteDeps> = async (
  api,
  { store },
) => {
  // Open event streams, ended when the server shuts down so that close does not wait on them.
  const streams = new Set<NodeJS.WritableStream & { end(): void }>();
  const streamsByUser = new Map<string, number>();
  const unsubscribe = store.onEvent((event) => {
    const text = frame(event);
    for (const stream of streams) stream.write(text);
  });
  api.addHook('preClose', async () => {
    unsubscribe();
    for (const stream of streams) stream.end();
    streams.clear();
  });

  api.get(
    routes.events,
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
