/**
 * The review dashboard at 100,000 reports: how long the server takes to answer a filtered
 * first page of the list, and how long Chromium takes from navigation to the first rendered
 * report. Target: under 200 ms for a filtered first page.
 *
 * Run: `npx tsx bench/dashboard.bench.ts` (needs `npm run build:web` first). Writes
 * `bench/results/dashboard.json`. Set SNAG_BENCH_REPORTS to seed another number of reports.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/support/browser';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import type { ReportInput } from '../protocol/report';
import { openStore } from '../server/store/open';
import { mintUser } from '../server/tokens';
import { startSnagServer } from '../tests/e2e/pages/dashboard-server';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPORTS = Number(process.env.SNAG_BENCH_REPORTS ?? 100_000);
const TARGET_MS = 200;
const RUNS = 15;
const SERVICES = [
  'Parking',
  'Council tax',
  'Waste and recycling',
  'Blue badges',
  'Housing repairs',
  'Planning',
  'Libraries',
  'School admissions',
];
const WORKAROUNDS = [
  'personal-email',
  'shared-account',
  'copy-to-spreadsheet',
  'paper-or-photo',
];
const CATEGORIES = [
  'too-many-steps',
  'confusing-content',
  'broken',
  'forces-contact',
];

/** A deterministic spread of reports over services, problems and 12 weeks. */
function report(i: number): { input: ReportInput; at: string } {
  const service = SERVICES[i % SERVICES.length] ?? 'Parking';
  const insecure = i % 3 === 0;
  const at = new Date(Date.now() - (i % (84 * 24)) * 3_600_000).toISOString();
  return {
    at,
    input: {
      id: uuidv7(),
      schemaVersion: 1,
      createdAt: at,
      updatedAt: at,
      page: {
        url: `https://www.example-council.gov.uk/${service.toLowerCase().replace(/ /g, '-')}/step-${i % 7}`,
        title: `${service}: step ${i % 7}`,
        service,
      },
      problems: insecure
        ? [
            {
              kind: 'insecure-workaround',
              workarounds: [
                WORKAROUNDS[i % WORKAROUNDS.length] as 'personal-email',
              ],
              dataInvolved: i % 2 ? 'personal' : 'financial',
            },
          ]
        : [
            {
              kind: 'hard-to-use',
              usabilityCategories: [
                CATEGORIES[i % CATEGORIES.length] as 'broken',
              ],
            },
          ],
      whoIsAffected: 'residents',
      frequency: 'weekly',
      trying: `Finish the ${service.toLowerCase()} form, attempt ${i}`,
      whatHappened: `Step ${i % 7} times out and loses what was typed (case ${i}).`,
      annotations: [],
      environment: {
        browser: 'Chrome',
        version: '130',
        os: 'Windows 11',
        viewport: { width: 1366, height: 768 },
        language: 'en-GB',
        extensionVersion: '0.1.0',
      },
    },
  };
}

async function seed(
  dataDir: string,
): Promise<{ reviewerToken: string; seconds: number }> {
  const started = performance.now();
  const store = await openStore({ dataDir });
  const reporter = mintUser('Bench Reporter', 'reporter');
  const reviewer = mintUser('Bench Reviewer', 'reviewer', 'digital');
  await store.createUser(reporter.user);
  await store.createUser(reviewer.user);
  const author = (await store.listUsers()).find(
    (u) => u.id === reporter.user.id,
  );
  if (!author) throw new Error('seed user missing');
  // Many writes in flight let the SQLite adapter group them into few durable commits.
  const BATCH = 512;
  for (let start = 0; start < REPORTS; start += BATCH) {
    const jobs: Promise<unknown>[] = [];
    for (let i = start; i < Math.min(REPORTS, start + BATCH); i++) {
      const { input, at } = report(i);
      jobs.push(store.putReport(input, author, at));
    }
    await Promise.all(jobs);
    if ((start / BATCH) % 20 === 0) {
      process.stdout.write(
        `\rseeded ${Math.min(REPORTS, start + BATCH)} / ${REPORTS}`,
      );
    }
  }
  process.stdout.write('\n');
  await store.close();
  return {
    reviewerToken: reviewer.token,
    seconds: (performance.now() - started) / 1000,
  };
}

