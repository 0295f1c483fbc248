/**
 * Keeping a signed-in device signed in: a new access token from the rotating refresh token
 * when the old one expires, and a clear reason when the server says the device must sign in
 * again. Only the worker refreshes, one refresh at a time: a refresh token is good once, and
 * a second use signs the device out (the server takes it for a copy).
 */
import {
  isSignInProblem,
  type SignInProblem,
  type TokenAnswer,
  type TokenRequest,
} from '@/protocol/auth';
import type { Credentials } from '../credentials';
import type { Outcome } from '../sync/client';

/** Renew this long before the access token expires, so no request meets it expired. */
export const RENEW_MARGIN_MS = 60_000;

/** The credentials a token answer gives a device signed in to `serverUrl`. */
export function credentialsFromAnswer(
  serverUrl: string,
  answer: TokenAnswer,
  now: number,
): Credentials {
  return {
    serverUrl,
    kind: 'sso',
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token,
    accessExpiresAt: now + answer.expires_in * 1000,
    deviceId: answer.device_id,
  };
}

/** What renewing needs, passed in so it runs the same in tests. */
export interface RenewDeps {
  read(): Promise<Credentials | null>;
  /** Keeps credentials; `renewed` says they are the same device's next pair. */
  write(credentials: Credentials | null, renewed: boolean): Promise<void>;
  /** Keeps why the device was signed out, for the options page to show. */
  signedOut(problem: SignInProblem): Promise<void>;
  /** `POST /auth/token` on `serverUrl`. */
  token(serverUrl: string, input: TokenRequest): Promise<Outcome<TokenAnswer>>;
  now(): number;
}

/**
 * A new access token from the refresh token, or null when there is none: not signed in, the
 * server unreachable (the refresh token stays for the next try), or signed out by the server
 * (the credentials go, and the reason is kept).
 */
export async function renewAccess(deps: RenewDeps): Promise<string | null> {
  const held = await deps.read();
  if (!held || held.kind !== 'sso' || !held.refreshToken) return null;
  const outcome = await deps.token(held.serverUrl, {
    grant_type: 'refresh_token',
    refresh_token: held.refreshToken,
  });
  if (outcome.kind === 'ok') {
    await deps.write(
      credentialsFromAnswer(held.serverUrl, outcome.value, deps.now()),
      true,
    );
    return outcome.value.access_token;
  }
  if (outcome.kind === 'http' && outcome.status === 401) {
    await deps.write(null, false);
    await deps.signedOut(
      isSignInProblem(outcome.code) ? outcome.code : 'signed-out',
    );
  }
  return null;
}

/**
 * `renewAccess` shared by everyone who asks while one is under way, so the refresh token is
 * used once.
 */
export function singleFlight(
  renew: () => Promise<string | null>,
): () => Promise<string | null> {
  let running: Promise<string | null> | null = null;
  return () => {
    running ??= renew().finally(() => {
      running = null;
    });
    return running;
  };
}

/** The access token to send now: the held one, or a renewed one when it is about to expire. */
export async function currentAccessToken(
  held: Credentials,
  renew: () => Promise<string | null>,
  now: number,
): Promise<string | null> {
  if (held.kind !== 'sso') return held.accessToken;
  if ((held.accessExpiresAt ?? 0) - RENEW_MARGIN_MS > now)
    return held.accessToken;
  return renew();
}
