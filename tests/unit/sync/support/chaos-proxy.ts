// A reverse proxy in front of a real Snag server that misbehaves on purpose, one fault per
// request from a schedule: the network a council laptop meets on a bad day.
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does to one request. */
export type Fault =
  /** Pass it through untouched. */
  | 'ok'
  /** Answer 500 without forwarding. */
  | 'fail500'
  /** Drop the connection before the server sees the request. */
  | 'dropBefore'
  /** Forward it, let the server commit, then drop the connection instead of answering. */
  | 'dropAfter'
  /** Forward it, then answer only after the client has given up waiting. */
  | 'delay'
  /** Forward it twice, and answer with the second response. */
  | 'duplicate'
  /** Hold it back and forward it only after the next request has reached the server. */
  | 'reorder';

/** Every fault the proxy knows. */
export const FAULTS: readonly Fault[] = [
  'ok',
  'fail500',
  'dropBefore',
  'dropAfter',
  'delay',
  'duplicate',
  'reorder',
];

interface Upstream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** The header that names a request, so the proxy can tell its client to stop waiting for it. */
export const REQUEST_ID_HEADER = 'x-chaos-request';

/** How the proxy is set up. */
export interface ChaosProxyOptions {
  /**
   * How long a request held back by 'reorder' waits for the next one before it goes on
   * anyway, and how long a 'delay' waits for its client to hang up.
   */
  holdMs: number;
  /**
   * Makes the client give up on the request named `id` (its {@link REQUEST_ID_HEADER}) now,
   * as its timeout would. The proxy calls it for 'delay' and 'reorder', so a client never
   * has to race a real timer against a real server to see a timeout.
   */
  timeOut: (id: string) => void;
}

/** A running proxy. */
export interface ChaosProxy {
  url: string;
  /** Faults for the next requests, in order; once used up, every request passes. */
  schedule(faults: Fault[]): void;
  /** Requests seen so far. */
  readonly requests: number;
  /** Resolves once no request is held, delayed or in flight. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((done, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => done(Buffer.concat(chunks)));
    req.on('error', fail);
  });

/** Resolves when the client hangs up, or after `ms` at the latest. */
const hangUp = (res: ServerResponse, ms: number) =>
  new Promise<void>((done) => {
    if (res.destroyed) return done();
    const timer = setTimeout(done, ms);
    res.once('close', () => {
      clearTimeout(timer);
      done();
    });
  });

/** Sends a request on to `upstream` and reads its whole answer. */
const forwardTo = (upstream: URL, req: IncomingMessage, body: Buffer) =>
  new Promise<Upstream>((done, fail) => {
    const out = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (res) => {
        void readBody(res).then(
          (b) =>
            done({
              status: res.statusCode ?? 502,
              headers: res.headers,
              body: b,
            }),
          fail,
        );
      },
    );
    out.on('error', fail);
    out.end(body);
  });

/** Passes the server's answer back, unless the client has hung up. */
const reply = (res: ServerResponse, up: Upstream) => {
  if (res.destroyed || res.writableEnded) return;
  const headers = { ...up.headers };
  delete headers['transfer-encoding'];
  delete headers.connection;
  res.writeHead(up.status, headers).end(up.body);
};

/** One request through the proxy, and what the proxy can do with it. */
interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  /** Sends the request on to the server (again, if called twice). */
  forward: () => Promise<Upstream>;
  /** Lets requests held back by 'reorder' go on. */
  releaseHeld: () => void;
  /** Holds this request back until the next one is forwarded, or `holdMs` at most. */
  holdBack: () => Promise<void>;
  /** Tells the client to stop waiting for this request, as its timeout would. */
  giveUp: () => void;
  holdMs: number;
}

/** Does to one request what its fault says. */
async function misbehave(fault: Fault, x: Exchange): Promise<void> {
  switch (fault) {
    case 'fail500':
      x.releaseHeld();
      x.res.writeHead(500, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          error: { code: 'internal', message: 'Injected failure' },
        }),
      );
      return;
    case 'dropBefore':
      x.req.socket.destroy();
      x.releaseHeld();
      return;
    case 'dropAfter':
      await x.forward();
      x.releaseHeld();
      x.req.socket.destroy();
      return;
    case 'delay': {
      const up = await x.forward();
      x.releaseHeld();
      x.giveUp();
      await hangUp(x.res, x.holdMs);
      reply(x.res, up);
      return;
    }
    case 'duplicate': {
      await x.forward();
      const second = await x.forward();
      x.releaseHeld();
      reply(x.res, second);
      return;
    }
    case 'reorder':
      // The client gives up at once; the request is forwarded late, after the next one, or
      // after a while if no other comes.
      x.giveUp();
      await x.holdBack();
      reply(x.res, await x.forward());
      return;
    default: {
      const up = await x.forward();
      x.releaseHeld();
      reply(x.res, up);
    }
  }
}

/** Starts a proxy to `target` (an origin). */
export async function startChaosProxy(
  target: string,
  { holdMs, timeOut }: ChaosProxyOptions,
): Promise<ChaosProxy> {
  const upstream = new URL(target);
  let queue: Fault[] = [];
  let count = 0;
  // Requests held back by 'reorder', released after the next request is forwarded.
  let held: (() => void)[] = [];
  let active = 0;
  let whenIdle: (() => void)[] = [];
  const settle = () => {
    if (--active > 0) return;
    const waiting = whenIdle;
    whenIdle = [];
    for (const done of waiting) done();
  };
  const releaseHeld = () => {
    const waiting = held;
    held = [];
    for (const go of waiting) go();
  };
  const holdBack = () =>
    new Promise<void>((go) => {
      held.push(go);
      setTimeout(go, holdMs);
    });

  const server: Server = createServer((req, res) => {
    active++;
    void (async () => {
      const body = await readBody(req);
      const fault = queue.shift() ?? 'ok';
      count++;
      const id = req.headers[REQUEST_ID_HEADER];
      const giveUp = () => {
        if (typeof id === 'string') timeOut(id);
      };
      const forward = () => forwardTo(upstream, req, body);
      await misbehave(fault, {
        req,
        res,
        forward,
        releaseHeld,
        holdBack,
        giveUp,
        holdMs,
      }).catch(() => req.socket.destroy());
    })().finally(settle);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    schedule(faults) {
      queue = [...faults];
    },
    get requests() {
      return count;
    },
    idle: () =>
      active === 0
        ? Promise.resolve()
        : new Promise<void>((done) => whenIdle.push(done)),
    close: () =>
      new Promise((done) => {
        releaseHeld();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
