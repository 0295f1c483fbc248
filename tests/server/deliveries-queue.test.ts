/**
 * The delivery queue with signed webhooks, against a loopback receiver that verifies every
 * signature with the `standardwebhooks` package. Runs on SQLite, and on PostgreSQL when
 * configured.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newSecret } from '../../server/deliveries/signing';
import type { DeliveryWorker } from '../../server/deliveries/worker';
import {
  addUser,
  drain,
  fileReports,
  subscribe,
  testClock,
  testWorker,
  type TestClock,
} from './support/deliveries';
import {
  openTestStore,
  STORE_KINDS,
  TEST_NOW,
  type TestStore,
  type TestUser,
} from './support/harness';
import { startReceiver, type Receiver } from './support/receiver';

describe.each(STORE_KINDS)('delivery queue on %s', (kind) => {
  let t: TestStore;
  let clock: TestClock;
  let receiver: Receiver;
  let reporter: TestUser;
  let worker: DeliveryWorker;
  let hook: { id: string; secret: string };

  beforeEach(async () => {
    t = await openTestStore(kind);
    clock = testClock();
    reporter = await addUser(t.store, 'Ray Reporter', 'reporter');
    hook = { id: '', secret: newSecret() };
    receiver = await startReceiver([], () => clock.ms);
    hook = await subscribe(t.store, receiver.url);
    receiver.secrets.push(hook.secret);
    worker = testWorker(t.store, clock);
  });

  afterEach(async () => {
    await receiver.close();
    await t.close();
  });

  it('enqueues in the same transaction and delivers a 500 then a 200 exactly once by id', async () => {
    const [reportId] = await fileReports(t.store, reporter, 1);
    const [queued] = await t.store.deliveryQueue.log(hook.id);
    expect(queued?.state).toBe('pending');
    receiver.script.push(500);
    expect(await drain(worker)).toBe(1);
    let [entry] = await t.store.deliveryQueue.log(hook.id);
    expect(entry).toMatchObject({
      state: 'pending',
      attempts: 1,
      responseStatus: 500,
      error: 'The receiver answered 500',
    });
    // Backoff: the first retry is 5 s away, jittered over its upper half.
    expect(await drain(worker)).toBe(0);
    clock.advance(5_000);
    expect(await drain(worker)).toBe(1);
    [entry] = await t.store.deliveryQueue.log(hook.id);
    expect(entry).toMatchObject({ state: 'delivered', attempts: 2 });
    expect(entry?.response).toBe('ok');
    expect(receiver.received.map((r) => r.id)).toEqual([
      queued?.id,
      queued?.id,
    ]);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(receiver.accepted).toEqual([queued?.id]);
    const body = JSON.parse(receiver.received[1]?.body ?? '{}') as {
      type: string;
      data: Record<string, unknown>;
    };
    expect(body.type).toBe('report.created');
    expect(body.data.link).toBe(
      `https://snag.example-council.gov.uk/reports/${reportId}`,
    );
    expect(body.data.report).not.toHaveProperty('text');
  });

  it('keeps retrying while the receiver is down, then delivers when it is back', async () => {
    const port = receiver.port;
    await receiver.close();
    await fileReports(t.store, reporter, 1);
    for (let i = 0; i < 6; i++) {
      expect(await drain(worker)).toBe(1);
      clock.advance(10 * 60_000);
    }
    const [entry] = await t.store.deliveryQueue.log(hook.id);
    expect(entry?.state).toBe('pending');
    expect(entry?.attempts).toBe(6);
    expect(entry?.error).toMatch(/ECONNREFUSED/);
    receiver = await startReceiver([hook.secret], () => clock.ms, port);
    expect(await drain(worker)).toBe(1);
    expect(receiver.accepted).toHaveLength(1);
    expect((await t.store.deliveryQueue.log(hook.id))[0]?.state).toBe(
      'delivered',
    );
  });

  it('gives up after about 24 hours and says why', async () => {
    receiver.script.push(...Array<number>(100).fill(503));
    await fileReports(t.store, reporter, 1);
    let attempts = 0;
    for (let i = 0; i < 60; i++) {
      attempts += await drain(worker);
      clock.advance(3_600_000);
    }
    const [entry] = await t.store.deliveryQueue.log(hook.id);
    expect(entry?.state).toBe('failed');
    expect(entry?.error).toMatch(
      /^Gave up after \d+ attempts over 24 hours; the last: The receiver answered 503$/,
    );
    expect(attempts).toBe(entry?.attempts);
    expect(attempts).toBeGreaterThan(15);
  });

  it('signs with both secrets during a rotation, then only the new one', async () => {
    const oldSecret = hook.secret;
    const fresh = newSecret();
    const until = new Date(clock.ms + 3_600_000).toISOString();
    await t.store.webhooks.rotate(hook.id, fresh, until);
    receiver.secrets.splice(0, 1, oldSecret);
    await fileReports(t.store, reporter, 1);
    await drain(worker);
    expect(receiver.accepted).toHaveLength(1);
    expect(
      String(receiver.received[0]?.headers['webhook-signature']).split(' '),
    ).toHaveLength(2);
    // After the overlap, a receiver still on the old secret refuses; one on the new accepts.
    clock.advance(2 * 3_600_000);
    await fileReports(t.store, reporter, 1, clock.now().toISOString());
    await drain(worker);
    expect(receiver.received[1]?.verified).toBe(false);
    receiver.secrets.splice(0, 1, fresh);
    clock.advance(10_000);
    await drain(worker);
    expect(receiver.received[2]?.verified).toBe(true);
    expect(receiver.accepted).toHaveLength(2);
  });

  it('is rejected by the receiver when the timestamp is outside its tolerance', async () => {
    receiver.clock = () => clock.ms + 10 * 60_000;
    await fileReports(t.store, reporter, 1);
    await drain(worker);
    expect(receiver.received[0]?.verified).toBe(false);
    expect(receiver.accepted).toHaveLength(0);
    const [entry] = await t.store.deliveryQueue.log(hook.id);
    expect(entry).toMatchObject({ state: 'pending', responseStatus: 400 });
  });

  it('redelivers a delivery with the same id', async () => {
    await fileReports(t.store, reporter, 1);
    await drain(worker);
    const [entry] = await t.store.deliveryQueue.log(hook.id);
    expect(
      await t.store.deliveryQueue.redeliver(hook.id, entry?.id ?? '', clock.ms),
    ).toBe(true);
    await drain(worker);
    expect(receiver.accepted).toEqual([entry?.id, entry?.id]);
  });

  it('sends nothing to a paused subscription until it resumes', async () => {
    await t.store.webhooks.update(hook.id, { paused: true });
    await fileReports(t.store, reporter, 1);
    expect(await t.store.deliveryQueue.log(hook.id)).toHaveLength(0);
    await t.store.webhooks.update(hook.id, { paused: false });
    await fileReports(t.store, reporter, 1);
    await drain(worker);
    expect(receiver.accepted).toHaveLength(1);
  });

  it('resumes a delivery whose worker died, once its claim lapses', async () => {
    await fileReports(t.store, reporter, 1);
    const claimed = await t.store.deliveryQueue.claim(10, clock.ms, 30_000);
    expect(claimed).toHaveLength(1);
    // The claimant never records; until the lease runs out nobody else takes it.
    expect(await drain(worker)).toBe(0);
    clock.advance(30_000);
    expect(await drain(worker)).toBe(1);
    expect(receiver.accepted).toEqual([claimed[0]?.id]);
    // The dead worker's late outcome is not recorded over the live one's.
    expect(
      await t.store.deliveryQueue.record(
        claimed[0]?.id ?? '',
        1,
        { kind: 'retry', status: 500, latencyMs: 1, response: '', error: 'x' },
        TEST_NOW.toISOString(),
      ),
    ).toBe(false);
  });
});
