/**
 * The background's side of the annotator: injecting the page's layer on demand (activeTab +
 * scripting), and everything Snag's frame needs from the extension origin. Only the frame
 * (an extension page, in the tab it serves) is answered here; every answer is for the tab
 * the frame is in, so one page can never read or write another page's drafts or reports.
 * The content script in the page asks only for the picker's script, which is injected into
 * its own frame; it is answered nothing else, since the page shares its DOM.
 */
import { browser, type Browser } from 'wxt/browser';
import { anchoringInput } from '@/protocol/anchoring';
import {
  reportId,
  SCREENSHOT_TYPES,
  type ReportInput,
} from '@/protocol/report';
import { isDraft } from '@/utils/report-draft';
import {
  fromExtensionPage,
  onMessages,
  type Handlers,
  type PageReport,
} from '@/utils/messaging';
import { environmentOf, pageOf } from '@/utils/page';
import { getReport, reportsForUrl, saveReport } from '@/utils/reports';
import { blobToDataUrl, parseDataUrl } from '@/utils/data-url';
import { announceDraftChange } from '@/utils/draft-channel';
import {
  discardDraft,
  getDraftScreenshot,
  readDraft,
  writeDraft,
} from '@/utils/draft-store';
import { validateReport } from '@/utils/report-validation';
import {
  isFrameUrl,
  PICKER_SCRIPT,
  type PickerScriptRequest,
} from '@/utils/frame-link';
import { effectiveUrlAllowList } from '@/utils/managed-settings';
import { afterSave as defaultAfterSave, type AfterSave } from './after-save';
import { recordAnchoring, serverReportsOn, setVote } from './sync';
import { captureFrameTab } from './frame-capture';

/** Where WXT writes the annotator's in-page script (an unlisted script) in the built extension. */
export const ANNOTATOR_SCRIPT = '/annotator.js';

/** Largest screenshot accepted from the page, matching the server's limit (5 MiB). */
const MAX_SCREENSHOT_BYTES = 5 * 1024 * 1024;

/** Injects the annotator into a tab; a second injection shows the UI already there. */
export async function injectAnnotator(tabId: number): Promise<void> {
  await browser.scripting.executeScript({
    target: { tabId },
    files: [ANNOTATOR_SCRIPT],
  });
}

/**
 * Answers the page's layer asking for the picker's script: injected into the layer's own
 * frame, answered once it has run. Only this extension's content scripts can ask (a page
 * cannot message the extension); any other message is left to other listeners.
 */
export function onPickerScriptRequest(
  message: unknown,
  sender: Browser.runtime.MessageSender,
): Promise<boolean> | undefined {
  if ((message as Partial<PickerScriptRequest>)?.type !== 'snagPickerScript')
    return undefined;
  const tabId = sender.tab?.id;
  if (
    sender.id !== browser.runtime.id ||
    fromExtensionPage(sender) ||
    tabId === undefined ||
    sender.frameId === undefined
  ) {
    console.warn('Snag ignored a picker request from', sender.url);
    return undefined;
  }
  return browser.scripting
    .executeScript({
      target: { tabId, frameIds: [sender.frameId] },
      files: [PICKER_SCRIPT],
    })
    .then(() => true);
}

/**
 * Decodes the masked screenshot sent by the annotator as a `data:` URL. Only the image types
 * the server accepts, within its size limit, are taken.
 */
export function screenshotBlob(dataUrl: string): Blob {
  const image = parseDataUrl(dataUrl);
  if (!image || !(SCREENSHOT_TYPES as readonly string[]).includes(image.type)) {
    throw new Error('The screenshot is not a PNG, JPEG or WebP image');
  }
  if (image.bytes.length > MAX_SCREENSHOT_BYTES) {
    throw new Error('The screenshot is larger than 5 MiB');
  }
  return new Blob([image.bytes as BlobPart], { type: image.type });
}

/**
 * The tab of Snag's frame that sent a message, or an error for any other sender: the frame
 * is the extension's own page, shown in a tab as a subframe (never the top of a tab).
 */
export function frameTabOf(sender: Browser.runtime.MessageSender) {
  if (
    !isFrameUrl(sender.url) ||
    sender.tab?.id === undefined ||
    !sender.frameId
  ) {
    console.warn('Snag ignored a frame message from', sender.url);
    throw new Error('Only Snag’s frame on a page can ask for this');
  }
  return { ...sender.tab, id: sender.tab.id };
}

/** The cleaned page of the frame's tab, or an error when it is not a page we report on. */
async function senderPage(sender: Browser.runtime.MessageSender) {
  const tab = frameTabOf(sender);
  const page = pageOf(tab, await effectiveUrlAllowList());
  if (!page) throw new Error('Snag cannot report on this page');
  return page;
}

