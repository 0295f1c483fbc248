// Launches Debian's Chromium with the e2e build of the extension loaded, in a profile that a
// test may close and reopen to check what survives a browser restart.
import {
  chromium,
  type BrowserContext,
  type Page,
  type Worker,
} from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Debian's Chromium, as this machine's network allows it to run. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags that keep Chromium from reaching for the network and from waiting on a first run. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Where `npm run build:e2e` writes the extension. `SNAG_E2E_EXTENSION_DIR` points the tests at
 * another build, e.g. an older one, to show what a test catches.
 */
export const EXTENSION_DIR = resolve(
  process.env.SNAG_E2E_EXTENSION_DIR ?? '.output/chrome-mv3-e2e',
);

/** A running browser with the extension, and what tests need to drive it. */
export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  profileDir: string;
  /** Opens an extension page (e.g. `popup.html?tabId=3`). */
  openExtensionPage(path: string): Promise<Page>;
  /** The browser's id of the tab showing `page`. */
  tabIdOf(page: Page): Promise<number>;
  close(): Promise<void>;
}

/** Makes an empty profile folder; delete it with `removeProfile`. */
export function newProfile(): string {
  return mkdtempSync(join(tmpdir(), 'snag-e2e-profile-'));
}

/** Deletes a profile folder made by `newProfile`. */
export function removeProfile(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Starts Chromium with the extension (built in `extensionDir`) in `profileDir`. */
export async function launchWithExtension(
  profileDir: string,
  extensionDir = EXTENSION_DIR,
): Promise<ExtensionBrowser> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    locale: 'en-GB',
    viewport: { width: 1280, height: 900 },
    args: [
      ...CHROMIUM_ARGS,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
    ],
  });
  const worker =
    context
      .serviceWorkers()
      .find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    profileDir,
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async tabIdOf(page) {
      const url = page.url();
      const sw =
        context.serviceWorkers().find((w) => w.url().includes(extensionId)) ??
        worker;
      const id = await sw.evaluate(async (u: string) => {
        // Runs in the service worker, where `chrome` is the extension API.
        const api = (
          globalThis as unknown as {
            chrome: {
              tabs: {
                query(q: object): Promise<{ url?: string; id?: number }[]>;
              };
            };
          }
        ).chrome;
        const tabs = await api.tabs.query({});
        return tabs.find((t) => t.url === u)?.id;
      }, url);
      if (typeof id !== 'number') throw new Error(`No tab shows ${url}`);
      return id;
    },
    close: () => context.close(),
  };
}
