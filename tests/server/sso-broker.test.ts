/**
 * The extension's sign-in broker over HTTP, called as the extension will call it: Snag's
 * authorisation endpoint with PKCE and state, the round trip through the provider, the token
 * endpoint, rotating refresh tokens, signed-in devices, and linking a pasted token's holder.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenAnswer, type TokenAnswer } from '../../protocol/auth';
import {
  EXTENSION_PUBLIC_KEY,
  GECKO_ID,
} from '../../protocol/extension-identity';
import {
  chromeExtensionId,
  firefoxRedirectHost,
} from '../../server/domain/deploy';
import { addUser, STORE_KINDS, TEST_NOW } from './support/harness';
import {
  CookieJar,
  dashboardSignIn,
  openSsoApp,
  ROLE_NAMES,
  walk,
  type SsoApp,
} from './support/sso';

const CHROME_REDIRECT = `https://${chromeExtensionId(EXTENSION_PUBLIC_KEY)}.chromiumapp.org/snag`;
const FIREFOX_REDIRECT = `https://${firefoxRedirectHost(GECKO_ID)}/`;

/** What the extension keeps while it signs in. */
interface Attempt {
  verifier: string;
  state: string;
  redirectUri: string;
}

function newAttempt(redirectUri = CHROME_REDIRECT): Attempt {
  return {
    verifier: randomBytes(32).toString('base64url'),
    state: randomBytes(16).toString('base64url'),
    redirectUri,
  };
}

function authorizeUrl(
  sso: SsoApp,
  attempt: Attempt,
  extra: Record<string, string> = {},
): string {
  const query = new URLSearchParams({
    redirect_uri: attempt.redirectUri,
    state: attempt.state,
    code_challenge: createHash('sha256')
      .update(attempt.verifier)
      .digest('base64url'),
    code_challenge_method: 'S256',
    device_name: 'Chrome on Windows',
    ...extra,
  });
  return `${sso.url}/auth/authorize?${query}`;
}

