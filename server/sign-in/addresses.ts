/**
 * The addresses a sign-in moves between: Snag's public origin and its one redirect URI, the
 * dashboard's sign-in page with a reason, and the extension's redirect with its answer.
 */
import type { FastifyRequest } from 'fastify';
import {
  SIGN_IN_PROBLEMS,
  signInPages,
  type SignInProblem,
} from '../../protocol/auth';
import type { ServerConfig } from '../config';

/**
 * Where people reach Snag: `SNAG_PUBLIC_URL`, or else this request's own origin (which
 * follows `X-Forwarded-*` only when `SNAG_TRUST_PROXY=1`).
 */
export function publicOrigin(
  request: FastifyRequest,
  config: ServerConfig,
): string {
  return config.signIn.publicUrl ?? `${request.protocol}://${request.host}`;
}

/** The redirect URI to register with the identity provider. */
export function redirectUri(
  request: FastifyRequest,
  config: ServerConfig,
): string {
  return `${publicOrigin(request, config)}${signInPages.oidcCallback}`;
}

/** The dashboard's sign-in page, saying why the last attempt failed. */
export function signInPageFor(problem: SignInProblem): string {
  return `/sign-in?reason=${encodeURIComponent(problem)}`;
}

/** The OAuth error code that best matches each problem, for the extension's redirect. */
const OAUTH_ERRORS: Record<SignInProblem, string> = {
  denied: 'access_denied',
  cancelled: 'access_denied',
  expired: 'invalid_request',
  mismatch: 'invalid_request',
  provider: 'temporarily_unavailable',
  'not-configured': 'server_error',
  'account-revoked': 'access_denied',
  'already-linked': 'access_denied',
  'token-sign-in-off': 'access_denied',
  'refresh-expired': 'invalid_grant',
  'refresh-reused': 'invalid_grant',
  'signed-out': 'invalid_grant',
  'provider-refused': 'invalid_grant',
};

/**
 * The extension's redirect with an answer: `code` and `state` on success, or `error`,
 * `error_description` and `snag_reason` (a sign-in problem) on failure.
 */
export function extensionAnswer(
  clientRedirect: string,
  clientState: string | null,
  answer: { code: string } | { problem: SignInProblem },
): string {
  const url = new URL(clientRedirect);
  if ('code' in answer) url.searchParams.set('code', answer.code);
  else {
    url.searchParams.set('error', OAUTH_ERRORS[answer.problem]);
    url.searchParams.set('error_description', SIGN_IN_PROBLEMS[answer.problem]);
    url.searchParams.set('snag_reason', answer.problem);
  }
  if (clientState) url.searchParams.set('state', clientState);
  return url.href;
}
