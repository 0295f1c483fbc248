import { describe, expect, it } from 'vitest';
import { getDb } from '@/utils/db';
import { Outbox, type QueuedVersion } from '@/utils/outbox';
import { BASE_DELAY_MS } from '@/utils/sync/backoff';

const T0 = Date.UTC(2026, 10, 20, 9);

/** An outbox on a clock the test moves. */
function outboxAt(start = T0) {
  const clock = { now: start };
  const outbox = new Outbox({ now: () => clock.now, random: () => 0.5 });
  return { clock, outbox };
}

const version = (reportId: string, localVersion = 1): QueuedVersion => ({
  reportId,
  localVersion,
  screenshotPending: false,
});

async function enqueue(outbox: Outbox, ...versions: QueuedVersion[]) {
  const tx = (await getDb()).transaction('outbox', 'readwrite');
  for (const v of versions) await outbox.enqueue(tx.store, v);
  await tx.done;
}

async function entryOf(id: string) {
  return (await getDb()).get('outbox', id);
}

describe('Outbox', () => {
  it('queues a version due now on its own clock, and a newer version starts afresh', async () => {
    const { clock, outbox } = outboxAt();
    await enqueue(outbox, version('a'));
    expect(await entryOf('a')).toEqual({
      reportId: 'a',
      localVersion: 1,
      screenshotPending: false,
      dueAt: T0,
      attempts: 0,
    });
    const db = await getDb();
    const tx = db.transaction('outbox', 'readwrite');
    await outbox.fail(tx.store, (await tx.store.get('a'))!, {
      reason: 'offline',
      retry: true,
    });
    await tx.done;
    clock.now += 1000;
    await enqueue(outbox, version('a', 2));
    expect(await entryOf('a')).toMatchObject({
      localVersion: 2,
      dueAt: T0 + 1000,
      attempts: 0,
    });
  });

  it('backs off a retryable failure and blocks any other, leaving a newer version alone', async () => {
    const { outbox } = outboxAt();
    await enqueue(outbox, version('a'), version('b'), version('c', 2));
    const db = await getDb();
    const tx = db.transaction('outbox', 'readwrite');
    const [a, b] = [(await tx.store.get('a'))!, (await tx.store.get('b'))!];
    expect(
      await outbox.fail(tx.store, a, { reason: 'offline', retry: true }),
    ).toBe(true);
    expect(
      await outbox.fail(tx.store, b, { reason: 'refused', retry: false }),
    ).toBe(true);
    // Version 1 of c failed, but version 2 was queued meanwhile.
    expect(
      await outbox.fail(
        tx.store,
        { ...a, reportId: 'c' },
        {
          reason: 'late',
          retry: true,
        },
      ),
    ).toBe(false);
    await tx.done;
    expect(await entryOf('a')).toMatchObject({
      attempts: 1,
      lastError: 'offline',
      blocked: false,
      dueAt: T0 + BASE_DELAY_MS / 2,
    });
    expect(await entryOf('b')).toMatchObject({
      attempts: 1,
      lastError: 'refused',
      blocked: true,
    });
    expect(await entryOf('c')).toMatchObject({ attempts: 0, dueAt: T0 });
    expect((await outbox.due(db, 10)).map((e) => e.reportId)).toEqual(['c']);
    expect(await outbox.blocked(db)).toEqual(['b']);
  });

  it('finds the earliest unblocked entry even before it is due, and resets backoffs', async () => {
    const { clock, outbox } = outboxAt();
    await enqueue(outbox, version('a'), version('b'));
    const db = await getDb();
    const tx = db.transaction('outbox', 'readwrite');
    await outbox.fail(tx.store, (await tx.store.get('a'))!, {
      reason: 'refused',
      retry: false,
    });
    await outbox.fail(tx.store, (await tx.store.get('b'))!, {
      reason: 'offline',
      retry: true,
    });
    await tx.done;
    expect(await outbox.due(db, 10)).toEqual([]);
    expect((await outbox.earliest(db))?.reportId).toBe('b');
    clock.now += 1;
    await outbox.resetBackoff(db);
    expect(await entryOf('b')).toMatchObject({ attempts: 0, dueAt: T0 + 1 });
    // A blocked entry waits for the reporter, not for the server.
    expect(await entryOf('a')).toMatchObject({ blocked: true, attempts: 1 });
  });

  it('retries a blocked entry now, and says when a report was not waiting', async () => {
    const { clock, outbox } = outboxAt();
    await enqueue(outbox, version('a'));
    const db = await getDb();
    let tx = db.transaction('outbox', 'readwrite');
    await outbox.fail(tx.store, (await tx.store.get('a'))!, {
      reason: 'refused',
      retry: false,
    });
    await tx.done;
    clock.now += 5000;
    tx = db.transaction('outbox', 'readwrite');
    expect(await outbox.retry(tx.store, 'a')).toBe(true);
    expect(await outbox.retry(tx.store, 'missing')).toBe(false);
    await tx.done;
    expect(await entryOf('a')).toMatchObject({
      blocked: false,
      attempts: 0,
      dueAt: T0 + 5000,
    });
    expect(await entryOf('missing')).toBeUndefined();
  });

  it('removes an acknowledged entry unless a newer version waits', async () => {
    const { outbox } = outboxAt();
    await enqueue(outbox, version('a'), version('b', 3));
    const db = await getDb();
    const tx = db.transaction('outbox', 'readwrite');
    expect(await outbox.acknowledge(tx.store, 'a', 1)).toEqual({
      superseded: false,
    });
    expect(await outbox.acknowledge(tx.store, 'b', 2)).toEqual({
      superseded: true,
    });
    await tx.done;
    expect(await entryOf('a')).toBeUndefined();
    expect((await entryOf('b'))?.localVersion).toBe(3);
    expect(await outbox.count(db)).toBe(1);
  });

  it('queues a resend only when the report is not already waiting', async () => {
    const { clock, outbox } = outboxAt();
    await enqueue(outbox, version('a', 2));
    clock.now += 1000;
    const tx = (await getDb()).transaction('outbox', 'readwrite');
    expect(await outbox.enqueueUnlessQueued(tx.store, version('a', 1))).toBe(
      false,
    );
    expect(await outbox.enqueueUnlessQueued(tx.store, version('b'))).toBe(true);
    await tx.done;
    expect(await entryOf('a')).toMatchObject({ localVersion: 2, dueAt: T0 });
    expect(await entryOf('b')).toMatchObject({ dueAt: T0 + 1000 });
  });
});