function stats(samples: number[]): {
  median: number;
  p95: number;
  min: number;
} {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    median: round(at(0.5)),
    p95: round(at(0.95)),
    min: round(sorted[0] ?? 0),
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'snag-bench-'));
  const server = {
    current: null as Awaited<ReturnType<typeof startSnagServer>> | null,
  };
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    console.log(`Seeding ${REPORTS} reports…`);
    const seeded = await seed(dataDir);
    server.current = await startSnagServer(
      { SNAG_COUNCIL_NAME: 'Bench Borough Council' },
      { dataDir },
    );
    const base = server.current.url;

    const views: Record<string, string> = {
      'filtered: service + problem + status':
        '?service=Parking&problem=insecure-workaround&status=new',
      'filtered: free text': '?q=times%20out&service=Planning',
      'filtered: severity unrated, oldest first': '?severity=none&sort=oldest',
      'unfiltered, newest first': '',
    };

    const serverRows: {
      view: string;
      median: number;
      p95: number;
      min: number;
      total: number;
    }[] = [];
    for (const [view, search] of Object.entries(views)) {
      const samples: number[] = [];
      let total = 0;
      for (let run = 0; run < RUNS + 2; run++) {
        const params = new URLSearchParams(search);
        params.set('limit', '25');
        const started = performance.now();
        const response = await fetch(
          `${base}/api/v1/reports?${params.toString()}`,
          {
            headers: { Authorization: `Bearer ${seeded.reviewerToken}` },
          },
        );
        const body = (await response.json()) as { total?: number };
        const elapsed = performance.now() - started;
        if (!response.ok) throw new Error(`${view}: HTTP ${response.status}`);
        total = body.total ?? 0;
        if (run >= 2) samples.push(elapsed); // the first two warm the caches
      }
      serverRows.push({ view, total, ...stats(samples) });
    }

    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    // Records when the first report of a list is in the DOM, measured from navigation start.
    await page.addInitScript(() => {
      const w = window as unknown as { __firstReport?: number };
      new MutationObserver((_records, observer) => {
        if (document.querySelector('.snag-report-list li')) {
          w.__firstReport = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Access token').fill(seeded.reviewerToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    const renderRows: {
      view: string;
      median: number;
      p95: number;
      min: number;
    }[] = [];
    for (const [view, search] of Object.entries(views)) {
      const samples: number[] = [];
      for (let run = 0; run < RUNS + 1; run++) {
        await page.goto(`${base}/reports${search}`);
        await page.locator('.snag-report-list li').first().waitFor();
        const t = await page.evaluate(
          () =>
            (window as unknown as { __firstReport?: number }).__firstReport ??
            NaN,
        );
        if (run >= 1) samples.push(t);
      }
      renderRows.push({ view, ...stats(samples) });
    }
    await context.close();

    console.log(
      `\nDashboard list at ${REPORTS} reports (seeded in ${round(seeded.seconds)} s)\n`,
    );
    console.log('Server time for the first page (25 reports), ms');
    console.table(serverRows);
    console.log('Chromium: navigation start to first report rendered, ms');
    console.table(renderRows);
    const filtered = [...serverRows, ...renderRows].filter((r) =>
      r.view.startsWith('filtered'),
    );
    const worst = Math.max(...filtered.map((r) => r.median));
    console.log(
      `Load average while measuring: ${loadavg().map(round).join(', ')}`,
    );
    console.log(
      `Target: filtered first page under ${TARGET_MS} ms (median). Worst filtered median: ${worst} ms → ${
        worst < TARGET_MS ? 'met' : 'NOT met'
      }`,
    );

    await mkdir(join(ROOT, 'bench/results'), { recursive: true });
    await writeFile(
      join(ROOT, 'bench/results/dashboard.json'),
      `${JSON.stringify(
        {
          reports: REPORTS,
          runs: RUNS,
          seedSeconds: round(seeded.seconds),
          targetMs: TARGET_MS,
          targetMet: worst < TARGET_MS,
          serverFirstPageMs: serverRows,
          chromiumFirstRenderMs: renderRows,
          node: process.version,
          // Timings on a shared machine mean little without how busy it was.
          loadAverage: loadavg().map(round),
          at: new Date().toISOString(),
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await browser.close();
    await server.current?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
