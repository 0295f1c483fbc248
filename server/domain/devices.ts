/**
 * The rules of the extension's tokens: when a one-time code may be traded for a device's
 * first tokens, and when a refresh token may be rotated. Every refusal that should send the
 * person back to "Sign in" carries the reason to show.
 *
 * Refresh tokens rotate: each is good for one use, and using one answers the next. A device's
 * tokens form one family; if a used refresh token comes back, someone holds a copy, so the
 * whole device is signed out (RFC 9700 §4.14.2).
 */
import type { SignInProblem } from '../../protocol/auth';
import { pkceMatches } from './sign-in';

/** A one-time code as stored. */
export interface CodeFacts {
  clientRedirect: string;
  clientChallenge: string;
  expiresAt: string;
  usedAt: string | null;
  /** The device its first use made, to sign out if the code is replayed. */
  deviceId: string | null;
}

/** What a code exchange does. */
export type CodeDecision =
  | { kind: 'issue' }
  | { kind: 'refused'; message: string; signOutDevice?: string };

/**
 * Whether a code may be traded: it must exist, be unused and unexpired, come back with the
 * same redirect, and its verifier must answer the challenge. A replayed code also signs out
 * the device its first use made, as RFC 6749 §4.1.2 advises.
 */
export function decideCodeExchange(
  code: CodeFacts | null,
  input: { verifier: string; redirectUri: string },
  now: string,
): CodeDecision {
  if (!code)
    return { kind: 'refused', message: 'This sign-in code is not valid' };
  if (code.usedAt !== null) {
    return {
      kind: 'refused',
      message: 'This sign-in code has already been used',
      ...(code.deviceId ? { signOutDevice: code.deviceId } : {}),
    };
  }
  if (code.expiresAt <= now)
    return { kind: 'refused', message: 'This sign-in code has expired' };
  if (code.clientRedirect !== input.redirectUri)
    return {
      kind: 'refused',
      message: 'redirect_uri does not match the sign-in request',
    };
  if (!pkceMatches(input.verifier, code.clientChallenge))
    return {
      kind: 'refused',
      message: 'code_verifier does not match the code_challenge',
    };
  return { kind: 'issue' };
}

/** A refresh token as stored, with its device and user. */
export interface RefreshFacts {
  deviceId: string;
  expiresAt: string;
  usedAt: string | null;
  signedOutReason: SignInProblem | null;
  signedOut: boolean;
  userRevoked: boolean;
}

/** What a refresh does. */
export type RefreshDecision =
  | { kind: 'rotate' }
  | { kind: 'refused'; problem: SignInProblem; signOut: boolean };

/** Whether a refresh token may be rotated, or why the device must sign in again. */
export function decideRefresh(
  token: RefreshFacts | null,
  now: string,
): RefreshDecision {
  if (!token) return { kind: 'refused', problem: 'signed-out', signOut: false };
  if (token.userRevoked)
    return { kind: 'refused', problem: 'account-revoked', signOut: false };
  if (token.signedOut) {
    return {
      kind: 'refused',
      problem: token.signedOutReason ?? 'signed-out',
      signOut: false,
    };
  }
  if (token.usedAt !== null)
    return { kind: 'refused', problem: 'refresh-reused', signOut: true };
  if (token.expiresAt <= now)
    return { kind: 'refused', problem: 'refresh-expired', signOut: true };
  return { kind: 'rotate' };
}

/** A device access token's state when it is presented. */
export interface AccessFacts {
  expiresAt: string;
  signedOut: boolean;
  signedOutReason: SignInProblem | null;
  userRevoked: boolean;
}

/** What a presented device access token means. */
export type AccessDecision =
  | { kind: 'ok' }
  | { kind: 'expired' }
  | { kind: 'refused'; problem: SignInProblem };

/** Whether a device's access token still works at `now`. */
export function decideAccess(token: AccessFacts, now: string): AccessDecision {
  if (token.userRevoked) return { kind: 'refused', problem: 'account-revoked' };
  if (token.signedOut)
    return { kind: 'refused', problem: token.signedOutReason ?? 'signed-out' };
  if (token.expiresAt <= now) return { kind: 'expired' };
  return { kind: 'ok' };
}
