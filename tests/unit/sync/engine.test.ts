import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/utils/db';
import { saveReport } from '@/utils/reports';
import {
  backoffDelay,
  BASE_DELAY_MS,
  MAX_DELAY_MS,
  SyncEngine,
  type Outcome,
  type ServerClient,
  type ServerReport,
} from '@/utils/sync';
import { syncLabel } from '@/utils/sync/state';
import type { ReportInput } from '@/protocol/report';
import { sampleReport } from '../fixtures';

function serverCopy(
  report: ReportInput,
  overrides: Partial<ServerReport> = {},
): ServerReport {
  return {
    ...report,
    serverSeq: 1,
    status: 'new',
    version: 1,
    votes: 0,
    duplicateOf: null,
    comments: [],
    author: { id: 'u1', name: 'Sam' },
    ...overrides,
  };
}

/** A client whose answers a test scripts, one per call. */
function scriptedClient(
  answers: Partial<
    Record<'putReport' | 'putScreenshot' | 'changes', Outcome<unknown>[]>
  >,
) {
  const calls: string[] = [];
  const next = (name: keyof typeof answers) => {
    calls.push(name);
    const answer = answers[name]?.shift();
    if (!answer) throw new Error(`no scripted answer for ${name}`);
    return Promise.resolve(answer);
  };
  const client = {
    putReport: () => next('putReport'),
    putScreenshot: () => next('putScreenshot'),
    changes: () => next('changes'),
  } as unknown as ServerClient;
  return { client, calls };
}

/** A fixed moment on the device and the engine alike: tests never read the real clock. */
const T0 = Date.UTC(2026, 10, 20, 9);
const atT0 = () => T0;

const memoryCursor = () => {
  let c = '';
  return { get: async () => c, set: async (v: string) => void (c = v) };
};

describe('backoff', () => {
  it('grows exponentially, jittered below the ceiling, and is capped', () => {
    expect(backoffDelay(1, () => 0.999)).toBeLessThan(BASE_DELAY_MS);
    expect(backoffDelay(3, () => 0.999)).toBeLessThan(BASE_DELAY_MS * 4);
    expect(backoffDelay(3, () => 0.999)).toBeGreaterThan(BASE_DELAY_MS * 2);
    expect(backoffDelay(50, () => 0.999)).toBeLessThan(MAX_DELAY_MS);
    expect(backoffDelay(5, () => 0)).toBe(0);
  });
});

