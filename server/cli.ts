/**
 * `snag-server`: serve the API, manage users, back up (docs/api.md).
 *
 *   snag-server serve
 *   snag-server user add --name N --role reporter|reviewer|admin [--team it|digital] [--json]
 *   snag-server user list [--json]
 *   snag-server user revoke ID
 *   snag-server backup FILE
 *   snag-server retention [--dry-run]
 *   snag-server migrate-to-postgres
 */
import { parseArgs } from 'node:util';
import { ROLES, type CreatedUser, type Role } from '../protocol/api';
import { TEAMS, type Team } from '../protocol/report';
import { commandLineEntry } from './audit';
import { configFromEnv, type ServerConfig } from './config';
import { SettingsError } from './sign-in/settings';
import type { IdentityProvider } from './sign-in/provider';
import { openStore, sqlitePath } from './store/open';
import type { PostgresDriver } from './store/postgres';
import { SqliteDriver } from './store/sqlite';
import { describeRun, runRetention, scheduleRetention } from './retention';
import { mintUser } from './tokens';

// The web server, the identity provider's client and PostgreSQL's are imported only by the
// commands that use them, so that user commands start quickly (bench/cli.bench.ts).

const USAGE = `Usage:
  snag-server serve
  snag-server user add --name NAME --role reporter|reviewer|admin [--team it|digital] [--json]
  snag-server user list [--json]
  snag-server user revoke ID
  snag-server backup FILE
  snag-server retention [--dry-run]
  snag-server migrate-to-postgres

Environment: PORT (8787), HOST (127.0.0.1), DATABASE_URL (PostgreSQL; SQLite when unset),
SNAG_DATA_DIR (./data), SNAG_RATE_LIMIT (requests per minute per token, 600),
SNAG_TRUST_PROXY=1 (behind a TLS reverse proxy), SNAG_COUNCIL_NAME, SNAG_COUNCIL_COLOUR.
Single sign-on: SNAG_OIDC_ISSUER, SNAG_OIDC_CLIENT_ID, SNAG_OIDC_CLIENT_SECRET, SNAG_PUBLIC_URL,
SNAG_TOKEN_SIGN_IN=all|admins|off (see docs/operations.md).
Deliveries: SNAG_WEBHOOK_ALLOW (host names and CIDR ranges), SNAG_SMTP_URL, SNAG_MAIL_FROM,
SNAG_WEBHOOK_TIMEOUT_SECONDS (10), SNAG_DELIVERY_LEASE_SECONDS (60), SNAG_DELIVERIES=off.`;

class UsageError extends Error {}

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function withStore<T>(
  config: ServerConfig,
  fn: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>,
): Promise<T> {
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
  });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

function firstAdminNote(url: string, token: string): string {
  return `
An administrator account was created, because this server had no users yet.
Its access token is shown only this once; keep it somewhere safe:

  ${token}

To connect the browser extension: open its options page, enter
  Server address: ${url}
  Access token:   (the token above, or one made with "snag-server user add")
and press Connect.

To review reports, open ${url}/ in a browser and sign in with an access token.
Make tokens for colleagues with: npx snag-server user add --name "Their name" --role reporter
`;
}

/** Checks single sign-on now and every few minutes, saying on stderr whenever it changes. */
async function watchSignIn(
  config: ServerConfig,
): Promise<IdentityProvider | null> {
  if (!config.signIn.oidc) return null;
  const { IdentityProvider } = await import('./sign-in/provider');
  const provider = new IdentityProvider({
    settings: config.signIn.oidc,
    now: () => new Date(),
    onStatus: (status) =>
      process.stderr.write(
        status.state === 'ok'
          ? `Single sign-on works (${config.signIn.oidc?.issuer.href}).\n`
          : `Single sign-on is not working: ${status.message ?? 'unknown problem'}\n`,
      ),
  });
  // Secrets expire and providers go down: check again, so /health tells the truth.
  setInterval(() => void provider.check(), 5 * 60_000).unref();
  return provider;
}

