/**
 * Server benchmark: ingest throughput (reports/s over HTTP, 8 concurrent clients) and the
 * latency of a 500-report `/changes` page at 100,000 reports, for SQLite and PostgreSQL side
 * by side. PostgreSQL runs only when DATABASE_URL is set.
 *
 *   npx tsx bench/server.bench.ts            # or: npm run bench
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/server.bench.ts
 *   BENCH_TOTAL=10000 BENCH_SQLITE_ONLY=1 npx tsx bench/server.bench.ts   # a quick look
 *
 * Prints a table and writes bench/results/server.json.
 */
import { Agent, request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { migrateToPostgres } from '../server/migrate-to-postgres';
import { openStore } from '../server/store/open';
import type { PostgresDriver } from '../server/store/postgres';
import type { SqliteDriver } from '../server/store/sqlite';
import { createTestSchema } from '../tests/server/support/postgres';
import { makeReport } from '../tests/server/support/reports';
import {
  createUser,
  startServer,
  type ServerProcess,
} from '../tests/support/server-process';

const CLIENTS = 8;
const INGEST = { sqlite: 8000, postgres: 2000 };
/** PUTs sent before timing, so the figure is the warm, steady rate. */
const WARM_UP = 500;
// BENCH_TOTAL shrinks the data set for a quick look; the figures that count use 100,000.
const TOTAL = Number(process.env.BENCH_TOTAL ?? 100_000);
const PAGE = 500;
const SAMPLES = 60;
const SEED_BATCH = 500;

const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });

function http(
  base: string,
  method: string,
  path: string,
  token: string,
  body?: string,
): Promise<{ status: number; bytes: number }> {
  return new Promise((done, fail) => {
    const req = request(
      `${base}${path}`,
      {
        method,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body
            ? {
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(body),
              }
            : {}),
        },
      },
      (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => done({ status: res.statusCode ?? 0, bytes }));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

/** PUTs `count` fresh reports with 8 clients; answers reports per second. */
async function ingest(
  server: ServerProcess,
  token: string,
  count: number,
): Promise<{ perSecond: number; seconds: number }> {
  const bodies = Array.from({ length: count }, (_, i) => makeReport({}, i));
  const payloads = bodies.map((b) => JSON.stringify(b));
  // Warm up the connections and the server's code paths before timing.
  let warm = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (warm < WARM_UP) {
        const r = makeReport({}, 1_000_000 + warm++);
        await http(
          server.url,
          'PUT',
          `/api/v1/reports/${r.id}`,
          token,
          JSON.stringify(r),
        );
      }
    }),
  );
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let i = next++; i < count; i = next++) {
        const res = await http(
          server.url,
          'PUT',
          `/api/v1/reports/${bodies[i]?.id}`,
          token,
          payloads[i],
        );
        if (res.status !== 201) throw new Error(`PUT answered ${res.status}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: count / seconds, seconds };
}

function percentile(sorted: number[], p: number): number {
  return (
    sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ??
    NaN
  );
}

/** Times `/changes?limit=500` pages from random cursors. */
async function changesLatency(
  server: ServerProcess,
  token: string,
  maxSeq: number,
) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < SAMPLES + 5; i++) {
    const since = Math.floor(Math.random() * (maxSeq - PAGE));
    const t0 = performance.now();
    const res = await http(
      server.url,
      'GET',
      `/api/v1/changes?since=${since}&limit=${PAGE}`,
      token,
    );
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`/changes answered ${res.status}`);
    if (i >= 5) times.push(ms); // the first few warm caches and JIT
    bytes = res.bytes;
  }
  times.sort((a, b) => a - b);
  return {
    medianMs: percentile(times, 0.5),
    p95Ms: percentile(times, 0.95),
    pageBytes: bytes,
  };
}

/** Times a filtered `/reports` page with its total, as the dashboard asks for it. */
async function listLatency(server: ServerProcess, token: string) {
  const times: number[] = [];
  for (let i = 0; i < 25; i++) {
    const t0 = performance.now();
    const res = await http(
      server.url,
      'GET',
      `/api/v1/reports?status=new&problem=insecure-workaround&limit=50&cursor=${i * 50}`,
      token,
    );
    if (res.status !== 200) throw new Error(`/reports answered ${res.status}`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { medianMs: percentile(times, 0.5) };
}

/** Fills a SQLite data directory to TOTAL reports through the store (group-committed). */
async function seedSqlite(dataDir: string, authorId: string): Promise<number> {
  const store = await openStore({ dataDir });
  try {
    const author = (await store.listUsers()).find((u) => u.id === authorId);
    if (!author) throw new Error('no author');
    let have = (await store.listReports({}, { offset: 0, limit: 1 })).total;
    let seed = 2_000_000;
    while (have < TOTAL) {
      const n = Math.min(SEED_BATCH, TOTAL - have);
      const at = new Date().toISOString();
      await Promise.all(
        Array.from({ length: n }, () =>
          store.putReport(makeReport({}, seed++), author, at),
        ),
      );
      have += n;
    }
    const last = await store.listReports({}, { offset: 0, limit: 1 });
    return last.total;
  } finally {
    await store.close();
  }
}

async function maxSeq(server: ServerProcess, token: string): Promise<number> {
  let since = 0;
  for (;;) {
    const res = await fetch(
      `${server.url}/api/v1/changes?since=${since}&limit=${PAGE}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const page = (await res.json()) as { cursor: string; hasMore: boolean };
    since = Number(page.cursor);
    if (!page.hasMore) return since;
    // Jump ahead: sequence numbers are dense, so this finds the end in a few steps.
    since += 20_000;
  }
}

