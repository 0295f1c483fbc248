/**
 * The outbound POST every webhook goes through. The host name is resolved once per delivery,
 * the address checked against the allow-list, and the connection made to that same address
 * (so a second, different DNS answer cannot swap it). Redirects are not followed, a receiver
 * that hangs is cut off, and only the first bytes of an answer are read.
 */
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { refusal, type AllowList } from './allow';

/** Resolves a host name to its addresses. */
export type Resolver = (
  host: string,
) => Promise<Array<{ address: string; family: number }>>;

/** The system resolver. */
export const systemResolver: Resolver = (host) =>
  lookup(host, { all: true, verbatim: true });

/** How to send. */
export interface SendOptions {
  allow: AllowList;
  /** Cut-off for the whole exchange. */
  timeoutMs: number;
  /** Most bytes of an answer read. */
  maxBytes: number;
  resolve?: Resolver;
}

/** What happened. */
export type SendResult =
  | { kind: 'answered'; status: number; latencyMs: number; body: string }
  | { kind: 'refused'; message: string }
  | { kind: 'failed'; message: string; latencyMs: number };

/**
 * Connections are kept open between deliveries. A kept socket is connected to an address that
 * was checked when it was opened, and each delivery still resolves and checks its host first.
 */
const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 32, timeout: 30_000 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 32, timeout: 30_000 }),
};

/** How much of an answer the delivery log keeps. */
export const LOGGED_BYTES = 500;

/** Why a URL cannot be a webhook target at all, or null. */
export function urlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'This is not a web address; it should start with https://';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return 'The address must start with https:// (or http:// for an internal host)';
  if (url.username || url.password)
    return 'The address must not contain a user name or password';
  return null;
}

/** The host as DNS knows it (no IPv6 brackets). */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/**
 * Resolves `url`'s host once and answers the address to connect to, or why not.
 */
export async function pickAddress(
  url: URL,
  allow: AllowList,
  resolve: Resolver = systemResolver,
): Promise<{ address: string; family: number } | { refused: string }> {
  const host = hostOf(url);
  let answers: Array<{ address: string; family: number }>;
  if (isIP(host)) answers = [{ address: host, family: isIP(host) }];
  else {
    try {
      answers = await resolve(host);
    } catch {
      return { refused: `${host} could not be found (DNS lookup failed)` };
    }
  }
  if (answers.length === 0)
    return { refused: `${host} could not be found (DNS lookup failed)` };
  // Every answer must be allowed: otherwise which one is used would decide.
  for (const a of answers) {
    const why = refusal(allow, host, a.address);
    if (why) return { refused: why };
  }
  return answers[0] as { address: string; family: number };
}

/** Reads an answer up to `maxBytes`, then hands on its status and first logged bytes. */
function readAnswer(
  response: http.IncomingMessage,
  maxBytes: number,
  settle: (status: number, text: string) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  const done = () => {
    if (settled) return;
    settled = true;
    const text = Buffer.concat(chunks)
      .subarray(0, LOGGED_BYTES)
      .toString('utf8');
    settle(response.statusCode ?? 0, text);
  };
  response.on('data', (chunk: Buffer) => {
    const room = maxBytes - size;
    size += chunk.length;
    chunks.push(room >= chunk.length ? chunk : chunk.subarray(0, room));
    if (size > maxBytes) {
      // Enough has been read; the rest is not wanted.
      response.destroy();
      done();
    }
  });
  response.on('end', done);
  response.on('error', done);
}

/** POSTs `body` to `rawUrl` under the rules above. */
export async function postJson(
  rawUrl: string,
  body: string,
  headers: Record<string, string>,
  options: SendOptions,
): Promise<SendResult> {
  const problem = urlProblem(rawUrl);
  if (problem) return { kind: 'refused', message: problem };
  const url = new URL(rawUrl);
  const picked = await pickAddress(url, options.allow, options.resolve);
  if ('refused' in picked) return { kind: 'refused', message: picked.refused };
  const pinned: LookupFunction = (_host, opts, cb) => {
    if ((opts as { all?: boolean }).all)
      (cb as unknown as (e: null, a: (typeof picked)[]) => void)(null, [
        picked,
      ]);
    else cb(null, picked.address, picked.family);
  };
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise<SendResult>((done) => {
    const tls = url.protocol === 'https:';
    const client = tls ? https : http;
    const request = client.request(url, {
      method: 'POST',
      lookup: pinned,
      headers: {
        ...headers,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'Snag-Webhooks/1',
      },
      servername: isIP(hostOf(url)) ? undefined : hostOf(url),
      agent: tls ? agents.https : agents.http,
    });
    let finished = false;
    const finish = (result: SendResult) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      done(result);
    };
    const timer = setTimeout(() => {
      finish({
        kind: 'failed',
        message: `The receiver did not answer within ${options.timeoutMs} ms`,
        latencyMs: elapsed(),
      });
      request.destroy();
    }, options.timeoutMs);
    request.on('error', (error) =>
      finish({ kind: 'failed', message: error.message, latencyMs: elapsed() }),
    );
    request.on('response', (response) =>
      readAnswer(response, options.maxBytes, (status, text) =>
        finish(
          status >= 300 && status < 400
            ? {
                kind: 'failed',
                message: `The receiver answered ${status}, a redirect, which is not followed`,
                latencyMs: elapsed(),
              }
            : { kind: 'answered', status, latencyMs: elapsed(), body: text },
        ),
      ),
    );
    request.end(body);
  });
}