/** A short line that names a report on its pin. */
function summaryOf(
  report: Pick<ReportInput, 'whatHappened'> & { trying?: string },
): string {
  const text = report.whatHappened.trim() || (report.trying ?? '').trim();
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

/** The reports on a page for its pins: the user's own, then colleagues' from the server. */
async function reportsOnPage(url: string): Promise<PageReport[]> {
  const [records, everyone] = await Promise.all([
    reportsForUrl(url),
    // Colleagues' reports come from the server when connected; offline, or when the server
    // cannot be asked, only ours show.
    serverReportsOn(url).catch((error: unknown) => {
      console.warn('Snag could not read colleagues’ reports', error);
      return [];
    }),
  ]);
  const own = records.map((r): PageReport => ({
    id: r.id,
    mine: true,
    summary: summaryOf(r.report),
    annotations: r.report.annotations,
    ...(r.server ? { status: r.server.status, votes: r.server.votes } : {}),
  }));
  const ownIds = new Set(own.map((r) => r.id));
  const theirs = everyone
    // Duplicates point elsewhere; a "me too" belongs on the report they duplicate.
    .filter((r) => !ownIds.has(r.id) && r.status !== 'duplicate')
    .map((r): PageReport => ({
      id: r.id,
      mine: false,
      summary: summaryOf(r),
      annotations: r.annotations,
      votes: r.votes,
      votedByMe: r.votedByMe ?? false,
      status: r.status,
    }));
  return [...own, ...theirs];
}

/** A frame's observation of a report's notes, if it is one the server would take. */
function anchoringOf(data: unknown) {
  const { reportId: id, annotations } = (data ?? {}) as Record<string, unknown>;
  const report = reportId.safeParse(id);
  const input = anchoringInput.safeParse({ annotations });
  return report.success && input.success
    ? { reportId: report.data, annotations: input.data.annotations }
    : null;
}

/** The annotator's message handlers, exported for tests. */
export function annotatorHandlers(
  afterSave: AfterSave = defaultAfterSave(),
): Partial<Handlers> {
  return {
    startAnnotator: async ({ tabId }) => {
      if (!Number.isInteger(tabId) || tabId < 0)
        throw new Error('No tab to annotate');
      await injectAnnotator(tabId);
    },
    frameTab: (_data, sender) => ({ tabId: frameTabOf(sender).id }),
    annotatorContext: async (_data, sender) => {
      const tab = frameTabOf(sender);
      const page = await senderPage(sender);
      const draft = (await readDraft(page.url)) ?? null;
      const shot = draft?.screenshot
        ? await getDraftScreenshot(page.url, draft.id)
        : undefined;
      return {
        page,
        environment: environmentOf(
          { width: tab.width, height: tab.height },
          browser.runtime.getManifest().version,
        ),
        draft,
        ...(shot ? { screenshot: await blobToDataUrl(shot) } : {}),
      };
    },
    saveDraft: async ({ draft, screenshot, source }, sender) => {
      const page = await senderPage(sender);
      if (draft !== null && !isDraft(draft))
        throw new Error('The draft is not readable');
      // The image is checked like a report's before it is kept (type and size).
      const image =
        typeof screenshot === 'string' ? screenshotBlob(screenshot) : null;
      await writeDraft(
        page.url,
        draft,
        screenshot === undefined ? undefined : image,
      );
      announceDraftChange({ url: page.url, source: String(source) });
    },
    validateReport: ({ report }) => validateReport(report),
    saveReport: async ({ report, screenshot }, sender) => {
      const page = await senderPage(sender);
      // The page is the tab's, whatever the message says, so a report lands on its own URL.
      if (report.page?.url !== page.url)
        throw new Error('The report is for another page');
      const blob = screenshot ? screenshotBlob(screenshot) : undefined;
      if (
        blob &&
        (!report.screenshot || report.screenshot.mediaType !== blob.type)
      )
        throw new Error('The screenshot does not match its description');
      await saveReport(report, blob);
      await discardDraft(page.url, report.id);
      announceDraftChange({ url: page.url, source: 'save' });
      await afterSave(report.id);
    },
    reportsForPage: async (_data, sender) =>
      reportsOnPage((await senderPage(sender)).url),
    setVote: async ({ reportId, on }, sender) => {
      frameTabOf(sender);
      return setVote(reportId, on);
    },
    recordAnchoring: async (data, sender) => {
      const page = await senderPage(sender);
      const observed = anchoringOf(data);
      // Only a report the server has: a colleague's came from it; ours, once it was sent.
      const own = observed && (await getReport(observed.reportId));
      if (!observed) return;
      if (own && (!own.ok || !own.record.server || own.record.url !== page.url))
        return;
      await recordAnchoring(page.url, observed.reportId, observed.annotations);
    },
    captureScreenshot: (_data, sender) =>
      captureFrameTab(frameTabOf(sender).id),
  };
}

/** Registers the annotator's message handlers. */
export function setupAnnotator(afterSave?: AfterSave): void {
  onMessages(annotatorHandlers(afterSave));
  // webextension-polyfill answers a message with the promise its listener returns.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- that promise is the answer
  browser.runtime.onMessage.addListener(onPickerScriptRequest);
}
