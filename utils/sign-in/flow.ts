/**
 * "Sign in with your council account" from the extension: Snag's own authorisation endpoint
 * opened with `identity.launchWebAuthFlow`, with PKCE (RFC 7636) and a state of our own, then
 * the code traded at `/auth/token` for an access token and a rotating refresh token. Snag
 * brokers the sign-in with the council's identity provider, so the provider needs one
 * registered redirect whatever the browser.
 */
import {
  isSignInProblem,
  signInPages,
  type SignInProblem,
  type TokenAnswer,
  type TokenRequest,
} from '@/protocol/auth';
import type { Outcome } from '../sync/client';

/** Why a sign-in did not happen: the broker's reasons, or a server that cannot be reached. */
export type SignInFailure = SignInProblem | 'unreachable';

/** What came of a sign-in. */
export type SignInResult =
  { ok: true; answer: TokenAnswer } | { ok: false; reason: SignInFailure };

/** What signing in needs, passed in so it runs the same under test. */
export interface SignInDeps {
  /** `identity.launchWebAuthFlow`: resolves with the address the broker sent us back to. */
  launchWebAuthFlow(details: {
    url: string;
    interactive: boolean;
  }): Promise<string | undefined>;
  /** `identity.getRedirectURL()`: the address the browser catches for this extension. */
  redirectUrl: string;
  /** `POST /auth/token` on the server. */
  token(input: TokenRequest): Promise<Outcome<TokenAnswer>>;
  /** Shown to admins in the list of signed-in devices, e.g. "Chrome on Windows". */
  deviceName: string;
  /** `crypto.getRandomValues` and `crypto.subtle.digest('SHA-256', …)`. */
  random(bytes: number): Uint8Array;
  sha256(data: Uint8Array): Promise<ArrayBuffer>;
}

/** Base64url without padding (RFC 4648 §5), as PKCE and our state use it. */
export function base64Url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Chrome rejects `launchWebAuthFlow` when the person closes the window ("The user did not
 * approve access.") and when the first page cannot load ("Authorization page could not be
 * loaded."); only the second says anything about the server.
 */
function failureOfLaunch(error: unknown): SignInFailure {
  const text = error instanceof Error ? error.message : String(error);
  return /could not be loaded/i.test(text) ? 'unreachable' : 'cancelled';
}

/** The broker's answer on the redirect: a code, or why there is none. */
function readRedirect(
  returned: string,
  state: string,
): { code: string } | { reason: SignInFailure } {
  let params: URLSearchParams;
  try {
    params = new URL(returned).searchParams;
  } catch {
    return { reason: 'mismatch' };
  }
  // An answer to a request we did not make (or a replay of an old one) is not used.
  if (params.get('state') !== state) return { reason: 'mismatch' };
  const reason = params.get('snag_reason');
  if (isSignInProblem(reason)) return { reason };
  const error = params.get('error');
  if (error === 'access_denied') return { reason: 'denied' };
  if (error) return { reason: 'provider' };
  const code = params.get('code');
  return code ? { code } : { reason: 'mismatch' };
}

/** Signs this device in to the Snag server at `serverUrl` with the person's council account. */
export async function signInWithCouncilAccount(
  serverUrl: string,
  deps: SignInDeps,
): Promise<SignInResult> {
  const verifier = base64Url(deps.random(32));
  const state = base64Url(deps.random(32));
  const challenge = base64Url(
    new Uint8Array(await deps.sha256(new TextEncoder().encode(verifier))),
  );
  const url = new URL(signInPages.authorize, serverUrl);
  url.search = new URLSearchParams({
    redirect_uri: deps.redirectUrl,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    device_name: deps.deviceName.slice(0, 100),
  }).toString();

  let returned: string | undefined;
  try {
    returned = await deps.launchWebAuthFlow({
      url: url.href,
      interactive: true,
    });
  } catch (error) {
    return { ok: false, reason: failureOfLaunch(error) };
  }
  if (!returned) return { ok: false, reason: 'cancelled' };
  const read = readRedirect(returned, state);
  if ('reason' in read) return { ok: false, reason: read.reason };

  const traded = await deps.token({
    grant_type: 'authorization_code',
    code: read.code,
    code_verifier: verifier,
    redirect_uri: deps.redirectUrl,
  });
  if (traded.kind === 'ok') return { ok: true, answer: traded.value };
  if (traded.kind === 'network') return { ok: false, reason: 'unreachable' };
  // The code was refused: too slow, or used already.
  return {
    ok: false,
    reason: isSignInProblem(traded.code) ? traded.code : 'expired',
  };
}
