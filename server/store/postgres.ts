/**
 * The PostgreSQL adapter, used when `DATABASE_URL` is set. Several server instances may share
 * one database: migrations run under an advisory lock, writers serialise on the `meta` row
 * (see `sql/sequence.ts`), and change events cross instances through LISTEN/NOTIFY.
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { StoreEvent, SqlDriver, SqlTransaction } from './driver';
import { MIGRATIONS, statements } from './migrations';

// COUNT(*) and BIGINT come back as strings by default; our numbers all fit in a double.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as never,
};

const placeholderCache = new Map<string, string>();

/** Rewrites our `?` placeholders as `$1, $2, …`; our SQL never has `?` inside a literal. */
function toPg(sql: string): string {
  let out = placeholderCache.get(sql);
  if (out === undefined) {
    let n = 0;
    out = sql.replace(/\?/g, () => `$${++n}`);
    placeholderCache.set(sql, out);
  }
  return out;
}

function params(values: readonly unknown[] | undefined): unknown[] {
  return (values ?? []).map((v) => (v === undefined ? null : v));
}

/** Options for the PostgreSQL driver. */
export interface PostgresOptions {
  /** Largest number of pooled connections. */
  poolSize?: number;
  /** Called when the LISTEN connection fails; it reconnects by itself. */
  onError?: (error: unknown) => void;
  /** How long a request waits for a free connection before it fails, in ms. */
  connectWaitMs?: number;
  /**
   * How long PostgreSQL lets a session sit idle inside a transaction before ending it, in ms,
   * so a stuck request cannot hold every writer's lock for ever.
   */
  idleInTransactionMs?: number;
}

/** A request that cannot get a connection in this time fails instead of waiting on. */
const CONNECT_WAIT_MS = 30_000;
/** No transaction of ours waits this long between statements unless something is stuck. */
const IDLE_IN_TRANSACTION_MS = 60_000;

/** The PostgreSQL driver over a `pg` pool. */
export class PostgresDriver implements SqlDriver {
  readonly kind = 'postgres' as const;
  // The row lock every writer takes first: it orders commits by serverSeq (see sql/sequence.ts).
  readonly lockSql = 'SELECT seq FROM meta WHERE id = 1 FOR UPDATE';
  readonly pool: pg.Pool;
  private readonly events = new EventEmitter();
  private channel = 'snag_events';
  private listener: pg.Client | null = null;
  private listening: Promise<void> | null = null;
  private closed = false;

  constructor(
    readonly connectionString: string,
    private readonly options: PostgresOptions = {},
  ) {
    this.pool = new pg.Pool({
      connectionString,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectWaitMs ?? CONNECT_WAIT_MS,
      idle_in_transaction_session_timeout:
        options.idleInTransactionMs ?? IDLE_IN_TRANSACTION_MS,
      types,
    });
    // An idle client's error must not crash the process; the pool replaces the client.
    this.pool.on('error', (error) => options.onError?.(error));
    this.events.setMaxListeners(0);
  }

  async all<T>(sql: string, values?: readonly unknown[]): Promise<T[]> {
    return (await this.pool.query(toPg(sql), params(values))).rows as T[];
  }

  async get<T>(
    sql: string,
    values?: readonly unknown[],
  ): Promise<T | undefined> {
    return (await this.all<T>(sql, values))[0];
  }

  async run(sql: string, values?: readonly unknown[]): Promise<number> {
    return (await this.pool.query(toPg(sql), params(values))).rowCount ?? 0;
  }

  /**
   * A client from the pool, with its errors caught while it is out (the pool only watches
   * idle ones): a session the server ends would otherwise crash the process. `done` gives it
   * back, or drops it when it broke.
   */
  private async checkOut() {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken = error;
      this.options.onError?.(error);
    };
    client.on('error', onError);
    const done = () => {
      client.off('error', onError);
      client.release(broken);
    };
    return { client, done };
  }

  async transaction<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    const { client, done } = await this.checkOut();
    const pending: StoreEvent[] = [];
    const tx: SqlTransaction = {
      all: async <R>(sql: string, values?: readonly unknown[]) =>
        (await client.query(toPg(sql), params(values))).rows as R[],
      get: async <R>(sql: string, values?: readonly unknown[]) =>
        (await client.query(toPg(sql), params(values))).rows[0] as
          R | undefined,
      run: async (sql, values) =>
        (await client.query(toPg(sql), params(values))).rowCount ?? 0,
      notify: (event) => pending.push(event),
    };
    try {
      await client.query('BEGIN');
      const result = await fn(tx);
      for (const event of pending) {
        // NOTIFY inside the transaction is delivered only on commit, to every instance.
        await client.query('SELECT pg_notify($1, $2)', [
          this.channel,
          JSON.stringify(event),
        ]);
      }
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      done();
    }
  }

  async migrate(): Promise<number> {
    const { client, done } = await this.checkOut();
    try {
      const schema = (await client.query('SELECT current_schema() AS s'))
        .rows[0] as {
        s: string | null;
      };
      if (!schema.s)
        throw new Error('No schema to create tables in (check search_path)');
      // Channel names are global to the database, so keep schemas apart.
      this.channel = `snag_${schema.s}`.slice(0, 63);
      await client.query(
        'SELECT pg_advisory_lock(7613, hashtext(current_schema()))',
      );
      try {
        await client.query(
          'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
        );
        const row = (
          await client.query('SELECT MAX(version) AS v FROM schema_migrations')
        ).rows[0] as { v: number | null };
        let current = row.v ?? 0;
        for (const migration of MIGRATIONS) {
          if (migration.version <= current) continue;
          await client.query('BEGIN');
          try {
            for (const sql of statements(migration.postgres))
              await client.query(sql);
            await client.query(
              'INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)',
              [migration.version, new Date().toISOString()],
            );
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK');
            throw error;
          }
          current = migration.version;
        }
        return current;
      } finally {
        await client.query(
          'SELECT pg_advisory_unlock(7613, hashtext(current_schema()))',
        );
      }
    } finally {
      done();
    }
  }

  async forgetDeleted(): Promise<void> {
    // Old row versions stay in the table's pages until a vacuum reclaims them.
    await this.pool.query(
      'VACUUM reports, comments, screenshots, triage_history, audit_log',
    );
  }

  onEvent(listener: (event: StoreEvent) => void): () => void {
    this.events.on('event', listener);
    void this.listen();
    return () => this.events.off('event', listener);
  }

  eventsReady(): Promise<void> {
    return this.listen();
  }

  /** Starts (once) the dedicated connection that LISTENs for every instance's changes. */
  listen(): Promise<void> {
    this.listening ??= this.connectListener();
    return this.listening;
  }

  private async connectListener(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({
      connectionString: this.connectionString,
      connectionTimeoutMillis: this.options.connectWaitMs ?? CONNECT_WAIT_MS,
    });
    client.on('notification', (message) => {
      if (message.channel !== this.channel || !message.payload) return;
      try {
        this.events.emit('event', JSON.parse(message.payload) as StoreEvent);
      } catch (error) {
        this.options.onError?.(error);
      }
    });
    client.on('error', (error) => {
      this.options.onError?.(error);
      this.listener = null;
      this.listening = null;
      client.end().catch(() => undefined);
      if (!this.closed) setTimeout(() => void this.listen(), 1000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel.replace(/"/g, '""')}"`);
      this.listener = client;
    } catch (error) {
      this.options.onError?.(error);
      this.listening = null;
      await client.end().catch(() => undefined);
      if (!this.closed) setTimeout(() => void this.listen(), 1000).unref();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.listening?.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}
