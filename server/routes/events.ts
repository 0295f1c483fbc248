/**
 * `GET /events`: server-sent events telling dashboards which report was made or changed, so
 * they stay current without polling. A stream lasts only as long as the right to read it: it
 * closes at once when its user is revoked, loses the role, signs out or their session or device
 * token expires, on whichever instance that happens (the store carries access changes to every
 * instance, as it carries report changes).
 */
import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { roleAllows, routes, type ReportEvent } from '../../protocol/api';
import { standingCredential, userOf } from '../auth';
import { HttpError } from '../errors';
import type { RouteDeps } from './deps';

const HEARTBEAT_MS = 25_000;
/**
 * How often every stream checks its credential even without an access event: a token
 * revoked from the command line against SQLite is seen by no listener in this process.
 */
export const ACCESS_RECHECK_MS = 10_000;
/** Open event streams the server keeps at most: each holds a socket for as long as it lasts. */
const MAX_STREAMS = 500;
/** Per account: a reviewer with many dashboard tabs, but not one client opening without end. */
const MAX_STREAMS_PER_USER = 10;
/** The longest a timer may be set for (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** One event as a server-sent event frame; its data is what {@link ReportEvent} carries. */
function frame(event: ReportEvent): string {
  const data = { id: event.id, serverSeq: event.serverSeq };
  return `event: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** An open stream, and how it checks that it may stay open. */
interface Stream {
  userId: string;
  write(text: string): void;
  end(): void;
  /** Checks the credential again; ends the stream if it no longer holds. */
  recheck(): Promise<void>;
}

/** What a stream needs to know to keep itself open only while it may. */
interface StreamOptions {
  userId: string;
  /** When the session or device token ends, if it does. */
  expiresAt: string | null;
  now: () => Date;
  /** Checks the credential again. */
  stillAllowed(): Promise<boolean>;
  /** Called once, however the stream ends. */
  onEnd(): void;
}

/** Writes the stream's head and keeps it alive until it ends, for whatever reason. */
function startStream(
  res: ServerResponse,
  request: FastifyRequest,
  options: StreamOptions,
): Stream {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-content-type-options': 'nosniff',
  });
  res.write(': connected\n\n');
  const heartbeat = setInterval(
    () => res.write(': keep-alive\n\n'),
    HEARTBEAT_MS,
  );
  heartbeat.unref();
  // The session or device token ends at a known instant: close then, not at the next sweep.
  const { expiresAt } = options;
  const expiry = expiresAt
    ? setTimeout(
        () => stream.end(),
        Math.min(
          MAX_TIMER_MS,
          Math.max(0, Date.parse(expiresAt) - options.now().getTime()),
        ),
      )
    : null;
  expiry?.unref();
  let open = true;
  const cleanup = () => {
    if (!open) return;
    open = false;
    clearInterval(heartbeat);
    if (expiry) clearTimeout(expiry);
    options.onEnd();
  };
  const stream: Stream = {
    userId: options.userId,
    write: (text) => res.write(text),
    end: () => {
      cleanup();
      res.end();
    },
    recheck: async () => {
      // A database hiccup is not a revocation: the next event or sweep asks again.
      const still = await options.stillAllowed().catch(() => true);
      if (!still) stream.end();
    },
  };
  request.raw.on('close', cleanup);
  res.on('close', cleanup);
  return stream;
}

/** Whether the request's credential still admits it, and until when. */
async function standing(
  store: RouteDeps['store'],
  request: FastifyRequest,
  at: Date,
): Promise<{ ok: boolean; expiresAt: string | null }> {
  const credential = await standingCredential(store, request, at);
  const ok =
    credential !== null &&
    credential.user.revokedAt === null &&
    roleAllows(credential.user.role, 'reviewer');
  return { ok, expiresAt: credential?.expiresAt ?? null };
}

/** `/events`. */
export const eventRoutes: FastifyPluginAsync<RouteDeps> = async (
  api,
  { store, now },
) => {
  // Open event streams, ended when the server shuts down so that close does not wait on them.
  const streams = new Set<Stream>();
  const streamsByUser = new Map<string, number>();
  const unsubscribe = store.onEvent((event) => {
    if (event.type === 'access-changed') {
      for (const stream of streams)
        if (!event.userId || event.userId === stream.userId)
          void stream.recheck();
      return;
    }
    const text = frame(event);
    for (const stream of streams) stream.write(text);
  });
  // Changes made on other instances (and, on PostgreSQL, this one's) arrive by the store's
  // events: a stream opened before they can arrive would miss a revocation.
  await store.eventsReady();
  const sweep = setInterval(() => {
    for (const stream of streams) void stream.recheck();
  }, ACCESS_RECHECK_MS);
  sweep.unref();
  api.addHook('preClose', async () => {
    unsubscribe();
    clearInterval(sweep);
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
      const first = await standing(store, request, now());
      streamsByUser.set(userId, mine + 1);
      reply.hijack();
      const stream = startStream(reply.raw, request, {
        userId,
        expiresAt: first.expiresAt,
        now,
        stillAllowed: async () => (await standing(store, request, now())).ok,
        onEnd: () => {
          streams.delete(stream);
          const left = (streamsByUser.get(userId) ?? 1) - 1;
          if (left > 0) streamsByUser.set(userId, left);
          else streamsByUser.delete(userId);
        },
      });
      streams.add(stream);
    },
  );
};
