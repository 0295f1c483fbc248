/**
 * Single sign-on tests over HTTP: a Snag app listening on 127.0.0.1 with the test provider as
 * its identity provider, and a small browser (a cookie jar that follows redirects) to walk
 * the round trips as a real browser would.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app';
import { readSignInSettings } from '../../../server/sign-in/settings';
import type { ServerConfig } from '../../../server/config';
import {
  addUser,
  openTestStore,
  testConfig,
  type TestStore,
  type TestUser,
} from './harness';
import { IDP_CLIENT, startIdp, type TestIdp } from './oidc-idp';

/** The app roles the tests' provider sends and Snag maps. */
export const ROLE_NAMES = { reviewer: 'Snag.Reviewer', admin: 'Snag.Admin' };

/** Snag with single sign-on, its provider, and an admin made by hand. */
export interface SsoApp extends TestStore {
  app: FastifyInstance;
  /** Snag's origin. */
  url: string;
  idp: TestIdp;
  admin: TestUser;
}

/** The sign-in environment for a provider. */
export function ssoEnv(issuer: string, extra: Record<string, string> = {}) {
  return {
    SNAG_OIDC_ISSUER: issuer,
    SNAG_OIDC_CLIENT_ID: IDP_CLIENT.id,
    SNAG_OIDC_CLIENT_SECRET: IDP_CLIENT.secret,
    SNAG_OIDC_REVIEWER_ROLES: ROLE_NAMES.reviewer,
    SNAG_OIDC_ADMIN_ROLES: ROLE_NAMES.admin,
    ...extra,
  };
}

/**
 * Starts the provider and Snag over a fresh store. Snag's clock is the test's `Date` (fake
 * it to pin time: the provider shares it, as both run in this process).
 */
export async function openSsoApp(
  kind: 'sqlite' | 'postgres',
  env: Record<string, string> = {},
  options: { providerSecret?: string; config?: Partial<ServerConfig> } = {},
): Promise<SsoApp> {
  const idp = await startIdp();
  const testStore = await openTestStore(kind);
  const config = testConfig({
    signIn: readSignInSettings(ssoEnv(idp.issuer, env)),
    ...options.config,
  });
  const app = await buildApp({
    store: testStore.store,
    config,
    now: () => new Date(),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  idp.serve([`${url}/auth/oidc/callback`], options.providerSecret);
  return {
    ...testStore,
    app,
    url,
    idp,
    admin: await addUser(testStore.store, 'Ada Admin', 'admin'),
    async close() {
      await app.close();
      await idp.close();
      await testStore.close();
    },
  };
}

/** Cookies as a browser keeps them, by name (paths and expiry do not matter here). */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  /** Keeps the cookies an answer sets, and forgets those it clears. */
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line))
        this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** Where following redirects stopped: the address not followed, or the last answer. */
export interface Walk {
  /** The next address (when `stop` said so), or the address of the final answer. */
  url: URL;
  /** The final answer, if it was not a redirect. */
  response?: Response;
  /** The addresses passed through, for checks. */
  trail: URL[];
}

/**
 * GETs `start` and follows redirects like a browser, with `jar`, until `stop` says an address
 * should not be followed (answering it) or an answer is not a redirect.
 */
export async function walk(
  start: string | URL,
  jar: CookieJar,
  stop: (next: URL) => boolean = () => false,
): Promise<Walk> {
  let url = new URL(start);
  const trail: URL[] = [];
  for (let hop = 0; hop < 20; hop++) {
    trail.push(url);
    const response = await fetch(url, {
      redirect: 'manual',
      headers: jar.cookies.size ? { cookie: jar.header() } : {},
    });
    jar.take(response);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location)
      return { url, response, trail };
    await response.arrayBuffer();
    const next = new URL(location, url);
    if (stop(next)) return { url: next, trail };
    url = next;
  }
  throw new Error(`Too many redirects from ${String(start)}`);
}

/** Signs in to the dashboard as the provider's `account`; answers the jar and where it ended. */
export async function dashboardSignIn(
  sso: SsoApp,
  account: string,
  next = '/',
): Promise<{ jar: CookieJar; landed: URL }> {
  sso.idp.autoLogin = account;
  const jar = new CookieJar();
  const done = await walk(
    `${sso.url}/auth/oidc/start?next=${encodeURIComponent(next)}`,
    jar,
    (to) => to.origin === sso.url && !to.pathname.startsWith('/auth/'),
  );
  return { jar, landed: done.url };
}

/** The dashboard session of a jar, or the status of the refusal. */
export async function sessionOf(
  sso: SsoApp,
  jar: CookieJar,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${sso.url}/api/v1/session`, {
    headers: { cookie: jar.header() },
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
  };
}
