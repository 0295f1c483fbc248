/**
 * Bearer tokens that are not pasted tokens: the short-lived access tokens of devices signed in
 * through the broker. Each answer says exactly what the extension should do next: carry on,
 * refresh (the token expired), or show "Sign in" with the reason.
 */
import { SIGN_IN_PROBLEMS } from '../protocol/auth';
import { decideAccess } from './domain/devices';
import { HttpError } from './errors';
import type { Store, UserRecord } from './store/store';

/**
 * The user behind a device access token, or null if the hash is no device's. Throws a 401
 * whose code is `token_expired` (refresh and try again) or a sign-in problem (sign in again).
 */
export async function deviceUser(
  store: Store,
  hash: string,
  now: Date,
): Promise<UserRecord | null> {
  const device = await store.deviceByAccessHash(hash);
  if (!device) return null;
  const decision = decideAccess(device, now.toISOString());
  if (decision.kind === 'ok') return device.user;
  if (decision.kind === 'expired')
    throw new HttpError(
      401,
      'This access token has expired; refresh it',
      'token_expired',
    );
  throw new HttpError(
    401,
    SIGN_IN_PROBLEMS[decision.problem],
    decision.problem,
  );
}
