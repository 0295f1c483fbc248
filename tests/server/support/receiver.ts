/**
 * A loopback webhook receiver for tests. It verifies every request with the `standardwebhooks`
 * package, against a clock the test controls, and answers as the test scripts it: a status, a
 * hang, a redirect or a huge body. It remembers every request and which ids it accepted.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { vi } from 'vitest';

/** How the receiver answers one request. */
export type Answer =
  number | 'verify' | 'hang' | { redirect: string } | { huge: number };

/** One request as received. */
export interface Received {
  id: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  verified: boolean;
  status: number | 'hang';
}

/** A running receiver. */
export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  /** Ids answered 2xx after verifying, in order (a repeat means a double delivery). */
  accepted: string[];
  /** Answers for the next requests, in order; after them every request is `verify`. */
  script: Answer[];
  /** The secrets a request may be signed with. */
  secrets: string[];
  /** The receiver's clock, in ms. */
  clock: () => number;
  /** Called on every request (for tests that act mid-delivery). */
  onRequest?: (r: Received) => void;
  close(): Promise<void>;
}

/** Whether any of `secrets` verifies the request at `nowMs`. */
export function verifies(
  secrets: readonly string[],
  body: string,
  headers: http.IncomingHttpHeaders,
  nowMs: number,
): boolean {
  const spy = vi.spyOn(Date, 'now').mockReturnValue(nowMs);
  try {
    return secrets.some((secret) => {
      try {
        new Webhook(secret).verify(body, headers as Record<string, string>);
        return true;
      } catch {
        return false;
      }
    });
  } finally {
    spy.mockRestore();
  }
}

/** Starts a receiver on 127.0.0.1 (on `port`, if given). */
export async function startReceiver(
  secrets: string[],
  clock: () => number,
  port = 0,
): Promise<Receiver> {
  const sockets = new Set<import('node:net').Socket>();
  const receiver: Receiver = {
    url: '',
    port: 0,
    received: [],
    accepted: [],
    script: [],
    secrets,
    clock,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answer = receiver.script.shift() ?? 'verify';
      const verified = verifies(
        receiver.secrets,
        body,
        req.headers,
        receiver.clock(),
      );
      const entry: Received = {
        id: String(req.headers['webhook-id']),
        headers: req.headers,
        body,
        verified,
        status: answer === 'hang' ? 'hang' : 0,
      };
      receiver.received.push(entry);
      receiver.onRequest?.(entry);
      if (answer === 'hang') return;
      if (typeof answer === 'object' && 'redirect' in answer) {
        entry.status = 302;
        res.writeHead(302, { location: answer.redirect }).end();
        return;
      }
      if (typeof answer === 'object' && 'huge' in answer) {
        entry.status = 200;
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('x'.repeat(answer.huge));
        return;
      }
      const status = answer === 'verify' ? (verified ? 200 : 400) : answer;
      entry.status = status;
      if (status >= 200 && status < 300) receiver.accepted.push(entry.id);
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status < 300 ? 'ok' : verified ? 'try later' : 'bad signature');
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}/hook`;
  return receiver;
}
