/**
 * The sync engine (docs/architecture.md, "Sync"): drains the outbox to the server and follows `/changes` for the
 * user's own reports. All of its state lives in IndexedDB, so a service worker killed at any
 * point loses nothing: the next engine picks up from the store, and because `PUT` is
 * idempotent, sending a report twice never makes a second one.
 */
import type { IDBPDatabase } from 'idb';
import {
  getDb,
  type OutboxEntry,
  type ServerView,
  type SnagDB,
  type StoredLocalReport,
} from '../db';
import { Outbox, type SendFailure } from '../outbox';
import type { Outcome, ServerClient, ServerReport } from './client';

/** How many reports one drain sends at most, so a batch fits well inside a worker's life. */
export const BATCH_SIZE = 10;
/**
 * How many reports are in flight at once. Each is its own idempotent PUT, so order between
 * them does not matter, and a few in parallel hide the server's commit latency.
 */
export const CONCURRENCY = 4;
/** How long one drain may keep going before it yields to the next trigger. */
export const DRAIN_BUDGET_MS = 20_000;

/** What a drain did. */
export interface DrainResult {
  sent: number;
  failed: number;
  retrying: number;
  /** True when the server could not be reached, so the rest waits for the next trigger. */
  offline: boolean;
  /** When the next entry is due, if any remain (ms since the epoch). */
  nextDueAt?: number;
}

/** Where the engine keeps its `/changes` cursor. */
export interface CursorStore {
  get(): Promise<string>;
  set(cursor: string): Promise<void>;
}

/** The engine's collaborators, injected so tests can drive it against a faulty network. */
export interface SyncEngineDeps {
  client: ServerClient;
  cursor: CursorStore;
  db?: () => Promise<IDBPDatabase<SnagDB>>;
  now?: () => number;
  random?: () => number;
  /** Words for a reviewer's change to a report, shown to its author; null for none. */
  describeChange?: (
    before: ServerView | undefined,
    after: ServerView,
  ) => string | null;
  /** Called after local records changed, to refresh the UI and the badge. */
  onChange?: () => void;
}

/** Is this answer worth retrying later, or a rejection to show the reporter? */
function isRetryable(
  outcome: Exclude<Outcome<unknown>, { kind: 'ok' }>,
): boolean {
  if (outcome.kind === 'network') return true;
  return (
    outcome.status >= 500 || outcome.status === 429 || outcome.status === 408
  );
}

function reasonOf(outcome: Exclude<Outcome<unknown>, { kind: 'ok' }>): string {
  if (outcome.kind === 'network') return outcome.message;
  if (outcome.status === 401)
    return `the server did not accept your access token (${outcome.message})`;
  return outcome.message;
}

/** How a failed answer counts for the outbox. */
function failureOf(
  outcome: Exclude<Outcome<unknown>, { kind: 'ok' }>,
): SendFailure {
  return { reason: reasonOf(outcome), retry: isRetryable(outcome) };
}

/** The parts of a server report the device keeps. */
export function viewOf(report: ServerReport): ServerView {
  return {
    serverSeq: report.serverSeq,
    status: report.status,
    version: report.version,
    votes: report.votes,
    commentCount: report.comments?.length ?? 0,
    duplicateOf: report.duplicateOf,
  };
}

/** Sends queued reports and follows changes. One engine per background start. */
export class SyncEngine {
  private readonly db: () => Promise<IDBPDatabase<SnagDB>>;
  private readonly now: () => number;
  private readonly outbox: Outbox;
  private running: Promise<DrainResult> | null = null;

  constructor(private readonly deps: SyncEngineDeps) {
    this.db = deps.db ?? getDb;
    this.now = deps.now ?? Date.now;
    this.outbox = new Outbox({ now: this.now, random: deps.random });
  }

