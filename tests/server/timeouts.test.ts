/**
 * Slow clients are cut off: trickled headers, a trickled body (on the unauthenticated
 * `POST /session` too) and a silent connection, over a raw socket with small injected limits.
 */
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../server/config';
import { openTestApp, type TestApp } from './support/harness';

/** Opens a socket and collects what the server says until it closes the connection. */
function open(port: number): { socket: Socket; closed: Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (chunk) => (answer += chunk.toString()));
  socket.on('error', () => undefined);
  const closed = new Promise<string>((resolve) =>
    socket.on('close', () => resolve(answer)),
  );
  return { socket, closed };
}

/** Writes one byte of `text` every `everyMs` until the socket closes; answers how many went. */
function trickle(socket: Socket, text: string, everyMs = 50): Promise<number> {
  return new Promise((resolve) => {
    let sent = 0;
    const timer = setInterval(() => {
      if (socket.destroyed || sent >= text.length) {
        clearInterval(timer);
        resolve(sent);
        return;
      }
      socket.write(text[sent++] ?? '');
    }, everyMs);
    socket.on('close', () => {
      clearInterval(timer);
      resolve(sent);
    });
  });
}

describe('timeouts', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await openTestApp('sqlite', {
      timeouts: { headersMs: 300, requestMs: 600, idleMs: 1_000 },
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('reads the limits from the environment, in seconds', () => {
    expect(configFromEnv({}).timeouts).toEqual({
      headersMs: 10_000,
      requestMs: 60_000,
      idleMs: 60_000,
    });
    expect(
      configFromEnv({ SNAG_HEADERS_TIMEOUT: '5', SNAG_REQUEST_TIMEOUT: '30' })
        .timeouts,
    ).toMatchObject({ headersMs: 5_000, requestMs: 30_000 });
    expect(() => configFromEnv({ SNAG_HEADERS_TIMEOUT: '0' })).toThrow(
      /at least one second/,
    );
    expect(() =>
      configFromEnv({ SNAG_HEADERS_TIMEOUT: '90', SNAG_REQUEST_TIMEOUT: '60' }),
    ).toThrow(/must not exceed/);
  });

  it('cuts off headers that never end', async () => {
    const { socket, closed } = open(port);
    // 2,000 bytes at one per 50 ms would take 100 s; the limit is far shorter.
    const headers = `GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(2_000)}`;
    const sent = await trickle(socket, headers);
    expect(sent).toBeLessThan(headers.length);
    expect(await closed).toMatch(/^HTTP\/1\.1 408|^$/);
  });

  it('cuts off a trickled body on the unauthenticated POST /session', async () => {
    const { socket, closed } = open(port);
    const body = JSON.stringify({ token: 'x'.repeat(2_000) });
    socket.write(
      `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    const sent = await trickle(socket, body);
    expect(sent).toBeLessThan(body.length);
    expect(await closed).toMatch(/^HTTP\/1\.1 408|^$/);
  });

  it('closes a connection that says nothing', async () => {
    const { closed } = open(port);
    expect(await closed).toMatch(/^HTTP\/1\.1 408|^$/);
  });

  it('still serves a prompt request', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/health/live`);
    expect(res.status).toBe(200);
  });
});
