/**
 * What Snag's frame asks of the extension, as typed messages to the background. The frame
 * is an extension page, but it asks the background for everything tied to its tab, so the
 * worker decides which page a draft or report belongs to. Tests pass their own.
 */
import type { AnchorQuality } from '@/protocol/anchoring';
import type { ReportInput } from '@/protocol/report';
import type { ReportDraft } from '@/utils/report-draft';
import type { FieldErrors } from '@/utils/report-validation';
import {
  sendToBackground,
  type AnnotatorContext,
  type Answer,
  type MaskedShot,
  type PageReport,
} from '@/utils/messaging';

/** The frame's view of the background. */
export interface AnnotatorApi {
  /** The page, environment and current draft (if any) of the frame's tab. */
  context(): Promise<Answer<AnnotatorContext>>;
  /** Autosaves the draft (null clears it); `screenshot` as for the `saveDraft` message. */
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
  /** A masked capture of the tab, Snag left out. */
  capture(): Promise<Answer<MaskedShot>>;
  /** Adds or removes the user's "me too" on a colleague's report. */
  setVote(reportId: string, on: boolean): Promise<Answer<{ votes: number }>>;
  /** Tells the server, when it can, how a saved report's notes were found on this page. */
  recordAnchoring(
    reportId: string,
    annotations: Record<string, AnchorQuality>,
  ): Promise<Answer<void>>;
}

/** The real API over extension messaging; `source` names this frame's draft writes. */
export function backgroundApi(source: string): AnnotatorApi {
  return {
    context: () => sendToBackground('annotatorContext', {}),
    saveDraft: (draft, screenshot) =>
      sendToBackground('saveDraft', {
        draft,
        source,
        ...(screenshot === undefined ? {} : { screenshot }),
      }),
    validateReport: (report) => sendToBackground('validateReport', { report }),
    saveReport: (report, screenshot) =>
      sendToBackground('saveReport', {
        report,
        ...(screenshot ? { screenshot } : {}),
      }),
    reportsForPage: () => sendToBackground('reportsForPage', {}),
    capture: () => sendToBackground('captureScreenshot', {}),
    setVote: (reportId, on) => sendToBackground('setVote', { reportId, on }),
    recordAnchoring: (reportId, annotations) =>
      sendToBackground('recordAnchoring', { reportId, annotations }),
  };
}
