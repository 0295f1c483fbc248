/**
 * Retention on an injected clock, and the audit log: what it records, that it holds no report
 * text, and that only admins read it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../protocol/audit';
import type { ReportDetail } from '../../protocol/api';
import { retentionCutoff } from '../../server/domain/retention';
import { describeRun, runRetention } from '../../server/retention';
import {
  openTestApp,
  STORE_KINDS,
  TEST_NOW,
  type TestApp,
} from './support/harness';
import { makeReport, TINY_PNG } from './support/reports';

const DAY = 86_400_000;
const SECRET = 'Penhaligon Weatherby';

describe('retention cutoff', () => {
  it('counts whole days back from the clock it is given', () => {
    expect(retentionCutoff(new Date('2025-06-30T12:00:00Z'), 30)).toBe(
      '2025-05-31T12:00:00.000Z',
    );
  });
});

describe.each(STORE_KINDS)('retention and audit (%s)', (kind) => {
  let t: TestApp;
  let clock = TEST_NOW.getTime();
  const closedLong = makeReport({ whatHappened: `Shows ${SECRET}` }, 1);
  const closedRecently = makeReport({}, 2);
  const open = makeReport({}, 3);

  const as = (
    who: TestApp['admin'],
    method: 'GET' | 'PATCH' | 'PUT' | 'POST',
    url: string,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who.auth,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  beforeAll(async () => {
    t = await openTestApp(kind, {}, () => new Date(clock));
    for (const r of [closedLong, closedRecently, open]) {
      expect(
        (await as(t.reporter, 'PUT', `/reports/${r.id}`, r)).statusCode,
      ).toBe(201);
      await t.app.inject({
        method: 'PUT',
        url: `/api/v1/reports/${r.id}/screenshot`,
        headers: { ...t.reporter.auth, 'content-type': 'image/png' },
        payload: TINY_PNG,
      });
    }
    // Closed 40 days before the run; the other closed 10 days before.
    expect(
      (
        await as(t.reviewer, 'PATCH', `/reports/${closedLong.id}/triage`, {
          baseVersion: 0,
          status: 'fixed',
        })
      ).statusCode,
    ).toBe(200);
    clock += 30 * DAY;
    await as(t.reviewer, 'PATCH', `/reports/${closedRecently.id}/triage`, {
      baseVersion: 0,
      status: 'wont-fix',
    });
    await as(t.reviewer, 'PATCH', `/reports/${open.id}/triage`, {
      baseVersion: 0,
      status: 'in-progress',
    });
    clock += 10 * DAY;
  });
  afterAll(() => t.close());

  it('lists on a dry run exactly what is due, and changes nothing', async () => {
    const run = await runRetention(t.store, 30, new Date(clock), true);
    expect(run.items.map((i) => i.id)).toEqual([closedLong.id]);
    expect(describeRun(run, true).at(-1)).toMatch(/^Would delete 1 screenshot/);
    expect(
      (await as(t.reviewer, 'GET', `/reports/${closedLong.id}/screenshot`))
        .statusCode,
    ).toBe(200);
  });

  it('deletes the screenshot and anonymises the reporter of what is due, once', async () => {
    const run = await runRetention(t.store, 30, new Date(clock), false);
    expect(run).toMatchObject({
      screenshotsDeleted: 1,
      reportersAnonymised: 1,
    });
    expect(
      (await as(t.reviewer, 'GET', `/reports/${closedLong.id}/screenshot`))
        .statusCode,
    ).toBe(404);
    const report = (
      await as(t.reviewer, 'GET', `/reports/${closedLong.id}`)
    ).json<ReportDetail>();
    expect(report.author.name).toBe('Former reporter');
    for (const id of [closedRecently.id, open.id])
      expect(
        (await as(t.reviewer, 'GET', `/reports/${id}/screenshot`)).statusCode,
      ).toBe(200);
    expect(
      (await runRetention(t.store, 30, new Date(clock), false)).items,
    ).toEqual([]);
    // The former reporter is nobody an admin manages.
    const users = (await as(t.admin, 'GET', '/users')).json<
      { name: string }[]
    >();
    expect(users.map((u) => u.name)).not.toContain('Former reporter');
  });

  it('records triage, exports with filters, sign-ins and retention, without report text', async () => {
    await as(t.reviewer, 'GET', '/export.csv?status=fixed');
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { token: t.reviewer.token },
    });
    const res = await as(t.admin, 'GET', '/audit?limit=100');
    expect(res.statusCode).toBe(200);
    const { entries } = res.json<AuditPage>();
    const actions = entries.map((e) => e.action);
    for (const action of ['triage', 'export', 'sign-in', 'retention'])
      expect(actions).toContain(action);
    expect(entries.find((e) => e.action === 'export')).toMatchObject({
      actor: { name: 'Rita Reviewer' },
      detail: { format: 'csv', filters: { status: ['fixed'] } },
      address: '127.0.0.1',
    });
    expect(
      entries.find((e) => e.action === 'triage' && e.target === closedLong.id),
    ).toMatchObject({ detail: { fields: ['status'] } });
    expect(res.body).not.toContain(SECRET);
    const csv = await as(t.admin, 'GET', '/audit.csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toContain('retention');
    expect(csv.body).not.toContain(SECRET);
  });

  it('is for admins only', async () => {
    for (const who of [t.reviewer, t.reporter]) {
      expect((await as(who, 'GET', '/audit')).statusCode).toBe(403);
      expect((await as(who, 'GET', '/audit.csv')).statusCode).toBe(403);
    }
  });
});
