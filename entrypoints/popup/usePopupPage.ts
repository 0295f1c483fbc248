/**
 * What the popup shows about its tab: the page (URL cleaned), the draft kept for it, the
 * user's reports, and whether a server is connected, kept current while the popup is open.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser, type Browser } from 'wxt/browser';
import type { Page } from '@/protocol/report';
import type { ReportDraft } from '@/utils/report-draft';
import { pageOf } from '@/utils/page';
import { listReports, type ListedReport } from '@/utils/reports';
import { readDraft, writeDraft } from '@/utils/draft-store';
import { announceDraftChange, watchDraft } from '@/utils/draft-channel';
import { reportsChangedAtStorage, serverUrlStorage } from '@/utils/settings';
import { sendToBackground } from '@/utils/messaging';
import { effectiveUrlAllowList } from '@/utils/managed-settings';

/** Which tab the popup acts on: `?tabId=N` when given (tests, context menu), else the active one. */
async function targetTab(
  search = location.search,
): Promise<Browser.tabs.Tab | undefined> {
  const id = Number(new URLSearchParams(search).get('tabId'));
  if (Number.isInteger(id) && id > 0) return browser.tabs.get(id);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

/** The popup's view of its tab and of the user's reports. */
export interface PopupPage {
  tab?: Browser.tabs.Tab;
  /** The page, cleaned; null where Snag cannot report. */
  page: Page | null;
  /** The draft being written on this page, if any. */
  draft: ReportDraft | null;
  setDraft: (draft: ReportDraft | null) => void;
  /** Keeps the page's draft on the device; null forgets it, with its screenshot. */
  persistDraft: (draft: ReportDraft | null) => Promise<void>;
  reports: ListedReport[];
  /** Reads the list of reports again. */
  refresh: () => Promise<void>;
  connected: boolean;
  /** False until the tab, draft and reports have been read. */
  loaded: boolean;
  /** Counts drafts read again after a change elsewhere (Snag's frame), to remount the form. */
  draftVersion: number;
}

/** Names the popup's draft writes, so it does not read its own change again. */
const POPUP_SOURCE = `popup:${Math.random().toString(36).slice(2)}`;

/** Loads the popup's tab, draft and reports, and follows changes made in the background. */
export function usePopupPage(): PopupPage {
  const [tab, setTab] = useState<Browser.tabs.Tab>();
  const [page, setPage] = useState<Page | null>(null);
  const [draft, setDraft] = useState<ReportDraft | null>(null);
  const [reports, setReports] = useState<ListedReport[]>([]);
  const [connected, setConnected] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [draftVersion, setDraftVersion] = useState(0);

  const refresh = async () => setReports(await listReports(50));
  const persistDraft = async (next: ReportDraft | null) => {
    if (!page) return;
    await writeDraft(page.url, next);
    announceDraftChange({ url: page.url, source: POPUP_SOURCE });
  };

  // One draft, live in the popup and in Snag's frame on the page.
  const url = page?.url;
  useEffect(() => {
    if (!url) return;
    return watchDraft(url, POPUP_SOURCE, () => {
      void readDraft(url).then((d) => {
        setDraft(d ?? null);
        setDraftVersion((v) => v + 1);
      });
    });
  }, [url]);

  useEffect(() => {
    void (async () => {
      const [current, allow, server] = await Promise.all([
        targetTab(),
        effectiveUrlAllowList(),
        serverUrlStorage.getValue(),
      ]);
      setTab(current);
      setConnected(Boolean(server));
      const p = current ? pageOf(current, allow) : null;
      setPage(p);
      const saved = p ? await readDraft(p.url) : undefined;
      if (saved) setDraft(saved);
      await refresh();
      setLoaded(true);
      // Opening the popup is a good moment to send what waits and fetch reviewers' news.
      if (server) void sendToBackground('syncNow', {}).then(refresh);
    })();
    // Sync and triage changes arrive through the background; follow them while open.
    return reportsChangedAtStorage.watch(() => void refresh());
  }, []);

  return {
    tab,
    page,
    draft,
    setDraft,
    persistDraft,
    reports,
    refresh,
    connected,
    loaded,
    draftVersion,
  };
}
