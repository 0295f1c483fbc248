/**
 * Server settings, read once from the environment (DESIGN §7), so the rest of the server takes
 * plain values and tests can pass their own.
 */

import { readSignInSettings, type SignInSettings } from './sign-in/settings';
import { serverDir } from './server-dir';

/** The server's version, reported by `/health`. */
export const SERVER_VERSION = '0.1.0';

/** Everything the server can be configured with. */
export interface ServerConfig {
  port: number;
  host: string;
  /** PostgreSQL URL; SQLite when absent. */
  databaseUrl?: string;
  /** Where SQLite keeps `snag.db`. */
  dataDir: string;
  /** Requests per minute allowed to one token (or one unauthenticated client). */
  rateLimit: number;
  /** Requests per minute allowed from one IP address, across all its tokens. */
  rateLimitPerIp: number;
  /** Trust `X-Forwarded-*` from a reverse proxy. */
  trustProxy: boolean;
  councilName: string;
  councilColour: string;
  /** Where the built dashboard lives. */
  webRoot: string;
  /** How long a dashboard session lasts, in milliseconds. */
  sessionTtlMs: number;
  /** Single sign-on, token sign-in and the extension's tokens. */
  signIn: SignInSettings;
}

function positiveInt(
  value: string | undefined,
  fallback: number,
  name: string,
): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a whole number, not "${value}"`);
  return n;
}

/** Reads the configuration from `env`. */
export function configFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): ServerConfig {
  const rateLimit = positiveInt(env.SNAG_RATE_LIMIT, 600, 'SNAG_RATE_LIMIT');
  return {
    port: positiveInt(env.PORT, 8787, 'PORT'),
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.SNAG_DATA_DIR || './data',
    rateLimit,
    // Offices share one address behind NAT, so the per-IP ceiling is well above one person's.
    rateLimitPerIp: positiveInt(
      env.SNAG_RATE_LIMIT_IP,
      rateLimit * 10,
      'SNAG_RATE_LIMIT_IP',
    ),
    trustProxy: env.SNAG_TRUST_PROXY === '1',
    councilName: env.SNAG_COUNCIL_NAME || 'Your council',
    councilColour: env.SNAG_COUNCIL_COLOUR || '#1d5d6b',
    webRoot: env.SNAG_WEB_ROOT || `${serverDir(import.meta.url)}/web/dist/`,
    sessionTtlMs:
      positiveInt(env.SNAG_SESSION_HOURS, 12, 'SNAG_SESSION_HOURS') * 3_600_000,
    signIn: readSignInSettings(env),
  };
}
