/**
 * The extension's side of the sign-in broker, in API v1: which sign-in methods exist, the
 * token endpoint (a code for a device's first tokens, a refresh token for the next pair),
 * signing a device out, and the link ticket that joins a pasted token's holder to their
 * council account. The rules are in `domain/devices.ts`; this only maps them to HTTP.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import {
  authRoutes,
  linkTicket,
  revokeRequest,
  SIGN_IN_PROBLEMS,
  signInMethods,
  tokenAnswer,
  tokenRequest,
  type LinkTicket,
  type SignInMethods,
  type SignInProblem,
  type TokenAnswer,
} from '../../protocol/auth';
import { userOf } from '../auth';
import { decideRefresh } from '../domain/devices';
import { HttpError } from '../errors';
import type { DeviceTokens, UserRecord } from '../store/store';
import { hashToken, newSecret } from '../tokens';
import { parseOr400 } from '../validation';
import type { RouteDeps } from './deps';
import { toMe } from './session';

/** Token requests are a few hundred bytes. */
const TOKEN_BODY_LIMIT = 4096;
/** How long a link ticket may wait for its sign-in. */
const LINK_TICKET_TTL_MS = 10 * 60_000;

/** A 401 that tells the extension to show "Sign in" with this reason. */
function signInAgain(problem: SignInProblem): HttpError {
  return new HttpError(401, SIGN_IN_PROBLEMS[problem], problem);
}

/** A new access and refresh token, their hashes and expiries. */
function mintTokens(deps: RouteDeps, at: Date) {
  const access = newSecret();
  const refresh = newSecret();
  const { deviceAccessTtlMs, deviceRefreshTtlMs } = deps.config.signIn;
  const stored: DeviceTokens = {
    access: {
      hash: hashToken(access),
      expiresAt: new Date(at.getTime() + deviceAccessTtlMs).toISOString(),
    },
    refresh: {
      hash: hashToken(refresh),
      expiresAt: new Date(at.getTime() + deviceRefreshTtlMs).toISOString(),
    },
  };
  const answer = (user: UserRecord, deviceId: string): TokenAnswer => ({
    access_token: access,
    token_type: 'Bearer',
    expires_in: Math.floor(deviceAccessTtlMs / 1000),
    refresh_token: refresh,
    refresh_expires_in: Math.floor(deviceRefreshTtlMs / 1000),
    device_id: deviceId,
    user: toMe(user),
  });
  return { stored, answer };
}

/** `grant_type=authorization_code`: a device's first tokens. */
async function tradeCode(
  deps: RouteDeps,
  input: { code: string; code_verifier: string; redirect_uri: string },
): Promise<TokenAnswer> {
  const at = deps.now();
  const deviceId = uuidv7();
  const tokens = mintTokens(deps, at);
  const outcome = await deps.store.exchangeCode(
    hashToken(input.code),
    { verifier: input.code_verifier, redirectUri: input.redirect_uri },
    { id: deviceId, tokens: tokens.stored },
    at.toISOString(),
  );
  if (outcome.kind === 'refused')
    throw new HttpError(400, outcome.message, 'invalid_grant');
  await deps.store.appendAudit({
    at: at.toISOString(),
    actor: { id: outcome.user.id, name: outcome.user.name },
    action: 'sign-in',
    target: deviceId,
    detail: { method: 'council account', client: 'extension' },
    address: null,
  });
  return tokens.answer(outcome.user, deviceId);
}

/**
 * `grant_type=refresh_token`: the next pair. A device whose council account came with a
 * provider refresh token asks the provider first, so a person removed there cannot refresh
 * here. The refresh token is used only after that, so a provider that cannot be reached
 * leaves it usable for a retry.
 */
