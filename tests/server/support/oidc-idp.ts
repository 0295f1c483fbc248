/**
 * A real OpenID Connect provider (`oidc-provider`) on 127.0.0.1 for the single sign-on tests,
 * with accounts the test can add, change and remove, and a sign-in page of its own:
 *
 *   const idp = await startIdp();                     // issuer known, not yet serving
 *   idp.setAccount('alice', { name: 'Alice', roles: ['Snag.Reviewer'] });
 *   idp.serve([`${snagUrl}/auth/oidc/callback`]);      // once Snag's callback is known
 *
 * Its sign-in page has an account field, a "Sign in" button and a "Cancel" button (which
 * answers `access_denied`); `autoLogin` skips the page for tests without a browser. Requests
 * that arrive before `serve` wait for it, so Snag may discover the issuer at start-up.
 */
import { generateKeyPairSync } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** The claims of one test account. */
export interface IdpAccount {
  name?: string;
  email?: string;
  /** App roles, sent as the `roles` claim; absent means no claim at all. */
  roles?: string[];
}

/** The client Snag is registered as. */
export const IDP_CLIENT = { id: 'snag-test', secret: 'snag-test-secret' };

/** A running test provider. */
export interface TestIdp {
  /** The issuer, e.g. `http://127.0.0.1:41234`. */
  issuer: string;
  /** Adds or replaces an account. */
  setAccount(id: string, account: IdpAccount): void;
  /** Removes an account, as an administrator would at the provider. */
  removeAccount(id: string): void;
  /**
   * Who signs in when the sign-in page is reached: an account id, `deny` (the person
   * cancels), or null to show the page (the browser tests).
   */
  autoLogin: string | 'deny' | null;
  /** Starts answering, with Snag's redirect URIs registered. */
  serve(redirectUris: string[], secret?: string): void;
  close(): Promise<void>;
}

const page = (uid: string, prompt: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test provider sign-in</title></head>
<body><main><h1>Test provider</h1><p>${prompt}</p>
<form method="post" action="/interaction/${uid}/login">
<label for="login">Account</label> <input id="login" name="login" autocomplete="off">
<button type="submit">Sign in</button></form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Cancel</button></form>
</main></body></html>`;

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return new URLSearchParams(body);
}

/** Starts a provider on a free loopback port; it answers once `serve` is called. */
export async function startIdp(): Promise<TestIdp> {
  const accounts = new Map<string, IdpAccount>();
  let provider: Provider | null = null;
  let ready!: () => void;
  const serving = new Promise<void>((resolve) => (ready = resolve));

  const finishLogin = async (
    req: IncomingMessage,
    res: ServerResponse,
    accountId: string,
  ) => {
    if (!provider) return;
    const details = await provider.interactionDetails(req, res);
    const grant = new provider.Grant({
      accountId,
      clientId: String(details.params.client_id),
    });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  };
  const deny = async (req: IncomingMessage, res: ServerResponse) =>
    provider?.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'The person cancelled' },
      { mergeWithLastSubmission: false },
    );

  const idp: TestIdp = {
    issuer: '',
    autoLogin: null,
    setAccount: (id, account) => accounts.set(id, account),
    removeAccount: (id) => accounts.delete(id),
    serve(redirectUris, secret = IDP_CLIENT.secret) {
      const { privateKey } = generateKeyPairSync('rsa', {
        modulusLength: 2048,
      });
      provider = new Provider(idp.issuer, {
        clients: [
          {
            client_id: IDP_CLIENT.id,
            client_secret: secret,
            redirect_uris: redirectUris,
            grant_types: ['authorization_code', 'refresh_token'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_post',
          },
        ],
        jwks: {
          keys: [
            {
              ...privateKey.export({ format: 'jwk' }),
              kid: 'test',
              use: 'sig',
              alg: 'RS256',
            },
          ],
        },
        cookies: { keys: ['a test key that signs cookies'] },
        claims: {
          openid: ['sub', 'roles'],
          profile: ['name'],
          email: ['email'],
        },
        // Claims in the ID token itself, as Entra ID sends them.
        conformIdTokenClaims: false,
        features: { devInteractions: { enabled: false } },
        interactions: {
          url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
        },
        // Entra ID gives a refresh token for offline_access without forcing a consent prompt.
        issueRefreshToken: async (_ctx, client) =>
          client.grantTypeAllowed('refresh_token'),
        // …and its refresh tokens outlive the browser session at the provider.
        expiresWithSession: async () => false,
        ttl: {
          AuthorizationCode: 60,
          AccessToken: 3600,
          IdToken: 3600,
          RefreshToken: 86_400 * 30,
          Session: 3600,
          Interaction: 600,
          Grant: 86_400 * 30,
        },
        findAccount: async (_ctx, sub) => {
          const account = accounts.get(sub);
          if (!account) return undefined;
          return {
            accountId: sub,
            claims: async () => ({
              sub,
              ...(account.name ? { name: account.name } : {}),
              ...(account.email ? { email: account.email } : {}),
              ...(account.roles ? { roles: account.roles } : {}),
            }),
          };
        },
      });
      // The provider's clock is this process's `Date`, which tests may pin; Node's own Date
      // header would read the machine's clock instead.
      provider.use(async (ctx, next) => {
        ctx.set('Date', new Date().toUTCString());
        await next();
      });
      ready();
    },
    // Keep-alive connections from Snag's client would hold `close` open; the test is over.
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      await serving;
      if (!provider) return;
      const url = new URL(req.url ?? '/', idp.issuer);
      const match = /^\/interaction\/([^/]+)(\/login|\/abort)?$/.exec(
        url.pathname,
      );
      if (!match) return provider.callback()(req, res);
      const [, uid = '', action] = match;
      if (action === '/abort') return deny(req, res);
      if (action === '/login') {
        const login = (await formBody(req)).get('login') ?? '';
        if (!accounts.has(login)) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          return res.end(page(uid, 'No such account. Try again.'));
        }
        return finishLogin(req, res, login);
      }
      if (idp.autoLogin === 'deny') return deny(req, res);
      if (idp.autoLogin) return finishLogin(req, res, idp.autoLogin);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page(uid, 'Sign in to your council account.'));
    })().catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  idp.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return idp;
}
