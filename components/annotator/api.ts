/**
 * What the annotator asks of the extension. The content script has no IndexedDB of its own
 * (a content script's database belongs to the page) and never sees the token, so every
 * question goes to the background as a typed message. Tests pass their own implementation.
 */
import type { ReportInput } from '@/protocol/report';
import type { ReportDraft } from '@/utils/report-draft';
import type { FieldErrors } from '@/utils/report-validation';
import {
  sendToBackground,
  type AnnotatorContext,
  type Answer,
  type PageReport,
} from '@/utils/messaging';

/** The annotator's view of the background. */
export interface AnnotatorApi {
  /** The page, environment and current draft for this tab. */
  context(): Promise<Answer<AnnotatorContext>>;
  /** Autosaves the draft (null clears it). */
  saveDraft(
    draft: ReportDraft | null,
    screenshot?: string | null,
  ): Promise<Answer<void>>;
  /** Checks a built report against the schema: messages keyed by form field, or null. */
  validateReport(report: ReportInput): Promise<Answer<FieldErrors | null>>;
  /** Saves a finished report, with its masked screenshot as a data URL. */
  saveReport(report: ReportInput, screenshot?: string): Promise<Answer<void>>;
  /** The reports on this page. */
  reportsForPage(): Promise<Answer<PageReport[]>>;
  /** The visible tab as a PNG data URL, unmasked; it is masked before anything keeps it. */
  capture(): Promise<Answer<string>>;
  /** Adds or removes the user's "me too" on a colleague's report. */
  setVote(reportId: string, on: boolean): Promise<Answer<{ votes: number }>>;
}

/** The real API, over extension messaging, for the page in `win`. */
export function backgroundApi(win: Window = window): AnnotatorApi {
  const url = () => win.location.href;
  return {
    context: () =>
      sendToBackground('annotatorContext', {
        url: url(),
        title: win.document.title,
        width: win.innerWidth,
        height: win.innerHeight,
      }),
    saveDraft: (draft, screenshot) =>
      sendToBackground('saveDraft', {
        url: url(),
        draft,
        ...(screenshot === undefined ? {} : { screenshot }),
      }),
    validateReport: (report) => sendToBackground('validateReport', { report }),
    saveReport: (report, screenshot) =>
      sendToBackground('saveReport', {
        report,
        ...(screenshot ? { screenshot } : {}),
      }),
    reportsForPage: () => sendToBackground('reportsForPage', { url: url() }),
    capture: () => sendToBackground('captureVisibleTab', {}),
    setVote: (reportId, on) => sendToBackground('setVote', { reportId, on }),
  };
}
