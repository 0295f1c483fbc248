/**
 * The dashboard's single sign-on against a real OpenID Connect provider on 127.0.0.1: roles
 * from the claim at every sign-in, a reporter without it, and each way a callback can be
 * wrong (state, browser, PKCE verifier, expired or replayed code, denied consent) refused with
 * a reason and no session.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TEST_NOW, STORE_KINDS } from './support/harness';
import {
  CookieJar,
  dashboardSignIn,
  openSsoApp,
  ROLE_NAMES,
  sessionOf,
  walk,
  type SsoApp,
} from './support/sso';

describe.each(STORE_KINDS)('dashboard single sign-on (%s)', (kind) => {
  let sso: SsoApp;

  beforeEach(async () => {
    // Snag and the provider share this process's clock, pinned and moved by the tests.
    vi.useFakeTimers({ toFake: ['Date'], now: TEST_NOW });
    sso = await openSsoApp(kind);
  });
  afterEach(async () => {
    await sso.close();
    vi.useRealTimers();
  });

  /** Walks a sign-in up to the provider's redirect back to Snag, without following it. */
  async function untilCallback(jar: CookieJar, account: string) {
    sso.idp.autoLogin = account;
    return walk(
      `${sso.url}/auth/oidc/start?next=%2Freports`,
      jar,
      (to) => to.pathname === '/auth/oidc/callback',
    );
  }

  it('signs a new person in as the role their claim names, and goes where they were heading', async () => {
    sso.idp.setAccount('rita', {
      name: 'Rita Reviewer',
      roles: [ROLE_NAMES.reviewer],
    });
    const { jar, landed } = await dashboardSignIn(
      sso,
      'rita',
      '/reports?status=new',
    );
    expect(landed.pathname + landed.search).toBe('/reports?status=new');
    const session = await sessionOf(sso, jar);
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({
      name: 'Rita Reviewer',
      role: 'reviewer',
      councilAccount: true,
    });
    const users = await sso.store.listUsers();
    expect(users.filter((u) => u.name === 'Rita Reviewer')).toHaveLength(1);
  });

  it('follows the claim at every sign-in: promoted, then demoted to reporter when it goes', async () => {
    const signIn = async (roles?: string[]) => {
      sso.idp.setAccount('sam', { name: 'Sam', ...(roles ? { roles } : {}) });
      const { jar } = await dashboardSignIn(sso, 'sam');
      return (await sessionOf(sso, jar)).body.user as {
        id: string;
        role: string;
      };
    };
    const first = await signIn([ROLE_NAMES.reviewer]);
    expect(first.role).toBe('reviewer');
    const second = await signIn([ROLE_NAMES.admin, 'Other.Role']);
    expect(second.role).toBe('admin');
    const third = await signIn();
    expect(third.role).toBe('reporter');
    // One person, whose every sign-in reached the same user.
    expect(new Set([first.id, second.id, third.id]).size).toBe(1);
    expect(
      (await sso.store.listUsers()).filter((u) => u.name === 'Sam'),
    ).toHaveLength(1);
  });

  it('makes someone with no role claim a reporter', async () => {
    sso.idp.setAccount('nora', { name: 'Nora', email: 'nora@example.gov.uk' });
    const { jar } = await dashboardSignIn(sso, 'nora');
    expect((await sessionOf(sso, jar)).body.user).toMatchObject({
      name: 'Nora',
      role: 'reporter',
    });
  });

  it('refuses a state it never issued', async () => {
    const jar = new CookieJar();
    const done = await walk(
      `${sso.url}/auth/oidc/callback?code=abc&state=not-a-state-we-made`,
      jar,
      () => true,
    );
    expect(done.url.pathname + done.url.search).toBe(
      '/sign-in?reason=mismatch',
    );
    expect(jar.cookies.has('snag_session')).toBe(false);
  });

  it('refuses a callback in a browser other than the one that started the sign-in', async () => {
    sso.idp.setAccount('alex', { name: 'Alex' });
    const started = await untilCallback(new CookieJar(), 'alex');
    const otherBrowser = new CookieJar();
    const done = await walk(started.url, otherBrowser, () => true);
    expect(done.url.pathname + done.url.search).toBe(
      '/sign-in?reason=mismatch',
    );
    expect(otherBrowser.cookies.has('snag_session')).toBe(false);
  });

  it('refuses when the PKCE verifier does not match the challenge the provider saw', async () => {
    sso.idp.setAccount('alex', { name: 'Alex' });
    const jar = new CookieJar();
    const started = await untilCallback(jar, 'alex');
    await sso.store.driver.run('UPDATE sign_in_flows SET code_verifier = ?', [
      'a'.repeat(43),
    ]);
    const done = await walk(started.url, jar, () => true);
    expect(done.url.pathname + done.url.search).toBe(
      '/sign-in?reason=mismatch',
    );
    expect(jar.cookies.has('snag_session')).toBe(false);
  });

  it('refuses a code that expired at the provider', async () => {
    sso.idp.setAccount('alex', { name: 'Alex' });
    const jar = new CookieJar();
    const started = await untilCallback(jar, 'alex');
    // The provider's codes last 60 seconds; Snag's own wait lasts ten minutes.
    vi.setSystemTime(TEST_NOW.getTime() + 2 * 60_000);
    const done = await walk(started.url, jar, () => true);
    expect(done.url.pathname + done.url.search).toBe(
      '/sign-in?reason=mismatch',
    );
    expect(jar.cookies.has('snag_session')).toBe(false);
  });

  it('refuses a sign-in that took longer than ten minutes', async () => {
    sso.idp.setAccount('alex', { name: 'Alex' });
    const jar = new CookieJar();
    const started = await untilCallback(jar, 'alex');
    vi.setSystemTime(TEST_NOW.getTime() + 11 * 60_000);
    const done = await walk(started.url, jar, () => true);
    expect(done.url.pathname + done.url.search).toBe('/sign-in?reason=expired');
  });

  it('refuses a replayed code', async () => {
    sso.idp.setAccount('alex', { name: 'Alex' });
    const jar = new CookieJar();
    const started = await untilCallback(jar, 'alex');
    const first = await walk(started.url, jar, () => true);
    expect(first.url.pathname).toBe('/reports');
    const replayJar = new CookieJar();
    const replay = await walk(started.url, replayJar, () => true);
    expect(replay.url.pathname + replay.url.search).toBe(
      '/sign-in?reason=mismatch',
    );
    expect(replayJar.cookies.has('snag_session')).toBe(false);
  });

  it('sends someone who cancels at the provider back to sign in, saying so', async () => {
    const jar = new CookieJar();
    sso.idp.autoLogin = 'deny';
    const done = await walk(
      `${sso.url}/auth/oidc/start`,
      jar,
      (to) => to.origin === sso.url && !to.pathname.startsWith('/auth/'),
    );
    expect(done.url.pathname + done.url.search).toBe('/sign-in?reason=denied');
    expect(jar.cookies.has('snag_session')).toBe(false);
  });

  it('never sends the browser to another site after signing in', async () => {
    sso.idp.setAccount('alex', { name: 'Alex' });
    const { landed } = await dashboardSignIn(sso, 'alex', '//evil.example/');
    expect(landed.origin).toBe(sso.url);
    expect(landed.pathname).toBe('/');
  });

  it('links the council account of someone signed in with a token, who stays one person', async () => {
    const jar = new CookieJar();
    const signIn = await fetch(`${sso.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: sso.admin.token }),
    });
    jar.take(signIn);
    expect((await sessionOf(sso, jar)).body.user).toMatchObject({
      id: sso.admin.user.id,
      councilAccount: false,
    });
    sso.idp.setAccount('ada', { name: 'Ada Admin', roles: [ROLE_NAMES.admin] });
    sso.idp.autoLogin = 'ada';
    const done = await walk(
      `${sso.url}/auth/oidc/start?link=1&next=%2Fadmin`,
      jar,
      (to) => to.origin === sso.url && !to.pathname.startsWith('/auth/'),
    );
    expect(done.url.pathname).toBe('/admin');
    expect((await sessionOf(sso, jar)).body.user).toMatchObject({
      id: sso.admin.user.id,
      role: 'admin',
      councilAccount: true,
    });
    // Later, the council account alone reaches the same person.
    const later = await dashboardSignIn(sso, 'ada');
    expect((await sessionOf(sso, later.jar)).body.user).toMatchObject({
      id: sso.admin.user.id,
    });
  });

  it('refuses a person whose Snag account was revoked, and does not make them a new one', async () => {
    sso.idp.setAccount('vic', { name: 'Vic' });
    const first = await dashboardSignIn(sso, 'vic');
    const user = (await sessionOf(sso, first.jar)).body.user as { id: string };
    await sso.store.revokeUser(user.id, new Date().toISOString());
    expect((await sessionOf(sso, first.jar)).status).toBe(401);
    const again = await dashboardSignIn(sso, 'vic');
    expect(again.landed.pathname + again.landed.search).toBe(
      '/sign-in?reason=account-revoked',
    );
    expect(
      (await sso.store.listUsers()).filter((u) => u.name === 'Vic'),
    ).toHaveLength(1);
  });
});
