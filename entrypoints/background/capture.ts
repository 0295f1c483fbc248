/**
 * A masked screenshot of a tab, taken and masked entirely in the worker. Snag's own UI is
 * hidden, every frame of the tab measures what must not show (form fields, private elements,
 * personal identifiers shown as text, embedded frames it cannot enter), the visible tab is
 * captured, and opaque boxes are painted over the capture on an `OffscreenCanvas`. Only the
 * masked image leaves this module: the page never sees a pixel of either, and the unmasked
 * capture is never stored.
 */
import { managedSettingsNow } from '@/utils/managed-settings';
import { browser } from 'wxt/browser';
import { msg, t } from '@/utils/i18n';
import { SNAG_UI_ATTRIBUTE } from '@/utils/anchoring';
import { parseDataUrl } from '@/utils/data-url';
import { PRIVATE_SELECTOR } from '@/utils/screenshot/mask';
import {
  measureFoundText,
  measureFrame,
  type FoundTextArgs,
  type FoundTextMeasure,
  type FrameMeasure,
  type MeasureArgs,
  type TextSpanRef,
} from '@/utils/screenshot/frame-measure';
import {
  findFrameText,
  planMasks,
  type FrameReading,
  type FrameText,
  type PlanFailure,
} from '@/utils/screenshot/mask-plan';
import {
  decodeCapture,
  maskImage,
  workerImageDeps,
  type MaskImageDeps,
} from '@/utils/screenshot/mask-image';

/** A rectangle in image pixels. */
export type Rect = { x: number; y: number; width: number; height: number };

/** What `captureMaskedTab` answers: the masked image and its masks, or why there is none. */
export type MaskedCapture =
  | {
      ok: true;
      /** The masked image (PNG). The unmasked capture never leaves the worker. */
      image: Blob;
      width: number;
      height: number;
      /** Every automatic mask painted on `image`, in image pixels. */
      masks: Rect[];
      /** Short lines for the reporter about what was masked and how. */
      notes: string[];
    }
  | { ok: false; error: string };

/** Settings that change what is masked. */
export interface CaptureOptions {
  /** More CSS selectors whose elements are masked, as an organisation may set them. */
  extraSelectors?: readonly string[];
}

/** One frame's answer to an injected function. */
export interface FrameAnswer<T> {
  frameId: number;
  result?: T;
}

/** The browser as capturing needs it. */
export interface CaptureBrowser {
  /** Whether the tab is the one shown in its window, and which window that is. */
  getTab(tabId: number): Promise<{ active?: boolean; windowId?: number }>;
  /** Runs `func(arg)` in every frame of the tab, without waiting for frames to finish loading. */
  inAllFrames<A, R>(
    tabId: number,
    func: (arg: A) => R,
    arg: A,
  ): Promise<FrameAnswer<R>[]>;
  /** The visible tab of the window as a PNG `data:` URL. */
  captureVisibleTab(windowId: number): Promise<string>;
  /** The extension's own origin with a trailing slash: frames from it are Snag's. */
  ownOrigin: string;
}

/** Everything `captureTab` works with. */
export interface CaptureDeps {
  /** Hides Snag's frame and marks, resolving once painted. */
  hideUi(): Promise<void>;
  /** Shows them again. */
  showUi(): Promise<void>;
  // Injected
  browser: CaptureBrowser;
  image: MaskImageDeps;
}

/** The worker's browser API, as capturing uses it. */
export function workerCaptureBrowser(): CaptureBrowser {
  return {
    getTab: (tabId) => browser.tabs.get(tabId),
    inAllFrames: async (tabId, func, arg) =>
      // Casting because the API's types cannot relate `func` to its argument list.
      (await browser.scripting.executeScript({
        target: { tabId, allFrames: true },
        func: func as (...args: never[]) => unknown,
        args: [arg] as never[],
        // A frame still loading is measured as it stands, which is how it shows in the capture.
        injectImmediately: true,
      })) as FrameAnswer<never>[],
    captureVisibleTab: (windowId) =>
      browser.tabs.captureVisibleTab(windowId, { format: 'png' }),
    ownOrigin: browser.runtime.getURL('/'),
  };
}

