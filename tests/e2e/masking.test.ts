// Masked screenshots end to end in real Chromium: `captureMaskedTab` in the extension's own
// service worker, on a case record with a password field, a card number typed into a frame
// from a second origin, an NHS number shown as plain text and a frame no extension may enter;
// with a panel of Snag's on the page, kept out of the capture; and refused when the capture
// cannot match the page (device emulation).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useExtensionSession } from './support/session';
import {
  captureWhenAllowed,
  showSnagStandIn,
  STAND_IN,
  type CaptureOutcome,
  type CaptureRequest,
} from './support/masked-capture';
import { ASIDE_RGB, CaseRecordPage, type ViewBox } from './pages/case-record';

const SIZE_MISMATCH =
  "The screenshot did not match the page's size, so nothing was kept. Reset the zoom to 100% and try again.";
const FRAME_COVERED =
  'An embedded frame could not be measured, so it is covered whole.';
const NHS_COVERED =
  'Personal details shown on the page are covered: NHS number.';

const session = useExtensionSession();

/** Waits `ms` milliseconds: only for Chromium's limit on captures a second. */
const wait = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** The case record open in a tab of its own, in front, with a panel of Snag's on it. */
interface CaseRecordTab {
  page: Page;
  record: CaseRecordPage;
  tabId: number;
}

/** Runs `test` on a freshly opened case record, and closes its tab whatever happens. */
async function onCaseRecord(
  name: string,
  test: (tab: CaseRecordTab) => Promise<void>,
): Promise<void> {
  const page = await session.browser.context.newPage();
  try {
    const record = await CaseRecordPage.open(page, session.site.url, name);
    await page.bringToFront();
    const tabId = await session.browser.tabIdOf(page);
    await showSnagStandIn(session.browser.worker, tabId);
    await test({ page, record, tabId });
  } finally {
    await page.close();
  }
}

/** Whether two boxes overlap. */
const overlaps = (a: ViewBox, b: ViewBox) =>
  a.x < b.x + b.width &&
  b.x < a.x + a.width &&
  a.y < b.y + b.height &&
  b.y < a.y + a.height;

/** Where Snag's panel stands on the page, in the top view. */
async function panelBox(page: Page): Promise<ViewBox> {
  const box = await page.locator(STAND_IN).boundingBox();
  if (!box) throw new Error("Snag's panel is not on the page");
  return box;
}

/** Captures the tab, counting the mask colour and the page's yellow in each region. */
function capture(
  tabId: number,
  regions: Record<string, ViewBox>,
  options: Partial<CaptureRequest> = {},
): Promise<CaptureOutcome> {
  return captureWhenAllowed(
    session.browser.worker,
    { tabId, regions, hideUi: true, scale: 1, colour: ASIDE_RGB, ...options },
    wait,
  );
}

/** The outcome of a capture that must have succeeded. */
function succeeded(outcome: CaptureOutcome) {
  if (!outcome.ok) throw new Error(`The capture failed: ${outcome.error}`);
  return outcome;
}

