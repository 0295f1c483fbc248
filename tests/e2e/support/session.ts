// What a test file shares: the static council site and Chromium with the e2e build loaded in a
// fresh profile, started before the file's tests and stopped after them.
import { afterAll, beforeAll } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Frame, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  launchWithExtension,
  newProfile,
  removeProfile,
  type ExtensionBrowser,
} from './browser';
import { startStaticServer, type StaticServer } from './static-server';

/** The file's site and browser; read them inside tests, once `beforeAll` has run. */
export interface ExtensionSession {
  readonly site: StaticServer;
  readonly browser: ExtensionBrowser;
  /** Closes the browser and starts it again on the same profile, as a restart would. */
  restart(): Promise<ExtensionBrowser>;
}

/** Registers the hooks that start and stop the site and the browser for this file. */
export function useExtensionSession(): ExtensionSession {
  let site: StaticServer | undefined;
  let browser: ExtensionBrowser | undefined;
  const profile = newProfile();
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The ${what} has not started`);
    return value;
  };

  beforeAll(async () => {
    site = await startStaticServer();
    browser = await launchWithExtension(profile);
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    removeProfile(profile);
  });

  return {
    get site() {
      return ready(site, 'council site');
    },
    get browser() {
      return ready(browser, 'browser');
    },
    async restart() {
      await browser?.close();
      browser = await launchWithExtension(profile);
      return browser;
    },
  };
}

/** What axe-core finds on `page` (only inside `include` when given), one line per rule. */
export async function axeViolations(
  page: Page,
  include?: string,
): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const results = await builder.analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/**
 * What axe-core finds inside one frame (Snag's frame sits in a closed shadow root, which
 * AxeBuilder's frame walk does not enter), one line per rule.
 */
export async function frameAxeViolations(frame: Frame): Promise<string[]> {
  const source = readFileSync(
    createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
    'utf8',
  );
  await frame.evaluate(source);
  return frame.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(): Promise<{
            violations: { id: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    const results = await axe.run();
    return results.violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  });
}
