// @vitest-environment node
// Sync against the real server through a proxy that fails, drops, delays, duplicates and
// reorders requests, with the service worker "killed" mid-batch. Whatever the schedule, once
// the network heals the server holds every report exactly once, with its latest content and
// its screenshot, and the device shows each one as "Sent".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import {
  startServer,
  createUser,
  type ServerProcess,
} from '../../support/server-process';
import {
  REQUEST_ID_HEADER,
  startChaosProxy,
  type ChaosProxy,
  type Fault,
} from './support/chaos-proxy';
import { pngBytes } from './support/png';
import { closeDb, getDb } from '@/utils/db';
import { saveReport } from '@/utils/reports';
import { ServerClient, SyncEngine } from '@/utils/sync';
import { syncLabel } from '@/utils/sync/state';
import { sampleReport } from '../fixtures';
import type { ReportInput } from '@/protocol/report';

// The proxy tells the client when to give up ('delay', 'reorder'), so this timeout is only a
// safety net that no request on a healthy, if slow, machine ever reaches.
const CLIENT_TIMEOUT_MS = 30_000;
const HOLD_MS = 320;
const RUNS = 200;

let server: ServerProcess;
let proxy: ChaosProxy;
let token: string;
let expectedTotal = 0;
/** Requests in flight through the proxy, by id: each one's "give up now". */
const waiting = new Map<string, () => void>();
let requestIds = 0;

/** What a client sees when it stops waiting: the error `AbortSignal.timeout` raises. */
function timedOut(): Error {
  const error = new Error('The client gave up waiting');
  error.name = 'TimeoutError';
  return error;
}

/**
 * A fetch through the proxy that names each request, so the proxy can make it time out at
 * the moment the fault calls for, whatever the machine's speed.
 */
const namedFetch: typeof fetch = async (input, init) => {
  const id = String(++requestIds);
  const hangUp = new AbortController();
  const gaveUp = new Promise<never>((_, fail) =>
    waiting.set(id, () => {
      hangUp.abort();
      fail(timedOut());
    }),
  );
  const signals = [hangUp.signal, ...(init?.signal ? [init.signal] : [])];
  try {
    return await Promise.race([
      fetch(input, {
        ...init,
        headers: {
          ...(init?.headers as Record<string, string>),
          [REQUEST_ID_HEADER]: id,
        },
        signal: AbortSignal.any(signals),
      }),
      gaveUp,
    ]);
  } finally {
    waiting.delete(id);
  }
};

beforeAll(async () => {
  server = await startServer();
  token = (await createUser(server, 'Sam Reporter', 'reporter')).token;
  proxy = await startChaosProxy(server.url, {
    holdMs: HOLD_MS,
    timeOut: (id) => waiting.get(id)?.(),
  });
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await server?.stop();
});

/** One step of a schedule. */
type Step =
  | { op: 'save'; screenshot: boolean }
  | { op: 'edit'; which: number }
  | { op: 'drain' }
  | { op: 'pull' }
  | { op: 'kill'; afterRequests: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('save' as const), screenshot: fc.boolean() }),
  fc.record({ op: fc.constant('edit' as const), which: fc.nat(5) }),
  fc.constant({ op: 'drain' as const }),
  fc.constant({ op: 'drain' as const }),
  fc.constant({ op: 'pull' as const }),
  fc.record({
    op: fc.constant('kill' as const),
    afterRequests: fc.integer({ min: 0, max: 3 }),
  }),
);

const fault: fc.Arbitrary<Fault> = fc.constantFrom<Fault>(
  'ok',
  'fail500',
  'dropBefore',
  'dropAfter',
  'delay',
  'duplicate',
  'reorder',
);

/** A fetch for one engine's lifetime; "killing" it leaves every later call hanging forever. */
function mortalFetch() {
  let alive = true;
  let sent = 0;
  let killAfter = Infinity;
  let onKilled: () => void = () => {};
  const killed = new Promise<void>((done) => (onKilled = done));
  const impl: typeof fetch = (input, init) => {
    if (!alive || sent >= killAfter) {
      alive = false;
      onKilled();
      return new Promise<Response>(() => {});
    }
    sent++;
    return namedFetch(input, init);
  };
  return {
    impl,
    killed,
    killAfter(n: number) {
      killAfter = sent + n;
    },
  };
}

function newEngine(clock: { now: number }, seed: number) {
  const net = mortalFetch();
  let cursor = '';
  let r = seed;
  const engine = new SyncEngine({
    client: new ServerClient(
      { serverUrl: proxy.url, token },
      net.impl,
      CLIENT_TIMEOUT_MS,
    ),
    cursor: { get: async () => cursor, set: async (c) => void (cursor = c) },
    now: () => clock.now,
    // A seeded generator keeps each schedule's backoff reproducible.
    random: () => (r = (r * 1103515245 + 12345) % 2 ** 31) / 2 ** 31,
  });
  return { engine, net };
}

async function serverCopy(
  id: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/api/v1/reports/${id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
  };
}