  /**
   * Drains due entries; concurrent calls share one run instead of racing. With `probe`, when
   * nothing is due but reports wait out a backoff, the earliest is tried anyway: one request
   * per tick tells whether the server is back, so delivery resumes within one tick of it.
   */
  drain(options: { probe?: boolean } = {}): Promise<DrainResult> {
    this.running ??= this.drainOnce(options.probe ?? false).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drainOnce(probe: boolean): Promise<DrainResult> {
    const started = this.now();
    const result: DrainResult = {
      sent: 0,
      failed: 0,
      retrying: 0,
      offline: false,
    };
    const db = await this.db();
    let budget = BATCH_SIZE;
    while (
      budget > 0 &&
      !result.offline &&
      this.now() - started <= DRAIN_BUDGET_MS
    ) {
      let due = await this.outbox.due(db, budget);
      if (due.length === 0 && probe) {
        const first = await this.outbox.earliest(db);
        due = first ? [first] : [];
      }
      probe = false;
      if (due.length === 0) break;
      budget -= due.length;
      let sentNow = 0;
      for (let i = 0; i < due.length && !result.offline; i += CONCURRENCY) {
        const outcomes = await Promise.all(
          due.slice(i, i + CONCURRENCY).map((entry) => this.send(db, entry)),
        );
        for (const outcome of outcomes) {
          if (outcome === 'sent') sentNow++;
          else if (outcome === 'failed') result.failed++;
          else {
            result.retrying++;
            // The server is unreachable or struggling: leave the rest for the next trigger.
            result.offline = true;
          }
        }
      }
      result.sent += sentNow;
      // The server answered again: everything waiting out a backoff is due now.
      if (sentNow > 0 && !result.offline) await this.outbox.resetBackoff(db);
    }
    result.nextDueAt = (await this.outbox.earliest(db))?.dueAt;
    if (result.sent || result.failed || result.retrying) this.deps.onChange?.();
    return result;
  }

  /** Sends one report (and then its screenshot); answers how it went. */
  private async send(
    db: IDBPDatabase<SnagDB>,
    entry: OutboxEntry,
  ): Promise<'sent' | 'failed' | 'retry'> {
    const record = await db.get('reports', entry.reportId);
    if (!record) {
      // Erased on the device meanwhile: nothing left to send.
      await this.outbox.remove(db, entry.reportId);
      return 'sent';
    }
    const sentVersion = record.localVersion;
    const put = await this.deps.client.putReport(record.report);
    if (put.kind !== 'ok') return this.fail(db, entry, put);
    if (entry.screenshotPending) {
      const shot = await db.get('screenshots', entry.reportId);
      if (shot) {
        const upload = await this.deps.client.putScreenshot(
          entry.reportId,
          shot.blob,
        );
        if (upload.kind !== 'ok') return this.fail(db, entry, upload);
      }
    }
    await this.acknowledge(db, entry.reportId, sentVersion, viewOf(put.value));
    return 'sent';
  }

  /** Records the server's acknowledgement, unless the report was edited while it was in flight. */
  private async acknowledge(
    db: IDBPDatabase<SnagDB>,
    id: string,
    sentVersion: number,
    view: ServerView,
  ): Promise<void> {
    const tx = db.transaction(['reports', 'outbox'], 'readwrite');
    const { superseded } = await this.outbox.acknowledge(
      tx.objectStore('outbox'),
      id,
      sentVersion,
    );
    const record = await tx.objectStore('reports').get(id);
    if (record) {
      const next: StoredLocalReport = {
        ...record,
        sentVersion,
        sync: superseded ? 'waiting' : 'sent',
        syncError: undefined,
        server: { ...view, unseenChange: record.server?.unseenChange },
      };
      await tx.objectStore('reports').put(next);
    }
    await tx.done;
  }

  private async fail(
    db: IDBPDatabase<SnagDB>,
    entry: OutboxEntry,
    outcome: Exclude<Outcome<unknown>, { kind: 'ok' }>,
  ): Promise<'failed' | 'retry'> {
    const failure = failureOf(outcome);
    const tx = db.transaction(['reports', 'outbox'], 'readwrite');
    // False when a newer save replaced the entry while we were sending: that one starts afresh.
    if (await this.outbox.fail(tx.objectStore('outbox'), entry, failure)) {
      const record = await tx.objectStore('reports').get(entry.reportId);
      if (record) {
        await tx.objectStore('reports').put({
          ...record,
          sync: failure.retry ? 'waiting' : 'failed',
          syncError: failure.reason,
        });
      }
    }
    await tx.done;
    return failure.retry ? 'retry' : 'failed';
  }

  /**
   * Makes every report that was refused due again, e.g. after connecting with a new token,
   * which may be exactly what they were waiting for.
   */
  async retryAll(): Promise<void> {
    for (const id of await this.outbox.blocked(await this.db()))
      await this.retry(id);
  }

  /** Makes a failed or waiting report due now (the reporter's "Try sending again"). */
  async retry(id: string): Promise<void> {
    const db = await this.db();
    const tx = db.transaction(['reports', 'outbox'], 'readwrite');
    if (await this.outbox.retry(tx.objectStore('outbox'), id)) {
      const record = await tx.objectStore('reports').get(id);
      if (record)
        await tx
          .objectStore('reports')
          .put({ ...record, sync: 'waiting', syncError: undefined });
    }
    await tx.done;
  }

  /** Follows `/changes` and updates the user's own reports with what reviewers did. */
  async pull(maxPages = 20): Promise<number> {
    const db = await this.db();
    let cursor = await this.deps.cursor.get();
    let updated = 0;
    for (let page = 0; page < maxPages; page++) {
      const outcome = await this.deps.client.changes(cursor, 200);
      if (outcome.kind !== 'ok') break;
      for (const change of outcome.value.changes) {
        if (await this.applyChange(db, change.report)) updated++;
      }
      cursor = outcome.value.cursor;
      await this.deps.cursor.set(cursor);
      if (!outcome.value.hasMore) break;
    }
    if (updated) this.deps.onChange?.();
    return updated;
  }

  private async applyChange(
    db: IDBPDatabase<SnagDB>,
    report: ServerReport,
  ): Promise<boolean> {
    const tx = db.transaction(['reports', 'outbox'], 'readwrite');
    const reports = tx.objectStore('reports');
    const record = await reports.get(report.id);
    if (
      !record ||
      (record.server && record.server.serverSeq >= report.serverSeq)
    ) {
      await tx.done;
      return false;
    }
    const view = viewOf(report);
    const change = this.deps.describeChange?.(record.server, view) ?? null;
    const next: StoredLocalReport = {
      ...record,
      server: { ...view, unseenChange: change ?? record.server?.unseenChange },
    };
    // A delayed copy of an older version reached the server after the newer one and replaced
    // it. The server keeps the last one it received, so send ours again.
    if (record.sync === 'sent' && report.updatedAt < record.report.updatedAt) {
      await this.outbox.enqueueUnlessQueued(tx.objectStore('outbox'), {
        reportId: report.id,
        localVersion: record.localVersion,
        screenshotPending: Boolean(record.report.screenshot),
      });
      next.sync = 'waiting';
    }
    await reports.put(next);
    await tx.done;
    return true;
  }
}
