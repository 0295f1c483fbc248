import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import v1 from '../fixtures/db/v1.json';
import v2 from '../fixtures/db/v2.json';
import v3 from '../fixtures/db/v3.json';
import v4 from '../fixtures/db/v4.json';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DB_VERSION,
  getDb,
  openSnagDb,
  storedLegacyDrafts,
  storedLegacyToken,
  type LegacyDrafts,
} from '@/utils/db';
import { readCredentials } from '@/utils/credentials';
import { readDraft, getDraftScreenshot } from '@/utils/draft-store';
import {
  countUnsent,
  getReport,
  getScreenshot,
  listReports,
  reportsForUrl,
  saveReport,
} from '@/utils/reports';
import { sampleReport } from './fixtures';

/** Builds a database exactly as version 1 of the schema left it. */
async function createV1Database(name: string) {
  const db = await openDB(name, 1, {
    upgrade(d) {
      const reports = d.createObjectStore('reports', { keyPath: 'id' });
      reports.createIndex('by-created', 'createdAt');
      const outbox = d.createObjectStore('outbox', { keyPath: 'reportId' });
      outbox.createIndex('by-due', 'dueAt');
    },
  });
  for (const r of v1.reports) await db.put('reports', r);
  for (const o of v1.outbox) await db.put('outbox', o);
  db.close();
}

/** A database as version 2 left it: reports with the by-url index, outbox and screenshots. */
async function createV2Database(name: string) {
  const db = await openDB(name, 2, {
    upgrade(d) {
      const reports = d.createObjectStore('reports', { keyPath: 'id' });
      reports.createIndex('by-created', 'createdAt');
      reports.createIndex('by-url', 'url');
      const outbox = d.createObjectStore('outbox', { keyPath: 'reportId' });
      outbox.createIndex('by-due', 'dueAt');
      d.createObjectStore('screenshots', { keyPath: 'reportId' });
    },
  });
  for (const r of v2.reports) await db.put('reports', r);
  for (const o of v2.outbox) await db.put('outbox', o);
  for (const shot of v2.screenshots) {
    const bytes = Uint8Array.from(atob(shot.base64), (c) => c.charCodeAt(0));
    await db.put('screenshots', {
      reportId: shot.reportId,
      blob: new Blob([bytes], { type: shot.type }),
    });
  }
  db.close();
}

const bytesOf = (base64: string) =>
  Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

/**
 * A database as version 3 left it: version 2's stores plus the screenshots of drafts, with
 * the drafts themselves in the extension's storage, as the `local:drafts` item kept them.
 */
async function createV3Database(name: string) {
  const db = await openDB(name, 3, {
    upgrade(d) {
      const reports = d.createObjectStore('reports', { keyPath: 'id' });
      reports.createIndex('by-created', 'createdAt');
      reports.createIndex('by-url', 'url');
      const outbox = d.createObjectStore('outbox', { keyPath: 'reportId' });
      outbox.createIndex('by-due', 'dueAt');
      d.createObjectStore('screenshots', { keyPath: 'reportId' });
      d.createObjectStore('draft-screenshots', { keyPath: 'url' });
    },
  });
  for (const r of v3.reports) await db.put('reports', r);
  for (const o of v3.outbox) await db.put('outbox', o);
  for (const shot of v3.screenshots) {
    await db.put('screenshots', {
      reportId: shot.reportId,
      blob: new Blob([bytesOf(shot.base64)], { type: shot.type }),
    });
  }
  for (const shot of v3.draftScreenshots) {
    await db.put('draft-screenshots', {
      url: shot.url,
      draftId: shot.draftId,
      blob: new Blob([bytesOf(shot.base64)], { type: shot.type }),
    });
  }
  db.close();
  await fakeBrowser.storage.local.set(v3.storage);
}

/**
 * A database as version 4 left it: reports, outbox, screenshots and drafts, with the pasted
 * access token still in the extension's storage, beside the server address.
 */
async function createV4Database(name: string) {
  const db = await openDB(name, 4, {
    upgrade(d) {
      const reports = d.createObjectStore('reports', { keyPath: 'id' });
      reports.createIndex('by-created', 'createdAt');
      reports.createIndex('by-url', 'url');
      const outbox = d.createObjectStore('outbox', { keyPath: 'reportId' });
      outbox.createIndex('by-due', 'dueAt');
      d.createObjectStore('screenshots', { keyPath: 'reportId' });
      d.createObjectStore('drafts', { keyPath: 'url' });
    },
  });
  for (const r of v4.reports) await db.put('reports', r);
  for (const o of v4.outbox) await db.put('outbox', o);
  for (const d of v4.drafts) await db.put('drafts', d);
  db.close();
  await fakeBrowser.storage.local.set(v4.storage);
}

