/**
 * The queue across processes: two instances on one PostgreSQL never send the same delivery,
 * and a worker killed with SIGKILL mid-delivery leaves its delivery to be resumed.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../server/store/open';
import type { SqlStore } from '../../server/store/sql-store';
import {
  addUser,
  drain,
  fileReports,
  subscribe,
  testClock,
  testWorker,
} from './support/deliveries';
import { openTestStore, STORE_KINDS, type TestStore } from './support/harness';
import { startReceiver, type Receiver } from './support/receiver';

const CHILD = resolve(import.meta.dirname, 'support/delivery-child.ts');

let t: TestStore | null = null;
let receiver: Receiver | null = null;
const extra: SqlStore[] = [];

afterEach(async () => {
  await receiver?.close();
  for (const s of extra.splice(0)) await s.close();
  await t?.close();
  t = null;
  receiver = null;
});

// Only where PostgreSQL is configured: SQLite has one writer, so one instance.
const SHARED = STORE_KINDS.filter((kind) => kind === 'postgres');

describe.each(SHARED)('two instances on one %s', (kind) => {
  it('deliver every event once between them', async () => {
    t = await openTestStore(kind);
    const clock = testClock();
    receiver = await startReceiver([], () => clock.ms);
    const hook = await subscribe(t.store, receiver.url);
    receiver.secrets.push(hook.secret);
    const reporter = await addUser(t.store, 'Ray Reporter', 'reporter');
    const ids = await fileReports(t.store, reporter, 60);
    const second = await openStore({
      dataDir: t.location.dataDir,
      databaseUrl: t.location.databaseUrl,
    });
    extra.push(second);
    const workers = [
      testWorker(t.store, clock, { batch: 5 }),
      testWorker(t.store, clock, { batch: 5 }),
      testWorker(second, clock, { batch: 5 }),
      testWorker(second, clock, { batch: 5 }),
    ];
    const counts = await Promise.all(workers.map((w) => drain(w)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(ids.length);
    expect(counts.filter((n) => n > 0).length).toBeGreaterThan(1);
    expect(receiver.accepted).toHaveLength(ids.length);
    expect(new Set(receiver.accepted).size).toBe(ids.length);
  });
});

describe.each(STORE_KINDS)('a worker killed mid-delivery on %s', (kind) => {
  it('leaves the delivery to be resumed once its claim lapses', async () => {
    t = await openTestStore(kind);
    const clock = testClock();
    receiver = await startReceiver([], () => clock.ms);
    const hook = await subscribe(t.store, receiver.url);
    receiver.secrets.push(hook.secret);
    const reporter = await addUser(t.store, 'Ray Reporter', 'reporter');
    await fileReports(t.store, reporter, 1);
    receiver.script.push('hang');
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: {
        ...process.env,
        SNAG_DATA_DIR: t.location.dataDir,
        DATABASE_URL: t.location.databaseUrl ?? '',
        CHILD_CLOCK_MS: String(clock.ms),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((done) =>
      child.once('exit', (_code, signal) => done(signal)),
    );
    // Killed while the receiver holds its request open: mid-delivery.
    await expect
      .poll(() => receiver?.received.length, { timeout: 60_000 })
      .toBe(1);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const [stuck] = await t.store.deliveryQueue.log(hook.id);
    expect(stuck).toMatchObject({ state: 'delivering', attempts: 1 });

    const worker = testWorker(t.store, clock);
    expect(await drain(worker)).toBe(0);
    clock.advance(30_000);
    expect(await drain(worker)).toBe(1);
    expect(receiver.accepted).toEqual([stuck?.id]);
    expect(receiver.received.map((r) => r.id)).toEqual([stuck?.id, stuck?.id]);
    const [done] = await t.store.deliveryQueue.log(hook.id);
    expect(done).toMatchObject({ state: 'delivered', attempts: 2 });
  });
});
