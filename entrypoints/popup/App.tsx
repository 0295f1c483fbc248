import { useEffect, useState } from 'preact/hooks';
import { browser, type Browser } from 'wxt/browser';
import type { Page, ReportInput } from '@/protocol/report';
import ReportForm from '@/components/ReportForm';
import ReportList from '@/components/ReportList';
import PageSummary from '@/components/PageSummary';
import {
  draftFromReport,
  draftToReport,
  emptyDraft,
  type ReportDraft,
} from '@/utils/report-draft';
import type { StoredLocalReport } from '@/utils/db';
import { environmentOf, pageOf } from '@/utils/page';
import { listReports, saveReport, type ListedReport } from '@/utils/reports';
import { validateReport } from '@/utils/report-validation';
import { getDraftScreenshot, readDraft, writeDraft } from '@/utils/draft-store';
import { serverUrlStorage, urlAllowListStorage } from '@/utils/settings';
import { downloadJson } from '@/utils/download';
import { sendToBackground } from '@/utils/messaging';
import { t } from '@/utils/i18n';

/** Which tab the popup acts on: `?tabId=N` when given (tests, context menu), else the active one. */
async function targetTab(
  search = location.search,
): Promise<Browser.tabs.Tab | undefined> {
  const id = Number(new URLSearchParams(search).get('tabId'));
  if (Number.isInteger(id) && id > 0) return browser.tabs.get(id);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

/** The toolbar popup: the current page, "Report this page", and "Your reports". */
export default function App() {
  const [tab, setTab] = useState<Browser.tabs.Tab>();
  const [page, setPage] = useState<Page | null>(null);
  const [draft, setDraft] = useState<ReportDraft | null>(null);
  const [reports, setReports] = useState<ListedReport[]>([]);
  const [connected, setConnected] = useState(false);
  const [status, setStatus] = useState('');
  const [editing, setEditing] = useState<StoredLocalReport | null>(null);
  const [loaded, setLoaded] = useState(false);

  const refresh = async () => setReports(await listReports(50));

  useEffect(() => {
    void (async () => {
      const [current, allow, server] = await Promise.all([
        targetTab(),
        urlAllowListStorage.getValue(),
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

  const persistDraft = async (next: ReportDraft | null) => {
    if (page) await writeDraft(page.url, next);
  };

  const startReport = () => {
    const fresh = draft ?? emptyDraft();
    setDraft(fresh);
    setStatus('');
    // The same draft opens on the page too, where notes can be pinned to what went wrong.
    void persistDraft(fresh).then(() => {
      if (tab?.id !== undefined)
        void sendToBackground('startAnnotator', { tabId: tab.id });
    });
  };

  const build = (d: ReportDraft): ReportInput =>
    draftToReport(
      d,
      page!,
      environmentOf(tab ?? {}, browser.runtime.getManifest().version),
    );

  /** Saves a new report or a new version, then does what follows (`after`). */
  const saveThen =
    (
      after: () => Promise<void> | void,
      done: string,
      attach?: (report: ReportInput) => Promise<[ReportInput, Blob?]>,
    ) =>
    async (input: ReportInput): Promise<string | null> => {
      try {
        const [report, screenshot] = attach ? await attach(input) : [input];
        await saveReport(report, screenshot);
      } catch (error) {
        return t(
          'saveFailed',
          error instanceof Error ? error.message : String(error),
        );
      }
      await after();
      setStatus(done);
      void sendToBackground('reportSaved', { id: input.id });
      await refresh();
      return null;
    };

  /**
   * A screenshot taken on the page is kept with the draft on the device; it goes with the
   * report. A draft that claims one whose image is gone is saved without the claim.
   */
  const withDraftScreenshot = async (
    report: ReportInput,
  ): Promise<[ReportInput, Blob?]> => {
    if (!report.screenshot || !page) return [report];
    const blob = await getDraftScreenshot(page.url, report.id);
    return blob?.type === report.screenshot.mediaType
      ? [report, blob]
      : [{ ...report, screenshot: undefined }];
  };

  const onSave = saveThen(
    async () => {
      await persistDraft(null);
      setDraft(null);
    },
    t('reportSaved'),
    withDraftScreenshot,
  );

  const onSaveEdit = saveThen(() => setEditing(null), t('reportUpdated'));

  const startEdit = (id: string) => {
    const item = reports.find((r) => r.ok && r.record.id === id);
    if (item?.ok) {
      setEditing(item.record);
      setStatus('');
    }
  };

  return (
    <main class="popup">
      <h1 class="brand">{t('extName')}</h1>
      <PageSummary page={page} loading={!loaded} />
      <p role="status" class="status-line">
        {status}
      </p>
      {page && !draft && !editing && (
        <button type="button" class="primary wide" onClick={startReport}>
          {t('reportThisPage')}
        </button>
      )}
      {page && draft && !editing && (
        <section aria-labelledby="new-report-heading">
          <h2 id="new-report-heading">{t('newReportHeading')}</h2>
          <ReportForm
            initial={draft}
            build={build}
            onDraftChange={(d) => void persistDraft(d)}
            validate={validateReport}
            onSave={onSave}
          />
          <button
            type="button"
            class="link"
            onClick={() => {
              setDraft(null);
              void persistDraft(null);
            }}
          >
            {t('discardDraft')}
          </button>
        </section>
      )}
      {editing && (
        <section aria-labelledby="edit-report-heading">
          <h2 id="edit-report-heading">{t('editReportHeading')}</h2>
          <p class="hint">{t('editReportHint')}</p>
          <ReportForm
            key={editing.id}
            initial={draftFromReport(editing.report)}
            build={(d) =>
              draftToReport(d, editing.report.page, editing.report.environment)
            }
            validate={validateReport}
            onSave={onSaveEdit}
          />
          <button type="button" class="link" onClick={() => setEditing(null)}>
            {t('cancelEdit')}
          </button>
        </section>
      )}
      <section aria-labelledby="your-reports-heading">
        <h2 id="your-reports-heading">{t('yourReports')}</h2>
        <ReportList
          reports={reports}
          connected={connected}
          onRetry={(id) => void sendToBackground('retrySend', { id })}
          onEdit={startEdit}
          onExportRaw={(id, raw) =>
            downloadJson(`snag-unreadable-${id}.json`, raw)
          }
        />
      </section>
      <p class="footer">
        <a
          href={browser.runtime.getURL('/options.html')}
          target="_blank"
          rel="noreferrer"
        >
          {t('openOptions')}
        </a>
      </p>
    </main>
  );
}
