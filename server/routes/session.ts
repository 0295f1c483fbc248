/**
 * Dashboard sign-in: a token is exchanged for an HttpOnly session cookie plus a CSRF token,
 * so the token itself never sits in the page's storage. Also `GET /me`.
 */
import type {
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import {
  me,
  routes,
  session,
  signIn,
  type Me,
  type Session,
} from '../../protocol/api';
import { SIGN_IN_PROBLEMS } from '../../protocol/auth';
import { SESSION_COOKIE, userOf } from '../auth';
import { tokenSignInAllowed } from '../domain/sign-in';
import { HttpError } from '../errors';
import type { UserRecord } from '../store/store';
import { hashToken, newSecret } from '../tokens';
import { parseOr400 } from '../validation';
import type { RouteDeps } from './deps';

/** The public view of a user. */
export function toMe(user: UserRecord): Me {
  return { id: user.id, name: user.name, role: user.role, team: user.team };
}

/** `GET /me`. */
function getMe(api: FastifyInstance): void {
  api.get(
    routes.me,
    {
      config: {
        auth: 'reporter',
        doc: { summary: 'Who this token belongs to', response: me },
      },
    },
    async (request) => toMe(userOf(request)),
  );
}

/**
 * Starts a dashboard session for `user`: the session id goes only into the HttpOnly cookie,
 * and the answer carries the CSRF token. Token and single sign-on sign-ins both end here.
 */
export async function openSession(
  { store, config, now }: RouteDeps,
  user: UserRecord,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Session> {
  const sessionId = newSecret();
  const csrfToken = newSecret();
  const at = now();
  const expires = new Date(at.getTime() + config.sessionTtlMs);
  await store.createSession(
    hashToken(sessionId),
    user.id,
    csrfToken,
    at.toISOString(),
    expires.toISOString(),
  );
  await store.appendAudit({
    at: at.toISOString(),
    actor: { id: user.id, name: user.name },
    action: 'sign-in',
    target: null,
    detail: { client: 'dashboard' },
    address: request.ip,
  });
  reply.setCookie(SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    // request.protocol follows X-Forwarded-Proto only when SNAG_TRUST_PROXY=1.
    secure: request.protocol === 'https',
    expires,
  });
  return { user: toMe(user), csrfToken };
}

/** `POST /session`: sign in with a token, if `SNAG_TOKEN_SIGN_IN` lets this person. */
function startSession(api: FastifyInstance, deps: RouteDeps): void {
  api.post(
    routes.session,
    {
      config: {
        auth: 'public',
        doc: {
          summary: 'Sign in to the dashboard with a token',
          body: signIn,
          response: session,
        },
      },
    },
    async (request, reply): Promise<Session> => {
      const { token } = parseOr400(signIn, request.body);
      const policy = deps.config.signIn.tokenSignIn;
      if (policy === 'off')
        throw new HttpError(
          403,
          SIGN_IN_PROBLEMS['token-sign-in-off'],
          'token_sign_in_off',
        );
      const user = await deps.store.userByTokenHash(hashToken(token));
      if (!user)
        throw new HttpError(
          401,
          'This access token is not valid, or has been revoked',
        );
      if (!tokenSignInAllowed(policy, user.role))
        throw new HttpError(
          403,
          'On this server only administrators may sign in to the dashboard with an access token. Sign in with your council account.',
          'token_sign_in_off',
        );
      const opened = await openSession(deps, user, request, reply);
      return {
        ...opened,
        user: {
          ...opened.user,
          councilAccount: await deps.store.hasCouncilAccount(user.id),
        },
      };
    },
  );
}

/** `GET /session` and `DELETE /session` (sign out). */
function currentSession(api: FastifyInstance, { store }: RouteDeps): void {
  api.get(
    routes.session,
    {
      config: {
        auth: 'session',
        doc: { summary: 'The current dashboard session', response: session },
      },
    },
    async (request): Promise<Session> => {
      const user = userOf(request);
      return {
        user: {
          ...toMe(user),
          councilAccount: await store.hasCouncilAccount(user.id),
        },
        csrfToken: request.csrfToken ?? '',
      };
    },
  );

  api.delete(
    routes.session,
    { config: { auth: 'session', doc: { summary: 'Sign out' } } },
    async (request, reply) => {
      if (request.sessionHash) await store.deleteSession(request.sessionHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );
}

/** `/session` (POST, GET, DELETE) and `/me`. */
export const sessionRoutes: FastifyPluginAsync<RouteDeps> = async (
  api,
  deps,
) => {
  getMe(api);
  startSession(api, deps);
  currentSession(api, deps);
};
