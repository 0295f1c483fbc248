/**
 * Typed messages between the extension's contexts, declared once. Named by direction; every
 * answer is a value (`{ ok: false, error }` on failure), because thrown errors do not cross
 * contexts well.
 */
import { browser, type Browser } from 'wxt/browser';
import type {
  Annotation,
  Page,
  ReportInput,
  Environment,
} from '@/protocol/report';
import type { ReportDraft } from './report-draft';
import type { FieldErrors } from './report-validation';

/** A report on the current page, as the annotator needs it to redraw pins. */
export interface PageReport {
  id: string;
  /** True when the user wrote it; false for a colleague's report pulled from the server. */
  mine: boolean;
  summary: string;
  annotations: Annotation[];
  votes?: number;
  votedByMe?: boolean;
  status?: string;
}

/** Everything the annotator needs to start, sent by the background. */
export interface AnnotatorContext {
  page: Page;
  environment: Environment;
  draft: ReportDraft;
  /** The draft's masked screenshot as a data URL, when it has one kept on the device. */
  screenshot?: string;
}

/** Message name → handler signature. */
export interface ProtocolMap {
  /** popup → background: a report was saved in the popup; run the after-save step. */
  reportSaved(data: { id: string }): void;
  /** popup → background: the popup opened; send what is due and fetch reviewers' changes. */
  syncNow(data: Record<string, never>): void;
  /** popup → background: send a failed report again now. */
  retrySend(data: { id: string }): void;
  /** popup → background: inject the annotator into this tab. */
  startAnnotator(data: { tabId: number }): void;
  /**
   * annotator → background: keep the page's own listeners from stopping events aimed at
   * Snag's UI (see `guardSnagUiEvents`), in the frame that asks.
   */
  guardPage(data: Record<string, never>): void;
  /** annotator → background: the page, environment and current draft for this tab. */
  annotatorContext(data: {
    url: string;
    title: string;
    width: number;
    height: number;
  }): AnnotatorContext;
  /**
   * annotator → background: autosave the composer's draft (null discards it). `screenshot`
   * keeps the draft's masked image (a data URL) until the report is saved, null removes it,
   * and leaving it out keeps whatever is there.
   */
  saveDraft(data: {
    url: string;
    draft: ReportDraft | null;
    screenshot?: string | null;
  }): void;
  /** annotator → background: check a built report against the schema, by form field. */
  validateReport(data: { report: ReportInput }): FieldErrors | null;
  /** annotator → background: save a finished report, with its masked screenshot as a data URL. */
  saveReport(data: { report: ReportInput; screenshot?: string }): void;
  /** annotator → background: the reports (own and colleagues') on this page. */
  reportsForPage(data: { url: string }): PageReport[];
  /** annotator → background: capture the visible tab, unmasked, for masking in the page. */
  captureVisibleTab(data: Record<string, never>): string;
  /** annotator → background: add or remove the user's "me too" on a colleague's report. */
  setVote(data: { reportId: string; on: boolean }): { votes: number };
}

/** The answer to a message: a value, or an error in words. */
export type Answer<T> = { ok: true; value: T } | { ok: false; error: string };

type Message<K extends keyof ProtocolMap = keyof ProtocolMap> = {
  type: K;
  data: Parameters<ProtocolMap[K]>[0];
};

/** Sends a message to the background and answers its value or error. */
export async function sendToBackground<K extends keyof ProtocolMap>(
  type: K,
  data: Parameters<ProtocolMap[K]>[0],
): Promise<Answer<ReturnType<ProtocolMap[K]>>> {
  try {
    const answer = (await browser.runtime.sendMessage({
      type,
      data,
    } satisfies Message<K>)) as Answer<ReturnType<ProtocolMap[K]>> | undefined;
    return answer ?? { ok: false, error: 'No answer from the background' };
  } catch (error) {
    return {
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

/** Handlers the background registers, one per message. */
export type Handlers = {
  [K in keyof ProtocolMap]: (
    data: Parameters<ProtocolMap[K]>[0],
    sender: Browser.runtime.MessageSender,
  ) => Promise<ReturnType<ProtocolMap[K]>> | ReturnType<ProtocolMap[K]>;
};

/** Registers the background's handlers; unknown messages are ignored. */
export function onMessages(handlers: Partial<Handlers>): void {
  // webextension-polyfill answers a message with the promise its listener returns.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- that promise is the answer
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    const m = message as Partial<Message>;
    if (!m || typeof m.type !== 'string' || !(m.type in handlers))
      return undefined;
    const handler = handlers[m.type as keyof ProtocolMap] as (
      data: unknown,
      sender: Browser.runtime.MessageSender,
    ) => unknown;
    return Promise.resolve()
      .then(() => handler(m.data, sender))
      .then(
        (value) => ({ ok: true, value }),
        (error: unknown) => ({
          ok: false,
          error: error instanceof Error ? error.message : String(error),
        }),
      );
  });
}