interface Row {
  store: 'sqlite' | 'postgres';
  ingestPerSecond: number;
  ingestReports: number;
  changesMedianMs: number;
  changesP95Ms: number;
  changesPageBytes: number;
  listMedianMs: number;
  reports: number;
}

const env = {
  SNAG_RATE_LIMIT: '10000000',
  SNAG_RATE_LIMIT_IP: '10000000',
  LOG_LEVEL: 'warn',
};

async function main() {
  const rows: Row[] = [];
  const sqliteDir = mkdtempSync(join(tmpdir(), 'snag-bench-'));
  process.stderr.write('SQLite: ingest…\n');
  let server = await startServer({ dataDir: sqliteDir, env });
  const user = await createUser({ dataDir: sqliteDir }, 'Bench', 'reviewer');
  const sqliteIngest = await ingest(server, user.token, INGEST.sqlite);
  await server.stop();
  process.stderr.write(`SQLite: seeding to ${TOTAL}…\n`);
  const total = await seedSqlite(sqliteDir, user.id);
  server = await startServer({ dataDir: sqliteDir, env });
  const seq = await maxSeq(server, user.token);
  process.stderr.write('SQLite: /changes latency…\n');
  const sqliteChanges = await changesLatency(server, user.token, seq);
  const sqliteList = await listLatency(server, user.token);
  await server.stop();
  rows.push({
    store: 'sqlite',
    ingestPerSecond: sqliteIngest.perSecond,
    ingestReports: INGEST.sqlite,
    changesMedianMs: sqliteChanges.medianMs,
    changesP95Ms: sqliteChanges.p95Ms,
    changesPageBytes: sqliteChanges.pageBytes,
    listMedianMs: sqliteList.medianMs,
    reports: total,
  });

  if (process.env.DATABASE_URL && process.env.BENCH_SQLITE_ONLY !== '1') {
    const ingestSchema = await createTestSchema();
    const bigSchema = await createTestSchema();
    try {
      process.stderr.write('PostgreSQL: ingest…\n');
      const loc = { dataDir: sqliteDir, databaseUrl: ingestSchema.url };
      server = await startServer({ ...loc, env });
      const pgUser = await createUser(loc, 'Bench', 'reviewer');
      const pgIngest = await ingest(server, pgUser.token, INGEST.postgres);
      await server.stop();

      process.stderr.write(`PostgreSQL: copying ${TOTAL} reports in…\n`);
      const source = await openStore({ dataDir: sqliteDir });
      const target = await openStore({
        dataDir: sqliteDir,
        databaseUrl: bigSchema.url,
      });
      await migrateToPostgres(
        source.driver as SqliteDriver,
        target.driver as PostgresDriver,
      );
      await (target.driver as PostgresDriver).pool.query('ANALYZE');
      await source.close();
      await target.close();

      server = await startServer({
        dataDir: sqliteDir,
        databaseUrl: bigSchema.url,
        env,
      });
      process.stderr.write('PostgreSQL: /changes latency…\n');
      const pgChanges = await changesLatency(server, user.token, seq);
      const pgList = await listLatency(server, user.token);
      await server.stop();
      rows.push({
        store: 'postgres',
        ingestPerSecond: pgIngest.perSecond,
        ingestReports: INGEST.postgres,
        changesMedianMs: pgChanges.medianMs,
        changesP95Ms: pgChanges.p95Ms,
        changesPageBytes: pgChanges.pageBytes,
        listMedianMs: pgList.medianMs,
        reports: total,
      });
    } finally {
      await ingestSchema.drop();
      await bigSchema.drop();
    }
  }
  rmSync(sqliteDir, { recursive: true, force: true });
  agent.destroy();

  const fmt = (n: number, d = 1) => n.toFixed(d);
  console.log('\nSnag server benchmark');
  console.log(
    `machine: ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    'store     | ingest reports/s (8 clients) | /changes 500 @100k median | p95      | /reports page median',
  );
  console.log(
    '----------|------------------------------|---------------------------|----------|---------------------',
  );
  for (const r of rows) {
    console.log(
      `${r.store.padEnd(9)} | ${fmt(r.ingestPerSecond, 0).padStart(28)} | ${`${fmt(r.changesMedianMs)} ms`.padStart(25)} | ${`${fmt(r.changesP95Ms)} ms`.padStart(8)} | ${`${fmt(r.listMedianMs)} ms`.padStart(20)}`,
    );
  }
  console.log(
    `targets: SQLite ingest ≥ 1500 reports/s; /changes page of ${PAGE} < 30 ms median`,
  );
  const out = resolve(import.meta.dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'server.json'),
    `${JSON.stringify({ at: new Date().toISOString(), cores: cpus().length, loadavg: loadavg(), clients: CLIENTS, pageSize: PAGE, rows }, null, 2)}\n`,
  );
}

await main();