async function postJson(
  sso: SsoApp,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${sso.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

async function getWith(sso: SsoApp, path: string, token: string) {
  const response = await fetch(`${sso.url}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** Runs the authorisation request as `launchWebAuthFlow` would, up to the extension's redirect. */
async function authorize(
  sso: SsoApp,
  account: string,
  attempt: Attempt,
  extra: Record<string, string> = {},
): Promise<URL> {
  sso.idp.autoLogin = account;
  const redirectHost = new URL(attempt.redirectUri).host;
  const done = await walk(
    authorizeUrl(sso, attempt, extra),
    new CookieJar(),
    (to) => to.host === redirectHost,
  );
  return done.url;
}

function tradeCode(sso: SsoApp, attempt: Attempt, code: string) {
  return postJson(sso, '/api/v1/auth/token', {
    grant_type: 'authorization_code',
    code,
    code_verifier: attempt.verifier,
    redirect_uri: attempt.redirectUri,
  });
}

/** Signs the extension in as `account`; answers its tokens. */
async function signInDevice(
  sso: SsoApp,
  account: string,
  extra: Record<string, string> = {},
): Promise<TokenAnswer> {
  const attempt = newAttempt();
  const back = await authorize(sso, account, attempt, extra);
  const code = back.searchParams.get('code') ?? '';
  const traded = await tradeCode(sso, attempt, code);
  expect(traded.status).toBe(200);
  return tokenAnswer.parse(traded.body);
}

function refresh(sso: SsoApp, refreshToken: string) {
  return postJson(sso, '/api/v1/auth/token', {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
  });
}

describe.each(STORE_KINDS)('the extension sign-in broker (%s)', (kind) => {
  let sso: SsoApp;

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: TEST_NOW });
    sso = await openSsoApp(kind);
    sso.idp.setAccount('rita', {
      name: 'Rita Reviewer',
      roles: [ROLE_NAMES.reviewer],
    });
    sso.idp.setAccount('ray', { name: 'Ray Reporter' });
  });
  afterEach(async () => {
    await sso.close();
    vi.useRealTimers();
  });

  it('says which ways of signing in it offers', async () => {
    const response = await fetch(`${sso.url}/api/v1/auth/methods`);
    expect(await response.json()).toEqual({ sso: true, tokenSignIn: 'all' });
  });

  it('signs the extension in: code and state to its redirect, then tokens that work on the API', async () => {
    const attempt = newAttempt();
    const back = await authorize(sso, 'rita', attempt);
    expect(back.origin + back.pathname).toBe(CHROME_REDIRECT);
    expect(back.searchParams.get('state')).toBe(attempt.state);
    const code = back.searchParams.get('code') ?? '';
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const traded = await tradeCode(sso, attempt, code);
    expect(traded.status).toBe(200);
    const tokens = tokenAnswer.parse(traded.body);
    expect(tokens).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_expires_in: 30 * 86_400,
      user: { name: 'Rita Reviewer', role: 'reviewer' },
    });
    const me = await getWith(sso, '/api/v1/me', tokens.access_token);
    expect(me).toMatchObject({
      status: 200,
      body: { name: 'Rita Reviewer', role: 'reviewer' },
    });

    const devices = await getWith(sso, '/api/v1/devices', sso.admin.token);
    expect(devices.body).toEqual([
      expect.objectContaining({
        id: tokens.device_id,
        userName: 'Rita Reviewer',
        name: 'Chrome on Windows',
      }),
    ]);
  });

  it("takes Firefox's redirect too, and the form encoding of OAuth clients", async () => {
    const attempt = newAttempt(FIREFOX_REDIRECT);
    const back = await authorize(sso, 'ray', attempt);
    expect(back.host).toBe(firefoxRedirectHost(GECKO_ID));
    const response = await fetch(`${sso.url}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: back.searchParams.get('code') ?? '',
        code_verifier: attempt.verifier,
        redirect_uri: attempt.redirectUri,
      }),
    });
    expect(response.status).toBe(200);
    expect(tokenAnswer.parse(await response.json()).user.name).toBe(
      'Ray Reporter',
    );
  });

  it('never redirects to an address that is not our extension', async () => {
    for (const redirect of [
      'https://evil.example/cb',
      'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/cb',
      `${CHROME_REDIRECT}?x=1`,
      CHROME_REDIRECT.replace('https:', 'http:'),
    ]) {
      const response = await fetch(authorizeUrl(sso, newAttempt(redirect)), {
        redirect: 'manual',
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toContain('not one of the Snag extension');
    }
  });

  it('answers bad input to the extension as an OAuth error with its state', async () => {
    const attempt = newAttempt();
    const response = await fetch(
      authorizeUrl(sso, attempt, { code_challenge_method: 'plain' }),
      { redirect: 'manual' },
    );
    expect(response.status).toBe(303);
    const back = new URL(response.headers.get('location') ?? '');
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('state')).toBe(attempt.state);
    expect(back.searchParams.has('code')).toBe(false);
  });

  it('tells the extension when the person cancels at the provider', async () => {
    const attempt = newAttempt();
    const back = await authorize(sso, 'deny', attempt);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('snag_reason')).toBe('denied');
    expect(back.searchParams.get('state')).toBe(attempt.state);
  });

  it('refuses a wrong PKCE verifier, and the code still works with the right one', async () => {
    const attempt = newAttempt();
    const back = await authorize(sso, 'ray', attempt);
    const code = back.searchParams.get('code') ?? '';
    const wrong = await tradeCode(
      sso,
      { ...attempt, verifier: randomBytes(32).toString('base64url') },
      code,
    );
    expect(wrong).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'invalid_grant',
          message: 'code_verifier does not match the code_challenge',
        },
      },
    });
    const otherRedirect = await tradeCode(
      sso,
      { ...attempt, redirectUri: `${CHROME_REDIRECT}/other` },
      code,
    );
    expect(otherRedirect.status).toBe(400);
    expect((await tradeCode(sso, attempt, code)).status).toBe(200);
  });

  it('refuses an expired code', async () => {
    const attempt = newAttempt();
    const back = await authorize(sso, 'ray', attempt);
    vi.setSystemTime(TEST_NOW.getTime() + 61_000);
    const traded = await tradeCode(
      sso,
      attempt,
      back.searchParams.get('code') ?? '',
    );
    expect(traded).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'invalid_grant',
          message: 'This sign-in code has expired',
        },
      },
    });
  });

  it('refuses a replayed code and signs out the device its first use made', async () => {
    const attempt = newAttempt();
    const back = await authorize(sso, 'ray', attempt);
    const code = back.searchParams.get('code') ?? '';
    const first = tokenAnswer.parse((await tradeCode(sso, attempt, code)).body);
    const replay = await tradeCode(sso, attempt, code);
    expect(replay).toMatchObject({
      status: 400,
      body: { error: { message: 'This sign-in code has already been used' } },
    });
    const me = await getWith(sso, '/api/v1/me', first.access_token);
    expect(me).toMatchObject({
      status: 401,
      body: { error: { code: 'refresh-reused' } },
    });
  });

  it('rotates refresh tokens, and a reused one signs the whole device out', async () => {
    const first = await signInDevice(sso, 'ray');
    const second = refresh(sso, first.refresh_token);
    const rotated = tokenAnswer.parse((await second).body);
    expect(rotated.refresh_token).not.toBe(first.refresh_token);
    expect(rotated.device_id).toBe(first.device_id);
    expect(
      (await getWith(sso, '/api/v1/me', rotated.access_token)).status,
    ).toBe(200);

    const reused = await refresh(sso, first.refresh_token);
    expect(reused).toMatchObject({
      status: 401,
      body: { error: { code: 'refresh-reused' } },
    });
    // The thief's copy and the rightful holder's newer tokens end together.
    expect(await refresh(sso, rotated.refresh_token)).toMatchObject({
      status: 401,
      body: { error: { code: 'refresh-reused' } },
    });
    expect(
      (await getWith(sso, '/api/v1/me', rotated.access_token)).status,
    ).toBe(401);
  });

  it('expires access tokens after an hour, and refreshing gives a working one', async () => {
    const tokens = await signInDevice(sso, 'ray');
    vi.setSystemTime(TEST_NOW.getTime() + 61 * 60_000);
    expect(await getWith(sso, '/api/v1/me', tokens.access_token)).toMatchObject(
      {
        status: 401,
        body: { error: { code: 'token_expired' } },
      },
    );
    const refreshed = await refresh(sso, tokens.refresh_token);
    expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
    const next = tokenAnswer.parse(refreshed.body);
    expect((await getWith(sso, '/api/v1/me', next.access_token)).status).toBe(
      200,
    );
  });

  it('signs out a device left unused longer than its refresh token lasts', async () => {
    const tokens = await signInDevice(sso, 'ray');
    vi.setSystemTime(TEST_NOW.getTime() + 31 * 86_400_000);
    expect(await refresh(sso, tokens.refresh_token)).toMatchObject({
      status: 401,
      body: {
        error: {
          code: 'refresh-expired',
          message: expect.stringContaining('signed out'),
        },
      },
    });
  });

  it('does not refresh someone removed at the provider', async () => {
    const tokens = await signInDevice(sso, 'ray');
    sso.idp.removeAccount('ray');
    expect(await refresh(sso, tokens.refresh_token)).toMatchObject({
      status: 401,
      body: { error: { code: 'provider-refused' } },
    });
    expect((await getWith(sso, '/api/v1/me', tokens.access_token)).status).toBe(
      401,
    );
    const devices = await getWith(sso, '/api/v1/devices', sso.admin.token);
    expect(devices.body).toEqual([]);
  });

  it('lets an admin sign any device out, and the device is told why', async () => {
    const tokens = await signInDevice(sso, 'ray');
    const reviewer = await signInDevice(sso, 'rita');
    const signOut = await fetch(
      `${sso.url}/api/v1/devices/${tokens.device_id}`,
      { method: 'DELETE', headers: sso.admin.auth },
    );
    expect(signOut.status).toBe(204);
    expect(await getWith(sso, '/api/v1/me', tokens.access_token)).toMatchObject(
      {
        status: 401,
        body: {
          error: {
            code: 'signed-out',
            message: 'This device has been signed out.',
          },
        },
      },
    );
    expect(await refresh(sso, tokens.refresh_token)).toMatchObject({
      status: 401,
      body: { error: { code: 'signed-out' } },
    });
    const left = await getWith(sso, '/api/v1/devices', sso.admin.token);
    expect((left.body as unknown as { id: string }[]).map((d) => d.id)).toEqual(
      [reviewer.device_id],
    );
    // Only admins see or sign out devices.
    expect(
      (await getWith(sso, '/api/v1/devices', reviewer.access_token)).status,
    ).toBe(403);
  });

  it('lets the extension sign its own device out', async () => {
    const tokens = await signInDevice(sso, 'ray');
    const revoked = await postJson(sso, '/api/v1/auth/revoke', {
      refresh_token: tokens.refresh_token,
    });
    expect(revoked.status).toBe(204);
    expect((await getWith(sso, '/api/v1/me', tokens.access_token)).status).toBe(
      401,
    );
  });

  it('refuses malformed token requests with the field at fault', async () => {
    const bad = await postJson(sso, '/api/v1/auth/token', {
      grant_type: 'password',
      username: 'ray',
    });
    expect(bad.status).toBe(400);
    const huge = await postJson(sso, '/api/v1/auth/token', {
      grant_type: 'refresh_token',
      refresh_token: 'x'.repeat(5000),
    });
    expect(huge.status).toBe(413);
  });

  it('makes a pasted token and a council account one person, and revoking them ends both', async () => {
    const pasted = await addUser(sso.store, 'Pat Pasted', 'reporter');
    const ticket = await postJson(
      sso,
      '/api/v1/auth/link-ticket',
      {},
      pasted.auth,
    );
    expect(ticket.status).toBe(200);
    sso.idp.setAccount('pat', {
      name: 'Pat Council',
      roles: [ROLE_NAMES.reviewer],
    });
    const tokens = await signInDevice(sso, 'pat', {
      link_ticket: String(ticket.body.ticket),
    });
    expect(tokens.user).toMatchObject({ id: pasted.user.id, role: 'reviewer' });
    // Signing in to the dashboard with the council account reaches the same person.
    const dashboard = await dashboardSignIn(sso, 'pat');
    const session = await fetch(`${sso.url}/api/v1/session`, {
      headers: { cookie: dashboard.jar.header() },
    });
    expect(((await session.json()) as { user: { id: string } }).user.id).toBe(
      pasted.user.id,
    );
    const users = await getWith(sso, '/api/v1/users', sso.admin.token);
    expect(users.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: pasted.user.id, councilAccount: true }),
      ]),
    );

    const revoke = await fetch(`${sso.url}/api/v1/users/${pasted.user.id}`, {
      method: 'DELETE',
      headers: sso.admin.auth,
    });
    expect(revoke.status).toBe(204);
    expect(await getWith(sso, '/api/v1/me', pasted.token)).toMatchObject({
      status: 401,
      body: { error: { code: 'token_revoked' } },
    });
    expect(await getWith(sso, '/api/v1/me', tokens.access_token)).toMatchObject(
      {
        status: 401,
        body: { error: { code: 'account-revoked' } },
      },
    );
    expect(await refresh(sso, tokens.refresh_token)).toMatchObject({
      status: 401,
      body: { error: { code: 'account-revoked' } },
    });
    const again = await authorize(sso, 'pat', newAttempt());
    expect(again.searchParams.get('snag_reason')).toBe('account-revoked');
  });

  it('will not move a council account from one person to another', async () => {
    await signInDevice(sso, 'ray');
    const pasted = await addUser(sso.store, 'Someone Else', 'reporter');
    const ticket = await postJson(
      sso,
      '/api/v1/auth/link-ticket',
      {},
      pasted.auth,
    );
    const back = await authorize(sso, 'ray', newAttempt(), {
      link_ticket: String(ticket.body.ticket),
    });
    expect(back.searchParams.get('snag_reason')).toBe('already-linked');
  });

  it('refuses a link ticket used twice or too late', async () => {
    const pasted = await addUser(sso.store, 'Pat Pasted', 'reporter');
    sso.idp.setAccount('pat', { name: 'Pat' });
    const newTicket = async () =>
      String(
        (await postJson(sso, '/api/v1/auth/link-ticket', {}, pasted.auth)).body
          .ticket,
      );
    const ticket = await newTicket();
    const used = await signInDevice(sso, 'pat', { link_ticket: ticket });
    expect(used.user.id).toBe(pasted.user.id);
    const reused = await authorize(sso, 'pat', newAttempt(), {
      link_ticket: ticket,
    });
    expect(reused.searchParams.get('snag_reason')).toBe('expired');

    const later = await newTicket();
    vi.setSystemTime(TEST_NOW.getTime() + 11 * 60_000);
    const late = await authorize(sso, 'pat', newAttempt(), {
      link_ticket: later,
    });
    expect(late.searchParams.get('snag_reason')).toBe('expired');
  });
});
