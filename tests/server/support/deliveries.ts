/**
 * Deliveries under test: a store with a reviewer and a reporter, a subscription pointing at a
 * loopback receiver, and a worker on a clock the test moves.
 */
import { randomUUID } from 'node:crypto';
import type { NewWebhook } from '../../../protocol/webhooks';
import { newSecret } from '../../../server/deliveries/signing';
import {
  DeliveryWorker,
  type WorkerOptions,
} from '../../../server/deliveries/worker';
import type { SqlStore } from '../../../server/store/sql-store';
import { addUser, TEST_NOW, type TestUser } from './harness';
import { makeReport } from './reports';

/** A clock a test moves by hand. */
export interface TestClock {
  ms: number;
  now: () => Date;
  advance(ms: number): void;
}

/** A clock standing at {@link TEST_NOW}. */
export function testClock(start = TEST_NOW.getTime()): TestClock {
  const clock: TestClock = {
    ms: start,
    now: () => new Date(clock.ms),
    advance: (ms) => {
      clock.ms += ms;
    },
  };
  return clock;
}

/** Creates a subscription straight in the store; answers its id and secret. */
export async function subscribe(
  store: SqlStore,
  url: string,
  overrides: Partial<NewWebhook> = {},
): Promise<{ id: string; secret: string }> {
  const id = randomUUID();
  const secret = newSecret();
  await store.webhooks.create({
    id,
    url,
    kind: overrides.kind ?? 'standard',
    events: overrides.events ?? ['report.created'],
    filters: overrides.filters ?? {},
    includeText: overrides.includeText ?? false,
    description: '',
    secret,
    createdAt: TEST_NOW.toISOString(),
  });
  return { id, secret };
}

/** A worker on `clock` that may send to loopback. */
export function testWorker(
  store: SqlStore,
  clock: TestClock,
  options: Partial<WorkerOptions> = {},
): DeliveryWorker {
  return new DeliveryWorker({
    store,
    now: clock.now,
    random: () => 0.5,
    baseUrl: 'https://snag.example-council.gov.uk',
    allowEnv: ['127.0.0.0/8'],
    timeoutMs: 2000,
    ...options,
  });
}

/** Runs the worker until nothing is due now. */
export async function drain(worker: DeliveryWorker): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await worker.runOnce();
    if (n === 0) return total;
    total += n;
  }
}

/** Files `count` reports by `user`, each enqueueing `report.created`. */
export async function fileReports(
  store: SqlStore,
  user: TestUser,
  count: number,
  at = TEST_NOW.toISOString(),
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const report = makeReport({}, i);
    await store.putReport(report, user.user, at);
    ids.push(report.id);
  }
  return ids;
}

export { addUser };
