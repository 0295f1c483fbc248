/**
 * The outbox (docs/architecture.md, "Sync"): one entry per report that sync must still send, with when it is
 * due, how often it failed and why. Every entry is made and changed here, nowhere else.
 *
 * Writes take the outbox store of the caller's transaction, so a report and its entry are
 * always written together: a saved report is always queued, and an acknowledged one is
 * marked "Sent" in the same step that removes its entry.
 */
import type { IDBPDatabase, IDBPObjectStore, StoreNames } from 'idb';
import type { OutboxEntry, SnagDB } from './db';
import { backoffDelay } from './sync/backoff';

/** The outbox store inside a read-write transaction that may span other stores too. */
export type OutboxStore<
  Tx extends ArrayLike<StoreNames<SnagDB>> = ArrayLike<StoreNames<SnagDB>>,
> = IDBPObjectStore<SnagDB, Tx, 'outbox', 'readwrite'>;

/** Why a send failed, as sync judged the answer. */
export interface SendFailure {
  /** In words for the reporter: the server's message, or what the network did. */
  reason: string;
  /** True to try again after a backoff; false blocks the entry until the reporter retries. */
  retry: boolean;
}

/** What to queue: one version of one report. */
export interface QueuedVersion {
  reportId: string;
  localVersion: number;
  /** Whether its screenshot must be uploaded after the report. */
  screenshotPending: boolean;
}

/** The outbox's clock and dice, injected so that tests decide the time. */
export interface OutboxDeps {
  now?: () => number;
  /** In [0, 1), for the backoff's jitter. */
  random?: () => number;
}

/** Reads and writes outbox entries on one clock. */
export class Outbox {
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(deps: OutboxDeps = {}) {
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
  }

  /** A fresh entry for a version of a report, due now. */
  entry(version: QueuedVersion): OutboxEntry {
    return { ...version, dueAt: this.now(), attempts: 0 };
  }

  /**
   * Queues a version of a report, replacing the entry of any older version, which starts
   * afresh: a newer save is due at once, whatever the older one was waiting for.
   */
  async enqueue<Tx extends ArrayLike<StoreNames<SnagDB>>>(
    store: OutboxStore<Tx>,
    version: QueuedVersion,
  ): Promise<void> {
    await store.put(this.entry(version));
  }

  /** Queues a version unless the report already waits; answers whether it queued it. */
  async enqueueUnlessQueued<Tx extends ArrayLike<StoreNames<SnagDB>>>(
    store: OutboxStore<Tx>,
    version: QueuedVersion,
  ): Promise<boolean> {
    if (await store.get(version.reportId)) return false;
    await this.enqueue(store, version);
    return true;
  }

  /** Entries due now and not blocked, the longest-waiting first, at most `limit`. */
  async due(db: IDBPDatabase<SnagDB>, limit: number): Promise<OutboxEntry[]> {
    const due = await db.getAllFromIndex(
      'outbox',
      'by-due',
      IDBKeyRange.upperBound(this.now()),
    );
    return due.filter((e) => !e.blocked).slice(0, limit);
  }

  /** The entry that comes due first and is not blocked, whether or not it is due yet. */
  async earliest(db: IDBPDatabase<SnagDB>): Promise<OutboxEntry | undefined> {
    let cursor = await db
      .transaction('outbox')
      .store.index('by-due')
      .openCursor();
    while (cursor && cursor.value.blocked) cursor = await cursor.continue();
    return cursor?.value;
  }

  /**
   * Records a failed send of `sent`: a retryable failure waits out an exponential backoff
   * with jitter, any other blocks the entry. Answers false, changing nothing, when a newer
   * save replaced the entry meanwhile: that one starts afresh.
   */
  async fail<Tx extends ArrayLike<StoreNames<SnagDB>>>(
    store: OutboxStore<Tx>,
    sent: OutboxEntry,
    failure: SendFailure,
  ): Promise<boolean> {
    const current = await store.get(sent.reportId);
    if (!current || current.localVersion !== sent.localVersion) return false;
    const attempts = current.attempts + 1;
    await store.put({
      ...current,
      attempts,
      lastError: failure.reason,
      blocked: !failure.retry,
      dueAt:
        this.now() + (failure.retry ? backoffDelay(attempts, this.random) : 0),
    });
    return true;
  }

  /**
   * Makes a report's entry due now, unblocked and with its backoff forgotten (the
   * reporter's "Try sending again"). Answers whether the report was waiting at all.
   */
  async retry<Tx extends ArrayLike<StoreNames<SnagDB>>>(
    store: OutboxStore<Tx>,
    reportId: string,
  ): Promise<boolean> {
    const entry = await store.get(reportId);
    if (!entry) return false;
    await store.put({
      ...entry,
      blocked: false,
      dueAt: this.now(),
      attempts: 0,
    });
    return true;
  }

  /** The reports whose entries are blocked, waiting for the reporter. */
  async blocked(db: IDBPDatabase<SnagDB>): Promise<string[]> {
    return (await db.getAll('outbox'))
      .filter((e) => e.blocked)
      .map((e) => e.reportId);
  }

  /** The server answered again: every entry waiting out a backoff is due now. */
  async resetBackoff(db: IDBPDatabase<SnagDB>): Promise<void> {
    const tx = db.transaction('outbox', 'readwrite');
    let cursor = await tx.store.openCursor();
    while (cursor) {
      if (!cursor.value.blocked && cursor.value.attempts > 0) {
        await cursor.update({
          ...cursor.value,
          attempts: 0,
          dueAt: this.now(),
        });
      }
      cursor = await cursor.continue();
    }
    await tx.done;
  }

  /**
   * The server acknowledged `sentVersion` of a report: its entry goes, unless a newer
   * version was queued while it was in flight. Answers whether a newer version waits.
   */
  async acknowledge<Tx extends ArrayLike<StoreNames<SnagDB>>>(
    store: OutboxStore<Tx>,
    reportId: string,
    sentVersion: number,
  ): Promise<{ superseded: boolean }> {
    const entry = await store.get(reportId);
    const superseded = entry !== undefined && entry.localVersion > sentVersion;
    if (entry && !superseded) await store.delete(reportId);
    return { superseded };
  }

  /** Removes a report's entry whatever its state (the report is gone from the device). */
  async remove(db: IDBPDatabase<SnagDB>, reportId: string): Promise<void> {
    await db.delete('outbox', reportId);
  }

  /** How many reports wait to be sent, blocked ones included. */
  count(db: IDBPDatabase<SnagDB>): Promise<number> {
    return db.count('outbox');
  }
}
