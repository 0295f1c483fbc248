import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import {
  annotatorHandlers,
  screenshotBlob,
} from '@/entrypoints/background/annotator';
import { getReport, getScreenshot, saveReport } from '@/utils/reports';
import { writeDraft } from '@/utils/draft-store';
import { getDb } from '@/utils/db';
import { emptyDraft } from '@/utils/report-draft';
import { fromExtensionPage } from '@/utils/messaging';
import { sampleReport } from '../fixtures';

const URL_ = 'https://www.example-council.gov.uk/apply/blue-badge';
// Snag's frame, an extension page shown as a subframe of the tab it serves.
const sender = (
  url = `${URL_}?ref=abc#top`,
): Browser.runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  url: 'chrome-extension://abc/annotator-frame.html',
  frameId: 3,
  tab: {
    id: 7,
    url,
    title: 'Apply',
    windowId: 1,
    active: true,
    width: 800,
    height: 600,
  } as Browser.tabs.Tab,
});
// A 1×1 transparent PNG.
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const SHOT_INFO = {
  mediaType: 'image/png' as const,
  width: 1,
  height: 1,
  redactions: [],
};

describe('annotator background', () => {
  it('answers the cleaned page and the saved draft of the tab that asks', async () => {
    const draft = { ...emptyDraft(), trying: 'Half-written' };
    await writeDraft(URL_, draft);
    const handlers = annotatorHandlers(async () => {});
    const context = await handlers.annotatorContext!({}, sender());
    expect(context.page.url).toBe(URL_);
    expect(context.draft).toEqual(draft);
    expect(context.environment.viewport).toEqual({ width: 800, height: 600 });
  });

  it('checks a report for the page by form field', async () => {
    const handlers = annotatorHandlers(async () => {});
    const report = sampleReport();
    expect(await handlers.validateReport!({ report }, sender())).toBeNull();
    const errors = await handlers.validateReport!(
      { report: { ...report, trying: ' ', whatHappened: '' } },
      sender(),
    );
    expect(Object.keys(errors ?? {}).sort()).toEqual([
      'trying',
      'whatHappened',
    ]);
  });

  it('refuses pages Snag cannot report on', async () => {
    const handlers = annotatorHandlers(async () => {});
    await expect(
      handlers.annotatorContext!({}, sender('chrome://settings')),
    ).rejects.toThrow(/cannot report/);
  });

  it('saves a report with its masked screenshot, clears the draft and runs what follows a save', async () => {
    const afterSave = vi.fn(async () => {});
    const handlers = annotatorHandlers(afterSave);
    const report = sampleReport({
      screenshot: {
        mediaType: 'image/png',
        width: 1,
        height: 1,
        redactions: [],
      },
    });
    await writeDraft(URL_, { ...emptyDraft(), id: report.id });
    await handlers.saveReport!({ report, screenshot: PNG }, sender());
    const stored = await getReport(report.id);
    expect(stored?.ok && stored.record.report.trying).toBe(report.trying);
    const blob = await getScreenshot(report.id);
    expect(blob?.type).toBe('image/png');
    expect(blob?.size).toBeGreaterThan(60);
    expect(await (await getDb()).count('drafts')).toBe(0);
    expect(afterSave).toHaveBeenCalledWith(report.id);
  });

  it('keeps a draft’s masked screenshot through a reload, and forgets it once the report is saved', async () => {
    const handlers = annotatorHandlers(async () => {});
    const draft = { ...emptyDraft(), screenshot: SHOT_INFO };
    await handlers.saveDraft!(
      { source: 'test', draft, screenshot: PNG },
      sender(),
    );
    const context = () => handlers.annotatorContext!({}, sender());
    expect((await context()).screenshot).toBe(PNG);
    // A later autosave of the text leaves the image alone.
    await handlers.saveDraft!(
      { source: 'test', draft: { ...draft, trying: 'More' } },
      sender(),
    );
    expect((await context()).screenshot).toBe(PNG);

    // A newer draft on the same page never shows the older draft's image.
    await writeDraft(URL_, { ...emptyDraft(), screenshot: SHOT_INFO });
    expect((await context()).screenshot).toBeUndefined();

    await handlers.saveDraft!(
      { source: 'test', draft, screenshot: PNG },
      sender(),
    );
    expect((await context()).screenshot).toBe(PNG);
    const report = sampleReport({ id: draft.id, screenshot: SHOT_INFO });
    await handlers.saveReport!({ report, screenshot: PNG }, sender());
    await writeDraft(URL_, draft);
    expect((await context()).screenshot).toBeUndefined();
  });

  it('forgets a draft’s screenshot when it is removed or the draft discarded, and refuses what is not an image', async () => {
    const handlers = annotatorHandlers(async () => {});
    const draft = { ...emptyDraft(), screenshot: SHOT_INFO };
    const save = (screenshot?: string | null) =>
      handlers.saveDraft!({ source: 'test', draft, screenshot }, sender());
    const context = () => handlers.annotatorContext!({}, sender());
    await expect(save('data:text/html;base64,PGI+')).rejects.toThrow(
      /PNG, JPEG or WebP/,
    );
    await save(PNG);
    await save(null);
    expect((await context()).screenshot).toBeUndefined();

    await save(PNG);
    await handlers.saveDraft!({ source: 'test', draft: null }, sender());
    await save();
    expect((await context()).screenshot).toBeUndefined();
  });

  it('leaves out a stored draft’s annotations that fail the schema', async () => {
    const handlers = annotatorHandlers(async () => {});
    const good = {
      id: '0b6f3a52-5a4b-4d8e-9a59-0c3e6b2f1e11',
      kind: 'text' as const,
      note: 'Here',
      selectors: [{ type: 'TextQuoteSelector' as const, exact: 'Apply' }],
    };
    const bad = {
      ...good,
      id: '0b6f3a52-5a4b-4d8e-9a59-0c3e6b2f1e12',
      selectors: [{ type: 'TextPositionSelector', start: 9, end: 2 }],
    };
    // Stored as a damaged record would hold it: drafts are written unvalidated.
    await writeDraft(URL_, {
      ...emptyDraft(),
      annotations: [good, bad as unknown as typeof good],
    });
    const context = await handlers.annotatorContext!({}, sender());
    expect(context.draft!.annotations).toEqual([good]);
  });

  it('refuses a report for another page, and a screenshot of another type than described', async () => {
    const handlers = annotatorHandlers(async () => {});
    const other = sampleReport({
      page: {
        url: 'https://other.example/',
        title: '',
        service: 'other.example',
      },
    });
    await expect(
      handlers.saveReport!({ report: other }, sender()),
    ).rejects.toThrow(/another page/);
    const report = sampleReport({
      screenshot: {
        mediaType: 'image/webp',
        width: 1,
        height: 1,
        redactions: [],
      },
    });
    await expect(
      handlers.saveReport!({ report, screenshot: PNG }, sender()),
    ).rejects.toThrow(/does not match/);
    expect(await getReport(report.id)).toBeUndefined();
  });

  it('decodes only image data URLs', () => {
    expect(screenshotBlob(PNG).type).toBe('image/png');
    expect(() => screenshotBlob('data:text/html;base64,PGI+')).toThrow();
    expect(() => screenshotBlob('javascript:alert(1)')).toThrow();
  });

  it("lists the user's own reports on the tab's page for the pins", async () => {
    const annotations = [
      {
        id: '0b6f3a52-5a4b-4d8e-9a59-0c3e6b2f1e11',
        kind: 'text' as const,
        note: 'Here',
        selectors: [{ type: 'TextQuoteSelector' as const, exact: 'Apply' }],
      },
    ];
    const mine = sampleReport({ annotations });
    await saveReport(mine);
    await saveReport(
      sampleReport({
        page: {
          url: 'https://other.example/',
          title: '',
          service: 'other.example',
        },
      }),
    );
    const handlers = annotatorHandlers(async () => {});
    const reports = await handlers.reportsForPage!({}, sender());
    expect(reports).toEqual([
      {
        id: mine.id,
        mine: true,
        summary: 'The upload step rejects every photo',
        annotations,
      },
    ]);
  });

  it('answers only Snag’s frame: not a content script, nor the frame page opened as a tab', async () => {
    const handlers = annotatorHandlers(async () => {});
    const contentScript = { ...sender(), url: URL_, frameId: 0 };
    await expect(handlers.annotatorContext!({}, contentScript)).rejects.toThrow(
      /Only Snag/,
    );
    const topLevel = { ...sender(), frameId: 0 };
    await expect(handlers.reportsForPage!({}, topLevel)).rejects.toThrow(
      /Only Snag/,
    );
    await expect(
      handlers.setVote!({ reportId: 'r1', on: true }, contentScript),
    ).rejects.toThrow(/Only Snag/);
  });

  it('obeys extension pages only, never a content script or another extension', () => {
    const id = fakeBrowser.runtime.id;
    expect(
      fromExtensionPage({ id, url: 'chrome-extension://abc/popup.html' }, id),
    ).toBe(true);
    expect(fromExtensionPage({ id, url: URL_ }, id)).toBe(false);
    expect(
      fromExtensionPage(
        { id: 'other', url: 'chrome-extension://xyz/popup.html' },
        id,
      ),
    ).toBe(false);
    expect(fromExtensionPage({ id }, id)).toBe(false);
  });
});
