// The annotator's cost to the page: the shipped content script's size (gzipped; target under
// 30 KB) and the time from injection to a usable UI (mode buttons and the composer's form) in
// real Chromium. Run with `npx tsx bench/annotator.bench.ts`; it builds the production and
// e2e extensions first, prints a table and writes bench/results/annotator.json.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import {
  EXTENSION_DIR,
  launchWithExtension,
  newProfile,
  removeProfile,
} from '../tests/e2e/support/browser';
import { startStaticServer } from '../tests/e2e/support/static-server';
import type { WorkerChrome } from '../tests/e2e/pages/annotator';

/** The script as it ships (the production build), whose size every page pays for. */
const SHIPPED = '.output/chrome-mv3/content-scripts/annotator.js';
const RUNS = 10;
const PAGES = [
  'council-start.html',
  'council-form.html',
  'council-guidance.html',
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[mid]!
    : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main() {
  // Both builds from the current source: the production one is measured, and the e2e one
  // (the same code plus host access) is loaded to time the injection.
  for (const script of ['build', 'build:e2e'])
    execFileSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
  if (!existsSync(`${EXTENSION_DIR}/manifest.json`))
    throw new Error(`No e2e build in ${EXTENSION_DIR}`);
  const raw = readFileSync(SHIPPED);
  const size = {
    bytes: raw.length,
    gzipBytes: gzipSync(raw, { level: 9 }).length,
  };

  const site = await startStaticServer();
  const profile = newProfile();
  const browser = await launchWithExtension(profile);
  const timings: Record<string, number[]> = {};
  try {
    for (const name of PAGES) {
      const page = await browser.context.newPage();
      timings[name] = [];
      for (let i = 0; i < RUNS; i++) {
        await page.goto(`${site.url}/${name}`);
        const tabId = await browser.tabIdOf(page);
        const start = performance.now();
        await browser.worker.evaluate(async (id) => {
          const { chrome } = globalThis as unknown as { chrome: WorkerChrome };
          await chrome.scripting.executeScript({
            target: { tabId: id },
            files: ['/content-scripts/annotator.js'],
          });
        }, tabId);
        await page.getByRole('button', { name: 'Pin an element' }).waitFor();
        await page
          .getByRole('textbox', { name: 'What got in the way?' })
          .waitFor();
        timings[name].push(performance.now() - start);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await site.close();
    removeProfile(profile);
  }

  const rows = Object.entries(timings).map(([page, ms]) => ({
    page,
    runs: ms.length,
    medianMs: Math.round(median(ms)),
    maxMs: Math.round(Math.max(...ms)),
  }));
  console.log('\nAnnotator content script');
  console.table([
    {
      file: 'content-scripts/annotator.js',
      kB: +(size.bytes / 1024).toFixed(1),
      gzipKB: +(size.gzipBytes / 1024).toFixed(1),
      targetGzipKB: 30,
      withinTarget: size.gzipBytes <= 30 * 1024,
    },
  ]);
  console.log(
    'Injection to a usable UI (wall clock, includes the DevTools round trips)',
  );
  console.table(rows);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/annotator.json',
    `${JSON.stringify({ date: new Date().toISOString(), size, injection: rows }, null, 2)}\n`,
  );
}

await main();
