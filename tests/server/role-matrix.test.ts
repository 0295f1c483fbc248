/**
 * Every API route × every kind of caller, over a real socket. The table below must list
 * exactly the routes the server registers, so a new route cannot ship without a role.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v4 as uuidv4 } from 'uuid';
import type { Role } from '../../protocol/api';
import {
  addUser,
  openTestApp,
  TEST_NOW,
  type TestApp,
  type TestUser,
} from './support/harness';
import { makeReport, TINY_PNG } from './support/reports';
import { readSignInSettings } from '../../server/sign-in/settings';
import { pkceChallenge } from '../../server/domain/sign-in';
import { hashToken } from '../../server/tokens';
import { ssoEnv } from './support/sso';
import { readDeliverySettings } from '../../server/deliveries/settings';
import { subscribe } from './support/deliveries';

type Access = 'public' | 'session' | Role;

/** Route → who may call it. */
const ROUTE_ACCESS: Record<string, Access> = {
  'GET /api/v1/health': 'public',
  'GET /api/v1/health/live': 'public',
  'GET /api/v1/health/ready': 'public',
  'GET /api/v1/config': 'public',
  'GET /api/v1/openapi.json': 'public',
  'POST /api/v1/session': 'public',
  'GET /api/v1/session': 'session',
  'DELETE /api/v1/session': 'session',
  'GET /api/v1/me': 'reporter',
  'PUT /api/v1/reports/:id': 'reporter',
  'GET /api/v1/reports/:id': 'reporter',
  'GET /api/v1/reports': 'reporter',
  'GET /api/v1/changes': 'reporter',
  'POST /api/v1/reports/:id/comments': 'reporter',
  'PUT /api/v1/reports/:id/votes/me': 'reporter',
  'DELETE /api/v1/reports/:id/votes/me': 'reporter',
  'PATCH /api/v1/reports/:id/triage': 'reviewer',
  'POST /api/v1/reports/:id/redactions': 'reviewer',
  'DELETE /api/v1/reports/:id/personal-data': 'reviewer',
  'PUT /api/v1/reports/:id/anchoring': 'reporter',
  'PUT /api/v1/reports/:id/screenshot': 'reporter',
  'GET /api/v1/reports/:id/screenshot': 'reporter',
  'GET /api/v1/export.csv': 'reviewer',
  'GET /api/v1/export.jsonld': 'reviewer',
  'GET /api/v1/stats/matrix': 'reviewer',
  'GET /api/v1/stats/trends': 'reviewer',
  'GET /api/v1/events': 'reviewer',
  'GET /api/v1/users': 'admin',
  'POST /api/v1/users': 'admin',
  'DELETE /api/v1/users/:id': 'admin',
  'GET /api/v1/services': 'admin',
  'PUT /api/v1/services': 'admin',
  'POST /api/v1/services/reapply': 'admin',
  'GET /api/v1/auth/methods': 'public',
  'POST /api/v1/auth/token': 'public',
  'POST /api/v1/auth/revoke': 'public',
  'POST /api/v1/auth/link-ticket': 'reporter',
  'GET /api/v1/devices': 'admin',
  'DELETE /api/v1/devices/:id': 'admin',
  'GET /api/v1/deploy': 'admin',
  'GET /api/v1/audit': 'admin',
  'GET /api/v1/audit.csv': 'admin',
  'GET /api/v1/webhooks': 'admin',
  'POST /api/v1/webhooks': 'admin',
  'PATCH /api/v1/webhooks/:id': 'admin',
  'DELETE /api/v1/webhooks/:id': 'admin',
  'POST /api/v1/webhooks/:id/rotate': 'admin',
  'POST /api/v1/webhooks/:id/test': 'admin',
  'GET /api/v1/webhooks/:id/deliveries': 'admin',
  'POST /api/v1/webhooks/:id/deliveries/:deliveryId/redeliver': 'admin',
  'GET /api/v1/webhooks/allow': 'admin',
  'PUT /api/v1/webhooks/allow': 'admin',
  'POST /api/v1/webhooks/check': 'admin',
  'GET /api/v1/me/notifications': 'reporter',
  'PUT /api/v1/me/notifications': 'reporter',
};

const RANK: Record<Role, number> = { reporter: 0, reviewer: 1, admin: 2 };
const CALLERS = [
  'none',
  'bad',
  'revoked-reporter',
  'revoked-admin',
  'reporter',
  'reviewer',
  'admin',
] as const;
type Caller = (typeof CALLERS)[number];

