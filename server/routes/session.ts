/**
 * Dashboard sign-in: a token is exchanged for an HttpOnly session cookie plus a CSRF token,
 * so the token itself never sits in the page's storage. Also `GET /me`.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import {
  me,
  routes,
  session,
  signIn,
  type Me,
  type Session,
} from '../../protocol/api';
import { SESSION_COOKIE, userOf } from '../auth';
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

/** `POST /session`: sign in with a token; the session id goes only into the cookie. */
function startSession(
  api: FastifyInstance,
  { store, config, now }: RouteDeps,
): void {
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
      const user = await store.userByTokenHash(hashToken(token));
      if (!user)
        throw new HttpError(
          401,
          'This access token is not valid, or has been revoked',
        );
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
      reply.setCookie(SESSION_COOKIE, sessionId, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        // request.protocol follows X-Forwarded-Proto only when SNAG_TRUST_PROXY=1.
        secure: request.protocol === 'https',
        expires,
      });
      return { user: toMe(user), csrfToken };
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
    async (request): Promise<Session> => ({
      user: toMe(userOf(request)),
      csrfToken: request.csrfToken ?? '',
    }),
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
