/**
 * Reading and writing reports on the device. A report and its outbox entry are always written
 * in one transaction, so sync can never miss a saved report nor send a half-saved one.
 */
import { reportInput, type ReportInput } from '@/protocol/report';
import { getDb, type StoredLocalReport } from './db';
import { Outbox } from './outbox';

/** A stored report as the UI lists it: either readable, or flagged as unreadable. */
export type ListedReport =
  | { ok: true; record: StoredLocalReport }
  | { ok: false; id: string; raw: unknown; reason: string };

/**
 * Saves a new report or a new version of an existing one, with a fresh outbox entry, in one
 * transaction. `screenshot` is the masked image, if any; `now` stamps the entry's due time,
 * so it must be the clock sync runs on.
 */
export async function saveReport(
  report: ReportInput,
  screenshot?: Blob,
  now: () => number = Date.now,
): Promise<StoredLocalReport> {
  const valid = reportInput.parse(report);
  const db = await getDb();
  const tx = db.transaction(['reports', 'outbox', 'screenshots'], 'readwrite');
  const reports = tx.objectStore('reports');
  const previous = await reports.get(valid.id);
  const record: StoredLocalReport = {
    ...previous,
    id: valid.id,
    report: valid,
    localVersion: (previous?.localVersion ?? 0) + 1,
    sync: 'waiting',
    syncError: undefined,
    url: valid.page.url,
    createdAt: valid.createdAt,
  };
  await Promise.all([
    reports.put(record),
    new Outbox({ now }).enqueue(tx.objectStore('outbox'), {
      reportId: valid.id,
      localVersion: record.localVersion,
      screenshotPending:
        Boolean(screenshot) || Boolean(previous && valid.screenshot),
    }),
    screenshot
      ? tx
          .objectStore('screenshots')
          .put({ reportId: valid.id, blob: screenshot })
      : null,
    tx.done,
  ]);
  return record;
}

/**
 * Saves many new reports in one transaction, each with its outbox entry: how a device is
 * seeded with reports for benchmarks and tests. (Import merges by id instead: `importAll`.)
 * All are validated first, so one invalid report writes nothing.
 */
export async function saveReports(
  items: { report: ReportInput; screenshot?: Blob }[],
  now: () => number = Date.now,
): Promise<void> {
  const valid = items.map((i) => ({
    report: reportInput.parse(i.report),
    screenshot: i.screenshot,
  }));
  const db = await getDb();
  const tx = db.transaction(['reports', 'outbox', 'screenshots'], 'readwrite');
  const outbox = new Outbox({ now });
  const writes: Promise<unknown>[] = [];
  for (const { report, screenshot } of valid) {
    writes.push(
      tx.objectStore('reports').put({
        id: report.id,
        report,
        localVersion: 1,
        sync: 'waiting',
        url: report.page.url,
        createdAt: report.createdAt,
      }),
      outbox.enqueue(tx.objectStore('outbox'), {
        reportId: report.id,
        localVersion: 1,
        screenshotPending: Boolean(screenshot),
      }),
    );
    if (screenshot)
      writes.push(
        tx
          .objectStore('screenshots')
          .put({ reportId: report.id, blob: screenshot }),
      );
  }
  await Promise.all([...writes, tx.done]);
}

/** Checks a record read from storage, so one bad record never breaks the list. */
export function readRecord(raw: unknown): ListedReport {
  const id =
    typeof raw === 'object' && raw !== null && 'id' in raw
      ? String(raw.id)
      : 'unknown';
  const value = raw as Partial<StoredLocalReport> | null;
  const parsed = reportInput.safeParse(value?.report);
  if (!value || !parsed.success || typeof value.localVersion !== 'number') {
    return {
      ok: false,
      id,
      raw,
      reason: parsed.success
        ? 'The record is incomplete'
        : (parsed.error.issues[0]?.message ?? ''),
    };
  }
  return {
    ok: true,
    record: { ...(value as StoredLocalReport), report: parsed.data },
  };
}

/** The newest `limit` reports, newest first, each checked. */
export async function listReports(limit = 50): Promise<ListedReport[]> {
  const db = await getDb();
  const out: ListedReport[] = [];
  let cursor = await db
    .transaction('reports')
    .store.index('by-created')
    .openCursor(null, 'prev');
  while (cursor && out.length < limit) {
    out.push(readRecord(cursor.value));
    cursor = await cursor.continue();
  }
  return out;
}

/** The reports on one (cleaned) page URL. */
export async function reportsForUrl(url: string): Promise<StoredLocalReport[]> {
  const db = await getDb();
  const raw = await db.getAllFromIndex('reports', 'by-url', url);
  return raw.flatMap((r) => {
    const checked = readRecord(r);
    return checked.ok ? [checked.record] : [];
  });
}

/** One report, checked. */
export async function getReport(id: string): Promise<ListedReport | undefined> {
  const raw = await (await getDb()).get('reports', id);
  return raw === undefined ? undefined : readRecord(raw);
}

/** How many reports still wait in the outbox. */
export async function countUnsent(): Promise<number> {
  return new Outbox().count(await getDb());
}

/** The masked screenshot of a report, if it has one. */
export async function getScreenshot(
  reportId: string,
): Promise<Blob | undefined> {
  return (await (await getDb()).get('screenshots', reportId))?.blob;
}
