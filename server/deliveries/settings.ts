/**
 * Delivery settings from the environment: the allow-list, the mail server and how the worker
 * runs.
 */
import { envAllowEntries, parseAllowList } from './allow';

/** How deliveries are configured. */
export interface DeliverySettings {
  /** `SNAG_WEBHOOK_ALLOW`: host names and CIDR ranges that may receive. */
  allow: string[];
  /** `SNAG_SMTP_URL`, e.g. `smtp://user:pass@mail.council.gov.uk:587`; no email without it. */
  smtpUrl: string | null;
  /** `SNAG_MAIL_FROM`. */
  mailFrom: string;
  /** `SNAG_DELIVERIES=off` stops this instance sending (others may still). */
  enabled: boolean;
  /** `SNAG_WEBHOOK_TIMEOUT_SECONDS` (10). */
  timeoutMs: number;
  /** `SNAG_DELIVERY_LEASE_SECONDS` (60): how long a dead instance's claims last. */
  leaseMs: number;
}

function seconds(value: string | undefined, fallback: number, name: string) {
  if (value === undefined || value === '') return fallback * 1000;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(
      `${name} must be a whole number of seconds, not "${value}"`,
    );
  return n * 1000;
}

/** Reads the settings, refusing a bad allow-list entry at start-up. */
export function readDeliverySettings(
  env: NodeJS.ProcessEnv = process.env,
): DeliverySettings {
  const allow = envAllowEntries(env.SNAG_WEBHOOK_ALLOW);
  try {
    parseAllowList(allow);
  } catch (error) {
    throw new Error(`SNAG_WEBHOOK_ALLOW: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const timeoutMs = seconds(
    env.SNAG_WEBHOOK_TIMEOUT_SECONDS,
    10,
    'SNAG_WEBHOOK_TIMEOUT_SECONDS',
  );
  return {
    allow,
    smtpUrl: env.SNAG_SMTP_URL || null,
    mailFrom: env.SNAG_MAIL_FROM || 'Snag <snag@localhost>',
    enabled: env.SNAG_DELIVERIES !== 'off',
    timeoutMs,
    leaseMs: Math.max(
      seconds(
        env.SNAG_DELIVERY_LEASE_SECONDS,
        60,
        'SNAG_DELIVERY_LEASE_SECONDS',
      ),
      timeoutMs * 2,
    ),
  };
}
