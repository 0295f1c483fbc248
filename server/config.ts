/**
 * Server settings, read once from the environment (docs/api.md), so the rest of the server takes
 * plain values and tests can pass their own.
 */

import { isIP } from 'node:net';
import {
  readDeliverySettings,
  type DeliverySettings,
} from './deliveries/settings';
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
  /**
   * Which `X-Forwarded-*` hops to believe: `false` for none, a number of hops counted from this
   * server, or the addresses and CIDR ranges of the reverse proxies (Fastify's `trustProxy`).
   */
  trustProxy: TrustProxy;
  /** How long a client may take, so a trickled request cannot hold a connection open. */
  timeouts: ServerTimeouts;
  councilName: string;
  councilColour: string;
  /** Where the built dashboard lives. */
  webRoot: string;
  /** How long a dashboard session lasts, in milliseconds. */
  sessionTtlMs: number;
  /** Single sign-on, token sign-in and the extension's tokens. */
  signIn: SignInSettings;
  /** Days after closing that a report keeps its screenshot and reporter; null: forever. */
  retentionDays: number | null;
  /** Webhooks, their allow-list and email. */
  deliveries: DeliverySettings;
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

/** Limits on slow clients, in milliseconds. */
export interface ServerTimeouts {
  /** From connecting to the end of the request's headers. */
  headersMs: number;
  /** From connecting to the end of the request's body (headers included). */
  requestMs: number;
  /** Longest silence on a connection, either way (event streams send a heartbeat within it). */
  idleMs: number;
}

/** Reads `SNAG_*_TIMEOUT` (seconds); headers must come before the whole request is due. */
function readTimeouts(env: NodeJS.ProcessEnv): ServerTimeouts {
  const seconds = (name: string, fallback: number) =>
    positiveInt(env[name], fallback, name) * 1000;
  const timeouts = {
    headersMs: seconds('SNAG_HEADERS_TIMEOUT', 10),
    // A 5 MiB screenshot over a slow office link takes most of a minute.
    requestMs: seconds('SNAG_REQUEST_TIMEOUT', 60),
    idleMs: seconds('SNAG_IDLE_TIMEOUT', 60),
  };
  for (const [name, ms] of Object.entries(timeouts))
    if (ms === 0) throw new Error(`${name} must be at least one second`);
  if (timeouts.headersMs > timeouts.requestMs)
    throw new Error(
      'SNAG_HEADERS_TIMEOUT must not exceed SNAG_REQUEST_TIMEOUT',
    );
  return timeouts;
}

/** Which reverse proxies the server believes; see {@link readTrustProxy}. */
export type TrustProxy = false | number | string[];

/** Names that Fastify's proxy-address matcher knows as ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/**
 * Reads `SNAG_TRUST_PROXY`: unset or `0` trusts nobody; a whole number trusts that many hops
 * (`1`: the one proxy in front, so a client cannot choose its own address by sending its own
 * `X-Forwarded-For`); otherwise a comma-separated list of proxy addresses or CIDR ranges.
 * Trusting every hop is deliberately not offered: it let a client rotate the header to escape
 * every rate limit.
 */
export function readTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? '').trim();
  if (text === '' || text === '0') return false;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !isAddressOrRange(entry));
  if (bad !== undefined)
    throw new Error(
      `SNAG_TRUST_PROXY must be a number of hops or a list of proxy addresses or ranges such as 127.0.0.1,10.0.0.0/8; "${bad}" is neither`,
    );
  return entries;
}

/**
 * The setting as Fastify takes it. A hop count becomes a function because Fastify treats a
 * bare number as "trust nobody"; hop 0 is the peer that connected, so `1` believes exactly the
 * address our own proxy appended.
 */
export function proxyTrustFor(
  trust: TrustProxy,
): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  return (_address, hop) => hop < trust;
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
    trustProxy: readTrustProxy(env.SNAG_TRUST_PROXY),
    timeouts: readTimeouts(env),
    councilName: env.SNAG_COUNCIL_NAME || 'Your council',
    councilColour: env.SNAG_COUNCIL_COLOUR || '#1d5d6b',
    webRoot: env.SNAG_WEB_ROOT || `${serverDir(import.meta.url)}/web/dist/`,
    sessionTtlMs:
      positiveInt(env.SNAG_SESSION_HOURS, 12, 'SNAG_SESSION_HOURS') * 3_600_000,
    signIn: readSignInSettings(env),
    // Off unless set (0 is off too): how long to keep is each council's decision.
    retentionDays:
      positiveInt(env.SNAG_RETENTION_DAYS, 0, 'SNAG_RETENTION_DAYS') || null,
    deliveries: readDeliverySettings(env),
  };
}
