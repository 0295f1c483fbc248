/**
 * `PUT /reports/:id/anchoring`: how a report's notes anchored when its page was last open.
 * Anyone who may see the report may record it; reviewers read the latest observation of each
 * note in the report; recording is never an edit (no version, no change feed, no event).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import type { ChangesPage, ReportDetail } from '../../protocol/api';
import type { ReportSummary } from '../../protocol/need-to-know';
import type { ReportInput } from '../../protocol/report';
import {
  openTestApp,
  STORE_KINDS,
  TEST_NOW,
  type TestApp,
  type TestUser,
} from './support/harness';
import { makeReport } from './support/reports';

describe.each(STORE_KINDS)('anchoring observations (%s)', (kind) => {
  let t: TestApp;
  let clock = new Date(TEST_NOW);
  const base = makeReport({}, 2);
  const second = uuidv4();
  const report: ReportInput = {
    ...base,
    annotations: [
      ...base.annotations,
      {
        id: second,
        kind: 'element',
        note: 'Too small to read',
        selectors: [{ type: 'CssSelector', value: '#postcode' }],
      },
    ],
  };
  const first = base.annotations[0]!.id;

  const record = (
    who: TestUser | null,
    payload: unknown,
    options: { id?: string; url?: string } = {},
  ) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/reports/${options.id ?? report.id}/anchoring${
        options.url ? `?url=${encodeURIComponent(options.url)}` : ''
      }`,
      headers: who?.auth ?? {},
      payload: payload as object,
    });

  const read = async (who: TestUser) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${report.id}`,
      headers: who.auth,
    });
    expect(res.statusCode).toBe(200);
    return res.json<ReportDetail>();
  };

  beforeAll(async () => {
    t = await openTestApp(kind, {}, () => new Date(clock));
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/reports/${report.id}`,
      headers: t.reporter.auth,
      payload: report,
    });
    expect(put.statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it('refuses a body that is not one observation per note', async () => {
    const cases: [unknown, RegExp][] = [
      [
        { annotations: { [first]: 'lost' } },
        new RegExp(`annotations.${first}`),
      ],
      [{ annotations: { 'not-an-id': 'exact' } }, /annotations/],
      [{ annotations: { [first]: 'exact' }, extra: 1 }, /body/],
      [{}, /body.annotations/],
      [[], /body/],
      [
        {
          annotations: Object.fromEntries(
            Array.from({ length: 51 }, () => [uuidv4(), 'exact']),
          ),
        },
        /At most 50 notes/,
      ],
    ];
    for (const [payload, message] of cases) {
      const res = await record(t.reporter, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(
        message,
      );
    }
  });

  it('refuses a body over its size limit', async () => {
    const res = await record(t.reporter, {
      annotations: { [first]: 'exact' },
      padding: 'x'.repeat(20_000),
    });
    expect(res.statusCode).toBe(413);
  });

  it('refuses an annotation id the report does not have, recording nothing', async () => {
    const stranger = uuidv4();
    const res = await record(t.reporter, {
      annotations: { [first]: 'fuzzy', [stranger]: 'exact' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toBe(
      `body.annotations.${stranger}: this report has no note with this id`,
    );
    const seen = await read(t.reviewer);
    expect(seen.annotations.map((a) => a.lastSeen)).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('answers 404 for a report that does not exist, and 400 for a bad id', async () => {
    const body = { annotations: {} };
    expect((await record(t.reporter, body, { id: uuidv7() })).statusCode).toBe(
      404,
    );
    expect(
      (await record(t.reporter, body, { id: 'not-a-uuid' })).statusCode,
    ).toBe(400);
  });

  it('needs a signed-in caller who may see the report', async () => {
    const body = { annotations: { [first]: 'exact' } };
    expect((await record(null, body)).statusCode).toBe(401);
    // A colleague without the page is told nothing, as when reading it.
    expect((await record(t.otherReporter, body)).statusCode).toBe(404);
    expect(
      (
        await record(t.otherReporter, body, {
          url: 'https://elsewhere.example.org/',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await record(t.otherReporter, body, { url: report.page.url }))
        .statusCode,
    ).toBe(204);
    expect((await record(t.reviewer, body)).statusCode).toBe(204);
    expect((await record(t.admin, body)).statusCode).toBe(204);
  });

  it('keeps the latest observation of each note with the server’s time, and no edit', async () => {
    const before = await read(t.reviewer);
    const feed = async () =>
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/changes',
          headers: t.reviewer.auth,
        })
      ).json<ChangesPage>();
    const feedBefore = await feed();
    const events: unknown[] = [];
    const stop = t.store.onEvent((e) => events.push(e));

    clock = new Date(TEST_NOW.getTime() + 60_000);
    const one = await record(t.reporter, {
      annotations: { [first]: 'fuzzy', [second]: 'missing' },
    });
    expect(one.statusCode).toBe(204);
    expect(one.body).toBe('');
    clock = new Date(TEST_NOW.getTime() + 120_000);
    expect(
      (
        await record(
          t.otherReporter,
          { annotations: { [first]: 'contextual' } },
          {
            url: report.page.url,
          },
        )
      ).statusCode,
    ).toBe(204);

    const after = await read(t.reviewer);
    expect(after.annotations.map((a) => a.lastSeen)).toEqual([
      { quality: 'contextual', at: '2025-06-02T09:02:00.000Z' },
      { quality: 'missing', at: '2025-06-02T09:01:00.000Z' },
    ]);
    expect((await read(t.admin)).annotations).toEqual(after.annotations);
    expect(after.version).toBe(before.version);
    expect(after.serverSeq).toBe(before.serverSeq);
    expect(after.history).toEqual(before.history);
    expect(await feed()).toEqual(feedBefore);
    stop();
    expect(events).toEqual([]);
  });

  it('leaves it out of what a colleague reads, and out of the change feed', async () => {
    const summary = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${report.id}?url=${encodeURIComponent(report.page.url)}`,
      headers: t.otherReporter.auth,
    });
    expect(summary.json<ReportSummary>().view).toBe('summary');
    expect(summary.body).not.toContain('lastSeen');
    const changes = await t.app.inject({
      method: 'GET',
      url: '/api/v1/changes',
      headers: t.reporter.auth,
    });
    expect(changes.statusCode).toBe(200);
    expect(changes.body).toContain(report.id);
    expect(changes.body).not.toContain('lastSeen');
  });

  it('is documented in the OpenAPI document with its body', async () => {
    const doc = (await t.app.inject('/api/v1/openapi.json')).json<{
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    }>();
    const op = doc.paths['/api/v1/reports/{id}/anchoring']?.put;
    expect(op?.requestBody).toBeDefined();
    expect(JSON.stringify(doc)).toContain('lastSeen');
  });
});