describe('local store', () => {
  it('saves a report together with its outbox entry', async () => {
    const report = sampleReport();
    await saveReport(report);
    const db = await getDb();
    expect((await db.get('reports', report.id))?.report).toEqual(report);
    expect((await db.get('outbox', report.id))?.localVersion).toBe(1);
    expect(await countUnsent()).toBe(1);
  });

  it('writes nothing when the report is invalid', async () => {
    const report = sampleReport({ problems: [] });
    await expect(saveReport(report)).rejects.toThrow();
    const db = await getDb();
    expect(await db.count('reports')).toBe(0);
    expect(await db.count('outbox')).toBe(0);
  });

  it('bumps the local version when a report is edited, keeping one outbox entry', async () => {
    const report = sampleReport();
    await saveReport(report);
    await saveReport({ ...report, whatHappened: 'Now it times out instead' });
    const db = await getDb();
    expect((await db.get('reports', report.id))?.localVersion).toBe(2);
    expect((await db.get('outbox', report.id))?.localVersion).toBe(2);
    expect(await db.count('outbox')).toBe(1);
  });

  it('stores the masked screenshot as a Blob', async () => {
    const report = sampleReport();
    const blob = new Blob([new Uint8Array([137, 80, 78, 71])], {
      type: 'image/png',
    });
    await saveReport(report, blob);
    const stored = await getScreenshot(report.id);
    expect(stored?.size).toBe(4);
    expect(
      (await (await getDb()).get('outbox', report.id))?.screenshotPending,
    ).toBe(true);
  });

  it('lists the newest reports first, up to the limit', async () => {
    for (let day = 1; day <= 5; day++) {
      const at = `2026-11-0${day}T12:00:00.000Z`;
      await saveReport(
        sampleReport({ createdAt: at, updatedAt: at, trying: `day ${day}` }),
      );
    }
    const listed = await listReports(3);
    expect(listed.map((l) => (l.ok ? l.record.report.trying : 'bad'))).toEqual([
      'day 5',
      'day 4',
      'day 3',
    ]);
  });

  it('flags a corrupted record instead of failing the whole list', async () => {
    await saveReport(sampleReport());
    const db = await getDb();
    await db.put('reports', {
      id: 'broken',
      createdAt: '2099-01-01T00:00:00.000Z',
      url: 'x',
      report: { nonsense: true },
    } as never);
    const listed = await listReports();
    expect(listed).toHaveLength(2);
    expect(listed[0]).toMatchObject({ ok: false, id: 'broken' });
    expect(listed[1]?.ok).toBe(true);
    expect((await getReport('broken'))?.ok).toBe(false);
  });

  it('finds reports by page URL', async () => {
    const a = sampleReport();
    const b = sampleReport({
      page: {
        url: 'https://other.example/',
        title: 'Other',
        service: 'other.example',
      },
    });
    await saveReport(a);
    await saveReport(b);
    expect((await reportsForUrl(a.page.url)).map((r) => r.id)).toEqual([a.id]);
  });
});

