// Watches Snag's marks on a page every 50 ms, from the extension's isolated world, and notes
// each time a mark is drawn anywhere but over the text of the report it names: on a route
// whose content lacks that text, or away from where the text now is.
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from './browser';
import type { WorkerChrome } from '../pages/annotator';

/** What the probe saw between `start` and `stop`. */
export interface ProbeResult {
  /** How many times it looked. */
  samples: number;
  /** Each mark drawn over the wrong content, in words. */
  wrong: string[];
  /** For each mark's name, how many looks found it drawn over its own text. */
  right: Record<string, number>;
}

/** Starts the loop in the extension's isolated world of `page`'s tab. */
async function startLoop(
  browser: ExtensionBrowser,
  page: Page,
  quotes: Record<string, string>,
): Promise<void> {
  const tabId = await browser.tabIdOf(page);
  // The loop is written out inside the call: the worker may not build code from text.
  await browser.worker.evaluate(
    async ([id, wanted]) => {
      const { chrome } = globalThis as unknown as { chrome: WorkerChrome };
      await chrome.scripting.executeScript({
        target: { tabId: id },
        world: 'ISOLATED',
        args: [wanted],
        func: (quotes: Record<string, string>) => {
          type Layer = {
            inspect(): { name: string; left: number; top: number }[];
          };
          const scope = globalThis as unknown as {
            __snagAnnotator?: Layer;
            __routeProbe?: { timer: ReturnType<typeof setInterval> };
          };
          const firstBoxOf = (quote: string) => {
            const walker = document.createTreeWalker(
              document.body,
              NodeFilter.SHOW_TEXT,
            );
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              const at = (n.textContent ?? '').indexOf(quote);
              if (at < 0) continue;
              const range = document.createRange();
              range.setStart(n, at);
              range.setEnd(n, at + quote.length);
              const box = Array.from(range.getClientRects()).find(
                (b) => b.width > 0 && b.height > 0,
              );
              if (box) return box;
            }
            return null;
          };
          if (scope.__routeProbe) clearInterval(scope.__routeProbe.timer);
          const probe = {
            samples: 0,
            wrong: [] as string[],
            right: {} as Record<string, number>,
            timer: setInterval(() => {
              probe.samples++;
              for (const mark of scope.__snagAnnotator?.inspect() ?? []) {
                const quote = quotes[mark.name];
                const box = quote ? firstBoxOf(quote) : null;
                // A pin stands 12 px above and to the left of the start of its text.
                const fits =
                  box !== null &&
                  Math.abs(Math.max(0, box.left - 12) - mark.left) <= 2 &&
                  Math.abs(Math.max(0, box.top - 12) - mark.top) <= 2;
                if (fits)
                  probe.right[mark.name] = (probe.right[mark.name] ?? 0) + 1;
                else
                  probe.wrong.push(
                    `${mark.name} at ${Math.round(mark.left)},${Math.round(mark.top)} on ` +
                      `${location.pathname}${location.hash}: ` +
                      (box
                        ? `its text is at ${Math.round(box.left)},${Math.round(box.top)}`
                        : 'its text is not on the page'),
                  );
              }
            }, 50),
          };
          scope.__routeProbe = probe;
        },
      });
    },
    [tabId, quotes] as const,
  );
}

/** Stops the loop and answers what it saw. */
async function stopLoop(
  browser: ExtensionBrowser,
  page: Page,
): Promise<ProbeResult | null> {
  const tabId = await browser.tabIdOf(page);
  return browser.worker.evaluate(async (id) => {
    const { chrome } = globalThis as unknown as { chrome: WorkerChrome };
    const [answer] = await chrome.scripting.executeScript({
      target: { tabId: id },
      world: 'ISOLATED',
      func: () => {
        const scope = globalThis as unknown as {
          __routeProbe?: ProbeResult & {
            timer: ReturnType<typeof setInterval>;
          };
        };
        const probe = scope.__routeProbe;
        if (!probe) return null;
        clearInterval(probe.timer);
        delete scope.__routeProbe;
        return {
          samples: probe.samples,
          wrong: probe.wrong,
          right: probe.right,
        };
      },
    });
    return (answer?.result ?? null) as ProbeResult | null;
  }, tabId);
}

/** Looks at `page`'s marks every 50 ms; `quotes` maps each mark's name to its text. */
export async function startRouteProbe(
  browser: ExtensionBrowser,
  page: Page,
  quotes: Record<string, string>,
): Promise<{ stop(): Promise<ProbeResult> }> {
  await startLoop(browser, page, quotes);
  return {
    async stop() {
      const seen = await stopLoop(browser, page);
      if (!seen) throw new Error('The probe was not running on the page');
      return seen;
    },
  };
}
