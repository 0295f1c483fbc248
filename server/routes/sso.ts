/**
 * Single sign-on pages, outside API v1 because browsers navigate to them: the dashboard's
 * start, Snag's authorisation endpoint for the extension, and the one callback the identity
 * provider returns to. Snag brokers the extension's sign-in: the extension talks OAuth with
 * PKCE to Snag, Snag talks OpenID Connect with PKCE to the provider, so the provider needs
 * one registered redirect whatever the browser.
 *
 * Each round trip to the provider is a stored flow found again by its `state`, taken once and
 * good for ten minutes. A dashboard flow is also bound to the browser that started it by a
 * cookie, so nobody can finish their sign-in in someone else's browser.
 */
import type {
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import {
  authorizeQuery,
  signInPages,
  type SignInProblem,
} from '../../protocol/auth';
import { SESSION_COOKIE } from '../auth';
import {
  extensionRedirectAllowed,
  nameFromClaims,
  roleFromClaims,
  safeReturnPath,
  subjectFromClaims,
} from '../domain/sign-in';
import { extensionRedirectHosts } from '../domain/deploy';
import {
  extensionAnswer,
  publicOrigin,
  redirectUri,
  signInPageFor,
} from '../sign-in/addresses';
import type { SignInFlow } from '../store/store';
import { hashToken, mintUser, newSecret } from '../tokens';
import type { RouteDeps } from './deps';
import { openSession } from './session';

/** The cookie that binds a dashboard sign-in to the browser that started it. */
const BINDING_COOKIE = 'snag_sign_in';
/** How long a round trip to the provider may take. */
const FLOW_TTL_MS = 10 * 60_000;
/** How long the extension has to trade its code. */
const CODE_TTL_MS = 60_000;

/** A page for a request that must not be redirected anywhere (its redirect is not ours). */
function refusePage(reply: FastifyReply, message: string) {
  return reply
    .code(400)
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in refused – Snag</title></head><body><h1>This sign-in cannot start</h1><p>${message}</p></body></html>`,
    );
}

/** The link target of a dashboard sign-in: the person signed in here with a token, if any. */
async function sessionUserId(
  { store, now }: RouteDeps,
  request: FastifyRequest,
): Promise<string | null> {
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const session = await store.session(hashToken(cookie), now().toISOString());
  return session?.user.id ?? null;
}

/** Stores a flow and sends the browser to the provider, or answers `fail(problem)`. */
async function toProvider(
  deps: RouteDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  flow: Omit<
    SignInFlow,
    'stateHash' | 'codeVerifier' | 'nonce' | 'createdAt' | 'expiresAt'
  >,
  fail: (problem: SignInProblem) => string,
) {
  const { provider, store, config, now } = deps;
  if (!provider) return reply.redirect(fail('not-configured'), 303);
  const state = newSecret();
  const nonce = newSecret();
  const codeVerifier = newSecret();
  const at = now();
  const url = await provider.authorizationUrl({
    redirectUri: redirectUri(request, config),
    state,
    nonce,
    codeVerifier,
    offline: flow.purpose === 'extension',
  });
  if (!url.ok) {
    request.log.warn({ detail: url.detail }, 'single sign-on could not start');
    return reply.redirect(fail('provider'), 303);
  }
  await store.saveFlow({
    ...flow,
    stateHash: hashToken(state),
    codeVerifier,
    nonce,
    createdAt: at.toISOString(),
    expiresAt: new Date(at.getTime() + FLOW_TTL_MS).toISOString(),
  });
  return reply.redirect(url.url.href, 303);
}

/** `GET /auth/oidc/start`: the dashboard's "Sign in with your council account". */
function dashboardStart(app: FastifyInstance, deps: RouteDeps): void {
  app.get(signInPages.oidcStart, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const binding = newSecret();
    // `?link=1` from a token session links the council account to that person.
    const linkUserId =
      query.link === '1' ? await sessionUserId(deps, request) : null;
    reply.setCookie(BINDING_COOKIE, binding, {
      httpOnly: true,
      // Lax, not Strict: the provider sends the browser back with a cross-site navigation.
      sameSite: 'lax',
      path: '/auth/oidc',
      secure: request.protocol === 'https',
      maxAge: FLOW_TTL_MS / 1000,
    });
    return toProvider(
      deps,
      request,
      reply,
      {
        purpose: 'dashboard',
        bindingHash: hashToken(binding),
        returnTo: safeReturnPath(query.next),
        clientRedirect: null,
        clientState: null,
        clientChallenge: null,
        deviceName: null,
        linkUserId,
      },
      signInPageFor,
    );
  });
}

/**
 * `GET /auth/authorize`: Snag's authorisation endpoint for the extension. A redirect that is
 * not our extension's gets a page and goes nowhere; any other bad input goes back to the
 * extension as an OAuth error.
 */
function extensionAuthorize(app: FastifyInstance, deps: RouteDeps): void {
  const allowedHosts = extensionRedirectHosts(deps.config.signIn.extensionIds);
  app.get(signInPages.authorize, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const clientRedirect =
      typeof query.redirect_uri === 'string' ? query.redirect_uri : '';
    if (!extensionRedirectAllowed(clientRedirect, allowedHosts))
      return refusePage(
        reply,
        'The address to return to is not one of the Snag extension’s. Start signing in from the extension’s options page.',
      );
    const clientState =
      typeof query.state === 'string' &&
      /^[A-Za-z0-9._~-]{16,512}$/.test(query.state)
        ? query.state
        : null;
    const fail = (problem: SignInProblem) =>
      extensionAnswer(clientRedirect, clientState, { problem });
    const parsed = authorizeQuery.safeParse(query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const url = new URL(clientRedirect);
      url.searchParams.set('error', 'invalid_request');
      url.searchParams.set(
        'error_description',
        `${issue?.path.join('.') || 'query'}: ${issue?.message ?? 'invalid'}`,
      );
      if (clientState) url.searchParams.set('state', clientState);
      return reply.redirect(url.href, 303);
    }
    const input = parsed.data;
    let linkUserId: string | null = null;
    if (input.link_ticket) {
      linkUserId = await deps.store.takeLinkTicket(
        hashToken(input.link_ticket),
        deps.now().toISOString(),
      );
      if (!linkUserId) return reply.redirect(fail('expired'), 303);
    }
    return toProvider(
      deps,
      request,
      reply,
      {
        purpose: 'extension',
        bindingHash: null,
        returnTo: null,
        clientRedirect: input.redirect_uri,
        clientState: input.state,
        clientChallenge: input.code_challenge,
        deviceName: input.device_name ?? 'Browser extension',
        linkUserId,
      },
      fail,
    );
  });
}

/** Where a finished flow sends the browser when it failed. */
function failureAddress(flow: SignInFlow, problem: SignInProblem): string {
  return flow.purpose === 'extension' && flow.clientRedirect
    ? extensionAnswer(flow.clientRedirect, flow.clientState, { problem })
    : signInPageFor(problem);
}

/** Asks the provider who signed in, and applies that to Snag's users. */
async function signedInUser(
  deps: RouteDeps,
  request: FastifyRequest,
  flow: SignInFlow,
  state: string,
) {
  const { provider, store, config, now } = deps;
  if (!provider)
    return { ok: false as const, problem: 'not-configured' as const };
  const callback = new URL(request.url, publicOrigin(request, config));
  const exchanged = await provider.exchange(callback, {
    codeVerifier: flow.codeVerifier,
    state,
    nonce: flow.nonce,
  });
  if (!exchanged.ok) {
    request.log.warn(
      { problem: exchanged.problem, detail: exchanged.detail },
      'single sign-on refused',
    );
    return exchanged;
  }
  const oidc = config.signIn.oidc;
  const subject = oidc
    ? subjectFromClaims(exchanged.claims, oidc.subjectClaim)
    : null;
  const issuer = exchanged.claims.iss;
  if (!oidc || !subject || typeof issuer !== 'string') {
    request.log.warn(
      { claim: oidc?.subjectClaim },
      'the ID token lacks the subject claim',
    );
    return { ok: false as const, problem: 'provider' as const };
  }
  const at = now();
  const name = nameFromClaims(exchanged.claims);
  const role = roleFromClaims(exchanged.claims, oidc.roles);
  // Someone who signs in only through the provider holds no pasted token: the random one
  // minted here is never shown, so its hash matches nothing anyone has.
  const { user: newUser } = mintUser(name, role, null, at);
  const outcome = await store.applyProviderSignIn({
    issuer,
    subject,
    name,
    role,
    linkUserId: flow.linkUserId,
    at: at.toISOString(),
    newUser,
  });
  if (outcome.kind === 'refused')
    return { ok: false as const, problem: outcome.problem };
  return {
    ok: true as const,
    user: outcome.user,
    refreshToken: exchanged.refreshToken,
  };
}

/** `GET /auth/oidc/callback`: the provider's answer, for the dashboard or the extension. */
function callback(app: FastifyInstance, deps: RouteDeps): void {
  app.get(signInPages.oidcCallback, async (request, reply) => {
    const { store, now } = deps;
    const query = request.query as Record<string, unknown>;
    const state = typeof query.state === 'string' ? query.state : '';
    const flow = state ? await store.takeFlow(hashToken(state)) : null;
    if (!flow) return reply.redirect(signInPageFor('mismatch'), 303);
    if (flow.expiresAt <= now().toISOString())
      return reply.redirect(failureAddress(flow, 'expired'), 303);
    if (flow.purpose === 'dashboard') {
      const binding = request.cookies[BINDING_COOKIE];
      reply.clearCookie(BINDING_COOKIE, { path: '/auth/oidc' });
      if (!binding || hashToken(binding) !== flow.bindingHash)
        return reply.redirect(signInPageFor('mismatch'), 303);
    }
    const result = await signedInUser(deps, request, flow, state);
    if (!result.ok)
      return reply.redirect(failureAddress(flow, result.problem), 303);

    if (flow.purpose === 'dashboard') {
      await openSession(deps, result.user, request, reply);
      return reply.redirect(flow.returnTo ?? '/', 303);
    }
    if (!flow.clientRedirect || !flow.clientChallenge)
      throw new Error('An extension flow without its redirect');
    const code = newSecret();
    const at = now();
    await store.saveCode({
      codeHash: hashToken(code),
      userId: result.user.id,
      clientRedirect: flow.clientRedirect,
      clientChallenge: flow.clientChallenge,
      deviceName: flow.deviceName ?? 'Browser extension',
      providerRefresh:
        result.refreshToken && deps.provider
          ? deps.provider.sealer.seal(result.refreshToken)
          : null,
      createdAt: at.toISOString(),
      expiresAt: new Date(at.getTime() + CODE_TTL_MS).toISOString(),
    });
    return reply.redirect(
      extensionAnswer(flow.clientRedirect, flow.clientState, { code }),
      303,
    );
  });
}

/** The single sign-on pages. */
export const ssoPages: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  dashboardStart(app, deps);
  extensionAuthorize(app, deps);
  callback(app, deps);
};
