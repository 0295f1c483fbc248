/**
 * The thin SQL seam under the store. The storage code in `sql/` is written once, over the SQL
 * both databases speak, and each driver (SQLite, PostgreSQL) only knows how to run SQL, group
 * it into transactions and carry change events. That keeps the two stores behaving the same
 * by construction, and the contract suite checks that they do.
 */
import type { ReportEvent } from '../../protocol/api';

/** A change to a report, announced to dashboard listeners after it commits. */
export type { ReportEvent };

/**
 * Who may read changed: a user revoked, re-roled or signed out, a device signed out. Open
 * event streams check their credential again at once; no `userId` means every stream.
 */
export interface AccessEvent {
  type: 'access-changed';
  userId?: string;
}

/** What a committed transaction announces: a report changed, or someone's access did. */
export type StoreEvent = ReportEvent | AccessEvent;

/** Runs SQL written with `?` placeholders in the subset both databases share. */
export interface SqlExecutor {
  /** Every row the statement returns. */
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** The first row, or `undefined`. */
  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Runs a statement and answers the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

/** The executor handed to a transaction body. */
export interface SqlTransaction extends SqlExecutor {
  /**
   * Queues an event that listeners receive only if, and after, the transaction commits
   * (PostgreSQL's NOTIFY has exactly these semantics; SQLite emulates them).
   */
  notify(event: StoreEvent): void;
}

/** One database connection (or pool) speaking Snag's SQL. */
export interface SqlDriver extends SqlExecutor {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Runs `fn` in one transaction. The body must open with `lockWrites` (`sql/sequence.ts`)
   * before it writes, so that writers take locks in one order.
   */
  transaction<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /** SQL that takes the single write lock serialising every change (`sql/sequence.ts`). */
  readonly lockSql: string;
  /** Brings the schema up to date and answers the migration version. */
  migrate(): Promise<number>;
  /**
   * Makes deleted and overwritten data unreadable from the database's files, after a
   * redaction or retention run: SQLite folds the WAL back in and truncates it (freed pages are
   * already zeroed by `secure_delete`); PostgreSQL vacuums the tables that held it.
   */
  forgetDeleted(): Promise<void>;
  /** Subscribes to committed change events, from this instance and (PostgreSQL) others. */
  onEvent(listener: (event: StoreEvent) => void): () => void;
  /**
   * Settles once events from every instance reach `onEvent` listeners (PostgreSQL: its LISTEN
   * connection is open, or has failed and is being retried); at once for SQLite.
   */
  eventsReady(): Promise<void>;
  close(): Promise<void>;
}
