/**
 * Delivery benchmark: 10,000 `report.created` events through the queue to a loopback
 * receiver, while 8 clients file the reports that cause them. Reports deliveries per second
 * and the median time from a report's commit to its delivery (goal: under 1 s), for SQLite,
 * and for PostgreSQL when DATABASE_URL is set. The store, worker and receiver share one
 * process, as they would share one small server.
 *
 *   npx tsx bench/deliveries.bench.ts            # or: npm run bench deliveries
 *   BENCH_EVENTS=2000 npx tsx bench/deliveries.bench.ts   # a quick look
 *
 * Prints a table and writes bench/results/deliveries.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { newSecret } from '../server/deliveries/signing';
import { DeliveryWorker } from '../server/deliveries/worker';
import { openStore } from '../server/store/open';
import type { SqlStore } from '../server/store/sql-store';
import { mintUser } from '../server/tokens';
import { createTestSchema } from '../tests/server/support/postgres';
import { makeReport } from '../tests/server/support/reports';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const CLIENTS = 8;

interface Figures {
  store: string;
  events: number;
  deliveriesPerSecond: number;
  medianCommitToDeliveryMs: number;
  p95CommitToDeliveryMs: number;
}

function percentile(sorted: number[], p: number): number {
  return (
    sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0
  );
}

async function run(kind: 'sqlite' | 'postgres'): Promise<Figures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'snag-bench-deliveries-'));
  const schema = kind === 'postgres' ? await createTestSchema() : null;
  const store: SqlStore = await openStore({
    dataDir,
    databaseUrl: schema?.url,
  });
  const arrived = new Map<string, number>();
  let done: () => void = () => undefined;
  const allArrived = new Promise<void>((r) => (done = r));
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        data: { reportId: string };
      };
      if (!arrived.has(body.data.reportId))
        arrived.set(body.data.reportId, performance.now());
      res.writeHead(204).end();
      if (arrived.size === EVENTS) done();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const port = (receiver.address() as AddressInfo).port;
  await store.webhooks.create({
    id: crypto.randomUUID(),
    url: `http://127.0.0.1:${port}/hook`,
    kind: 'standard',
    events: ['report.created'],
    filters: {},
    includeText: false,
    description: 'bench',
    secret: newSecret(),
    createdAt: new Date().toISOString(),
  });
  const { user } = mintUser('Bench', 'reporter', null, new Date());
  await store.createUser(user);
  const author = { ...user, revokedAt: null };
  const worker = new DeliveryWorker({
    store,
    now: () => new Date(),
    baseUrl: 'https://snag.example',
    allowEnv: ['127.0.0.0/8'],
    batch: 200,
    pollMs: 100,
  });
  worker.start();
  const committed = new Map<string, number>();
  const bodies = Array.from({ length: EVENTS }, (_, i) => makeReport({}, i));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < bodies.length) {
        const report = bodies[next++];
        if (!report) break;
        await store.putReport(report, author, new Date().toISOString());
        committed.set(report.id, performance.now());
      }
    }),
  );
  await allArrived;
  const finished = Math.max(...arrived.values());
  await worker.stop();
  receiver.close();
  await store.close();
  await schema?.drop();
  rmSync(dataDir, { recursive: true, force: true });
  const lags = [...committed].map(([id, at]) => (arrived.get(id) ?? at) - at);
  lags.sort((a, b) => a - b);
  return {
    store: kind,
    events: EVENTS,
    deliveriesPerSecond: Math.round(EVENTS / ((finished - started) / 1000)),
    medianCommitToDeliveryMs: Math.round(percentile(lags, 0.5)),
    p95CommitToDeliveryMs: Math.round(percentile(lags, 0.95)),
  };
}

const kinds: Array<'sqlite' | 'postgres'> = process.env.DATABASE_URL
  ? ['sqlite', 'postgres']
  : ['sqlite'];
const results: Figures[] = [];
for (const kind of kinds) results.push(await run(kind));
console.table(results);
const out = resolve(import.meta.dirname, 'results');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'deliveries.json'),
  JSON.stringify(
    { results, clients: CLIENTS, cpus: cpus().length, load: loadavg() },
    null,
    2,
  ),
);