describe('masked screenshots', () => {
  it('masks the password, the card field in a cross-origin frame and the NHS number, and leaves Snag out', async () => {
    await onCaseRecord('masks', async ({ page, record, tabId }) => {
      const boxes = await record.boxes();
      const panel = await panelBox(page);

      const shot = succeeded(await capture(tabId, { ...boxes, panel }));

      expect(shot.imageType).toBe('image/png');
      expect([shot.width, shot.height]).toEqual([1280, 900]);
      expect(shot.steps).toEqual(['hideUi', 'showUi']);
      // Every pixel inside the three private boxes is the mask colour.
      for (const name of ['password', 'card', 'nhsNumber']) {
        const pixels = shot.regions[name]!;
        expect(pixels.total, name).toBeGreaterThan(100);
        expect(pixels.mask, name).toBe(pixels.total);
      }
      // A number whose check digit is wrong is no NHS number: it shows.
      expect(shot.regions.oldReference!.mask).toBeLessThan(
        shot.regions.oldReference!.total / 2,
      );
      // The payment frame was measured, not covered whole: its heading shows.
      expect(shot.regions.paymentHeading!.mask).toBeLessThan(
        shot.regions.paymentHeading!.total / 2,
      );
      // The frame showing the browser's error page could not be measured: covered whole.
      expect(shot.regions.unreachable!.mask).toBe(
        shot.regions.unreachable!.total,
      );
      expect(shot.notes).toEqual([FRAME_COVERED, NHS_COVERED]);
      // Where Snag's panel stood, the page's own yellow panel shows, and no mask is there.
      expect(
        shot.regions.panel!.colour / shot.regions.panel!.total,
      ).toBeGreaterThan(0.99);
      expect(shot.masks.filter((m) => overlaps(m, panel))).toEqual([]);
      // And the panel is back once the capture is taken.
      expect(await page.locator(STAND_IN).isVisible()).toBe(true);
    });
  });

  it('would show Snag’s panel, unmasked, if the UI were not hidden: the check above tells them apart', async () => {
    await onCaseRecord('control', async ({ page, tabId }) => {
      const panel = await panelBox(page);
      const shot = succeeded(
        await capture(tabId, { panel }, { hideUi: false }),
      );
      expect(
        shot.regions.panel!.colour / shot.regions.panel!.total,
      ).toBeLessThan(0.5);
      // Snag's own panel is never masked, though it shows an NHS number and a field.
      expect(shot.masks.filter((m) => overlaps(m, panel))).toEqual([]);
      expect(shot.notes).toEqual([FRAME_COVERED, NHS_COVERED]);
    });
  });

  it('places the masks exactly at 150 % zoom', async () => {
    await onCaseRecord('zoom', async ({ page, record, tabId }) => {
      const setZoom = (factor: number) =>
        session.browser.worker.evaluate(
          async ([id, zoom]) => {
            const api = (
              globalThis as unknown as {
                chrome: {
                  tabs: {
                    setZoom(tabId: number, zoom: number): Promise<void>;
                  };
                };
              }
            ).chrome;
            await api.tabs.setZoom(id, zoom);
          },
          [tabId, factor] as const,
        );
      await setZoom(1.5);
      try {
        await page.waitForFunction(() => window.devicePixelRatio === 1.5);
        const boxes = await record.boxes();
        const shot = succeeded(await capture(tabId, boxes, { scale: 1.5 }));
        expect([shot.width, shot.height]).toEqual([1280, 900]);
        for (const name of ['password', 'card', 'nhsNumber']) {
          const pixels = shot.regions[name]!;
          expect(pixels.total, name).toBeGreaterThan(100);
          expect(pixels.mask, name).toBe(pixels.total);
        }
        expect(shot.regions.oldReference!.mask).toBeLessThan(
          shot.regions.oldReference!.total / 2,
        );
      } finally {
        await setZoom(1);
      }
    });
  });

  it('refuses a capture whose size does not match the page, and keeps nothing', async () => {
    await onCaseRecord('emulation', async ({ page, record, tabId }) => {
      const cdp = await session.browser.context.newCDPSession(page);
      // The page is told its pixels are twice as dense as the capture's.
      await cdp.send('Emulation.setDeviceMetricsOverride', {
        width: 1280,
        height: 900,
        deviceScaleFactor: 2,
        mobile: false,
      });
      try {
        await page.waitForFunction(() => window.devicePixelRatio === 2);
        const outcome = await capture(tabId, await record.boxes(), {
          scale: 2,
        });
        // An answer with nothing in it but the message: no image, no masks.
        expect(outcome).toEqual({
          ok: false,
          error: SIZE_MISMATCH,
          steps: ['hideUi', 'showUi'],
          keys: ['error', 'ok'],
        });
      } finally {
        await cdp.send('Emulation.clearDeviceMetricsOverride');
        await cdp.detach();
      }
    });
  });
});
