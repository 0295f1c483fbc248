import { describe, expect, it, vi } from 'vitest';
import {
  CAPTURE_GLOBAL,
  captureMaskedTab,
  captureTab,
  setupCapture,
  type CaptureBrowser,
  type CaptureDeps,
} from '@/entrypoints/background/capture';
import { measureFoundText } from '@/utils/screenshot/frame-measure';
import { MASK_RGBA } from '@/utils/screenshot/mask';
import { FakeImage, pixelDeps } from './pixels';

// A 1×1 PNG: the fake decoder answers its own size, so only the type and encoding matter.
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const SIZE_MISMATCH =
  "The screenshot did not match the page's size, so nothing was kept. Reset the zoom to 100% and try again.";

/** Replaces the test page's body with fixed markup, parsed rather than assigned as HTML. */
function setBody(html: string): void {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes));
}

/** Gives an element one client rect (happy-dom lays nothing out). */
function placeAt(
  element: Element,
  rect: { left: number; top: number; width: number; height: number },
): void {
  Object.defineProperty(element, 'getClientRects', {
    value: () => [rect],
    configurable: true,
  });
}

/**
 * A tab whose only frame is the test page: injected functions run on happy-dom's document,
 * and every step lands in `log` in the order it happened.
 */
function fakeTab(overrides: Partial<CaptureBrowser> = {}) {
  const log: string[] = [];
  const browser: CaptureBrowser = {
    getTab: async () => ({ active: true, windowId: 3 }),
    inAllFrames: async (_tabId, func, arg) => {
      log.push(func.name);
      return [{ frameId: 0, result: func(arg) }];
    },
    captureVisibleTab: async (windowId) => {
      log.push(`capture ${windowId}`);
      return PNG;
    },
    ownOrigin: 'chrome-extension://snag-id/',
    ...overrides,
  };
  // The capture is the view: happy-dom's window is 1024 × 768 at a ratio of 1.
  const decoded: FakeImage[] = [];
  const image = pixelDeps(() => {
    const img = new FakeImage(innerWidth, innerHeight);
    decoded.push(img);
    return img;
  });
  const deps: CaptureDeps = {
    hideUi: async () => {
      log.push('hideUi');
    },
    showUi: async () => {
      log.push('showUi');
    },
    browser,
    image,
  };
  return { deps, log, image, decoded };
}