async function serverScreenshot(id: string): Promise<Uint8Array | null> {
  const res = await fetch(`${server.url}/api/v1/reports/${id}/screenshot`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return res.ok ? new Uint8Array(await res.arrayBuffer()) : null;
}

async function serverTotal(): Promise<number> {
  const res = await fetch(`${server.url}/api/v1/reports?mine=1&limit=1`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await res.json()) as { total: number }).total;
}

/** What the device saved, by report id: the latest version and its screenshot's bytes. */
type Saved = Map<string, { report: ReportInput; shot?: Uint8Array }>;

/** Saves a new report (with a screenshot when asked), as the reporter would, at `at`. */
async function saveNew(saved: Saved, run: number, at: number, shot: boolean) {
  const when = new Date(at).toISOString();
  const report = sampleReport({
    createdAt: when,
    updatedAt: when,
    whatHappened: `Run ${run}, report ${saved.size + 1}`,
    ...(shot
      ? {
          screenshot: {
            mediaType: 'image/png',
            width: 4,
            height: 4,
            redactions: [],
          },
        }
      : {}),
  });
  const bytes = shot ? pngBytes(4, (run * 7 + saved.size) % 256) : undefined;
  const blob = bytes
    ? new Blob([bytes as BlobPart], { type: 'image/png' })
    : undefined;
  // One clock for the device and the engine: an entry comes due on the engine's time.
  await saveReport(report, blob, () => at);
  saved.set(report.id, { report, shot: bytes });
}

/** Saves edit number `edit` of one of the saved reports, at `at`. */
async function editOne(saved: Saved, which: number, edit: number, at: number) {
  const [id, entry] = [...saved][which % saved.size]!;
  const edited = {
    ...entry.report,
    whatHappened: `${entry.report.whatHappened}, edit ${edit}`,
    updatedAt: new Date(at).toISOString(),
  };
  await saveReport(edited, undefined, () => at);
  saved.set(id, { ...entry, report: edited });
}

/** The network heals: late and held requests land, then sync runs until nothing moves. */
async function heal(engine: SyncEngine, clock: { now: number }) {
  proxy.schedule([]);
  await proxy.idle();
  const db = await getDb();
  for (let round = 0; round < 30; round++) {
    clock.now += 3_600_000;
    await engine.drain();
    const pulled = await engine.pull();
    if ((await db.count('outbox')) === 0 && pulled === 0) break;
  }
}

/** The server holds every saved report, latest content and screenshot; the device says "Sent". */
async function expectDelivered(saved: Saved) {
  const db = await getDb();
  expect(await db.count('outbox')).toBe(0);
  for (const [id, { report, shot }] of saved) {
    const copy = await serverCopy(id);
    expect(copy.status).toBe(200);
    expect(copy.body.whatHappened).toBe(report.whatHappened);
    expect(copy.body.updatedAt).toBe(report.updatedAt);
    if (shot)
      expect(Buffer.from((await serverScreenshot(id))!)).toEqual(
        Buffer.from(shot),
      );
    const record = (await db.get('reports', id))!;
    expect(syncLabel(record, true)).toBe('Sent');
  }
}

describe('sync under injected faults', () => {
  it(`delivers every report exactly once, latest content and screenshot, over ${RUNS} schedules`, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 8 }),
        fc.array(fault, { maxLength: 10 }),
        fc.nat(),
        async (steps, faults, seed) => {
          run++;
          await closeDb();
          globalThis.indexedDB = new IDBFactory();
          const clock = { now: Date.UTC(2026, 10, 27, 9) + run * 3_600_000 };
          const latest: Saved = new Map();
          let edits = 0;
          proxy.schedule(faults);
          let { engine, net } = newEngine(clock, seed);

          for (const s of steps) {
            clock.now += 1000;
            if (s.op === 'save') {
              await saveNew(latest, run, clock.now, s.screenshot);
            } else if (s.op === 'edit' && latest.size > 0) {
              await editOne(latest, s.which, ++edits, clock.now);
            } else if (s.op === 'drain') {
              await engine.drain();
            } else if (s.op === 'pull') {
              await engine.pull();
            } else if (s.op === 'kill') {
              // The worker dies after a few more requests, wherever the batch has got to.
              net.killAfter(s.afterRequests);
              await Promise.race([engine.drain(), net.killed]);
              ({ engine, net } = newEngine(clock, seed + 1));
            }
          }

          await heal(engine, clock);
          await expectDelivered(latest);
          expectedTotal += latest.size;
          expect(await serverTotal()).toBe(expectedTotal);
        },
      ),
      {
        numRuns: RUNS,
        seed: 20261127,
        endOnFailure: true,
        examples: [
          // An old version held back until after the new one: it lands last, and must not win.
          [
            [
              { op: 'save', screenshot: true },
              { op: 'drain' },
              { op: 'edit', which: 0 },
              { op: 'drain' },
            ],
            ['reorder'],
            1,
          ],
          // Committed, but the answer never arrives, then the worker dies.
          [
            [
              { op: 'save', screenshot: false },
              { op: 'kill', afterRequests: 1 },
              { op: 'drain' },
            ],
            ['dropAfter'],
            2,
          ],
        ],
      },
    );
  }, 600_000);
});
