/**
 * The embedded SQLite adapter (docs/api.md): WAL with `synchronous=FULL`, so a committed
 * report survives a power cut. Writes go through one connection and a queue; reads use a
 * second connection, which in WAL mode only ever sees committed data.
 */
import { EventEmitter } from 'node:events';
import { chmodSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import type {
  StoreEvent,
  SqlDriver,
  SqlExecutor,
  SqlTransaction,
} from './driver';
import {
  privateFile,
  PRIVATE_FILE_MODE,
  tightenDatabaseFiles,
} from './file-modes';
import { MIGRATIONS, statements } from './migrations';

/** How many queued transactions may share one commit. */
const GROUP_COMMIT_MAX = 128;

interface Job {
  fn: (tx: SqlTransaction) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Param = string | number | bigint | Buffer | null;

function toParams(params: readonly unknown[] | undefined): Param[] {
  if (!params) return [];
  return params.map((p) => {
    if (p === undefined) return null;
    if (typeof p === 'boolean') return p ? 1 : 0;
    return p as Param;
  });
}

class StatementCache implements SqlExecutor {
  private readonly cache = new Map<string, Statement>();
  constructor(readonly db: Db) {}

  prepare(sql: string): Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }

  allSync<T>(sql: string, params?: readonly unknown[]): T[] {
    return this.prepare(sql).all(...toParams(params)) as T[];
  }

  async all<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.allSync<T>(sql, params);
  }

  async get<T>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<T | undefined> {
    return this.prepare(sql).get(...toParams(params)) as T | undefined;
  }

  async run(sql: string, params?: readonly unknown[]): Promise<number> {
    const stmt = this.prepare(sql);
    if (stmt.reader) {
      return stmt.all(...toParams(params)).length;
    }
    return stmt.run(...toParams(params)).changes;
  }
}

function open(file: string, readonly: boolean): Db {
  const db = new Database(file, { readonly, fileMustExist: readonly });
  db.pragma('busy_timeout = 5000');
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    // FULL makes each commit durable in the WAL before we answer (docs/api.md).
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Redacted text and removed screenshots are zeroed in the file, not merely unlinked.
    db.pragma('secure_delete = ON');
  }
  return db;
}

/** The SQLite driver; `file` is the database path (created if missing). */
export class SqliteDriver implements SqlDriver {
  readonly kind = 'sqlite' as const;
  // BEGIN IMMEDIATE already makes this connection the only writer, so the lock is a no-op.
  readonly lockSql = 'SELECT seq FROM meta WHERE id = 1';
  private readonly writer: StatementCache;
  private reader: StatementCache | null = null;
  private readonly events = new EventEmitter();
  private readonly queue: Job[] = [];
  private draining = false;
  private scheduled = false;
  private closed = false;

  constructor(readonly file: string) {
    // Created 0600 before SQLite sees it; its WAL inherits the mode (file-modes.ts).
    if (file !== ':memory:') privateFile(file);
    this.writer = new StatementCache(open(file, false));
    if (file !== ':memory:') tightenDatabaseFiles(file);
    this.events.setMaxListeners(0);
  }

  /** The raw write connection, for online backups. */
  get database(): Db {
    return this.writer.db;
  }

  private read(): StatementCache {
    // Opened lazily: the read-only connection needs the file and WAL to exist first.
    this.reader ??= new StatementCache(open(this.file, true));
    return this.reader;
  }

  async all<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.read().all<T>(sql, params);
  }

  async get<T>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<T | undefined> {
    return this.read().get<T>(sql, params);
  }

  async run(sql: string, params?: readonly unknown[]): Promise<number> {
    return this.transaction((tx) => tx.run(sql, params));
  }

  transaction<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The store is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  /**
   * Starts the next batch on the next turn of the event loop, not now. A commit's fsync blocks
   * the loop, so requests that arrived meanwhile are only parsed on the following turn; waiting
   * for it lets them all join one commit.
   */
  private schedule(): void {
    if (this.scheduled || this.draining || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.drain();
    });
  }

  /**
   * Group commit: every transaction queued while the previous commit was running shares the
   * next one, each inside its own savepoint so one failure does not undo the others. One
   * fsync then covers many reports, and none is answered before its commit.
   */
  private async drain(): Promise<void> {
    this.draining = true;
    const db = this.writer.db;
    try {
      if (this.queue.length > 0) {
        const batch = this.queue.splice(0, GROUP_COMMIT_MAX);
        const outcomes: Array<
          { ok: true; value: unknown } | { ok: false; error: unknown }
        > = [];
        const events: StoreEvent[] = [];
        try {
          db.exec('BEGIN IMMEDIATE');
          for (const job of batch) {
            const pending: StoreEvent[] = [];
            const tx: SqlTransaction = {
              all: (s, p) => this.writer.all(s, p),
              get: (s, p) => this.writer.get(s, p),
              run: (s, p) => this.writer.run(s, p),
              notify: (event) => pending.push(event),
            };
            db.exec('SAVEPOINT job');
            try {
              const value = await job.fn(tx);
              db.exec('RELEASE job');
              events.push(...pending);
              outcomes.push({ ok: true, value });
            } catch (error) {
              db.exec('ROLLBACK TO job');
              db.exec('RELEASE job');
              outcomes.push({ ok: false, error });
            }
          }
          db.exec('COMMIT');
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          for (const job of batch) job.reject(error);
          return;
        }
        batch.forEach((job, i) => {
          const outcome = outcomes[i];
          if (outcome?.ok) job.resolve(outcome.value);
          else job.reject(outcome?.error);
        });
        for (const event of events) this.events.emit('event', event);
      }
    } finally {
      this.draining = false;
      this.schedule();
    }
  }

  async migrate(): Promise<number> {
    const db = this.writer.db;
    db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
    );
    const row = db
      .prepare('SELECT MAX(version) AS v FROM schema_migrations')
      .get() as {
      v: number | null;
    };
    let current = row.v ?? 0;
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      db.transaction(() => {
        for (const sql of statements(migration.sqlite)) db.exec(sql);
        db.prepare(
          'INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)',
        ).run(migration.version, new Date().toISOString());
      }).immediate();
      current = migration.version;
    }
    return current;
  }

  async forgetDeleted(): Promise<void> {
    // Between jobs, so that no transaction of this connection is open when it runs.
    while (this.draining || this.queue.length > 0) {
      await new Promise((r) => setTimeout(r, 5));
    }
    this.writer.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  onEvent(listener: (event: StoreEvent) => void): () => void {
    this.events.on('event', listener);
    return () => this.events.off('event', listener);
  }

  eventsReady(): Promise<void> {
    return Promise.resolve();
  }

  /** Online backup to `destination`, consistent even while reports keep arriving. */
  async backup(destination: string): Promise<void> {
    // The copy holds the same personal data as the database, so it gets the same mode.
    privateFile(destination);
    await this.writer.db.backup(destination);
    chmodSync(destination, PRIVATE_FILE_MODE);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.draining || this.queue.length > 0) {
      await new Promise((r) => setTimeout(r, 5));
    }
    this.reader?.db.close();
    this.writer.db.close();
  }
}
