import { describe, expect, it } from 'vitest';
import {
  fireEvent,
  render,
  screen,
  waitFor,
  within,
} from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import App from '@/entrypoints/popup/App';
import { getReport, getScreenshot, saveReport } from '@/utils/reports';
import { emptyDraft } from '@/utils/report-draft';
import { getDraftScreenshot, readDraft, writeDraft } from '@/utils/draft-store';
import { getDb } from '@/utils/db';
import { sampleReport } from './fixtures';

/** Opens a tab and points the popup at it, as `popup.html?tabId=N` does. */
async function openTab(url: string) {
  const tab = await fakeBrowser.tabs.create({ url, active: true });
  history.replaceState(null, '', `/popup.html?tabId=${tab.id}`);
  return tab;
}

describe('popup', () => {
  it('shows the current page with its URL cleaned', async () => {
    await openTab('https://www.example-council.gov.uk/apply?email=a%40b.c#top');
    render(<App />);
    expect(
      await screen.findByText('https://www.example-council.gov.uk/apply'),
    ).toBeTruthy();
    expect(screen.getByText('www.example-council.gov.uk')).toBeTruthy();
    expect(screen.queryByText(/email=/)).toBeNull();
  });

  it('files a report and lists it as saved on this device', async () => {
    await openTab('https://www.example-council.gov.uk/bins');
    render(<App />);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Report this page' }),
    );
    fireEvent.click(screen.getByRole('checkbox', { name: 'Hard to use' }));
    fireEvent.input(
      screen.getByRole('textbox', { name: 'What were you trying to do?' }),
      {
        target: { value: 'Report a missed bin' },
      },
    );
    fireEvent.input(
      screen.getByRole('textbox', { name: 'What got in the way?' }),
      {
        target: { value: 'The map does not load' },
      },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save report' }));
    const list = await screen.findByRole('list', { name: 'Your reports' });
    await waitFor(() =>
      expect(within(list).getByText('The map does not load')).toBeTruthy(),
    );
    expect(within(list).getByText('Saved on this device')).toBeTruthy();
    // The list may refresh first (it follows saved reports); the status follows the draft's
    // removal.
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Report saved'),
    );
    expect(await (await getDb()).count('drafts')).toBe(0);
  });

  it('saves the screenshot taken on the page with a draft finished in the popup', async () => {
    const url = 'https://www.example-council.gov.uk/permits';
    await openTab(url);
    const info = {
      mediaType: 'image/png' as const,
      width: 1,
      height: 1,
      redactions: [],
    };
    const draft = {
      ...emptyDraft(),
      hardToUse: true,
      trying: 'Renew a permit',
      whatHappened: 'The form times out',
      screenshot: info,
    };
    const image = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' });
    await writeDraft(url, draft, image);
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Save report' }));
    await waitFor(async () =>
      expect((await getScreenshot(draft.id))?.size).toBe(3),
    );
    const saved = await getReport(draft.id);
    expect(saved?.ok && saved.record.report.screenshot).toEqual(info);
    await waitFor(async () =>
      expect(await getDraftScreenshot(url, draft.id)).toBeUndefined(),
    );
  });

  it('keeps a draft when the popup closes, and restores it', async () => {
    await openTab('https://www.example-council.gov.uk/parking');
    const first = render(<App />);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Report this page' }),
    );
    fireEvent.input(
      screen.getByRole('textbox', { name: 'What got in the way?' }),
      {
        target: { value: 'Half-written thought' },
      },
    );
    await waitFor(async () =>
      expect(
        JSON.stringify(
          await readDraft('https://www.example-council.gov.uk/parking'),
        ),
      ).toContain('Half-written thought'),
    );
    first.unmount();
    render(<App />);
    const field = (await screen.findByRole('textbox', {
      name: 'What got in the way?',
    })) as HTMLTextAreaElement;
    expect(field.value).toBe('Half-written thought');
  });

  it('lists the newest report first and survives an unreadable record', async () => {
    await openTab('https://www.example-council.gov.uk/');
    await saveReport(
      sampleReport({
        whatHappened: 'Older problem',
        createdAt: '2026-11-01T00:00:00.000Z',
      }),
    );
    await saveReport(
      sampleReport({
        whatHappened: 'Newer problem',
        createdAt: '2026-11-02T00:00:00.000Z',
      }),
    );
    await (
      await getDb()
    ).put('reports', {
      id: 'corrupt',
      createdAt: '2026-11-03T00:00:00.000Z',
      url: '',
      report: { schemaVersion: 0 },
    } as never);
    render(<App />);
    const list = await screen.findByRole('list', { name: 'Your reports' });
    await waitFor(() =>
      expect(within(list).getAllByRole('listitem')).toHaveLength(3),
    );
    const items = within(list).getAllByRole('listitem');
    expect(items[0]!.textContent).toContain('This report could not be read');
    expect(
      within(items[0]!).getByRole('button', { name: 'Export it as a file' }),
    ).toBeTruthy();
    expect(items[1]!.textContent).toContain('Newer problem');
    expect(items[2]!.textContent).toContain('Older problem');
  });

  it('explains when the tab is not a web page', async () => {
    await openTab('chrome://settings');
    render(<App />);
    expect(
      await screen.findByText(/can report on web pages only/),
    ).toBeTruthy();
    expect(
      screen.queryByRole('button', { name: 'Report this page' }),
    ).toBeNull();
  });

  it('edits a saved report as a new version of the same report, on its own page', async () => {
    await openTab('https://www.example-council.gov.uk/somewhere-else');
    const report = sampleReport({ whatHappened: 'First account' });
    await saveReport(report);
    render(<App />);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Edit this report' }),
    );
    const field = screen.getByRole('textbox', {
      name: 'What got in the way?',
    }) as HTMLTextAreaElement;
    expect(field.value).toBe('First account');
    fireEvent.input(field, { target: { value: 'Corrected account' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save report' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Report updated'),
    );
    const db = await getDb();
    const record = (await db.get('reports', report.id))!;
    expect(record.localVersion).toBe(2);
    expect(record.report.whatHappened).toBe('Corrected account');
    expect(record.report.page.url).toBe(report.page.url);
    expect((await db.get('outbox', report.id))?.localVersion).toBe(2);
    expect(await db.count('reports')).toBe(1);
  });
});