describe('SyncEngine', () => {
  it('sends a saved report, empties the outbox and shows it as sent', async () => {
    const report = sampleReport();
    await saveReport(report, undefined, atT0);
    const { client } = scriptedClient({
      putReport: [{ kind: 'ok', status: 201, value: serverCopy(report) }],
    });
    const onChange = vi.fn();
    const result = await new SyncEngine({
      client,
      cursor: memoryCursor(),
      now: atT0,
      onChange,
    }).drain();
    expect(result).toMatchObject({ sent: 1, failed: 0, offline: false });
    const db = await getDb();
    expect(await db.count('outbox')).toBe(0);
    const record = (await db.get('reports', report.id))!;
    expect(syncLabel(record, true)).toBe('Sent');
    expect(record.server?.serverSeq).toBe(1);
    expect(onChange).toHaveBeenCalled();
  });

  it('keeps a report waiting, with a backoff, when the server is unreachable', async () => {
    const report = sampleReport();
    await saveReport(report, undefined, () => 1000);
    const { client } = scriptedClient({
      putReport: [
        {
          kind: 'network',
          cause: 'unreachable',
          message: 'the server could not be reached',
        },
      ],
    });
    const engine = new SyncEngine({
      client,
      cursor: memoryCursor(),
      now: () => 2000,
      random: () => 0.5,
    });
    const result = await engine.drain();
    expect(result.offline).toBe(true);
    const db = await getDb();
    const entry = (await db.get('outbox', report.id))!;
    expect(entry.attempts).toBe(1);
    expect(entry.dueAt).toBe(2000 + BASE_DELAY_MS / 2);
    expect(syncLabel((await db.get('reports', report.id))!, true)).toBe(
      'Waiting to send',
    );
    // Not due yet: a second drain sends nothing.
    expect((await engine.drain()).sent).toBe(0);
  });

  it('does not retry a 400 blindly: it shows the server’s message until the reporter retries', async () => {
    const report = sampleReport();
    await saveReport(report, undefined, atT0);
    const { client, calls } = scriptedClient({
      putReport: [
        {
          kind: 'http',
          status: 400,
          code: 'bad_request',
          message: 'body.trying: too long',
        },
        { kind: 'ok', status: 201, value: serverCopy(report) },
      ],
    });
    const engine = new SyncEngine({
      client,
      cursor: memoryCursor(),
      now: () => T0 + 10 ** 9,
    });
    expect((await engine.drain()).failed).toBe(1);
    const db = await getDb();
    expect(syncLabel((await db.get('reports', report.id))!, true)).toBe(
      'Could not send: body.trying: too long',
    );
    expect((await engine.drain()).sent).toBe(0);
    expect(calls).toEqual(['putReport']);
    await engine.retry(report.id);
    expect((await engine.drain()).sent).toBe(1);
    expect(syncLabel((await db.get('reports', report.id))!, true)).toBe('Sent');
  });

  it.each([
    [
      400,
      'body.trying: Remove the control character U+0000; only tab, line feed and carriage return may be sent',
    ],
    [403, 'Only the author may change this report'],
    [413, 'The request body is too large'],
    [415, 'This content type is not accepted here'],
  ])(
    'stops at a %i refusal with the server’s words, however much later it drains again',
    async (status, message) => {
      const report = sampleReport();
      await saveReport(report, undefined, atT0);
      const { client, calls } = scriptedClient({
        putReport: [{ kind: 'http', status, code: 'refused', message }],
      });
      let now = T0;
      const engine = new SyncEngine({
        client,
        cursor: memoryCursor(),
        now: () => now,
      });
      expect((await engine.drain()).failed).toBe(1);
      for (const later of [MAX_DELAY_MS, 7 * 24 * 3_600_000]) {
        now += later;
        expect((await engine.drain()).sent).toBe(0);
      }
      expect(calls).toEqual(['putReport']);
      const db = await getDb();
      expect(syncLabel((await db.get('reports', report.id))!, true)).toBe(
        `Could not send: ${message}`,
      );
    },
  );

  it.each([500, 503])(
    'keeps backing off after a %i and sends once the server recovers',
    async (status) => {
      const report = sampleReport();
      await saveReport(report, undefined, atT0);
      const { client, calls } = scriptedClient({
        putReport: [
          {
            kind: 'http',
            status,
            code: 'internal',
            message: 'Something went wrong on the server',
          },
          {
            kind: 'http',
            status,
            code: 'internal',
            message: 'Something went wrong on the server',
          },
          { kind: 'ok', status: 201, value: serverCopy(report) },
        ],
      });
      let now = T0;
      const engine = new SyncEngine({
        client,
        cursor: memoryCursor(),
        now: () => now,
        random: () => 0.5,
      });
      await engine.drain();
      const db = await getDb();
      expect(syncLabel((await db.get('reports', report.id))!, true)).toBe(
        'Waiting to send',
      );
      now += MAX_DELAY_MS;
      await engine.drain();
      now += MAX_DELAY_MS;
      expect((await engine.drain()).sent).toBe(1);
      expect(calls).toEqual(['putReport', 'putReport', 'putReport']);
      expect(syncLabel((await db.get('reports', report.id))!, true)).toBe(
        'Sent',
      );
    },
  );

  it('uploads the screenshot after its report, and retries both if the upload fails', async () => {
    const report = sampleReport({
      screenshot: {
        mediaType: 'image/png',
        width: 1,
        height: 1,
        redactions: [],
      },
    });
    await saveReport(
      report,
      new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }),
      atT0,
    );
    const { client, calls } = scriptedClient({
      putReport: [
        { kind: 'ok', status: 201, value: serverCopy(report) },
        { kind: 'ok', status: 200, value: serverCopy(report) },
      ],
      putScreenshot: [
        { kind: 'http', status: 503, code: 'unavailable', message: 'busy' },
        { kind: 'ok', status: 200, value: {} },
      ],
    });
    const clock = { now: T0 };
    const engine = new SyncEngine({
      client,
      cursor: memoryCursor(),
      now: () => clock.now,
    });
    expect((await engine.drain()).retrying).toBe(1);
    clock.now += MAX_DELAY_MS;
    await engine.drain();
    expect(calls).toEqual([
      'putReport',
      'putScreenshot',
      'putReport',
      'putScreenshot',
    ]);
    expect(await (await getDb()).count('outbox')).toBe(0);
  });

  it('keeps an edit made while the older version was in flight, and sends it next', async () => {
    const report = sampleReport();
    await saveReport(report, undefined, atT0);
    const edited = {
      ...report,
      whatHappened: 'Edited while sending',
      updatedAt: '2026-12-01T00:00:00.000Z',
    };
    const sent: string[] = [];
    const client = {
      putReport: async (r: ReportInput) => {
        sent.push(r.whatHappened);
        // The reporter saves an edit while the first version is on its way.
        if (sent.length === 1) await saveReport(edited, undefined, atT0);
        return { kind: 'ok', status: 201, value: serverCopy(r) };
      },
    } as unknown as ServerClient;
    await new SyncEngine({ client, cursor: memoryCursor(), now: atT0 }).drain();
    const db = await getDb();
    expect(sent).toEqual([report.whatHappened, 'Edited while sending']);
    expect(await db.count('outbox')).toBe(0);
    const record = (await db.get('reports', report.id))!;
    expect(record.sentVersion).toBe(2);
    expect(syncLabel(record, true)).toBe('Sent');
  });

  it('follows changes to the user’s reports and tells them what a reviewer did', async () => {
    const report = sampleReport();
    await saveReport(report, undefined, atT0);
    const { client } = scriptedClient({
      putReport: [{ kind: 'ok', status: 201, value: serverCopy(report) }],
      changes: [
        {
          kind: 'ok',
          status: 200,
          value: {
            changes: [
              {
                cursor: '7',
                report: serverCopy(report, {
                  serverSeq: 7,
                  status: 'fixed',
                  version: 2,
                }),
              },
              {
                cursor: '8',
                report: serverCopy(sampleReport(), { serverSeq: 8 }),
              },
            ],
            cursor: '8',
            hasMore: false,
          },
        },
      ],
    });
    const cursor = memoryCursor();
    const engine = new SyncEngine({
      client,
      cursor,
      now: atT0,
      describeChange: (before, after) =>
        before?.status !== after.status ? `now ${after.status}` : null,
    });
    await engine.drain();
    expect(await engine.pull()).toBe(1);
    const record = (await (await getDb()).get('reports', report.id))!;
    expect(record.server).toMatchObject({
      status: 'fixed',
      serverSeq: 7,
      unseenChange: 'now fixed',
    });
    expect(await cursor.get()).toBe('8');
  });

  it('sends again when an older copy overwrote the newer one on the server', async () => {
    const report = sampleReport({ updatedAt: '2026-12-02T00:00:00.000Z' });
    await saveReport(report, undefined, atT0);
    const stale = serverCopy(
      { ...report, updatedAt: '2026-12-01T00:00:00.000Z' },
      { serverSeq: 9 },
    );
    const { client, calls } = scriptedClient({
      putReport: [
        { kind: 'ok', status: 201, value: serverCopy(report) },
        {
          kind: 'ok',
          status: 200,
          value: serverCopy(report, { serverSeq: 10 }),
        },
      ],
      changes: [
        {
          kind: 'ok',
          status: 200,
          value: {
            changes: [{ cursor: '9', report: stale }],
            cursor: '9',
            hasMore: false,
          },
        },
      ],
    });
    const engine = new SyncEngine({
      client,
      cursor: memoryCursor(),
      now: atT0,
    });
    await engine.drain();
    await engine.pull();
    expect(await (await getDb()).count('outbox')).toBe(1);
    await engine.drain();
    expect(calls).toEqual(['putReport', 'changes', 'putReport']);
    expect(await (await getDb()).count('outbox')).toBe(0);
  });

  it('shares one run between overlapping drains', async () => {
    const report = sampleReport();
    await saveReport(report, undefined, atT0);
    const { client, calls } = scriptedClient({
      putReport: [{ kind: 'ok', status: 201, value: serverCopy(report) }],
    });
    const engine = new SyncEngine({
      client,
      cursor: memoryCursor(),
      now: atT0,
    });
    await Promise.all([engine.drain(), engine.drain(), engine.drain()]);
    expect(calls).toEqual(['putReport']);
  });

  it('probes one waiting report per tick while offline, and sends the rest once one gets through', async () => {
    const reports = [sampleReport(), sampleReport(), sampleReport()];
    for (const r of reports) await saveReport(r, undefined, () => 0);
    let online = false;
    const calls: string[] = [];
    const client = {
      putReport: async (r: ReportInput) => {
        calls.push(r.id);
        return online
          ? { kind: 'ok', status: 201, value: serverCopy(r) }
          : {
              kind: 'network',
              cause: 'unreachable',
              message: 'the server could not be reached',
            };
      },
    } as unknown as ServerClient;
    const engine = new SyncEngine({
      client,
      cursor: memoryCursor(),
      now: () => 1000,
      random: () => 0.99,
    });
    await engine.drain();
    expect(calls).toHaveLength(3);
    // Everything now waits out a backoff: a plain drain sends nothing, a probe sends one.
    expect((await engine.drain()).sent).toBe(0);
    expect(calls).toHaveLength(3);
    expect((await engine.drain({ probe: true })).retrying).toBe(1);
    expect(calls).toHaveLength(4);
    online = true;
    expect((await engine.drain({ probe: true })).sent).toBe(3);
    expect(await (await getDb()).count('outbox')).toBe(0);
  });

  it('gives every refused report another chance after reconnecting', async () => {
    const a = sampleReport();
    const b = sampleReport();
    await saveReport(a, undefined, atT0);
    await saveReport(b, undefined, atT0);
    const refused: Outcome<unknown> = {
      kind: 'http',
      status: 401,
      code: 'token_revoked',
      message: 'revoked',
    };
    const { client } = scriptedClient({
      putReport: [
        refused,
        refused,
        { kind: 'ok', status: 201, value: serverCopy(a) },
        { kind: 'ok', status: 201, value: serverCopy(b) },
      ],
    });
    const engine = new SyncEngine({
      client,
      cursor: memoryCursor(),
      now: atT0,
    });
    expect((await engine.drain()).failed).toBe(2);
    await engine.retryAll();
    expect((await engine.drain()).sent).toBe(2);
  });
});
