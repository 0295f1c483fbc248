// Drives `captureMaskedTab` in the extension's real service worker, where the UI calls it,
// and reads back the pixels of the masked image it answers, there too.
import type { Worker } from 'playwright-core';
import { MASK_RGBA } from '../../../utils/screenshot/mask';
import type { ViewBox } from '../pages/case-record';

/**
 * Where the worker keeps `captureMaskedTab` (`CAPTURE_GLOBAL` in
 * entrypoints/background/capture.ts, which cannot be imported outside the extension's build).
 */
const CAPTURE_GLOBAL = 'snagCaptureMaskedTab';

/** How many pixels of a region are the mask colour, and how many are `colour`. */
export interface RegionPixels {
  total: number;
  mask: number;
  colour: number;
}

/** What a capture answered, with the pixels of each region asked about. */
export type CaptureOutcome =
  | {
      ok: true;
      width: number;
      height: number;
      masks: ViewBox[];
      notes: string[];
      imageType: string;
      /** The calls to `hideUi` and `showUi`, in order. */
      steps: string[];
      regions: Record<string, RegionPixels>;
    }
  | { ok: false; error: string; steps: string[]; keys: string[] };

/** What to capture and what to look at. */
export interface CaptureRequest {
  tabId: number;
  /**
   * Whether `hideUi` really hides Snag's UI. It stands in for the frame's own: it hides every
   * element marked as Snag's and waits for two frames to be painted. When false, it does
   * nothing, to show what a capture without it holds.
   */
  hideUi: boolean;
  /** Regions of the top view, in CSS pixels, to count pixels in. */
  regions: Record<string, ViewBox>;
  /** Image pixels per CSS pixel. */
  scale: number;
  /** A colour to count in each region, besides the mask colour. */
  colour: readonly [number, number, number];
}

/** Takes a masked capture of a tab through the worker's `captureMaskedTab`. */
export async function captureInWorker(
  worker: Worker,
  request: CaptureRequest,
): Promise<CaptureOutcome> {
  return worker.evaluate(
    async ({ request, globalName, maskRgba }) => {
      // Runs in the service worker, where `chrome` is the extension API.
      const api = (
        globalThis as unknown as {
          chrome: {
            scripting: {
              executeScript(options: {
                target: { tabId: number };
                func: (on: boolean) => Promise<boolean>;
                args: [boolean];
              }): Promise<unknown>;
            };
          };
        }
      ).chrome;
      const capture = (globalThis as unknown as Record<string, unknown>)[
        globalName
      ] as (
        tabId: number,
        deps: { hideUi(): Promise<void>; showUi(): Promise<void> },
      ) => Promise<
        | {
            ok: true;
            image: Blob;
            width: number;
            height: number;
            masks: ViewBox[];
            notes: string[];
          }
        | { ok: false; error: string }
      >;
      const steps: string[] = [];
      const setCapturing = async (on: boolean) => {
        await api.scripting.executeScript({
          target: { tabId: request.tabId },
          func: (hide: boolean) => {
            document
              .querySelectorAll<HTMLElement>('[data-snag-ui]')
              .forEach((e) =>
                hide
                  ? e.style.setProperty('visibility', 'hidden')
                  : e.style.removeProperty('visibility'),
              );
            return new Promise<boolean>((done) =>
              requestAnimationFrame(() =>
                requestAnimationFrame(() => done(true)),
              ),
            );
          },
          args: [on],
        });
      };
      const result = await capture(request.tabId, {
        hideUi: async () => {
          steps.push('hideUi');
          if (request.hideUi) await setCapturing(true);
        },
        showUi: async () => {
          steps.push('showUi');
          if (request.hideUi) await setCapturing(false);
        },
      });
      if (!result.ok)
        return { ...result, steps, keys: Object.keys(result).sort() };

      const bitmap = await createImageBitmap(result.image);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const regions: Record<string, RegionPixels> = {};
      for (const [name, box] of Object.entries(request.regions)) {
        const x0 = Math.max(0, Math.floor(box.x * request.scale));
        const y0 = Math.max(0, Math.floor(box.y * request.scale));
        const x1 = Math.min(
          bitmap.width,
          Math.ceil((box.x + box.width) * request.scale),
        );
        const y1 = Math.min(
          bitmap.height,
          Math.ceil((box.y + box.height) * request.scale),
        );
        const data = ctx.getImageData(x0, y0, x1 - x0, y1 - y0).data;
        const counts = { total: data.length / 4, mask: 0, colour: 0 };
        for (let i = 0; i < data.length; i += 4) {
          const [r, g, b, a] = [
            data[i]!,
            data[i + 1]!,
            data[i + 2]!,
            data[i + 3]!,
          ];
          if (
            r === maskRgba[0] &&
            g === maskRgba[1] &&
            b === maskRgba[2] &&
            a === maskRgba[3]
          )
            counts.mask++;
          if (
            Math.abs(r - request.colour[0]) <= 3 &&
            Math.abs(g - request.colour[1]) <= 3 &&
            Math.abs(b - request.colour[2]) <= 3
          )
            counts.colour++;
        }
        regions[name] = counts;
      }
      bitmap.close();
      return {
        ok: true as const,
        width: result.width,
        height: result.height,
        masks: result.masks,
        notes: result.notes,
        imageType: result.image.type,
        steps,
        regions,
      };
    },
    { request, globalName: CAPTURE_GLOBAL, maskRgba: [...MASK_RGBA] },
  );
}

