// One injection of the annotator, timed on one clock: the worker's, the page's and the
// frame's `performance.timeOrigin + performance.now()` are all wall-clock milliseconds. The
// clock starts in the worker as it injects (as on a click of the toolbar button) and stops
// at the frame's own `snag-tools-ready` mark, when its tools are in the document with their
// handlers; the harness's own work (finding the out-of-process frame, DevTools round trips)
// is not counted, and is shown apart.
import type { Frame, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../../tests/e2e/support/browser';
import type { WorkerChrome } from '../../tests/e2e/pages/annotator';

/** Milliseconds from the worker starting the injection to each step. */
export interface InjectionTiming {
  /** `executeScript` answered: the page's script has run and mounted the layer and frame. */
  injected: number;
  /** The frame's navigation started (its time origin). */
  frameNavigation: number;
  /** The frame's HTML arrived. */
  frameResponse: number;
  /** The frame's script started (after its modules loaded). */
  frameScript: number;
  /** The frame's tools are rendered and can be operated: the figure. */
  usable: number;
  /** The frame first painted its content. */
  painted: number;
  /** What the harness saw from Node: start of its call to the tools found (the old figure). */
  harness: number;
}

/**
 * The frame's timeline, in wall-clock milliseconds. Run in the frame: no inner named
 * functions, which the TypeScript loader would wrap in a helper the frame does not have.
 */
function frameTimes() {
  const origin = performance.timeOrigin;
  const [script, usable] = ['snag-frame-start', 'snag-tools-ready'].map(
    (name) =>
      origin + (performance.getEntriesByName(name)[0]?.startTime ?? NaN),
  );
  const nav = performance.getEntriesByType('navigation')[0] as
    PerformanceNavigationTiming | undefined;
  const paint = performance
    .getEntriesByType('paint')
    .find((p) => p.name === 'first-contentful-paint');
  return {
    origin,
    response: origin + (nav?.responseEnd ?? NaN),
    script: script!,
    usable: usable!,
    painted: origin + (paint?.startTime ?? NaN),
  };
}

/** Snag's frame on `page`, once it is there. */
async function findFrame(page: Page): Promise<Frame> {
  for (;;) {
    const ui = page
      .frames()
      .find((f) => f.url().includes('/annotator-frame.html'));
    if (ui) return ui;
    await new Promise((done) => setTimeout(done, 2));
  }
}

/** Injects `script` into the tab of `page` and times it to a usable UI. */
export async function timeInjection(
  browser: ExtensionBrowser,
  page: Page,
  script: string,
): Promise<InjectionTiming> {
  const tabId = await browser.tabIdOf(page);
  const start = performance.now();
  const worker = await browser.worker.evaluate(
    async ({ id, file }) => {
      const { chrome } = globalThis as unknown as { chrome: WorkerChrome };
      const t0 = performance.timeOrigin + performance.now();
      await chrome.scripting.executeScript({
        target: { tabId: id },
        files: [file],
      });
      return { t0, injected: performance.timeOrigin + performance.now() };
    },
    { id: tabId, file: script },
  );
  const ui = await findFrame(page);
  await ui.waitForFunction(
    () => !!document.querySelector('.snag-tools button[aria-pressed]'),
    null,
    { polling: 'raf' },
  );
  const harness = performance.now() - start;
  // The same UI, found by its accessible names, as assistive technology finds it.
  await ui.getByRole('button', { name: 'Pin an element' }).waitFor();
  await ui
    .waitForFunction(
      () => performance.getEntriesByType('paint').length > 0,
      null,
      { timeout: 2000 },
    )
    .catch(() => undefined);
  const f = await ui.evaluate(frameTimes);
  const since = (t: number) => t - worker.t0;
  return {
    injected: since(worker.injected),
    frameNavigation: since(f.origin),
    frameResponse: since(f.response),
    frameScript: since(f.script),
    usable: since(f.usable),
    painted: since(f.painted),
    harness,
  };
}
