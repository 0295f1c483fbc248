/**
 * Who is asking, and may they? Requests authenticate with `Authorization: Bearer <token>` (a
 * pasted token, or a signed-in device's access token) or, from the dashboard, a session
 * cookie; every route declares the weakest role it admits in `config.auth`, and this hook
 * enforces it before the body is even read.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleAllows, type Role } from '../protocol/api';
import { deviceUser } from './device-auth';
import { HttpError } from './errors';
import type { Store, UserRecord } from './store/store';
import { hashToken } from './tokens';

/** The session cookie's name. */
export const SESSION_COOKIE = 'snag_session';

/**
 * What a route admits: `public` (no auth), `session` (a valid cookie, any role), or the
 * weakest role that may call it.
 */
export type RouteAuth = 'public' | 'session' | Role;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; routes without it are refused to all but admins. */
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    /** The authenticated user, once the auth hook has run. */
    user: UserRecord | null;
    /** How the user authenticated. */
    authVia: 'bearer' | 'cookie' | null;
    /** The session's CSRF token, when authenticated by cookie. */
    csrfToken: string | null;
    /** The SHA-256 of the session id, when authenticated by cookie. */
    sessionHash: string | null;
  }
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{16,256})$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whose bearer token this is: a pasted token's holder, or a signed-in device's user. */
async function bearerUser(
  store: Store,
  hash: string,
  now: Date,
): Promise<UserRecord | null> {
  return (await store.userByTokenHash(hash)) ?? deviceUser(store, hash, now);
}

/** Installs the auth hook on an API scope. */
export function installAuth(
  api: FastifyInstance,
  store: Store,
  now: () => Date,
): void {
  api.decorateRequest('user', null);
  api.decorateRequest('authVia', null);
  api.decorateRequest('csrfToken', null);
  api.decorateRequest('sessionHash', null);

  api.addHook(
    'onRequest',
    async (request: FastifyRequest, _reply: FastifyReply) => {
      if (request.is404) return;
      const required: RouteAuth = request.routeOptions.config.auth ?? 'admin';
      if (required === 'public') return;

      const header = request.headers.authorization;
      if (header !== undefined && required !== 'session') {
        const match = BEARER.exec(header);
        const hash = match?.[1] ? hashToken(match[1]) : null;
        const user = hash ? await bearerUser(store, hash, now()) : null;
        if (!user) {
          // Telling "revoked" from "wrong" lets the extension say what to do next; only
          // someone who holds the old token learns that it was revoked.
          if (hash && (await store.tokenHashRevoked(hash))) {
            throw new HttpError(
              401,
              'This access token has been revoked',
              'token_revoked',
            );
          }
          throw new HttpError(401, 'This access token is not valid');
        }
        request.user = user;
        request.authVia = 'bearer';
      } else {
        const cookie = request.cookies[SESSION_COOKIE];
        if (cookie) {
          const idHash = hashToken(cookie);
          const session = await store.session(idHash, now().toISOString());
          if (session) {
            request.user = session.user;
            request.authVia = 'cookie';
            request.csrfToken = session.csrfToken;
            request.sessionHash = idHash;
          }
        }
        if (!request.user) {
          throw new HttpError(
            401,
            required === 'session'
              ? 'Not signed in'
              : 'Sign in with an access token',
          );
        }
        // A cookie rides along on any cross-site request, so changes need the token too.
        if (!SAFE_METHODS.has(request.method)) {
          const sent = request.headers['x-csrf-token'];
          if (
            typeof sent !== 'string' ||
            !request.csrfToken ||
            !sameSecret(sent, request.csrfToken)
          ) {
            throw new HttpError(
              403,
              'Missing or wrong X-CSRF-Token header',
              'csrf',
            );
          }
        }
      }
      if (required !== 'session' && !roleAllows(request.user.role, required)) {
        throw new HttpError(403, `This needs the ${required} role`);
      }
    },
  );
}

/** The user the auth hook found; routes that are not public can rely on it. */
export function userOf(request: FastifyRequest): UserRecord {
  if (!request.user) throw new HttpError(401, 'Sign in with an access token');
  return request.user;
}

/** The rate-limit key: the credential when there is one, otherwise the client's address. */
export function rateLimitKey(request: FastifyRequest): string {
  const match = BEARER.exec(request.headers.authorization ?? '');
  if (match?.[1]) return `token:${hashToken(match[1]).slice(0, 32)}`;
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie) return `session:${hashToken(cookie).slice(0, 32)}`;
  return `ip:${request.ip}`;
}

/** Who a request's credential belongs to now, and until when it holds (null: no end). */
export interface StandingCredential {
  user: UserRecord;
  expiresAt: string | null;
}

/**
 * Checks a request's credential again, as the auth hook did when it arrived: for requests
 * that outlive their first check (an open `/events` stream). Null when the token was revoked
 * or the session or device signed out or expired.
 */
export async function standingCredential(
  store: Store,
  request: FastifyRequest,
  now: Date,
): Promise<StandingCredential | null> {
  try {
    if (request.authVia === 'bearer') {
      const match = BEARER.exec(request.headers.authorization ?? '');
      if (!match?.[1]) return null;
      const hash = hashToken(match[1]);
      const pasted = await store.userByTokenHash(hash);
      if (pasted) return { user: pasted, expiresAt: null };
      const user = await deviceUser(store, hash, now);
      const device = user ? await store.deviceByAccessHash(hash) : null;
      return user && device ? { user, expiresAt: device.expiresAt } : null;
    }
    if (request.authVia === 'cookie' && request.sessionHash) {
      const session = await store.session(
        request.sessionHash,
        now.toISOString(),
      );
      return session
        ? { user: session.user, expiresAt: session.expiresAt }
        : null;
    }
  } catch (error) {
    // An expired or signed-out device token answers with a 401; here that is "no longer".
    if (error instanceof HttpError) return null;
    throw error;
  }
  return null;
}