/** The error the capture answers when two are taken within Chromium's limit of two a second. */
export const TOO_FAST =
  'Screenshots were taken too quickly. Wait a moment and try again.';

/**
 * `captureInWorker`, asked again while Chromium refuses captures in quick succession (at most
 * two a second per extension); each wait is for that limit, not for the page.
 */
export async function captureWhenAllowed(
  worker: Worker,
  request: CaptureRequest,
  wait: (ms: number) => Promise<void>,
): Promise<CaptureOutcome> {
  for (let attempt = 0; ; attempt++) {
    const outcome = await captureInWorker(worker, request);
    if (outcome.ok || outcome.error !== TOO_FAST || attempt >= 10)
      return outcome;
    await wait(600);
  }
}

/** The tag of the stand-in for Snag's UI that `showSnagStandIn` puts on a page. */
export const STAND_IN = 'snag-ui-stand-in';

/**
 * Puts a stand-in for Snag's UI on the tab's page, as a content script would: a panel over the
 * right of the view, marked as Snag's, in a closed shadow root, holding a report being written
 * with an NHS number in its text. Snag must neither mask it (it is Snag's, and hidden while
 * capturing) nor let it into the capture.
 */
export async function showSnagStandIn(
  worker: Worker,
  tabId: number,
): Promise<void> {
  await worker.evaluate(
    async ({ tabId, tag }) => {
      const api = (
        globalThis as unknown as {
          chrome: {
            scripting: {
              executeScript(options: {
                target: { tabId: number };
                func: (tag: string) => void;
                args: [string];
              }): Promise<unknown>;
            };
          };
        }
      ).chrome;
      await api.scripting.executeScript({
        target: { tabId },
        func: (name: string) => {
          const host = document.createElement(name);
          host.setAttribute('data-snag-ui', '');
          host.style.cssText =
            'position: fixed; top: 8px; right: 8px; bottom: 8px; width: 380px; z-index: 2147483647; display: block';
          const root = host.attachShadow({ mode: 'closed' });
          const panel = document.createElement('section');
          panel.style.cssText =
            'position: absolute; inset: 0; background: #fff; border: 3px solid #1d5d6b; padding: 12px; font: 16px Arial, sans-serif';
          const heading = document.createElement('h2');
          heading.textContent = 'Snag';
          const note = document.createElement('p');
          note.textContent = 'Resident 943 476 5919 had to phone instead';
          const field = document.createElement('textarea');
          field.setAttribute('aria-label', 'What got in the way?');
          field.value = 'The form timed out twice';
          panel.append(heading, note, field);
          root.append(panel);
          document.documentElement.append(host);
        },
        args: [tag],
      });
    },
    { tabId, tag: STAND_IN },
  );
}
