/**
 * The device's own store (IndexedDB through idb), living in the extension origin only:
 * reports, their masked screenshots and the outbox that sync drains (DESIGN §5, §8).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ReportInput } from '@/protocol/report';

/** Name of the database in the extension origin. */
export const DB_NAME = 'snag';
/** Current schema version; each step up has a branch in `upgrade`. */
export const DB_VERSION = 3;

/** Where a report stands with the shared server. */
export type SyncState = 'local' | 'waiting' | 'sent' | 'failed';

/** What the server last told us about one of our reports. */
export interface ServerView {
  serverSeq: number;
  status: string;
  version: number;
  votes: number;
  commentCount: number;
  duplicateOf: string | null;
  /** A reviewer's change the reporter has not yet seen. */
  unseenChange?: string;
}

/** A report as kept on the device. `report` is unvalidated here: it is checked when read. */
export interface StoredLocalReport {
  id: string;
  report: ReportInput;
  /** Bumped on every local edit; the outbox sends the newest. */
  localVersion: number;
  sync: SyncState;
  /** The reason of the last failure, in words from the server or the network. */
  syncError?: string;
  /** The version the server has acknowledged. */
  sentVersion?: number;
  server?: ServerView;
  /** Page URL, duplicated for the by-url index. */
  url: string;
  /** Creation time, for the by-created index (newest first listing). */
  createdAt: string;
}

/** One unit of work for sync: send this report (and then its screenshot). */
export interface OutboxEntry {
  reportId: string;
  localVersion: number;
  /** When the entry became due, in ms since the epoch. */
  dueAt: number;
  attempts: number;
  lastError?: string;
  /** A 4xx answer stops retries until the user asks again. */
  blocked?: boolean;
  screenshotPending: boolean;
}

/** The masked screenshot of a report. The unmasked capture is never stored. */
export interface ScreenshotRecord {
  reportId: string;
  blob: Blob;
}

/**
 * The masked screenshot of the report being written on a page, kept until the report is
 * saved or discarded, so that reloading the page does not lose it. One per page.
 */
export interface DraftScreenshotRecord {
  /** The page, cleaned, as the draft is keyed. */
  url: string;
  /** The draft it belongs to; a newer draft on the same page never shows an older image. */
  draftId: string;
  blob: Blob;
}

/** The schema of the `snag` database. */
export interface SnagDB extends DBSchema {
  reports: {
    key: string;
    value: StoredLocalReport;
    indexes: { 'by-created': string; 'by-url': string };
  };
  outbox: {
    key: string;
    value: OutboxEntry;
    indexes: { 'by-due': number };
  };
  screenshots: {
    key: string;
    value: ScreenshotRecord;
  };
  'draft-screenshots': {
    key: string;
    value: DraftScreenshotRecord;
  };
}

/**
 * Opens (and migrates) the database. Version 1 kept reports and the outbox; version 2 added
 * screenshots and the by-url index for redrawing pins on a page; version 3 added the
 * screenshots of unsaved drafts.
 */
export function openSnagDb(
  // Injected: tests pass a fresh name so runs never share state.
  name = DB_NAME,
): Promise<IDBPDatabase<SnagDB>> {
  return openDB<SnagDB>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        const reports = db.createObjectStore('reports', { keyPath: 'id' });
        reports.createIndex('by-created', 'createdAt');
        const outbox = db.createObjectStore('outbox', { keyPath: 'reportId' });
        outbox.createIndex('by-due', 'dueAt');
      }
      if (oldVersion < 2) {
        db.createObjectStore('screenshots', { keyPath: 'reportId' });
        const reports = tx.objectStore('reports');
        reports.createIndex('by-url', 'url');
        // v1 records had no `url` field at the top level; fill it so the index sees them.
        void reports
          .openCursor()
          .then(async function fill(cursor): Promise<void> {
            if (!cursor) return;
            const value = cursor.value as StoredLocalReport;
            if (!value.url) {
              await cursor.update({
                ...value,
                url: value.report?.page?.url ?? '',
              });
            }
            return fill(await cursor.continue());
          });
      }
      if (oldVersion < 3) {
        db.createObjectStore('draft-screenshots', { keyPath: 'url' });
      }
    },
    blocking() {
      // Another context wants a newer version: let it, and reopen on next use.
      dbPromise = undefined;
    },
  });
}

let dbPromise: Promise<IDBPDatabase<SnagDB>> | undefined;

/** The shared connection for this context. */
export function getDb(): Promise<IDBPDatabase<SnagDB>> {
  dbPromise ??= openSnagDb();
  return dbPromise;
}

/** Closes and forgets the shared connection (tests, and before deleting the database). */
export async function closeDb(): Promise<void> {
  const db = await dbPromise;
  dbPromise = undefined;
  db?.close();
}
