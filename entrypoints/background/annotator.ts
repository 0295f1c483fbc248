/**
 * The background's side of the in-page annotator: injecting it on demand (activeTab +
 * scripting), and everything it needs from the extension origin. The content script never
 * touches IndexedDB or the token; it asks here, and every answer is checked against the tab
 * that asked, so one page can never read or write another page's drafts or reports.
 */
import { browser, type Browser } from 'wxt/browser';
import { SCREENSHOT_TYPES, type ReportInput } from '@/protocol/report';
import { emptyDraft, isDraft } from '@/utils/report-draft';
import { onMessages, type Handlers, type PageReport } from '@/utils/messaging';
import { environmentOf, pageOf } from '@/utils/page';
import { reportsForUrl, saveReport } from '@/utils/reports';
import { blobToDataUrl, parseDataUrl } from '@/utils/data-url';
import {
  discardDraft,
  getDraftScreenshot,
  readDraft,
  writeDraft,
} from '@/utils/draft-store';
import { validateReport } from '@/utils/report-validation';
import { guardSnagUiEvents } from '@/utils/page-guard';
import { SNAG_UI_ATTRIBUTE } from '@/utils/anchoring/text-model';
import { urlAllowListStorage } from '@/utils/settings';
import { afterSave as defaultAfterSave, type AfterSave } from './after-save';
import { serverReportsOn, setVote } from './sync';

/** Where WXT writes the annotator content script in the built extension. */
export const ANNOTATOR_SCRIPT = '/content-scripts/annotator.js';

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

/** The cleaned page a message came from, or an error when it is not a page we report on. */
async function senderPage(
  sender: Browser.runtime.MessageSender,
  title?: string,
) {
  const url = sender.tab?.url ?? sender.url;
  const page = pageOf(
    { url, title: title ?? sender.tab?.title },
    await urlAllowListStorage.getValue(),
  );
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
    // Colleagues' reports come from the server when connected; offline, only ours show.
    serverReportsOn(url),
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

/** The visible tab of the page that asks, as a PNG data URL, unmasked. */
async function captureSenderTab(
  sender: Browser.runtime.MessageSender,
): Promise<string> {
  const tab =
    sender.tab?.id === undefined
      ? undefined
      : await browser.tabs.get(sender.tab.id);
  // captureVisibleTab takes whatever tab is showing in the window: refuse rather than
  // capture a page the reporter did not mean.
  if (!tab?.active || tab.windowId === undefined)
    throw new Error('The page must be the visible tab to take a screenshot');
  return browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
}

/**
 * Keeps the page's own listeners from stopping events aimed at Snag's UI, in the frame that
 * asks (see `guardSnagUiEvents`).
 */
async function guardSenderFrame(
  sender: Browser.runtime.MessageSender,
): Promise<void> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) throw new Error('Only a page can ask for this');
  await browser.scripting.executeScript({
    target: { tabId, frameIds: [sender.frameId ?? 0] },
    world: 'MAIN',
    func: guardSnagUiEvents,
    args: [SNAG_UI_ATTRIBUTE],
  });
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
    guardPage: (_data, sender) => guardSenderFrame(sender),
    annotatorContext: async (data, sender) => {
      const page = await senderPage(sender, data.title);
      const draft = (await readDraft(page.url)) ?? emptyDraft();
      const shot = draft.screenshot
        ? await getDraftScreenshot(page.url, draft.id)
        : undefined;
      return {
        page,
        environment: environmentOf(
          { width: data.width, height: data.height },
          browser.runtime.getManifest().version,
        ),
        draft,
        ...(shot ? { screenshot: await blobToDataUrl(shot) } : {}),
      };
    },
    saveDraft: async ({ draft, screenshot }, sender) => {
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
      await afterSave(report.id);
    },
    reportsForPage: async (_data, sender) =>
      reportsOnPage((await senderPage(sender)).url),
    setVote: ({ reportId, on }) => setVote(reportId, on),
    captureVisibleTab: (_data, sender) => captureSenderTab(sender),
  };
}

/** Registers the annotator's message handlers. */
export function setupAnnotator(afterSave?: AfterSave): void {
  onMessages(annotatorHandlers(afterSave));
}
