/**
 * Single sign-on set up wrongly: each mistake gives the admin a sentence that names it, on
 * `/health` and at start-up, and never a stack trace. Also who may still sign in to the
 * dashboard with an access token (`SNAG_TOKEN_SIGN_IN`).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdentityProvider } from '../../server/sign-in/provider';
import {
  readSignInSettings,
  SettingsError,
} from '../../server/sign-in/settings';
import { startServer } from '../support/server-process';
import { openTestApp, TEST_NOW } from './support/harness';
import { startIdp, type TestIdp } from './support/oidc-idp';
import { ssoEnv } from './support/sso';

describe('single sign-on settings', () => {
  it('accepts an http: issuer only on a loopback address', () => {
    expect(() =>
      readSignInSettings(ssoEnv('http://idp.example.gov.uk/')),
    ).toThrow(/https: address \(http: is accepted only on a loopback/);
    expect(
      readSignInSettings(ssoEnv('http://127.0.0.1:9000/')).oidc?.issuer.href,
    ).toBe('http://127.0.0.1:9000/');
    expect(
      readSignInSettings(ssoEnv('https://login.example.com/t/v2.0')).oidc
        ?.roles,
    ).toEqual({
      claim: 'roles',
      reviewerRoles: ['Snag.Reviewer'],
      adminRoles: ['Snag.Admin'],
    });
  });

  it('names what is missing or wrong', () => {
    expect(() =>
      readSignInSettings({ SNAG_OIDC_ISSUER: 'https://idp.example/' }),
    ).toThrow(/SNAG_OIDC_CLIENT_ID is needed/);
    expect(() => readSignInSettings({ SNAG_OIDC_ISSUER: 'not a url' })).toThrow(
      SettingsError,
    );
    expect(() => readSignInSettings({ SNAG_TOKEN_SIGN_IN: 'off' })).toThrow(
      /needs single sign-on/,
    );
    expect(() => readSignInSettings({ SNAG_TOKEN_SIGN_IN: 'nobody' })).toThrow(
      /must be all, admins, off/,
    );
    expect(() =>
      readSignInSettings({ SNAG_EXTENSION_IDS: 'not-an-id' }),
    ).toThrow(/SNAG_EXTENSION_IDS/);
  });

  it('refuses to start with a setting that cannot work, saying which, without a stack trace', async () => {
    await expect(
      startServer({
        env: { SNAG_OIDC_ISSUER: 'http://idp.example.gov.uk/' },
      }),
    ).rejects.toThrow(
      /Snag cannot start: SNAG_OIDC_ISSUER must be an https: address/,
    );
  });
});

describe('checking the provider', () => {
  let idp: TestIdp | null = null;
  afterEach(async () => {
    await idp?.close();
    idp = null;
    vi.useRealTimers();
  });

  async function checkWith(
    env: Record<string, string>,
    now: () => Date = () => new Date(),
  ) {
    const settings = readSignInSettings(env).oidc;
    if (!settings) throw new Error('no settings');
    return new IdentityProvider({ settings, now }).check();
  }

  it('finds nothing wrong with good settings', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: TEST_NOW });
    idp = await startIdp();
    idp.serve(['http://127.0.0.1/auth/oidc/callback']);
    expect(await checkWith(ssoEnv(idp.issuer))).toMatchObject({
      state: 'ok',
    });
  });

  it('says when the client secret is wrong', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: TEST_NOW });
    idp = await startIdp();
    idp.serve(['http://127.0.0.1/auth/oidc/callback']);
    const status = await checkWith(
      ssoEnv(idp.issuer, { SNAG_OIDC_CLIENT_SECRET: 'wrong' }),
    );
    expect(status.state).toBe('failing');
    expect(status.message).toMatch(
      /refused Snag's client ID or secret \(invalid_client.*Check SNAG_OIDC_CLIENT_ID and SNAG_OIDC_CLIENT_SECRET/,
    );
  });

  it("says when this server's clock is far from the provider's", async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: TEST_NOW });
    idp = await startIdp();
    idp.serve(['http://127.0.0.1/auth/oidc/callback']);
    const status = await checkWith(
      ssoEnv(idp.issuer),
      () => new Date(Date.now() + 5 * 60_000),
    );
    expect(status).toMatchObject({
      state: 'failing',
      message: expect.stringMatching(
        /clock is 300 seconds ahead of the identity provider's.*NTP/,
      ),
    });
  });

  it('says when the issuer cannot be reached, or is not a provider', async () => {
    // A port that was just free: nothing listens there.
    idp = await startIdp();
    const gone = idp.issuer;
    await idp.close();
    idp = null;
    const unreachable = await checkWith(ssoEnv(gone));
    expect(unreachable.message).toMatch(
      /could not be reached \(ECONNREFUSED\)\. Check SNAG_OIDC_ISSUER/,
    );

    const snag = await openTestApp('sqlite');
    try {
      await snag.app.listen({ port: 0, host: '127.0.0.1' });
      const address = snag.app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const notProvider = await checkWith(ssoEnv(`http://127.0.0.1:${port}`));
      expect(notProvider.state).toBe('failing');
      expect(notProvider.message).toMatch(/SNAG_OIDC_ISSUER/);
    } finally {
      await snag.close();
    }
  });

  it('shows the state on /health, which stays up for pasted tokens', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: TEST_NOW });
    idp = await startIdp();
    idp.serve(['http://127.0.0.1/auth/oidc/callback']);
    const snag = await openTestApp('sqlite', {
      signIn: readSignInSettings(
        ssoEnv(idp.issuer, { SNAG_OIDC_CLIENT_SECRET: 'wrong' }),
      ),
    });
    try {
      await snag.app.identityProvider?.check();
      const health = await snag.app.inject({ url: '/api/v1/health' });
      expect(health.statusCode).toBe(200);
      expect(health.json()).toMatchObject({
        status: 'ok',
        sso: {
          configured: true,
          state: 'failing',
          message: expect.stringContaining('invalid_client'),
        },
      });
      // A sign-in attempt meanwhile gets a sentence, not an error page.
      const start = await snag.app.inject({ url: '/auth/oidc/start' });
      expect(start.statusCode).toBe(303);
      const me = await snag.app.inject({
        url: '/api/v1/me',
        headers: snag.reporter.auth,
      });
      expect(me.statusCode).toBe(200);
    } finally {
      await snag.close();
    }
  });

  it('prints the problem at start-up and keeps serving', async () => {
    idp = await startIdp();
    idp.serve(['http://127.0.0.1/auth/oidc/callback']);
    const server = await startServer({
      env: ssoEnv(idp.issuer, { SNAG_OIDC_CLIENT_SECRET: 'wrong' }),
    });
    try {
      for (
        let i = 0;
        i < 100 && !server.stderr().includes('Single sign-on');
        i++
      )
        await new Promise((done) => setTimeout(done, 100));
      expect(server.stderr()).toMatch(
        /Single sign-on is not working: The identity provider refused Snag's client ID or secret/,
      );
      expect(server.stderr()).not.toMatch(/\n\s+at /);
      const health = await fetch(`${server.url}/api/v1/health`);
      expect(
        ((await health.json()) as { sso: { state: string } }).sso.state,
      ).toBe('failing');
    } finally {
      await server.stop();
    }
  });
});

describe('signing in to the dashboard with an access token', () => {
  it('is for admins only with SNAG_TOKEN_SIGN_IN=admins', async () => {
    const snag = await openTestApp('sqlite', {
      signIn: readSignInSettings({
        ...ssoEnv('https://idp.example.gov.uk/'),
        SNAG_TOKEN_SIGN_IN: 'admins',
      }),
    });
    try {
      const reviewer = await snag.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { token: snag.reviewer.token },
      });
      expect(reviewer.statusCode).toBe(403);
      expect(reviewer.json().error.message).toMatch(/only administrators/);
      const admin = await snag.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { token: snag.admin.token },
      });
      expect(admin.statusCode).toBe(200);
      // Pasted tokens still work for the API, which is how the extension uses them.
      const me = await snag.app.inject({
        url: '/api/v1/me',
        headers: snag.reviewer.auth,
      });
      expect(me.statusCode).toBe(200);
      const methods = await snag.app.inject({ url: '/api/v1/auth/methods' });
      expect(methods.json()).toEqual({ sso: true, tokenSignIn: 'admins' });
    } finally {
      await snag.close();
    }
  });

  it('is off for everyone with SNAG_TOKEN_SIGN_IN=off', async () => {
    const snag = await openTestApp('sqlite', {
      signIn: readSignInSettings({
        ...ssoEnv('https://idp.example.gov.uk/'),
        SNAG_TOKEN_SIGN_IN: 'off',
      }),
    });
    try {
      const admin = await snag.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { token: snag.admin.token },
      });
      expect(admin.statusCode).toBe(403);
      expect(admin.json().error.code).toBe('token_sign_in_off');
    } finally {
      await snag.close();
    }
  });

  it('needs no provider for the deployment pack, which still names the extension', async () => {
    const store = await openTestApp('sqlite');
    try {
      const pack = await store.app.inject({
        url: '/api/v1/deploy',
        headers: store.admin.auth,
      });
      expect(store.app.identityProvider).toBeNull();
      expect(pack.statusCode).toBe(200);
      expect(pack.json()).toMatchObject({
        sso: { configured: false, state: 'off' },
        managedSettings: { signIn: 'token', lockServer: true },
      });
      const forbidden = await store.app.inject({
        url: '/api/v1/deploy',
        headers: store.reviewer.auth,
      });
      expect(forbidden.statusCode).toBe(403);
    } finally {
      await store.close();
    }
  });
});