describe('migrations', () => {
  it('upgrades a version 1 database without losing anything', async () => {
    await createV1Database('snag-v1-test');
    const db = await openSnagDb('snag-v1-test');
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([
      'credentials',
      'drafts',
      'outbox',
      'reports',
      'screenshots',
    ]);
    const fixture = v1.reports[0]!;
    const migrated = await db.get('reports', fixture.id);
    expect(migrated?.report).toEqual(fixture.report);
    expect(migrated?.url).toBe(fixture.report.page.url);
    expect(
      await db.getAllFromIndex('reports', 'by-url', fixture.report.page.url),
    ).toHaveLength(1);
    expect(await db.get('outbox', fixture.id)).toEqual(v1.outbox[0]);
    db.close();
  });

  it('upgrades a version 2 database, keeping its screenshots, and adds the drafts', async () => {
    await createV2Database('snag-v2-test');
    const db = await openSnagDb('snag-v2-test');
    expect(db.version).toBe(DB_VERSION);
    const fixture = v2.reports[0]!;
    expect((await db.get('reports', fixture.id))?.report).toEqual(
      fixture.report,
    );
    expect(await db.get('outbox', fixture.id)).toEqual(v2.outbox[0]);
    const shot = await db.get('screenshots', fixture.id);
    expect(shot?.blob.type).toBe('image/png');
    expect(shot?.blob.size).toBe(70);
    expect(await db.count('drafts')).toBe(0);
    db.close();
  });

  it('upgrades a version 3 database, moving every draft and its screenshot into one record', async () => {
    await createV3Database('snag-v3-test');
    const db = await openSnagDb('snag-v3-test', storedLegacyDrafts);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([
      'credentials',
      'drafts',
      'outbox',
      'reports',
      'screenshots',
    ]);
    // Reports, their outbox entries and screenshots are untouched.
    const fixture = v3.reports[0]!;
    expect((await db.get('reports', fixture.id))?.report).toEqual(
      fixture.report,
    );
    expect(await db.get('outbox', fixture.id)).toEqual(v3.outbox[0]);
    expect((await db.get('screenshots', fixture.id))?.blob.size).toBe(70);

    // Every draft moved as it was, the screenshot with the draft it was taken for.
    const drafts = Object.entries(v3.storage.drafts);
    expect(await db.count('drafts')).toBe(drafts.length);
    for (const [url, draft] of drafts) {
      expect((await db.get('drafts', url))?.draft).toEqual(draft);
    }
    const [withImage] = v3.draftScreenshots;
    const moved = await db.get('drafts', withImage!.url);
    expect(moved?.screenshot?.type).toBe('image/png');
    expect(moved?.screenshot?.size).toBe(70);
    // An image whose draft was no longer on its page could never show again.
    expect(await db.get('drafts', v3.draftScreenshots[1]!.url)).toBeUndefined();

    // The old copies are gone once the database holds the drafts.
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    db.close();
  });

  it('serves a migrated draft and its screenshot to the popup and the page', async () => {
    await createV3Database('snag');
    const [url, draft] = Object.entries(v3.storage.drafts)[0]!;
    expect(await readDraft(url)).toEqual(draft);
    expect((await getDraftScreenshot(url, draft.id))?.size).toBe(70);
    expect(await (await getDb()).count('drafts')).toBe(2);
  });

  it('upgrades a version 4 database, moving the token out of storage.local', async () => {
    await createV4Database('snag-v4-test');
    const db = await openSnagDb(
      'snag-v4-test',
      storedLegacyDrafts,
      storedLegacyToken,
    );
    expect(db.version).toBe(DB_VERSION);
    const fixture = v4.reports[0]!;
    expect((await db.get('reports', fixture.id))?.report).toEqual(
      fixture.report,
    );
    expect(await db.get('outbox', fixture.id)).toEqual(v4.outbox[0]);
    expect((await db.get('drafts', v4.drafts[0]!.url))?.draft).toEqual(
      v4.drafts[0]!.draft,
    );
    expect(await db.get('credentials', 'current')).toEqual({
      id: 'current',
      serverUrl: v4.storage.serverUrl,
      kind: 'token',
      accessToken: v4.storage.token,
    });
    // Content scripts can read storage.local: the token is gone from it, the rest stays.
    const left = await fakeBrowser.storage.local.get(null);
    expect(left).not.toHaveProperty('token');
    expect(left).not.toHaveProperty('token$');
    expect(left).toMatchObject({
      serverUrl: v4.storage.serverUrl,
      displayName: v4.storage.displayName,
    });
    expect(JSON.stringify(left)).not.toContain(v4.storage.token);
    db.close();
  });

  it('serves the migrated token to the worker through the shared connection', async () => {
    await createV4Database('snag');
    expect(await readCredentials()).toEqual({
      serverUrl: v4.storage.serverUrl,
      kind: 'token',
      accessToken: v4.storage.token,
    });
    expect(await storedLegacyToken.read()).toEqual({
      token: '',
      serverUrl: v4.storage.serverUrl,
    });
  });

  it('keeps the legacy drafts when the upgrade fails, to move them on the next start', async () => {
    await createV3Database('snag-v3-broken');
    let cleared = false;
    const legacy: LegacyDrafts = {
      read: storedLegacyDrafts.read,
      clear: async () => {
        cleared = true;
      },
    };
    // A newer database than this code knows cannot be opened, so nothing is moved.
    const newer = await openDB('snag-v3-broken', DB_VERSION + 1);
    newer.close();
    await expect(openSnagDb('snag-v3-broken', legacy)).rejects.toThrow();
    expect(cleared).toBe(false);
    expect(await storedLegacyDrafts.read()).toEqual(v3.storage.drafts);
  });
});

describe('bulk save', () => {
  it('writes many reports and their outbox entries in one go', async () => {
    const { saveReports } = await import('@/utils/reports');
    const items = [sampleReport(), sampleReport(), sampleReport()].map(
      (report) => ({ report }),
    );
    await saveReports(items);
    const db = await getDb();
    expect(await db.count('reports')).toBe(3);
    expect(await db.count('outbox')).toBe(3);
  });

  it('writes nothing when any report is invalid', async () => {
    const { saveReports } = await import('@/utils/reports');
    await expect(
      saveReports([
        { report: sampleReport() },
        { report: sampleReport({ trying: '' }) },
      ]),
    ).rejects.toThrow();
    expect(await (await getDb()).count('reports')).toBe(0);
  });
});
