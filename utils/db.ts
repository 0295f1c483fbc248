/**
 * The device's own store (IndexedDB through idb), living in the extension origin only:
 * reports, their masked screenshots, the outbox that sync drains (docs/architecture.md), the
 * drafts of reports still being written, and the credentials for the shared server, which
 * content scripts must never read (a content script's IndexedDB is the page's, whereas
 * `storage.local` is open to them).
 */
import {
  openDB,
  type DBSchema,
  type IDBPDatabase,
  type IDBPTransaction,
  type StoreNames,
} from 'idb';
import { browser } from 'wxt/browser';
import type { ReportInput } from '@/protocol/report';
import type { ReportDraft } from './report-draft';

/** Name of the database in the extension origin. */
export const DB_NAME = 'snag';
/** Current schema version; each step up has a branch in `upgrade`. */
export const DB_VERSION = 5;

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
 * The report being written on a page, with its masked screenshot once one is taken: one
 * record, written in one transaction, so the image never outlives its draft nor shows with
 * another. Kept until the report is saved or the draft discarded. One per page.
 */
export interface DraftRecord {
  /** The page, cleaned. */
  url: string;
  /** The draft as the form holds it, unvalidated here: it is checked when read. */
  draft: ReportDraft;
  /** The draft's masked screenshot; the unmasked capture is never stored. */
  screenshot?: Blob;
}

/** The key of the one credentials record: the device holds one connection at a time. */
export const CREDENTIALS_KEY = 'current';

/**
 * How this device proves who it is to the shared server: a pasted access token, or the
 * short-lived access token and rotating refresh token of a council-account sign-in.
 */
export interface CredentialsRecord {
  id: typeof CREDENTIALS_KEY;
  /** The server that issued them; they are sent nowhere else. */
  serverUrl: string;
  kind: 'token' | 'sso';
  accessToken: string;
  /** Single sign-on only: used once, answered with the next one. */
  refreshToken?: string;
  /** Single sign-on only: when the access token stops working, in ms since the epoch. */
  accessExpiresAt?: number;
  /** Single sign-on only: this device, as admins see it in the list of devices. */
  deviceId?: string;
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
  drafts: {
    key: string;
    value: DraftRecord;
  };
  credentials: {
    key: string;
    value: CredentialsRecord;
  };
}

/**
 * Drafts as versions 1 to 3 kept them, outside IndexedDB: one storage item mapping each
 * cleaned page URL to its draft. Version 4 moves them into the `drafts` store.
 */
export interface LegacyDrafts {
  /** Every page's draft, as stored (unvalidated); empty when there are none. */
  read(): Promise<Record<string, unknown>>;
  /** Forgets them, once the database holds them. */
  clear(): Promise<void>;
}

/**
 * The `storage.local` key versions 1 to 3 kept drafts under (the storage item
 * `local:drafts`), and the key of its version metadata, which wxt's storage keeps beside it.
 */
const LEGACY_DRAFTS_KEYS = { value: 'drafts', meta: 'drafts$' } as const;

/**
 * The extension's own legacy drafts, read from `storage.local` directly rather than through
 * a storage item, so that opening the database never depends on how wxt's storage was set up.
 */
export const storedLegacyDrafts: LegacyDrafts = {
  async read() {
    // Benchmarks open the store outside an extension, where no drafts were ever kept.
    const local = browser?.storage?.local;
    if (!local) return {};
    const found = (await local.get(LEGACY_DRAFTS_KEYS.value))[
      LEGACY_DRAFTS_KEYS.value
    ];
    return typeof found === 'object' && found !== null
      ? (found as Record<string, unknown>)
      : {};
  },
  clear: () =>
    browser.storage.local.remove([
      LEGACY_DRAFTS_KEYS.value,
      LEGACY_DRAFTS_KEYS.meta,
    ]),
};

/** For databases that never had legacy drafts (tests of other steps, benchmarks). */
export const noLegacyDrafts: LegacyDrafts = {
  read: async () => ({}),
  clear: async () => {},
};

/**
 * The access token as versions 1 to 4 kept it: the storage item `local:token`, beside the
 * server address `local:serverUrl`. Version 5 moves it into the `credentials` store.
 */
export interface LegacyToken {
  /** The pasted token and the server it was for; empty strings when there is none. */
  read(): Promise<{ token: string; serverUrl: string }>;
  /** Forgets the token, once the database holds it. */
  clear(): Promise<void>;
}

/** The `storage.local` keys of the legacy token item and its version metadata. */
const LEGACY_TOKEN_KEYS = { value: 'token', meta: 'token$' } as const;

