import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { v7 } from 'uuid';
import { annotatorHandlers } from '@/entrypoints/background/annotator';
import { getDb } from '@/utils/db';
import { saveReport } from '@/utils/reports';
import { sampleReport } from '../fixtures';

const sync = vi.hoisted(() => ({
  recordAnchoring: vi.fn(async () => {}),
}));
vi.mock('@/entrypoints/background/sync', () => ({
  recordAnchoring: sync.recordAnchoring,
  serverReportsOn: async () => [],
  setVote: async () => ({ votes: 0 }),
}));

const URL_ = 'https://www.example-council.gov.uk/apply/blue-badge';
const NOTE = '0b6f3a52-5a4b-4d8e-9a59-0c3e6b2f1e11';
const frame = (frameId = 3): Browser.runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  url: 'chrome-extension://abc/annotator-frame.html',
  frameId,
  tab: { id: 7, url: URL_, windowId: 1, active: true } as Browser.tabs.Tab,
});

/** One of the user's reports on the page; `sent` when the server has it. */
async function ownReport(sent: boolean, url = URL_) {
  const report = sampleReport({ page: { url, title: '', service: '' } });
  await saveReport(report);
  if (sent) {
    const db = await getDb();
    const record = await db.get('reports', report.id);
    if (!record) throw new Error('not saved');
    await db.put('reports', {
      ...record,
      sync: 'sent',
      server: {
        serverSeq: 1,
        status: 'new',
        version: 0,
        votes: 0,
        commentCount: 0,
        duplicateOf: null,
      },
    });
  }
  return report.id;
}

describe('recording how notes were found, in the worker', () => {
  beforeEach(() => sync.recordAnchoring.mockClear());
  const handlers = annotatorHandlers(async () => {});
  const notes = { [NOTE]: 'fuzzy' as const };

  it('passes a sent report’s observation on, for the frame’s page', async () => {
    const id = await ownReport(true);
    await handlers.recordAnchoring!(
      { reportId: id, annotations: notes },
      frame(),
    );
    expect(sync.recordAnchoring).toHaveBeenCalledWith(URL_, id, notes);
  });

  it('passes a colleague’s report on: it came from the server', async () => {
    const id = v7();
    await handlers.recordAnchoring!(
      { reportId: id, annotations: notes },
      frame(),
    );
    expect(sync.recordAnchoring).toHaveBeenCalledWith(URL_, id, notes);
  });

  it('drops a report the server does not have yet, or of another page', async () => {
    for (const id of [
      await ownReport(false),
      await ownReport(true, 'https://www.example-council.gov.uk/other'),
    ])
      await handlers.recordAnchoring!(
        { reportId: id, annotations: notes },
        frame(),
      );
    expect(sync.recordAnchoring).not.toHaveBeenCalled();
  });

  it('drops what is not an observation', async () => {
    const bad: unknown[] = [
      { reportId: 'not-an-id', annotations: notes },
      { reportId: v7(), annotations: { [NOTE]: 'lost' } },
      { reportId: v7(), annotations: { 'not-an-id': 'exact' } },
      { reportId: v7() },
    ];
    for (const data of bad)
      await handlers.recordAnchoring!(
        data as { reportId: string; annotations: typeof notes },
        frame(),
      );
    expect(sync.recordAnchoring).not.toHaveBeenCalled();
  });

  it('answers only Snag’s frame', async () => {
    await expect(
      handlers.recordAnchoring!(
        { reportId: v7(), annotations: notes },
        frame(0),
      ),
    ).rejects.toThrow(/Only Snag/);
    expect(sync.recordAnchoring).not.toHaveBeenCalled();
  });
});
