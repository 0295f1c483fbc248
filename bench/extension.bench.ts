// The extension's local store in real Chromium IndexedDB, at 10,000 reports with a ~200 KB
// screenshot on 1 in 10: saving one report per transaction against batched writes, listing
// the newest 50, and the gzipped size of every entrypoint of the production build.
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/support/browser';
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { v7 } from 'uuid';

const REPORTS = 10_000;
const SCREENSHOT_EVERY = 10;
const SCREENSHOT_BYTES = 200 * 1024;
const ROOT = resolve(import.meta.dirname, '..');

async function bundleStore(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'error',
    resolve: { alias: { '@': ROOT } },
    build: {
      write: false,
      minify: true,
      lib: {
        entry: join(ROOT, 'bench/support/db-entry.ts'),
        formats: ['iife'],
        name: 'snagBenchEntry',
      },
    },
  });
  const result = Array.isArray(out) ? out[0] : out;
  const chunk = (
    result as { output: { type: string; code?: string }[] }
  ).output.find((o) => o.type === 'chunk');
  if (!chunk?.code) throw new Error('The store bundle is empty');
  return chunk.code;
}

function sampleReports(n: number) {
  const base = Date.UTC(2026, 0, 1);
  return Array.from({ length: n }, (_, i) => {
    const at = new Date(base + i * 60_000).toISOString();
    return {
      id: v7(),
      schemaVersion: 1,
      createdAt: at,
      updatedAt: at,
      page: {
        url: `https://www.example-council.gov.uk/service/${i % 200}`,
        title: `Service page ${i % 200}`,
        service: 'www.example-council.gov.uk',
      },
      problems: [
        { kind: 'hard-to-use', usabilityCategories: ['too-many-steps'] },
      ],
      whoIsAffected: 'residents',
      frequency: 'weekly',
      trying: `Complete task number ${i} on the council website`,
      whatHappened:
        'The form timed out and lost everything I had typed, so I phoned instead. '.repeat(
          3,
        ),
      annotations: [],
      environment: {
        browser: 'Chrome',
        version: '130',
        os: 'Windows',
        viewport: { width: 1280, height: 800 },
        language: 'en-GB',
        extensionVersion: '0.1.0',
      },
    };
  });
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

/** Gzipped size of each entrypoint: its own files plus every chunk they import. */
function bundleSizes(dir: string): Record<string, number> {
  const gz = (file: string) => gzipSync(readFileSync(join(dir, file))).length;
  const importsOf = (file: string): string[] => {
    const code = readFileSync(join(dir, file), 'utf8');
    const found = [
      ...code.matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g),
    ].map((m) => join(dirname(file), m[1]!).replace(/^\//, ''));
    return found.filter((f) => existsSync(join(dir, f)));
  };
  const closure = (entry: string) => {
    const seen = new Set<string>();
    const walk = (f: string) => {
      if (seen.has(f)) return;
      seen.add(f);
      if (f.endsWith('.js')) importsOf(f).forEach(walk);
    };
    walk(entry);
    return seen;
  };
  const entries: Record<string, string[]> = {};
  for (const html of readdirSync(dir).filter((f) => f.endsWith('.html'))) {
    const text = readFileSync(join(dir, html), 'utf8');
    entries[html.replace('.html', '')] = [
      ...text.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g),
    ].map((m) => m[1]!);
  }
  entries.background = ['background.js'];
  const scripts = join(dir, 'content-scripts');
  if (existsSync(scripts)) {
    for (const f of readdirSync(scripts))
      entries[`content-scripts/${f}`] = [`content-scripts/${f}`];
  }
  const sizes: Record<string, number> = {};
  for (const [name, files] of Object.entries(entries)) {
    const all = new Set<string>();
    for (const f of files) closure(f).forEach((x) => all.add(x));
    sizes[name] = [...all].reduce((n, f) => n + gz(f), 0);
  }
  return sizes;
}

async function main() {
  execFileSync('npm', ['run', '--silent', 'build'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const sizes = bundleSizes(join(ROOT, '.output/chrome-mv3'));
  const bundle = await bundleStore();
  const server = createServer((req, res) => {
    if (req.url === '/store.js')
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    else
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          '<!doctype html><title>bench</title><script src="/store.js"></script>',
        );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const page = await browser.newPage();
  // tsx compiles functions with a `__name` helper that the page does not have.
  await page.addInitScript('globalThis.__name = (f) => f');
  await page.goto(url);
  const reports = sampleReports(REPORTS);

  type Bench = {
    listReports(n: number): Promise<unknown[]>;
    saveReport(r: unknown, b?: Blob): Promise<unknown>;
    saveReports(i: unknown[]): Promise<void>;
    getDb(): Promise<{
      clear(s: string): Promise<void>;
      count(s: string): Promise<number>;
    }>;
  };
  const result = await page.evaluate(
    async ({ reports, every, shotBytes }) => {
      const b = (globalThis as unknown as { snagBench: Bench }).snagBench;
      const shot = () =>
        new Blob(
          [
            crypto.getRandomValues(new Uint8Array(65536)),
            new Uint8Array(shotBytes - 65536),
          ],
          { type: 'image/webp' },
        );
      const clear = async () => {
        const db = await b.getDb();
        await Promise.all(
          ['reports', 'outbox', 'screenshots'].map((s) => db.clear(s)),
        );
      };
      // One transaction per report, as the popup saves.
      const single: number[] = [];
      const t0 = performance.now();
      for (let i = 0; i < reports.length; i++) {
        const s = performance.now();
        await b.saveReport(reports[i], i % every === 0 ? shot() : undefined);
        single.push(performance.now() - s);
      }
      const singleTotal = performance.now() - t0;
      // Listing the newest 50, as the popup opens.
      const list: number[] = [];
      for (let i = 0; i < 30; i++) {
        const s = performance.now();
        await b.listReports(50);
        list.push(performance.now() - s);
      }
      const count = await (await b.getDb()).count('reports');
      await clear();
      // Batches of 100 reports per transaction.
      const t1 = performance.now();
      for (let i = 0; i < reports.length; i += 100) {
        await b.saveReports(
          reports.slice(i, i + 100).map((report, j) => ({
            report,
            screenshot: (i + j) % every === 0 ? shot() : undefined,
          })),
        );
      }
      const batchTotal = performance.now() - t1;
      return { single, singleTotal, list, batchTotal, count };
    },
    { reports, every: SCREENSHOT_EVERY, shotBytes: SCREENSHOT_BYTES },
  );
  await browser.close();
  server.close();

  const table = [
    {
      measure: 'save one report + outbox entry, median (ms)',
      value: quantile(result.single, 0.5),
      target: '< 20',
    },
    {
      measure: 'save one report + outbox entry, p95 (ms)',
      value: quantile(result.single, 0.95),
      target: '',
    },
    {
      measure: `save ${REPORTS} one transaction each, total (s)`,
      value: result.singleTotal / 1000,
      target: '',
    },
    {
      measure: `save ${REPORTS} in batches of 100, total (s)`,
      value: result.batchTotal / 1000,
      target: '',
    },
    {
      measure: 'batched ÷ one-per-transaction time (ratio)',
      value: result.batchTotal / result.singleTotal,
      target: '',
    },
    {
      measure: `list newest 50 of ${result.count}, median (ms)`,
      value: quantile(result.list, 0.5),
      target: '< 30',
    },
    ...Object.entries(sizes).map(([name, bytes]) => ({
      measure: `bundle ${name} (KB gzipped)`,
      value: bytes / 1024,
      target:
        name === 'popup' ? '< 40' : name.includes('annotator') ? '< 30' : '',
    })),
  ].map((r) => ({ ...r, value: Number(r.value.toFixed(2)) }));
  console.table(table);
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench/results/extension.json'),
    JSON.stringify(
      { at: new Date().toISOString(), reports: REPORTS, table },
      null,
      2,
    ),
  );
}

await main();