/** The extension's own legacy token, read from `storage.local` directly (as for drafts). */
export const storedLegacyToken: LegacyToken = {
  async read() {
    const local = browser?.storage?.local;
    if (!local) return { token: '', serverUrl: '' };
    const found = await local.get([LEGACY_TOKEN_KEYS.value, 'serverUrl']);
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    return {
      token: text(found[LEGACY_TOKEN_KEYS.value]),
      serverUrl: text(found.serverUrl),
    };
  },
  clear: () =>
    browser.storage.local.remove([
      LEGACY_TOKEN_KEYS.value,
      LEGACY_TOKEN_KEYS.meta,
    ]),
};

/** For databases that never had a legacy token. */
export const noLegacyToken: LegacyToken = {
  read: async () => ({ token: '', serverUrl: '' }),
  clear: async () => {},
};

/** A record of version 3's `draft-screenshots` store, as the step to version 4 reads it. */
interface LegacyDraftScreenshot {
  url: string;
  draftId: string;
  blob: Blob;
}

/**
 * Version 4: a draft and its screenshot become one record in `drafts`. Every legacy draft
 * moves as it was; a screenshot goes with the draft it was taken for. One whose draft is no
 * longer on its page could never be shown again (a newer draft never shows an older
 * image), so it is not carried over. The old store goes once it is read.
 */
function moveDraftsIntoOneStore(
  db: IDBPDatabase<SnagDB>,
  tx: IDBPTransaction<SnagDB, StoreNames<SnagDB>[], 'versionchange'>,
  legacy: Record<string, unknown>,
): void {
  const drafts = db.createObjectStore('drafts', { keyPath: 'url' });
  for (const [url, draft] of Object.entries(legacy)) {
    void drafts.put({ url, draft: draft as ReportDraft });
  }
  // Casting because the store is no longer in the schema; this step is its last reader.
  const old = (
    tx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>
  ).objectStore('draft-screenshots');
  void old.getAll().then((shots) => {
    for (const shot of shots as LegacyDraftScreenshot[]) {
      const draft = legacy[shot.url] as Partial<ReportDraft> | undefined;
      if (draft?.id === shot.draftId) {
        void drafts.put({
          url: shot.url,
          draft: draft as ReportDraft,
          screenshot: shot.blob,
        });
      }
    }
    db.deleteObjectStore('draft-screenshots' as StoreNames<SnagDB>);
  });
}

/**
 * Opens (and migrates) the database. Version 1 kept reports and the outbox; version 2 added
 * screenshots and the by-url index for redrawing pins on a page; version 3 added the
 * screenshots of unsaved drafts; version 4 keeps each draft and its screenshot as one
 * record, moving in the drafts that were kept in `legacy`; version 5 keeps the credentials,
 * moving in the token that was kept in `legacyToken`.
 */
export async function openSnagDb(
  // Injected: tests pass a fresh name so runs never share state.
  name = DB_NAME,
  legacy: LegacyDrafts = noLegacyDrafts,
  legacyToken: LegacyToken = noLegacyToken,
): Promise<IDBPDatabase<SnagDB>> {
  // Read before opening: the upgrade transaction commits as soon as it waits on anything
  // but the database itself.
  const oldDrafts = await legacy.read();
  const oldToken = await legacyToken.read();
  const db = await openDB<SnagDB>(name, DB_VERSION, {
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
        // Casting because version 4 removes this store from the schema again.
        db.createObjectStore('draft-screenshots' as StoreNames<SnagDB>, {
          keyPath: 'url',
        });
      }
      if (oldVersion < 4) {
        moveDraftsIntoOneStore(db, tx, oldDrafts);
      }
      if (oldVersion < 5) {
        const credentials = db.createObjectStore('credentials', {
          keyPath: 'id',
        });
        if (oldToken.token && oldToken.serverUrl)
          void credentials.put({
            id: CREDENTIALS_KEY,
            serverUrl: oldToken.serverUrl,
            kind: 'token',
            accessToken: oldToken.token,
          });
      }
    },
    blocking() {
      // Another context wants a newer version: let it, and reopen on next use.
      dbPromise = undefined;
    },
  });
  // The database holds them now (or since an earlier start whose clean-up was cut short).
  if (Object.keys(oldDrafts).length > 0) await legacy.clear();
  if (oldToken.token) await legacyToken.clear();
  return db;
}

let dbPromise: Promise<IDBPDatabase<SnagDB>> | undefined;

/** The shared connection for this context. */
export function getDb(): Promise<IDBPDatabase<SnagDB>> {
  dbPromise ??= openSnagDb(DB_NAME, storedLegacyDrafts, storedLegacyToken);
  return dbPromise;
}

/** Closes and forgets the shared connection (tests, and before deleting the database). */
export async function closeDb(): Promise<void> {
  const db = await dbPromise;
  dbPromise = undefined;
  db?.close();
}