async function refresh(
  deps: RouteDeps,
  refreshToken: string,
): Promise<TokenAnswer> {
  const { store, provider, now } = deps;
  const hash = hashToken(refreshToken);
  const stored = await store.refreshToken(hash);
  const decision = decideRefresh(stored, now().toISOString());
  if (decision.kind === 'refused') {
    if (decision.signOut && stored)
      await store.signOutDevice(
        stored.deviceId,
        decision.problem,
        now().toISOString(),
      );
    throw signInAgain(decision.problem);
  }
  if (!stored) throw signInAgain('signed-out');

  let providerRefresh: string | undefined;
  if (stored.providerRefresh) {
    const opened = provider?.sealer.open(stored.providerRefresh) ?? null;
    const asked = opened ? await provider!.refresh(opened) : null;
    if (asked?.kind === 'unavailable')
      throw new HttpError(
        503,
        'Your council’s sign-in service cannot be reached just now; try again shortly',
        'temporarily_unavailable',
      );
    if (!asked || asked.kind === 'refused') {
      await store.signOutDevice(
        stored.deviceId,
        'provider-refused',
        now().toISOString(),
      );
      throw signInAgain('provider-refused');
    }
    if (asked.refreshToken)
      providerRefresh = provider!.sealer.seal(asked.refreshToken);
  }

  const at = now();
  const tokens = mintTokens(deps, at);
  const user = await store.rotateRefresh(
    hash,
    stored.deviceId,
    tokens.stored,
    providerRefresh,
    at.toISOString(),
  );
  if (!user) {
    // Another request used this token first: one of the two holds a copy.
    await store.signOutDevice(
      stored.deviceId,
      'refresh-reused',
      at.toISOString(),
    );
    throw signInAgain('refresh-reused');
  }
  return tokens.answer(user, stored.deviceId);
}

/** `POST /auth/token`, in its own scope so it alone also takes OAuth's form encoding. */
function tokenEndpoint(api: FastifyInstance, deps: RouteDeps): void {
  api.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: TOKEN_BODY_LIMIT },
      (_request, body, done) =>
        done(null, Object.fromEntries(new URLSearchParams(body.toString()))),
    );
    scope.post(
      authRoutes.token,
      {
        bodyLimit: TOKEN_BODY_LIMIT,
        config: {
          auth: 'public',
          doc: {
            summary:
              'Trade a sign-in code, or a refresh token, for an access token and the next refresh token',
            body: tokenRequest,
            response: tokenAnswer,
          },
        },
      },
      async (request): Promise<TokenAnswer> => {
        const input = parseOr400(tokenRequest, request.body);
        if (input.grant_type === 'authorization_code')
          return tradeCode(deps, input);
        return refresh(deps, input.refresh_token);
      },
    );
  });
}

/** `GET /auth/methods`, `POST /auth/revoke`, `POST /auth/link-ticket`. */
function signInRoutes(api: FastifyInstance, deps: RouteDeps): void {
  const { store, config, now, provider } = deps;
  api.get(
    authRoutes.methods,
    {
      config: {
        auth: 'public',
        doc: {
          summary: 'Which ways of signing in this server offers',
          response: signInMethods,
        },
      },
    },
    async (): Promise<SignInMethods> => ({
      sso: provider !== null,
      tokenSignIn: config.signIn.tokenSignIn,
    }),
  );

  api.post(
    authRoutes.revoke,
    {
      bodyLimit: TOKEN_BODY_LIMIT,
      config: {
        auth: 'public',
        doc: {
          summary: 'Sign out the device holding this refresh token',
          body: revokeRequest,
        },
      },
    },
    async (request, reply) => {
      const { refresh_token } = parseOr400(revokeRequest, request.body);
      const stored = await store.refreshToken(hashToken(refresh_token));
      if (stored)
        await store.signOutDevice(
          stored.deviceId,
          'signed-out',
          now().toISOString(),
        );
      // Answered the same either way (RFC 7009 §2.2): an unknown token is already no use.
      return reply.code(204).send();
    },
  );

  api.post(
    authRoutes.linkTicket,
    {
      config: {
        auth: 'reporter',
        doc: {
          summary:
            'A one-time ticket that links the caller to the council account they sign in with next',
          response: linkTicket,
        },
      },
    },
    async (request): Promise<LinkTicket> => {
      if (!provider)
        throw new HttpError(
          404,
          SIGN_IN_PROBLEMS['not-configured'],
          'not_found',
        );
      const ticket = newSecret();
      const at = now();
      await store.saveLinkTicket(
        hashToken(ticket),
        userOf(request).id,
        new Date(at.getTime() + LINK_TICKET_TTL_MS).toISOString(),
      );
      return { ticket, expires_in: LINK_TICKET_TTL_MS / 1000 };
    },
  );
}

/** The broker's API routes. */
export const brokerRoutes: FastifyPluginAsync<RouteDeps> = async (
  api,
  deps,
) => {
  tokenEndpoint(api, deps);
  signInRoutes(api, deps);
};
