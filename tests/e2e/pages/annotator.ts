// Page object for the annotator on a web page, found by role and accessible name (Playwright's
// locators pierce the annotator's open shadow root).
import type { Locator, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../support/browser';

/** The built content script, as the background injects it. */
export const ANNOTATOR_FILE = '/content-scripts/annotator.js';

/** The part of the service worker's `chrome` global that injection needs. */
export interface WorkerChrome {
  scripting: {
    executeScript(options: {
      target: { tabId: number };
      files: string[];
    }): Promise<unknown>;
  };
}

/** Drives the annotator injected into `page`. */
export class AnnotatorPage {
  constructor(readonly page: Page) {}

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
    const annotator = new AnnotatorPage(page);
    await annotator.pinButton.waitFor();
    return annotator;
  }

  get host(): Locator {
    return this.page.locator('snag-annotator');
  }
  get pinButton(): Locator {
    return this.page.getByRole('button', { name: 'Pin an element' });
  }
  get highlightButton(): Locator {
    return this.page.getByRole('button', { name: 'Highlight text' });
  }
  get screenshotButton(): Locator {
    return this.page.getByRole('button', { name: 'Take screenshot' });
  }
  get saveButton(): Locator {
    return this.page.getByRole('button', { name: 'Save report' });
  }
  get status(): Locator {
    return this.host.getByRole('status');
  }
  note(n: number): Locator {
    return this.page.getByRole('textbox', { name: `Note ${n}`, exact: true });
  }
  /** A numbered pin over the page; saved reports' pins are named "Report A1: …". */
  pin(name: string | RegExp): Locator {
    return this.host.locator('.snag-marks').getByRole('button', { name });
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

  /** Highlights `text` inside `selector` with "Snag this". */
  async highlight(selector: string, text: string): Promise<void> {
    await this.selectText(selector, text);
    await this.page.getByRole('button', { name: 'Snag this' }).click();
  }

  /** Answers the report's questions in the composer. */
  async fillReport(answers: { trying: string; whatHappened: string }) {
    await this.page.getByRole('checkbox', { name: 'Hard to use' }).check();
    await this.page
      .getByRole('textbox', { name: 'What were you trying to do?' })
      .fill(answers.trying);
    await this.page
      .getByRole('textbox', { name: 'What got in the way?' })
      .fill(answers.whatHappened);
  }

  /** The accessible name of whatever has keyboard focus, looking into shadow roots. */
  async focusedName(): Promise<string> {
    return this.page.evaluate(() => {
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
    });
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
