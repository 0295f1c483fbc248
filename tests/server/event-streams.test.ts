/**
 * Open `/events` streams last only as long as the right to read them: revocation, a role
 * change, signing out and session expiry close them at once, on every instance.
 */
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { openStore } from '../../server/store/open';
import type { PostgresDriver } from '../../server/store/postgres';
import { mintUser } from '../../server/tokens';
import {
  openTestApp,
  STORE_KINDS,
  TEST_NOW,
  testConfig,
  type TestApp,
} from './support/harness';
import { makeReport } from './support/reports';

/** Servers listening for a test, whose idle keep-alive sockets would hold close() open. */
const listening: Array<{ closeAllConnections(): void }> = [];

/** A listening copy of the app, and its address. */
async function listen(app: TestApp['app']): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  listening.push(app.server);
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** Opens a stream; `ended` settles when the server closes it. */
async function openStream(
  url: string,
  headers: Record<string, string>,
): Promise<{ ended: Promise<void>; abort(): void; seen(): string }> {
  const controller = new AbortController();
  const res = await fetch(`${url}/api/v1/events`, {
    headers,
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  const reader = res.body?.getReader();
  if (!reader) throw new Error('no stream');
  // The server's first words: the stream is registered before the test acts on it.
  await reader.read();
  let text = '';
  const decoder = new TextDecoder();
  const ended = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      text += decoder.decode(value);
    }
  })();
  return { ended, abort: () => controller.abort(), seen: () => text };
}

/** Whether `promise` settles before the server has had a chance to act. */
async function settlesSoon(promise: Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), 2000);
  });
  const result = await Promise.race([promise.then(() => true), late]);
  clearTimeout(timer);
  return result;
}

describe.each(STORE_KINDS)('event streams close with access (%s)', (kind) => {
  const open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const server of listening.splice(0)) server.closeAllConnections();
    for (const t of open.splice(0)) await t.close();
  });

  it('closes when the user is revoked, and not before', async () => {
    const t = await openTestApp(kind);
    open.push(t);
    const url = await listen(t.app);
    const stream = await openStream(url, t.reviewer.auth);
    const other = await openStream(url, t.admin.auth);
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/users/${t.reviewer.user.id}`,
      headers: t.admin.auth,
    });
    expect(revoke.statusCode).toBeLessThan(300);
    expect(await settlesSoon(stream.ended)).toBe(true);
    expect(await settlesSoon(other.ended)).toBe(false);
    other.abort();
  });

  it('closes when a sign-in takes the reviewer role away', async () => {
    const t = await openTestApp(kind);
    open.push(t);
    const url = await listen(t.app);
    const { user, token } = mintUser('Sam Sso', 'reviewer', null, TEST_NOW);
    const signIn = (role: 'reviewer' | 'reporter') =>
      t.store.applyProviderSignIn({
        issuer: 'https://idp.example',
        subject: 'sam',
        name: 'Sam Sso',
        role,
        linkUserId: null,
        at: TEST_NOW.toISOString(),
        newUser: user,
      });
    expect((await signIn('reviewer')).kind).toBe('signed-in');
    const stream = await openStream(url, { authorization: `Bearer ${token}` });
    await signIn('reporter');
    expect(await settlesSoon(stream.ended)).toBe(true);
  });

  it('closes when the dashboard session signs out or expires', async () => {
    let clock = TEST_NOW.getTime();
    const t = await openTestApp(
      kind,
      { sessionTtlMs: 60_000 },
      () => new Date(clock),
    );
    open.push(t);
    const url = await listen(t.app);
    const session = async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { token: t.reviewer.token },
      });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies[0];
      if (!cookie) throw new Error('no cookie');
      return {
        cookie: `${cookie.name}=${cookie.value}`,
        csrf: res.json<{ csrfToken: string }>().csrfToken,
      };
    };
    const first = await session();
    const signedOut = await openStream(url, { cookie: first.cookie });
    await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { cookie: first.cookie, 'x-csrf-token': first.csrf },
    });
    expect(await settlesSoon(signedOut.ended)).toBe(true);

    const second = await session();
    // Open the stream 50 ms before the session ends: it must end with it.
    clock += 60_000 - 50;
    const expiring = await openStream(url, { cookie: second.cookie });
    expect(await settlesSoon(expiring.ended)).toBe(true);
  });

  // Several instances share one database only on PostgreSQL; SQLite's file is one server's.
  if (kind === 'postgres')
    it('closes on another instance sharing the database', async () => {
      const t = await openTestApp(kind);
      open.push(t);
      const store = await openStore(t.location);
      // As `serve` does: the instance listens for the others' changes before it takes requests.
      await (store.driver as PostgresDriver).listen();
      const second = await buildApp({
        store,
        config: testConfig(),
        now: () => new Date(TEST_NOW),
      });
      open.push({
        async close() {
          await second.close();
          await store.close();
        },
      });
      const url = await listen(second);
      const stream = await openStream(url, t.reviewer.auth);
      // A report filed on the first instance reaching this stream shows that the second
      // instance is listening before access changes.
      const report = makeReport({}, 1);
      await t.app.inject({
        method: 'PUT',
        url: `/api/v1/reports/${report.id}`,
        headers: t.reporter.auth,
        payload: report,
      });
      await expect
        .poll(() => stream.seen(), { interval: 20, timeout: 5000 })
        .toContain(report.id);
      await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/users/${t.reviewer.user.id}`,
        headers: t.admin.auth,
      });
      expect(await settlesSoon(stream.ended)).toBe(true);
    });
});
