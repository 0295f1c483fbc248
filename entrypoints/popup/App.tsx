import { useState } from 'preact/hooks';
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
import { environmentOf } from '@/utils/page';
import { saveReport, type ListedReport } from '@/utils/reports';
import { validateReport } from '@/utils/report-validation';
import { getDraftScreenshot } from '@/utils/draft-store';
import { downloadJson } from '@/utils/download';
import { sendToBackground } from '@/utils/messaging';
import { t } from '@/utils/i18n';
import { usePopupPage } from './usePopupPage';

/**
 * A screenshot taken on the page is kept with the draft on the device; it goes with the
 * report. A draft that claims one whose image is gone is saved without the claim.
 */
async function withDraftScreenshot(
  page: Page | null,
  report: ReportInput,
): Promise<[ReportInput, Blob?]> {
  if (!report.screenshot || !page) return [report];
  const blob = await getDraftScreenshot(page.url, report.id);
  return blob?.type === report.screenshot.mediaType
    ? [report, blob]
    : [{ ...report, screenshot: undefined }];
}

/** The browser and viewport of the popup's tab, and the extension's version. */
const environmentIn = (tab?: Browser.tabs.Tab) =>
  environmentOf(tab ?? {}, browser.runtime.getManifest().version);

/** Saves a report and its screenshot; answers why it failed in words, or null. */
async function saveInPopup(
  report: ReportInput,
  screenshot?: Blob,
): Promise<string | null> {
  try {
    await saveReport(report, screenshot);
    return null;
  } catch (error) {
    return t(
      'saveFailed',
      error instanceof Error ? error.message : String(error),
    );
  }
}

/** Saves from the popup: a new report or a new version, then what follows, in words. */
function useSaving(page: Page | null, refresh: () => Promise<void>) {
  const [status, setStatus] = useState('');

  /** Saves, then does what follows (`after`) and says `done`; `attach` takes the draft's screenshot. */
  const saveThen =
    (after: () => Promise<void> | void, done: string, attach = false) =>
    async (input: ReportInput): Promise<string | null> => {
      const [report, screenshot] = attach
        ? await withDraftScreenshot(page, input)
        : [input];
      const error = await saveInPopup(report, screenshot);
      if (error) return error;
      await after();
      setStatus(done);
      void sendToBackground('reportSaved', { id: input.id });
      await refresh();
      return null;
    };

  return { status, setStatus, saveThen };
}

/** The toolbar popup: the current page, "Report this page", and "Your reports". */
export default function App() {
  const popup = usePopupPage();
  const { tab, page, draft, reports, setDraft, persistDraft } = popup;
  const { status, setStatus, saveThen } = useSaving(page, popup.refresh);
  const [editing, setEditing] = useState<StoredLocalReport | null>(null);

  // Opens Snag on the page, where notes can be pinned to what went wrong.
  const markUp = () => {
    if (tab?.id !== undefined)
      void sendToBackground('startAnnotator', { tabId: tab.id });
  };
  const startReport = () => {
    const fresh = draft ?? emptyDraft();
    setDraft(fresh);
    setStatus('');
    // The same draft opens on the page too.
    void persistDraft(fresh).then(markUp);
  };

  const dropDraft = async () => {
    await persistDraft(null);
    setDraft(null);
  };
  const onSave = saveThen(dropDraft, t('reportSaved'), true);
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
      <PageSummary page={page} loading={!popup.loaded} />
      <p role="status" class="status-line">
        {status}
      </p>
      {page && !draft && !editing && (
        <button type="button" class="primary wide" onClick={startReport}>
          {t('reportThisPage')}
        </button>
      )}
      {page && draft && !editing && tab?.id !== undefined && (
        <button type="button" onClick={markUp}>
          {t('markUpPage')}
        </button>
      )}
      {page && draft && !editing && (
        <NewReport
          key={`${draft.id}:${popup.draftVersion}`}
          draft={draft}
          build={(d) => draftToReport(d, page, environmentIn(tab))}
          onDraftChange={(d) => void persistDraft(d)}
          onSave={onSave}
          onDiscard={() => void dropDraft()}
        />
      )}
      {editing && (
        <EditReport
          record={editing}
          onSave={onSaveEdit}
          onCancel={() => setEditing(null)}
        />
      )}
      <YourReports
        reports={reports}
        connected={popup.connected}
        onEdit={startEdit}
      />
    </main>
  );
}

/** Props of the form for a new report on the popup's page. */
interface NewReportProps {
  /** The page's draft, kept as the reporter types. */
  draft: ReportDraft;
  /** Builds the report from the draft, for this page and browser. */
  build: (draft: ReportDraft) => ReportInput;
  onDraftChange: (draft: ReportDraft) => void;
  /** Saves the report; answers an error in words, or null. */
  onSave: (report: ReportInput) => Promise<string | null>;
  onDiscard: () => void;
}

/** The report form for the page, with a way to discard the draft. */
function NewReport(props: NewReportProps) {
  return (
    <section aria-labelledby="new-report-heading">
      <h2 id="new-report-heading">{t('newReportHeading')}</h2>
      <ReportForm
        initial={props.draft}
        build={props.build}
        onDraftChange={props.onDraftChange}
        validate={validateReport}
        onSave={props.onSave}
      />
      <button type="button" class="link" onClick={props.onDiscard}>
        {t('discardDraft')}
      </button>
    </section>
  );
}

/** Props of the list of the user's reports. */
interface YourReportsProps {
  reports: ListedReport[];
  /** Whether a server is connected, which decides how sync states read. */
  connected: boolean;
  /** Opens a report for editing. */
  onEdit: (id: string) => void;
}

/** "Your reports", each with its sync state in words, and the way to the options. */
function YourReports(props: YourReportsProps) {
  return (
    <>
      <section aria-labelledby="your-reports-heading">
        <h2 id="your-reports-heading">{t('yourReports')}</h2>
        <ReportList
          reports={props.reports}
          connected={props.connected}
          onRetry={(id) => void sendToBackground('retrySend', { id })}
          onEdit={props.onEdit}
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
    </>
  );
}

/** Props of the form that edits a saved report. */
interface EditReportProps {
  /** The saved report being edited. */
  record: StoredLocalReport;
  /** Saves the new version; answers an error in words, or null. */
  onSave: (report: ReportInput) => Promise<string | null>;
  onCancel: () => void;
}

/** A saved report opened again, to save as its next version on its own page. */
function EditReport({ record, onSave, onCancel }: EditReportProps) {
  return (
    <section aria-labelledby="edit-report-heading">
      <h2 id="edit-report-heading">{t('editReportHeading')}</h2>
      <p class="hint">{t('editReportHint')}</p>
      <ReportForm
        key={record.id}
        initial={draftFromReport(record.report)}
        build={(d) =>
          draftToReport(d, record.report.page, record.report.environment)
        }
        validate={validateReport}
        onSave={onSave}
      />
      <button type="button" class="link" onClick={onCancel}>
        {t('cancelEdit')}
      </button>
    </section>
  );
}