/**
 * Captures the visible tab `tabId` with every private part of every frame masked. The frame
 * that shows the result passes `hideUi` and `showUi`, which hide Snag's frame and marks from
 * the capture; `showUi` runs whatever happens.
 */
export async function captureMaskedTab(
  tabId: number,
  deps: { hideUi(): Promise<void>; showUi(): Promise<void> }, // hides Snag's frame and marks, resolving once painted
  options: CaptureOptions = {},
): Promise<
  | {
      ok: true;
      image: Blob;
      width: number;
      height: number;
      masks: Rect[];
      notes: string[];
    }
  | { ok: false; error: string }
> {
  // The organisation's own selectors (managed `extraMaskSelectors`) unless the caller says.
  const extraSelectors =
    options.extraSelectors ??
    (await managedSettingsNow()).extraMaskSelectors ??
    [];
  return captureTab(
    tabId,
    {
      hideUi: () => deps.hideUi(),
      showUi: () => deps.showUi(),
      browser: workerCaptureBrowser(),
      image: workerImageDeps,
    },
    { ...options, extraSelectors },
  );
}

/** A failure as the reporter reads it. */
function failure(error: string): { ok: false; error: string } {
  return { ok: false, error };
}

/** What the reporter is told when no masks could be placed. */
function planError(failed: PlanFailure): string {
  switch (failed.reason) {
    case 'not-measured':
      return t('captureNotMeasured');
    case 'invalid-selector':
      return t('captureInvalidSelector', failed.selectors.join(', '));
    case 'size':
      return t('captureSizeMismatch');
    case 'moved':
      return t('captureMoved');
    case 'lost-frame':
      return t('captureLostFrame');
  }
}

/** What the reporter is told about a browser error while capturing. */
function browserError(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  // Chromium allows two captures a second per extension.
  if (/MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND/.test(text))
    return t('captureTooFast');
  return text;
}

/** The spans each frame's second pass measures, by its first pass's token. */
function spansByToken(readings: readonly FrameReading[]): FoundTextArgs {
  const spans: Record<string, readonly TextSpanRef[]> = {};
  for (const r of readings) {
    if (!r.first.nested && r.text) spans[r.first.token] = r.text.refs;
  }
  return { spans };
}

/** Decodes the captured image, plans the masks from the frames' readings, and paints them. */
async function maskCapture(
  dataUrl: string,
  readings: readonly FrameReading[],
  deps: CaptureDeps,
): Promise<MaskedCapture> {
  const bytes = parseDataUrl(dataUrl);
  if (!bytes) return failure(t('captureNotMeasured'));
  let decoded;
  try {
    decoded = await decodeCapture(
      new Blob([bytes.bytes as BlobPart], { type: bytes.type }),
      deps.image,
    );
  } catch (e) {
    return failure(browserError(e));
  }
  const size = { width: decoded.width, height: decoded.height };
  const plan = planMasks(readings, size);
  if (!plan.ok) {
    decoded.close();
    return failure(planError(plan));
  }
  let image: Blob;
  try {
    image = await maskImage(decoded, plan.masks, deps.image);
  } catch (e) {
    return failure(browserError(e));
  }

  const notes: string[] = [];
  if (plan.coveredFrames === 1) notes.push(t('captureNoteFrameCovered'));
  if (plan.coveredFrames > 1)
    notes.push(t('captureNoteFramesCovered', String(plan.coveredFrames)));
  if (plan.found.length > 0) {
    const kinds = plan.found.map((k) => msg(`finding_${k.replace(/-/g, '_')}`));
    notes.push(t('captureNoteFound', kinds.join(', ')));
  }
  return { ok: true, image, ...size, masks: plan.masks, notes };
}