describe('role matrix', () => {
  let t: TestApp;
  let base: string;
  const own: Record<Role, string> = { reporter: '', reviewer: '', admin: '' };
  let revoked: Record<'reporter' | 'admin', TestUser>;

  beforeAll(async () => {
    // Single sign-on is configured (never contacted here) so its routes have something to do.
    t = await openTestApp('sqlite', {
      signIn: readSignInSettings(ssoEnv('https://idp.example.gov.uk/')),
      deliveries: readDeliverySettings({ SNAG_WEBHOOK_ALLOW: '127.0.0.0/8' }),
    });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    for (const [role, user] of [
      ['reporter', t.reporter],
      ['reviewer', t.reviewer],
      ['admin', t.admin],
    ] as const) {
      const report = makeReport();
      await t.store.putReport(report, user.user, TEST_NOW.toISOString());
      own[role] = report.id;
    }
    revoked = {
      reporter: await addUser(t.store, 'Gone', 'reporter'),
      admin: await addUser(t.store, 'Gone Admin', 'admin'),
    };
    await t.store.revokeUser(revoked.reporter.user.id, TEST_NOW.toISOString());
    await t.store.revokeUser(revoked.admin.user.id, TEST_NOW.toISOString());
  });
  afterAll(() => t.close());

  it('covers exactly the routes the server registers', () => {
    const registered = t.app.apiRoutes
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(registered).toEqual(Object.keys(ROUTE_ACCESS).sort());
    for (const route of t.app.apiRoutes)
      expect(route.auth, `${route.method} ${route.url}`).toBe(
        ROUTE_ACCESS[`${route.method} ${route.url}`],
      );
  });

  /** A signed-in device of a new user, made through the store as the broker would. */
  async function newDevice(): Promise<string> {
    const user = await addUser(t.store, 'Device owner', 'reporter');
    const verifier = 'v'.repeat(43);
    const id = uuidv4();
    const at = TEST_NOW.toISOString();
    await t.store.saveCode({
      codeHash: hashToken(`code${id}`),
      userId: user.user.id,
      clientRedirect: 'https://x.chromiumapp.org/',
      clientChallenge: pkceChallenge(verifier),
      deviceName: 'Test device',
      providerRefresh: null,
      createdAt: at,
      expiresAt: new Date(TEST_NOW.getTime() + 60_000).toISOString(),
    });
    const later = new Date(TEST_NOW.getTime() + 3_600_000).toISOString();
    const outcome = await t.store.exchangeCode(
      hashToken(`code${id}`),
      { verifier, redirectUri: 'https://x.chromiumapp.org/' },
      {
        id,
        tokens: {
          access: { hash: hashToken(`a${id}`), expiresAt: later },
          refresh: { hash: hashToken(`r${id}`), expiresAt: later },
        },
      },
      at,
    );
    if (outcome.kind !== 'issued') throw new Error(outcome.message);
    return id;
  }

  function headersFor(caller: Caller): Record<string, string> {
    switch (caller) {
      case 'none':
        return {};
      case 'bad':
        return { authorization: 'Bearer this-is-not-a-real-token-at-all' };
      case 'revoked-reporter':
        return revoked.reporter.auth;
      case 'revoked-admin':
        return revoked.admin.auth;
      default:
        return t[caller].auth;
    }
  }

  /** A request that would succeed for an allowed caller, so only the role decides. */
  async function requestFor(
    method: string,
    url: string,
    caller: Caller,
  ): Promise<Response> {
    const role: Role =
      caller === 'reviewer' || caller === 'admin' ? caller : 'reporter';
    let path = url.replace(
      ':id',
      url.startsWith('/api/v1/users')
        ? (await addUser(t.store, 'Temp', 'reporter')).user.id
        : url === '/api/v1/devices/:id'
          ? await newDevice()
          : own[role],
    );
    let body: BodyInit | undefined;
    const headers: Record<string, string> = { ...headersFor(caller) };
    if (url.startsWith('/api/v1/webhooks/:id')) {
      const hook = await subscribe(t.store, 'http://127.0.0.1:9/hook');
      const delivery = await t.store.webhooks.enqueueTest(
        hook.id,
        TEST_NOW.getTime(),
      );
      path = url.replace(':id', hook.id).replace(':deliveryId', delivery ?? '');
    }
    if (url === '/api/v1/webhooks' && method === 'POST')
      body = JSON.stringify({
        url: 'http://127.0.0.1:9/hook',
        kind: 'standard',
        events: ['report.created'],
      });
    else if (url === '/api/v1/webhooks/check')
      body = JSON.stringify({ url: 'http://127.0.0.1:9/hook' });
    else if (url === '/api/v1/webhooks/allow' && method === 'PUT')
      body = JSON.stringify({ entries: ['hooks.example.org'] });
    else if (url === '/api/v1/me/notifications' && method === 'PUT')
      body = JSON.stringify({
        email: 'someone@example.org',
        language: 'cy',
        digest: 'off',
        youSaidWeDid: true,
      });
    else if (url.startsWith('/api/v1/webhooks/:id') && method !== 'GET')
      body = method === 'PATCH' ? JSON.stringify({ paused: true }) : undefined;
    else if (method === 'PUT' && url === '/api/v1/reports/:id') {
      const report = makeReport();
      path = `/api/v1/reports/${report.id}`;
      body = JSON.stringify(report);
    } else if (url.endsWith('/screenshot') && method === 'PUT') {
      body = TINY_PNG;
      headers['content-type'] = 'image/png';
    } else if (url.endsWith('/comments'))
      body = JSON.stringify({ id: uuidv4(), body: 'Me too' });
    else if (url.endsWith('/triage')) body = JSON.stringify({ baseVersion: 0 });
    else if (url.endsWith('/anchoring'))
      body = JSON.stringify({ annotations: {} });
    else if (url.endsWith('/redactions'))
      body = JSON.stringify({ field: 'screenshot' });
    else if (url === '/api/v1/users' && method === 'POST')
      body = JSON.stringify({ name: 'New', role: 'reporter' });
    else if (url === '/api/v1/services' && method === 'PUT')
      body = JSON.stringify([]);
    else if (url === '/api/v1/session' && method === 'POST')
      body = JSON.stringify({ token: 'x'.repeat(43) });
    else if (url === '/api/v1/auth/token')
      body = JSON.stringify({
        grant_type: 'refresh_token',
        refresh_token: 'x'.repeat(43),
      });
    else if (url === '/api/v1/auth/revoke')
      body = JSON.stringify({ refresh_token: 'x'.repeat(43) });
    if (body !== undefined && !headers['content-type'])
      headers['content-type'] = 'application/json';
    const controller = new AbortController();
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body,
      signal: controller.signal,
    });
    // The event stream never ends by itself; the status line is all this test needs.
    if (url.endsWith('/events')) controller.abort();
    else await res.arrayBuffer();
    return res;
  }

  for (const [route, access] of Object.entries(ROUTE_ACCESS)) {
    const [method = 'GET', url = '/'] = route.split(' ');
    it.each(CALLERS)(`${route} as %s`, async (caller) => {
      const res = await requestFor(method, url, caller);
      const status = res.status;
      if (access === 'public') {
        if (
          route === 'POST /api/v1/session' ||
          route === 'POST /api/v1/auth/token'
        )
          expect(status).toBe(401); // a made-up token
        else if (route === 'POST /api/v1/auth/revoke')
          expect(status).toBe(204); // the same answer for any token
        else expect(status).toBe(200);
        return;
      }
      if (
        access === 'session' ||
        caller === 'none' ||
        caller === 'bad' ||
        caller.startsWith('revoked')
      ) {
        expect(status).toBe(401);
        return;
      }
      if (RANK[caller as Role] < RANK[access]) {
        expect(status).toBe(403);
        return;
      }
      expect(status, `${route} as ${caller}`).toBeGreaterThanOrEqual(200);
      expect(status, `${route} as ${caller}`).toBeLessThan(300);
    });
  }

  it('answers refusals with the JSON error shape', async () => {
    const none = await fetch(`${base}/api/v1/me`);
    expect(await none.json()).toEqual({
      error: { code: 'unauthorized', message: expect.any(String) },
    });
    const weak = await fetch(`${base}/api/v1/users`, {
      headers: t.reviewer.auth,
    });
    expect(weak.status).toBe(403);
    expect(await weak.json()).toEqual({
      error: { code: 'forbidden', message: expect.any(String) },
    });
  });

  it('tells a revoked token from one that was never valid', async () => {
    const gone = await fetch(`${base}/api/v1/me`, {
      headers: revoked.reporter.auth,
    });
    expect(gone.status).toBe(401);
    expect(await gone.json()).toEqual({
      error: { code: 'token_revoked', message: expect.any(String) },
    });
    const wrong = await fetch(`${base}/api/v1/me`, {
      headers: { authorization: 'Bearer not-a-real-token' },
    });
    expect(await wrong.json()).toEqual({
      error: { code: 'unauthorized', message: expect.any(String) },
    });
  });
});
