/**
 * Standard Webhooks signing: `webhook-id`, `webhook-timestamp` and `webhook-signature`, whose
 * `v1,` entries are base64 HMAC-SHA256 over `id.timestamp.body` with the key a `whsec_`
 * secret carries. During a rotation the old secret signs too, so receivers can switch over.
 */
import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

/** A new signing secret: `whsec_` and 32 random bytes in base64. */
export function newSecret(): string {
  return PREFIX + randomBytes(32).toString('base64');
}

/** The `v1,` signature of one message under one secret. */
export function signature(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): string {
  const key = Buffer.from(
    secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret,
    'base64',
  );
  const mac = createHmac('sha256', key)
    .update(`${id}.${timestampSeconds}.${body}`)
    .digest('base64');
  return `v1,${mac}`;
}

/** The secrets that sign now: the current one, and the previous one until its overlap ends. */
export function signingSecrets(
  hook: {
    secret: string;
    previousSecret: string | null;
    previousUntil: string | null;
  },
  now: Date,
): string[] {
  const previousLive =
    hook.previousSecret !== null &&
    hook.previousUntil !== null &&
    Date.parse(hook.previousUntil) > now.getTime();
  return previousLive && hook.previousSecret
    ? [hook.secret, hook.previousSecret]
    : [hook.secret];
}

/** The three Standard Webhooks headers for one attempt. */
export function signedHeaders(
  secrets: readonly string[],
  id: string,
  now: Date,
  body: string,
): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets
      .map((s) => signature(s, id, timestamp, body))
      .join(' '),
  };
}
