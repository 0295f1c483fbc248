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
import type { NotificationSettings } from '@/protocol/webhooks';
import type { AnchorQuality } from '@/protocol/anchoring';
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

/** Everything Snag's frame needs to start, sent by the background. */
export interface AnnotatorContext {
  page: Page;
  environment: Environment;
  /** The page's draft; null when there is none (looking creates none). */
  draft: ReportDraft | null;
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
  /** options → background: the user's email settings on the connected server. */
  emailSettings(data: Record<string, never>): NotificationSettings;
  /** options → background: save them; answers them as the server keeps them. */
  saveEmailSettings(data: {
    settings: NotificationSettings;
  }): NotificationSettings;
  /** popup → background: inject the annotator into this tab. */
  startAnnotator(data: { tabId: number }): void;
  /** frame → background: the tab Snag's frame is in, so it can reach the page's layer. */
  frameTab(data: Record<string, never>): { tabId: number };
  /** frame → background: the page, environment and draft (null when none) of the frame's tab. */
  annotatorContext(data: Record<string, never>): AnnotatorContext;
  /**
   * frame → background: autosave the draft (null discards it). `screenshot` keeps the
   * draft's masked image (a data URL) until the report is saved, null removes it, and leaving
   * it out keeps whatever is there. `source` names the writer, for `watchDraft`.
   */
  saveDraft(data: {
    draft: ReportDraft | null;
    screenshot?: string | null;
    source: string;
  }): void;
  /** frame → background: check a built report against the schema, by form field. */
  validateReport(data: { report: ReportInput }): FieldErrors | null;
  /** frame → background: save a finished report, with its masked screenshot as a data URL. */
  saveReport(data: { report: ReportInput; screenshot?: string }): void;
  /** frame → background: the reports (own and colleagues') on the frame's page. */
  reportsForPage(data: Record<string, never>): PageReport[];
  /** frame → background: a masked capture of the frame's tab, with Snag hidden from it. */
  captureScreenshot(data: Record<string, never>): MaskedShot;
  /** frame → background: add or remove the user's "me too" on a colleague's report. */
  setVote(data: { reportId: string; on: boolean }): { votes: number };
  /**
   * frame → background: how a saved report's notes were found on the frame's page, by
   * annotation id. Advisory: the worker passes it to the server when it can, else drops it.
   */
  recordAnchoring(data: {
    reportId: string;
    annotations: Record<string, AnchorQuality>;
  }): void;
}

/** A masked capture as the frame receives it; the unmasked image never leaves the worker. */
export interface MaskedShot {
  /** The masked image as a PNG data URL. */
  dataUrl: string;
  width: number;
  height: number;
  /** The masks already painted on the image, in image pixels. */
  masks: { x: number; y: number; width: number; height: number }[];
  /** What was masked and how, in words. */
  notes: string[];
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

/**
 * Whether a message comes from one of this extension's own pages (the popup, the options,
 * Snag's frame), the only senders the background obeys. Content scripts share the page's
 * DOM, so they are never trusted with an action.
 */
export function fromExtensionPage(
  sender: Pick<Browser.runtime.MessageSender, 'id' | 'url'>,
  runtimeId: string = browser.runtime.id,
): boolean {
  if (sender.id !== runtimeId || !sender.url) return false;
  return /^(chrome|moz)-extension:$/.test(new URL(sender.url).protocol);
}

/**
 * Registers the background's handlers. Unknown messages are ignored; known ones from any
 * sender but an extension page are ignored and logged, never obeyed.
 */
export function onMessages(handlers: Partial<Handlers>): void {
  // webextension-polyfill answers a message with the promise its listener returns.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- that promise is the answer
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    const m = message as Partial<Message>;
    if (!m || typeof m.type !== 'string' || !(m.type in handlers))
      return undefined;
    if (!fromExtensionPage(sender)) {
      console.warn(
        `Snag ignored "${m.type}" from a sender that is not an extension page`,
        sender.url,
      );
      return undefined;
    }
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