async function serve(config: ServerConfig): Promise<void> {
  const { buildApp, LOG_OPTIONS } = await import('./app');
  const provider = await watchSignIn(config);
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onError: (error) =>
      process.stderr.write(`Database listener: ${String(error)}\n`),
  });
  // Listen for other instances' changes before taking requests, so no event is missed.
  if (store.kind === 'postgres')
    await (store.driver as PostgresDriver).listen();
  let adminToken: string | null = null;
  if (process.env.SNAG_NO_FIRST_ADMIN !== '1') {
    const { user, token } = mintUser('Administrator', 'admin');
    if (await store.createFirstAdmin(user)) adminToken = token;
  }
  // Logs go to stderr, so stdout carries only the messages meant for the person starting it.
  const app = await buildApp({
    store,
    config,
    provider,
    logger: { ...LOG_OPTIONS, stream: process.stderr },
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port =
    typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  // One write, so a reader that waits for the listening line also gets the first-run note.
  const listening = `Snag server listening on ${url}`;
  out(
    adminToken ? `${listening}\n${firstAdminNote(url, adminToken)}` : listening,
  );
  if (config.retentionDays !== null)
    scheduleRetention(
      store,
      config.retentionDays,
      () => new Date(),
      (error) => app.log.error({ err: error }, 'retention run failed'),
    );
  const { startDeliveries } = await import('./deliveries/start');
  const deliveries = startDeliveries(store, config, url, (error) =>
    app.log.error({ err: error }, 'delivery worker'),
  );
  // After listening, so a slow provider never delays serving pasted tokens.
  if (provider) await provider.check();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    // A stuck client must not keep the process alive forever.
    setTimeout(() => process.exit(1), 15_000).unref();
    await app.close(); // waits for in-flight requests
    await deliveries?.stop();
    await store.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** `user add`: makes a user and prints their token, once. */
async function addUser(config: ServerConfig, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      team: { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
  });
  const name = values.name?.trim();
  if (!name) throw new UsageError('user add needs --name');
  if (!values.role || !(ROLES as readonly string[]).includes(values.role)) {
    throw new UsageError(`user add needs --role ${ROLES.join('|')}`);
  }
  if (
    values.team !== undefined &&
    !(TEAMS as readonly string[]).includes(values.team)
  ) {
    throw new UsageError(`--team must be ${TEAMS.join(' or ')}`);
  }
  const { user: created, token } = mintUser(
    name,
    values.role as Role,
    (values.team as Team | undefined) ?? null,
  );
  await withStore(config, async (store) => {
    await store.createUser(created);
    await store.appendAudit(
      commandLineEntry(
        'user-added',
        created.id,
        { role: created.role },
        new Date(),
      ),
    );
  });
  if (values.json) {
    const answer: CreatedUser = {
      id: created.id,
      name: created.name,
      role: created.role,
      token,
      team: created.team,
    };
    out(JSON.stringify(answer));
  } else {
    out(`Created ${created.role} "${created.name}" (id ${created.id}).`);
    out('Access token (shown only this once):');
    out(`  ${token}`);
  }
}

/** `user list`: every user, as a table or as JSON. */
async function listUsers(config: ServerConfig, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean' } },
    strict: true,
  });
  const users = await withStore(config, (store) => store.listUsers());
  if (values.json) return out(JSON.stringify(users));
  for (const u of users) {
    out(
      [
        u.id,
        u.role.padEnd(8),
        (u.team ?? '-').padEnd(7),
        u.revokedAt ? 'revoked' : 'active ',
        u.name,
      ].join('  '),
    );
  }
}

/** `user revoke ID`: the token stops working at once, on every running server. */
async function revokeUser(config: ServerConfig, args: string[]): Promise<void> {
  const id = args[0];
  if (!id)
    throw new UsageError('user revoke needs a user id (see "user list")');
  const revoked = await withStore(config, async (store) => {
    const done = await store.revokeUser(id, new Date().toISOString());
    if (done)
      await store.appendAudit(
        commandLineEntry('user-revoked', id, {}, new Date()),
      );
    return done;
  });
  if (!revoked) {
    process.stderr.write(`No active user has id ${id}\n`);
    process.exitCode = 1;
    return;
  }
  out(`Revoked ${id}; its token no longer works.`);
}

async function user(config: ServerConfig, args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'add') return addUser(config, rest);
  if (sub === 'list') return listUsers(config, rest);
  if (sub === 'revoke') return revokeUser(config, rest);
  throw new UsageError('user needs add, list or revoke');
}

async function backup(config: ServerConfig, args: string[]): Promise<void> {
  const file = args[0];
  if (!file) throw new UsageError('backup needs a destination FILE');
  if (config.databaseUrl) {
    process.stderr.write(
      'This server uses PostgreSQL; back it up with pg_dump, e.g.\n  pg_dump --format=custom --file=snag.dump "$DATABASE_URL"\n',
    );
    process.exitCode = 2;
    return;
  }
  const store = await openStore({ dataDir: config.dataDir });
  try {
    await (store.driver as SqliteDriver).backup(file);
  } finally {
    await store.close();
  }
  out(`Backed up ${sqlitePath(config.dataDir)} to ${file}`);
}

/** `retention [--dry-run]`: applies SNAG_RETENTION_DAYS now, or lists what it would do. */
async function retention(config: ServerConfig, args: string[]): Promise<void> {
  const dryRun = args.includes('--dry-run');
  if (args.some((a) => a !== '--dry-run'))
    throw new UsageError('retention takes only --dry-run');
  if (config.retentionDays === null)
    throw new UsageError(
      'Retention is off: set SNAG_RETENTION_DAYS to the days a closed report keeps its screenshot and reporter',
    );
  const days = config.retentionDays;
  const run = await withStore(config, (store) =>
    runRetention(store, days, new Date(), dryRun),
  );
  for (const line of describeRun(run, dryRun)) out(line);
}

async function toPostgres(config: ServerConfig): Promise<void> {
  if (!config.databaseUrl)
    throw new UsageError('migrate-to-postgres needs DATABASE_URL (the target)');
  const { migrateToPostgres } = await import('./migrate-to-postgres');
  const { PostgresDriver } = await import('./store/postgres');
  const source = new SqliteDriver(sqlitePath(config.dataDir));
  const target = new PostgresDriver(config.databaseUrl);
  try {
    await source.migrate();
    await target.migrate();
    const counts = await migrateToPostgres(source, target);
    for (const [table, n] of Object.entries(counts))
      out(`${table.padEnd(15)} ${n}`);
    out(
      'Done. Start the server with DATABASE_URL set; the SQLite file is left as it was.',
    );
  } finally {
    await source.close();
    await target.close();
  }
}

/** Runs the CLI with `argv` (without `node` and the script). */
export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  try {
    const config = configFromEnv();
    if (command === 'serve') return await serve(config);
    if (command === 'user') return await user(config, rest);
    if (command === 'backup') return await backup(config, rest);
    if (command === 'retention') return await retention(config, rest);
    if (command === 'migrate-to-postgres') return await toPostgres(config);
    if (command === undefined || command === 'help' || command === '--help')
      return out(USAGE);
    throw new UsageError(`Unknown command "${command}"`);
  } catch (error) {
    if (error instanceof SettingsError) {
      process.stderr.write(`Snag cannot start: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}

await main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
