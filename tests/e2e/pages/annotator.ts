// Page object for the annotator on a web page. Snag's controls are in its extension frame,
// found by role and accessible name there; the page's marks sit in a closed shadow root that
// no page script (nor Playwright's locators) can enter, so tests read them in the extension's
// isolated world, through the worker.
import type { Frame, FrameLocator, Locator, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../support/browser';

/** The built content script, as the background injects it. */
export const ANNOTATOR_FILE = '/annotator.js';

/** The part of the service worker's `chrome` global that injection needs. */
export interface WorkerChrome {
  scripting: {
    executeScript(options: {
      target: { tabId: number };
      files?: string[];
      func?: (...args: never[]) => unknown;
      args?: unknown[];
      world?: 'ISOLATED' | 'MAIN';
    }): Promise<{ result?: unknown }[]>;
  };
}

/** A mark drawn in the page, as the extension's isolated world sees it. */
export interface DrawnMark {
  label: string;
  name: string;
  left: number;
  top: number;
}

/** Drives the annotator injected into `page`. */
export class AnnotatorPage {
  constructor(
    readonly page: Page,
    readonly browser?: ExtensionBrowser,
  ) {}

  /** Snag's frame, wherever the page put it. */
  get ui(): FrameLocator {
    return this.page.frameLocator('iframe.snag-frame');
  }

  /** Snag's frame as a Playwright frame (found by its extension page's address). */
  frame(): Frame {
    const frame = this.page
      .frames()
      .find((f) => f.url().includes('/annotator-frame.html'));
    if (!frame) throw new Error('Snag’s frame is not on the page');
    return frame;
  }

  /** Waits for Snag's frame and its tools. */
  async ready(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const frame = this.page
        .frames()
        .find((f) => f.url().includes('/annotator-frame.html'));
      if (frame) {
        await frame.getByRole('button', { name: 'Pin an element' }).waitFor();
        return;
      }
      await this.page.waitForTimeout(100);
    }
    throw new Error('Snag’s frame did not open');
  }

  /** Asks Snag's layer in the page's isolated world (through the worker). */
  private async layer<T>(what: 'inspect' | 'focused' | 'snagThis'): Promise<T> {
    if (!this.browser) throw new Error('The layer needs the browser');
    const tabId = await this.browser.tabIdOf(this.page);
    return this.browser.worker.evaluate(
      async ([id, call]) => {
        const { chrome } = globalThis as unknown as { chrome: WorkerChrome };
        const [answer] = await chrome.scripting.executeScript({
          target: { tabId: id },
          world: 'ISOLATED',
          func: (c: string) => {
            const layer = (
              globalThis as unknown as {
                __snagAnnotator?: Record<string, () => unknown>;
              }
            ).__snagAnnotator;
            return layer?.[c]?.() ?? null;
          },
          args: [call],
        });
        return answer?.result as T;
      },
      [tabId, what] as const,
    );
  }

  /** The marks drawn in the page, read in the extension's isolated world. */
  async marks(): Promise<DrawnMark[]> {
    return (await this.layer<DrawnMark[] | null>('inspect')) ?? [];
  }

  /** Injects the annotator the way the background does, and waits for its tools. */
  static async open(
    browser: ExtensionBrowser,
    page: Page,
  ): Promise<AnnotatorPage> {
    const tabId = await browser.tabIdOf(page);
    await browser.worker.evaluate(
      async ([id, file]) => {
        const { chrome } = globalThis as unknown as { chrome: WorkerChrome };
        await chrome.scripting.executeScript({
          target: { tabId: id },
          files: [file],
        });
      },
      [tabId, ANNOTATOR_FILE] as const,
    );
    const annotator = new AnnotatorPage(page, browser);
    await annotator.ready();
    return annotator;
  }

  get host(): Locator {
    return this.page.locator('snag-annotator');
  }
  get pinButton(): Locator {
    return this.frame().getByRole('button', { name: 'Pin an element' });
  }
  get highlightButton(): Locator {
    return this.frame().getByRole('button', { name: 'Highlight text' });
  }
  get screenshotButton(): Locator {
    return this.frame().getByRole('button', { name: 'Take screenshot' });
  }
  get saveButton(): Locator {
    return this.frame().getByRole('button', { name: 'Save report' });
  }
  get status(): Locator {
    return this.frame().getByRole('status');
  }
  note(n: number): Locator {
    return this.frame().getByRole('textbox', {
      name: `Note ${n}`,
      exact: true,
    });
  }

  /**
   * Where "Snag this" shows in the page (its middle), or null. It is in Snag's closed shadow
   * root, so it is asked of the layer in the extension's isolated world.
   */
  async snagThis(): Promise<{ x: number; y: number } | null> {
    return this.layer('snagThis');
  }

  /** Pins the element matched by `selector`, pointing at it with the mouse. */
  async pinWithMouse(selector: string): Promise<void> {
    await this.pinButton.click();
    const box = await this.page.locator(selector).first().boundingBox();
    if (!box) throw new Error(`${selector} is not on screen`);
    const x = box.x + Math.min(10, box.width / 2);
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.click(x, y);
  }

  /** Selects `text` inside the first element matching `selector`, as a user drags over it. */
  async selectText(selector: string, text: string): Promise<void> {
    await this.page.evaluate(
      ([sel, wanted]) => {
        const element = document.querySelector(sel);
        const walker = document.createTreeWalker(
          element!,
          NodeFilter.SHOW_TEXT,
        );
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = n.textContent!.indexOf(wanted);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(n, at);
          range.setEnd(n, at + wanted.length);
          const selection = document.getSelection()!;
          selection.removeAllRanges();
          selection.addRange(range);
          return;
        }
        throw new Error(`"${wanted}" not found in ${sel}`);
      },
      [selector, text] as const,
    );
  }

  /** Highlights `text` inside `selector`: selects it, then "Highlight text" in the frame. */
  async highlight(selector: string, text: string): Promise<void> {
    await this.selectText(selector, text);
    await this.highlightButton.click();
  }

  /** Answers the report's questions in the composer. */
  async fillReport(answers: { trying: string; whatHappened: string }) {
    const ui = this.frame();
    const fresh = ui.getByRole('button', { name: 'New report' });
    if (await fresh.isVisible()) await fresh.click();
    await ui.getByRole('checkbox', { name: 'Hard to use' }).check();
    await ui
      .getByRole('textbox', { name: 'What were you trying to do?' })
      .fill(answers.trying);
    await ui
      .getByRole('textbox', { name: 'What got in the way?' })
      .fill(answers.whatHappened);
  }

  /** The accessible name of whatever has keyboard focus, looking into shadow roots. */
  async focusedName(): Promise<string> {
    const named = () => {
      let element: Element | null = document.activeElement;
      while (element?.shadowRoot?.activeElement)
        element = element.shadowRoot.activeElement;
      if (!element) return '';
      const labelled = (element as HTMLInputElement).labels?.[0]?.textContent;
      return (
        element.getAttribute('aria-label') ??
        labelled ??
        element.textContent ??
        ''
      ).trim();
    };
    if (await this.frame().evaluate(() => document.hasFocus()))
      return this.frame().evaluate(named);
    // Focus in Snag's closed layer shows to the page as its host only.
    return (
      (await this.layer<string | null>('focused')) || this.page.evaluate(named)
    );
  }

  /** Presses Tab (or Shift+Tab) until the focused control's name starts with `name`. */
  async tabTo(name: string, back = false, limit = 60): Promise<void> {
    for (let i = 0; i < limit; i++) {
      if ((await this.focusedName()).startsWith(name)) return;
      await this.page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`Could not reach "${name}" with the keyboard`);
  }
}
