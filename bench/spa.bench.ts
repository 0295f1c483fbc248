/**
 * What keeping marks in place costs a page that keeps changing, in headless Chromium: the
 * annotator's page watcher (`watchPage` in components/annotator/placement.ts) with 20 text
 * annotations on the Wikipedia fixture, over 10 s, on an idle page and on one whose live
 * countdown changes every 100 ms (as a single-page app's session-timeout warning does), with
 * and without two orphans that keep the retry window open.
 *
 * Each scenario runs twice in fresh pages, once with the watcher and once without it: the
 * page's own ticking and Chromium's work are the same in both, so the difference in the
 * renderer's main-thread time (CDP `Performance.getMetrics`, `TaskDuration`) is what watching
 * costs. Runs are interleaved, REPEATS times, and the medians reported. After the 10 s, a
 * further AFTER_MS counts the passes that still run once the retry window has closed.
 *
 * Run: npx tsx bench/spa.bench.ts   (writes bench/results/spa.json)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/support/browser';
import { bundleForPage, servePageOnly } from './support/page-bundle';
import { median, WIKIPEDIA_FIXTURE } from './support/anchoring-pages';
import type { ScenarioCount, ScenarioOptions } from './support/watch-entry';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const PAGE_URL = 'http://bench.invalid/page.html';
/** The measured period, as the watcher's retry window is long. */
const PERIOD_MS = 10_000;
/** Counted after the period, when retrying should have stopped. */
const AFTER_MS = 3_000;
const REPEATS = 3;
const ANNOTATIONS = 20;

interface Scenario {
  name: string;
  changeEveryMs: number | null;
  orphans: number;
}

const SCENARIOS: Scenario[] = [
  { name: 'idle page', changeEveryMs: null, orphans: 0 },
  { name: 'changes every 100 ms', changeEveryMs: 100, orphans: 0 },
  { name: 'changes every 100 ms, 2 orphans', changeEveryMs: 100, orphans: 2 },
];

interface Run {
  /** Renderer main-thread time over the period, in ms. */
  mainThreadMs: number;
  period: ScenarioCount;
  after: ScenarioCount;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function measure(
  browser: Browser,
  html: string,
  script: string,
  options: ScenarioOptions,
): Promise<Run> {
  const context = await browser.newContext();
  try {
    await servePageOnly(context, PAGE_URL, html);
    const page = await context.newPage();
    await page.goto(PAGE_URL, { waitUntil: 'load' });
    await page.evaluate(script);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const taskSeconds = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
    };
    // The set-up (describing and the first placement) is the same with and without the
    // watcher, and is not counted; the watcher's own first pass is.
    await page.evaluate(`snagWatchBench.start(${JSON.stringify(options)})`);
    await page.evaluate('snagWatchBench.take()');
    const before = await taskSeconds();
    await page.evaluate('snagWatchBench.watch()');
    await sleep(PERIOD_MS);
    const after = await taskSeconds();
    const period = (await page.evaluate(
      'snagWatchBench.take()',
    )) as ScenarioCount;
    await sleep(AFTER_MS);
    const later = (await page.evaluate(
      'snagWatchBench.take()',
    )) as ScenarioCount;
    return { mainThreadMs: (after - before) * 1000, period, after: later };
  } finally {
    await context.close();
  }
}

async function main() {
  const script = await bundleForPage('watch-entry.ts');
  const html = readFileSync(path.join(repoRoot, WIKIPEDIA_FIXTURE), 'utf8');
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const chromiumVersion = browser.version();
  const runs = new Map<string, { watched: Run[]; baseline: Run[] }>();
  try {
    for (let i = 0; i < REPEATS; i += 1) {
      for (const s of SCENARIOS) {
        const entry = runs.get(s.name) ?? { watched: [], baseline: [] };
        runs.set(s.name, entry);
        const base = {
          seed: 42,
          annotations: ANNOTATIONS,
          orphans: s.orphans,
          changeEveryMs: s.changeEveryMs,
        };
        entry.watched.push(
          await measure(browser, html, script, { ...base, watch: true }),
        );
        entry.baseline.push(
          await measure(browser, html, script, { ...base, watch: false }),
        );
      }
    }
  } finally {
    await browser.close();
  }

  const results = SCENARIOS.map((s) => {
    const { watched, baseline } = runs.get(s.name)!;
    const withMs = median(watched.map((r) => r.mainThreadMs));
    const withoutMs = median(baseline.map((r) => r.mainThreadMs));
    return {
      scenario: s.name,
      passes: median(watched.map((r) => r.period.passes)),
      passMs: median(watched.map((r) => r.period.passMs)),
      maxPassMs: Math.max(...watched.map((r) => r.period.maxPassMs)),
      changes: median(watched.map((r) => r.period.changes)),
      anchored: `${watched[0]!.period.anchored}/${ANNOTATIONS + s.orphans}`,
      passesAfter: Math.max(...watched.map((r) => r.after.passes)),
      mainThreadWithMs: withMs,
      mainThreadWithoutMs: withoutMs,
      costMs: withMs - withoutMs,
      ratio: withMs / withoutMs,
    };
  });

  console.log(
    `The page watcher with ${ANNOTATIONS} annotations on the Wikipedia fixture, over ${PERIOD_MS / 1000} s in headless Chromium (medians of ${REPEATS} runs)`,
  );
  console.table(
    results.map((r) => ({
      scenario: r.scenario,
      'page changes': r.changes,
      're-anchor passes': r.passes,
      'pass ms, total': r.passMs.toFixed(1),
      'longest pass ms': r.maxPassMs.toFixed(1),
      'main thread ms, watched': r.mainThreadWithMs.toFixed(0),
      'main thread ms, not watched': r.mainThreadWithoutMs.toFixed(0),
      'watching costs ms': r.costMs.toFixed(0),
      ratio: r.ratio.toFixed(2),
      [`passes in the next ${AFTER_MS / 1000} s`]: r.passesAfter,
      anchored: r.anchored,
    })),
  );

  const out = path.join(here, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    path.join(out, 'spa.json'),
    JSON.stringify(
      {
        annotations: ANNOTATIONS,
        periodMs: PERIOD_MS,
        afterMs: AFTER_MS,
        repeats: REPEATS,
        environment: `headless Chromium ${chromiumVersion}, node ${process.version}`,
        results,
      },
      null,
      2,
    ) + '\n',
  );
}

await main();
