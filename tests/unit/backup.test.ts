import { describe, expect, it } from 'vitest';
import { eraseAll, exportAll, importAll, ImportError } from '@/utils/backup';
import { getDb } from '@/utils/db';
import { emptyDraft } from '@/utils/report-draft';
import { getDraftScreenshot, writeDraft } from '@/utils/draft-store';
import { getScreenshot, listReports, saveReport } from '@/utils/reports';
import { sampleReport } from './fixtures';

describe('export and import', () => {
  it('round-trips reports and screenshots through a file', async () => {
    const a = sampleReport();
    const b = sampleReport({ whatHappened: 'Second' });
    await saveReport(
      a,
      new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }),
    );
    await saveReport(b);
    const text = JSON.stringify(await exportAll());
    await eraseAll();
    expect(await listReports()).toEqual([]);
    expect(await importAll(text)).toEqual({
      added: 2,
      updated: 0,
      unchanged: 0,
    });
    const ids = (await listReports()).map((r) => (r.ok ? r.record.id : ''));
    expect(ids.sort()).toEqual([a.id, b.id].sort());
    expect((await getScreenshot(a.id))?.size).toBe(3);
  });

  it('erases the screenshots of unsaved drafts too', async () => {
    const blob = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' });
    const draft = emptyDraft();
    await writeDraft('https://example.gov.uk/a', draft, blob);
    expect(
      (await getDraftScreenshot('https://example.gov.uk/a', draft.id))?.size,
    ).toBe(3);
    await eraseAll();
    expect(
      await getDraftScreenshot('https://example.gov.uk/a', draft.id),
    ).toBeUndefined();
    expect(await (await getDb()).count('drafts')).toBe(0);
  });

  it('merges by id and never duplicates', async () => {
    const a = sampleReport();
    await saveReport(a);
    const text = JSON.stringify(await exportAll());
    expect(await importAll(text)).toEqual({
      added: 0,
      updated: 0,
      unchanged: 1,
    });
    expect(await importAll(text)).toEqual({
      added: 0,
      updated: 0,
      unchanged: 1,
    });
    expect(await (await getDb()).count('reports')).toBe(1);
  });

  it('takes the newer copy of a report already here', async () => {
    const a = sampleReport();
    await saveReport(a);
    const file = await exportAll();
    file.reports[0]!.report = {
      ...a,
      whatHappened: 'Edited elsewhere',
      updatedAt: '2027-01-01T00:00:00.000Z',
    };
    expect(await importAll(JSON.stringify(file))).toEqual({
      added: 0,
      updated: 1,
      unchanged: 0,
    });
    const [item] = await listReports();
    expect(item?.ok && item.record.report.whatHappened).toBe(
      'Edited elsewhere',
    );
  });

  it.each([
    ['text that is not JSON', 'hello', /not JSON/],
    ['JSON of another program', '{"bookmarks": []}', /not a Snag export/],
    [
      'a Snag export with a broken report',
      JSON.stringify({
        format: 'snag-export',
        version: 1,
        exportedAt: 'x',
        reports: [{ id: 'a', report: {} }],
      }),
      /could not be read/,
    ],
  ])('refuses %s and changes nothing', async (_, text, message) => {
    const a = sampleReport();
    await saveReport(a);
    await expect(importAll(text)).rejects.toThrow(ImportError);
    await expect(importAll(text)).rejects.toThrow(message);
    expect(await (await getDb()).count('reports')).toBe(1);
  });

  it('refuses a file whose screenshot is not valid base64, and changes nothing', async () => {
    const a = sampleReport();
    await saveReport(
      a,
      new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }),
    );
    const file = await exportAll();
    await eraseAll();
    file.screenshots![0]!.dataUrl = 'data:image/png;base64,not*base64!';
    await expect(importAll(JSON.stringify(file))).rejects.toThrow(
      /screenshot .* could not be read/,
    );
    expect(await (await getDb()).count('reports')).toBe(0);
  });

  it('erases reports, screenshots and the outbox', async () => {
    await saveReport(sampleReport(), new Blob([new Uint8Array([1])]));
    await eraseAll();
    const db = await getDb();
    expect(await db.count('reports')).toBe(0);
    expect(await db.count('outbox')).toBe(0);
    expect(await db.count('screenshots')).toBe(0);
  });
});