describe('capturing a masked tab', () => {
  it('hides the UI, measures, captures, measures found text and shows the UI again, in that order', async () => {
    setBody(`<p>NHS number <span id="nhs">943 476 5919</span></p>
      <input type="password" id="pw">`);
    placeAt(document.getElementById('pw')!, {
      left: 20,
      top: 30,
      width: 200,
      height: 24,
    });
    vi.spyOn(Range.prototype, 'getClientRects').mockReturnValue([
      { left: 120, top: 10, width: 90, height: 18 },
    ] as unknown as DOMRectList);
    const { deps, log, image, decoded } = fakeTab();

    const result = await captureTab(7, deps);

    expect(log).toEqual([
      'hideUi',
      'measureFrame',
      'capture 3',
      'measureFoundText',
      'showUi',
    ]);
    if (!result.ok) throw new Error(result.error);
    expect(result.width).toBe(1024);
    expect(result.height).toBe(768);
    // In reading order: the number above the field.
    expect(result.masks).toEqual([
      { x: 119, y: 9, width: 92, height: 20 },
      { x: 19, y: 29, width: 202, height: 26 },
    ]);
    expect(result.notes).toEqual([
      'Personal details shown on the page are covered: NHS number.',
    ]);
    expect(result.image.type).toBe('image/png');
    // What was encoded is the masked canvas, and the decoded capture was let go of.
    const canvas = image.canvases[0]!;
    expect(canvas.at(20, 30)).toEqual([...MASK_RGBA]);
    expect(canvas.at(120, 10)).toEqual([...MASK_RGBA]);
    expect(canvas.at(500, 500)).toEqual([200, 220, 240, 255]);
    expect(decoded[0]!.closed).toBe(true);
  });

  it('covers whole a frame it cannot measure, and says so', async () => {
    setBody(`<iframe id="f" src="https://pay.example/card"></iframe>`);
    const frame = document.getElementById('f')!;
    frame.getBoundingClientRect = () =>
      ({ left: 10, top: 10, width: 300, height: 150 }) as DOMRect;
    placeAt(frame, { left: 10, top: 10, width: 300, height: 150 });
    Object.defineProperty(frame, 'offsetWidth', { value: 300 });
    Object.defineProperty(frame, 'offsetHeight', { value: 150 });
    const { deps } = fakeTab();
    const result = await captureTab(7, deps);
    expect(result).toMatchObject({
      ok: true,
      masks: [{ x: 9, y: 9, width: 302, height: 152 }],
      notes: [
        'An embedded frame could not be measured, so it is covered whole.',
      ],
    });
  });

  it('refuses a capture that does not match the view, and keeps nothing', async () => {
    setBody(`<input id="name">`);
    const { deps, image, decoded } = fakeTab();
    image.decode = async () => {
      const img = new FakeImage(innerWidth * 2, innerHeight * 2);
      decoded.push(img);
      return img;
    };
    const result = await captureTab(7, deps);
    expect(result).toEqual({ ok: false, error: SIZE_MISMATCH });
    expect(image.canvases).toEqual([]);
    expect(decoded[0]!.closed).toBe(true);
  });

  it('shows the UI again and forgets the first pass when the capture fails', async () => {
    setBody(`<p>943 476 5919</p>`);
    const { deps, log } = fakeTab({
      captureVisibleTab: async () => {
        log.push('capture');
        throw new Error(
          'This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.',
        );
      },
    });
    const result = await captureTab(7, deps);
    expect(result).toEqual({
      ok: false,
      error: 'Screenshots were taken too quickly. Wait a moment and try again.',
    });
    expect(log).toEqual([
      'hideUi',
      'measureFrame',
      'capture',
      'showUi',
      'measureFoundText',
    ]);
    expect(measureFoundText({ spans: {} })).toBeNull();
  });

  it('answers a failure to encode the masked image as a value', async () => {
    setBody(`<p>Text</p>`);
    const { deps, image } = fakeTab();
    image.canvas = () => ({
      getContext: () => null,
      convertToBlob: async () => new Blob(),
    });
    expect(await captureTab(7, deps)).toEqual({
      ok: false,
      error: 'No 2D canvas to mask the screenshot on',
    });
  });

  it('captures nothing from a tab that is not the one showing', async () => {
    const { deps, log } = fakeTab({
      getTab: async () => ({ active: false, windowId: 3 }),
    });
    expect(await captureTab(7, deps)).toEqual({
      ok: false,
      error: 'The page must be the visible tab to take a screenshot.',
    });
    expect(log).toEqual([]);
  });

  it('refuses when the tab was switched away while capturing', async () => {
    setBody(`<p>Text</p>`);
    let calls = 0;
    const { deps } = fakeTab({
      getTab: async () => ({ active: calls++ === 0, windowId: 3 }),
    });
    expect(await captureTab(7, deps)).toEqual({
      ok: false,
      error:
        'The page moved while the screenshot was taken, so nothing was kept. Try again.',
    });
  });

  it('says so when Snag may not measure the page, and shows the UI again', async () => {
    const { deps, log } = fakeTab({
      inAllFrames: async () => {
        throw new Error('Cannot access contents of the page');
      },
    });
    expect(await captureTab(7, deps)).toEqual({
      ok: false,
      error: 'Snag cannot take a screenshot of this page.',
    });
    expect(log).toEqual(['hideUi', 'showUi']);
  });

  it('masks what extra selectors name, and refuses one that does not parse', async () => {
    setBody(`<p class="case-id" id="case">A-1</p>`);
    placeAt(document.getElementById('case')!, {
      left: 5,
      top: 5,
      width: 50,
      height: 10,
    });
    const { deps } = fakeTab();
    expect(
      await captureTab(7, deps, { extraSelectors: ['.case-id'] }),
    ).toMatchObject({
      ok: true,
      masks: [{ x: 4, y: 4, width: 52, height: 12 }],
    });
    expect(
      await captureTab(7, deps, { extraSelectors: ['.case-id', '[data-x'] }),
    ).toEqual({
      ok: false,
      error:
        'A masking rule set by your organisation could not be read ([data-x), so nothing was kept. Tell your IT team.',
    });
  });

  it('puts captureMaskedTab on the worker’s global for tests of the real worker', () => {
    const scope = {};
    setupCapture(scope);
    expect((scope as Record<string, unknown>)[CAPTURE_GLOBAL]).toBe(
      captureMaskedTab,
    );
  });
});