/**
 * The window that shows `tabId`, or why it cannot be captured. captureVisibleTab takes whatever
 * tab its window shows: refuse rather than capture a page the reporter did not mean.
 */
async function visibleWindow(
  tabId: number,
  deps: CaptureDeps,
): Promise<number | string> {
  let tab: { active?: boolean; windowId?: number };
  try {
    tab = await deps.browser.getTab(tabId);
  } catch {
    return t('captureNotMeasured');
  }
  if (!tab.active || tab.windowId === undefined) return t('captureNotVisible');
  return tab.windowId;
}

/** `captureMaskedTab` with its collaborators passed in. */
export async function captureTab(
  tabId: number,
  deps: CaptureDeps,
  options: CaptureOptions = {},
): Promise<MaskedCapture> {
  const windowId = await visibleWindow(tabId, deps);
  if (typeof windowId === 'string') return failure(windowId);

  const args: MeasureArgs = {
    selector: PRIVATE_SELECTOR,
    extraSelectors: [...(options.extraSelectors ?? [])],
    uiAttribute: SNAG_UI_ATTRIBUTE,
    ownOrigin: deps.browser.ownOrigin,
  };
  let readings: FrameReading[] = [];
  let dataUrl = '';
  let measured = false;
  let finished = false;
  let error: string | null = null;
  try {
    await deps.hideUi();
    let first: FrameAnswer<FrameMeasure>[];
    try {
      first = await deps.browser.inAllFrames(tabId, measureFrame, args);
      measured = true;
    } catch {
      return failure(t('captureNotMeasured'));
    }
    // The browser captures in its own process: the text check runs meanwhile.
    const capturing = deps.browser.captureVisibleTab(windowId);
    capturing.catch(() => undefined);
    readings = first.flatMap(({ result }) =>
      result
        ? [
            {
              first: result,
              second: null,
              ...(result.nested || result.failed !== undefined
                ? {}
                : { text: findFrameText(result) satisfies FrameText }),
            },
          ]
        : [],
    );
    dataUrl = await capturing;
    const second = await deps.browser.inAllFrames(
      tabId,
      measureFoundText,
      spansByToken(readings),
    );
    finished = true;
    const byToken = new Map<string, FoundTextMeasure>();
    for (const { result } of second)
      if (result) byToken.set(result.token, result);
    readings = readings.map((r) =>
      r.first.nested ? r : { ...r, second: byToken.get(r.first.token) ?? null },
    );
    const after = await deps.browser.getTab(tabId);
    if (!after.active || after.windowId !== windowId) error = t('captureMoved');
  } catch (e) {
    error = browserError(e);
  } finally {
    try {
      await deps.showUi();
    } catch (e) {
      // The capture stands; the UI's own failure to come back is its own to report.
      console.warn('Snag could not show its UI again after a screenshot', e);
    }
  }
  // Measuring keeps the text nodes in each frame until the second pass; let go of them.
  if (measured && !finished) {
    await deps.browser
      .inAllFrames(tabId, measureFoundText, { spans: {} })
      .catch(() => undefined);
  }
  if (error !== null) return failure(error);

  return maskCapture(dataUrl, readings, deps);
}

/** The name under which the worker's global holds `captureMaskedTab`. */
export const CAPTURE_GLOBAL = 'snagCaptureMaskedTab';

/**
 * Puts `captureMaskedTab` on the worker's global, so that tests drive the very function the
 * UI calls, in the real worker. It grants nothing: only code already running in the worker
 * (or a debugger attached to it) can reach the worker's global; pages and content scripts
 * cannot.
 */
export function setupCapture(
  scope: object = globalThis,
  capture: typeof captureMaskedTab = captureMaskedTab,
): void {
  Object.defineProperty(scope, CAPTURE_GLOBAL, {
    value: capture,
    configurable: true,
  });
}
