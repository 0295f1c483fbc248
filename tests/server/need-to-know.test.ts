/**
 * Need to know: the server's personal-data check, and what a reporter reads of a colleague's
 * reports through every route that reads report data, on each store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportInput, StoredReport } from '../../protocol/report';
import {
  openTestApp,
  STORE_KINDS,
  type TestApp,
  type TestUser,
} from './support/harness';
import { makeReport, TINY_PNG } from './support/reports';
import { WITHHELD_TEXT } from '../../server/domain/need-to-know';

/** A valid NHS number (its check digit holds), as a resident's would be written. */
export const NHS_NUMBER = '943 476 5919';

async function put(t: TestApp, who: TestUser, report: ReportInput) {
  const res = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/reports/${report.id}`,
    headers: who.auth,
    payload: report,
  });
  expect(res.statusCode).toBe(201);
  return res.json<StoredReport>();
}

describe.each(STORE_KINDS)('personal-data check on save (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(kind);
  });
  afterAll(() => t.close());

  it('flags a report whose text, notes, quotes or title hold an identifier', async () => {
    const plain = await put(t, t.reporter, makeReport({}, 1));
    expect(plain.personalData).toBeUndefined();
    const inText = await put(
      t,
      t.reporter,
      makeReport({ whatHappened: `Resident ${NHS_NUMBER} was refused` }, 2),
    );
    expect(inText.personalData).toBe('flagged');
    const base = makeReport({}, 3);
    const inNote = await put(t, t.reporter, {
      ...base,
      annotations: base.annotations.map((a) => ({
        ...a,
        note: 'Email jo.bloggs@example.com about it',
      })),
    });
    expect(inNote.personalData).toBe('flagged');
    const title = makeReport({}, 5);
    const inTitle = await put(t, t.reporter, {
      ...title,
      page: { ...title.page, title: 'Case for SW1A 1AA' },
    });
    expect(inTitle.personalData).toBe('flagged');
  });

  it('lets reviewers filter by the flag', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/reports?personalData=flagged',
      headers: t.reviewer.auth,
    });
    expect(res.statusCode).toBe(200);
    const { reports } = res.json<{ reports: StoredReport[] }>();
    expect(reports).toHaveLength(3);
    expect(reports.every((r) => r.personalData === 'flagged')).toBe(true);
  });
});

/** Every key a colleague's summary may carry, and nothing more. */
const SUMMARY_KEYS = [
  'annotations',
  'author',
  'duplicateOf',
  'id',
  'page',
  'serverSeq',
  'status',
  'updatedAt',
  'version',
  'view',
  'votedByMe',
  'votes',
  'whatHappened',
].sort();

const PAGE = 'https://www.example-council.gov.uk/bins/apply';
const OTHER_PAGE = 'https://www.example-council.gov.uk/parking/apply';
const SECRET_NOTE = 'Colleague-only note about the case';
const SECRET_COMMENT = 'Reviewer-only discussion';

/** A report on `url` whose note and text are easy to look for in an answer. */
function reportOn(
  url: string,
  seed: number,
  whatHappened?: string,
  note = SECRET_NOTE,
) {
  const base = makeReport({}, seed);
  return {
    ...base,
    page: { ...base.page, url },
    trying: `Trying something private ${seed}`,
    ...(whatHappened ? { whatHappened } : {}),
    annotations: base.annotations.map((a) => ({ ...a, note })),
  };
}

describe.each(STORE_KINDS)('reporter A against reporter B (%s)', (kind) => {
  let t: TestApp;
  let a: TestUser;
  let b: TestUser;
  const own = reportOn(PAGE, 10, undefined, 'My own note');
  const theirs = reportOn(PAGE, 12);
  const flagged = reportOn(PAGE, 14, `Call the resident on ${NHS_NUMBER}`);
  const elsewhere = reportOn(OTHER_PAGE, 16);
  const call = (
    who: TestUser,
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who.auth,
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    t = await openTestApp(kind);
    a = t.reporter;
    b = t.otherReporter;
    await put(t, a, own);
    await put(t, b, theirs);
    await put(t, b, flagged);
    await put(t, b, elsewhere);
    for (const r of [own, theirs]) {
      const shot = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/reports/${r.id}/screenshot`,
        headers: { ...(r === own ? a : b).auth, 'content-type': 'image/png' },
        payload: TINY_PNG,
      });
      expect(shot.statusCode).toBe(204);
    }
    const comment = await call(
      t.reviewer,
      'POST',
      `/reports/${theirs.id}/comments`,
      {
        id: '0190a0a0-0000-7000-8000-000000000001',
        body: SECRET_COMMENT,
      },
    );
    expect(comment.statusCode).toBe(201);
    const triage = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/reports/${theirs.id}/triage`,
      headers: t.reviewer.auth,
      payload: {
        baseVersion: 0,
        assignee: 'Secret Assignee',
        status: 'triaged',
      },
    });
    expect(triage.statusCode).toBe(200);
    const vote = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/reports/${elsewhere.id}/votes/me`,
      headers: a.auth,
    });
    expect(vote.statusCode).toBe(200);
  });
  afterAll(() => t.close());

  /** Nothing in the answer that only B and reviewers may read. */
  function expectNoSecrets(text: string) {
    for (const secret of [
      SECRET_NOTE,
      SECRET_COMMENT,
      'Secret Assignee',
      'Trying something private 12',
      'Trying something private 14',
      b.user.name,
    ])
      expect(text).not.toContain(secret);
  }

  it('GET /reports/:id: own in full; a colleague’s only as a summary, and only on its page', async () => {
    const mine = await call(a, 'GET', `/reports/${own.id}`);
    expect(mine.json()).toMatchObject({ trying: own.trying, history: [] });
    expect((await call(a, 'GET', `/reports/${theirs.id}`)).statusCode).toBe(
      404,
    );
    const wrongPage = await call(
      a,
      'GET',
      `/reports/${theirs.id}?url=${encodeURIComponent(OTHER_PAGE)}`,
    );
    expect(wrongPage.statusCode).toBe(404);
    const onPage = await call(
      a,
      'GET',
      `/reports/${theirs.id}?url=${encodeURIComponent(PAGE)}`,
    );
    expect(onPage.statusCode).toBe(200);
    const summary = onPage.json<Record<string, unknown>>();
    expect(Object.keys(summary).sort()).toEqual(SUMMARY_KEYS);
    expect(summary).toMatchObject({
      view: 'summary',
      status: 'triaged',
      whatHappened: theirs.whatHappened,
    });
    expect(summary.annotations).toEqual(
      theirs.annotations.map((x) => ({ ...x, note: '' })),
    );
    expectNoSecrets(onPage.body);
  });

  it('shows a flagged colleague’s report only as “A colleague reported this place”', async () => {
    const res = await call(
      a,
      'GET',
      `/reports/${flagged.id}?url=${encodeURIComponent(PAGE)}`,
    );
    const summary = res.json<Record<string, unknown>>();
    expect(summary).toMatchObject({
      view: 'withheld',
      whatHappened: WITHHELD_TEXT,
    });
    expect(res.body).not.toContain('TextQuoteSelector');
    expect(res.body).not.toContain(NHS_NUMBER);
    expectNoSecrets(res.body);
  });

  it('shows the summary once a reviewer clears the flag', async () => {
    const clear = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/reports/${flagged.id}/personal-data`,
      headers: t.reviewer.auth,
    });
    expect(clear.json()).toMatchObject({ personalData: 'cleared' });
    const res = await call(
      a,
      'GET',
      `/reports/${flagged.id}?url=${encodeURIComponent(PAGE)}`,
    );
    expect(res.json()).toMatchObject({
      view: 'summary',
      whatHappened: flagged.whatHappened,
    });
  });

  it('GET /reports: own reports, or everyone’s on the page asked for, colleagues’ summarised', async () => {
    const onPage = await call(
      a,
      'GET',
      `/reports?url=${encodeURIComponent(PAGE)}`,
    );
    expect(onPage.statusCode).toBe(200);
    const { reports } = onPage.json<{ reports: Record<string, unknown>[] }>();
    const byId = new Map(reports.map((r) => [r.id, r]));
    expect([...byId.keys()].sort()).toEqual(
      [own.id, theirs.id, flagged.id].sort(),
    );
    expect(byId.get(own.id)).toMatchObject({ trying: own.trying });
    expect(byId.get(theirs.id)?.view).toBe('summary');
    expect(byId.get(flagged.id)?.view).toBe('summary');
    expectNoSecrets(onPage.body);
    const noPage = await call(a, 'GET', '/reports');
    expect(
      noPage.json<{ reports: { id: string }[] }>().reports.map((r) => r.id),
    ).toEqual([own.id]);
    for (const probe of [
      'q=private',
      'assignee=Secret%20Assignee',
      'sort=risk',
    ]) {
      const res = await call(
        a,
        'GET',
        `/reports?url=${encodeURIComponent(PAGE)}&${probe}`,
      );
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(
        /reporter/,
      );
    }
  });

  it('GET /changes: own reports, and the ones they voted for as summaries', async () => {
    const res = await call(a, 'GET', '/changes?since=0');
    const { changes } = res.json<{
      changes: { report: Record<string, unknown> }[];
    }>();
    const ids = changes.map((c) => c.report.id);
    expect(new Set(ids)).toEqual(new Set([own.id, elsewhere.id]));
    const voted = changes.find((c) => c.report.id === elsewhere.id)?.report;
    expect(voted).toMatchObject({ view: 'summary', votes: 1, votedByMe: true });
    expectNoSecrets(res.body);
  });

  it('the screenshot and comments of a colleague’s report are out of reach', async () => {
    expect(
      (await call(a, 'GET', `/reports/${own.id}/screenshot`)).statusCode,
    ).toBe(200);
    expect(
      (await call(a, 'GET', `/reports/${theirs.id}/screenshot`)).statusCode,
    ).toBe(404);
    const comment = await call(a, 'POST', `/reports/${theirs.id}/comments`, {
      id: '0190a0a0-0000-7000-8000-000000000002',
      body: 'Me too',
    });
    expect(comment.statusCode).toBe(403);
    const onOwn = await call(a, 'POST', `/reports/${own.id}/comments`, {
      id: '0190a0a0-0000-7000-8000-000000000003',
      body: 'More detail',
    });
    expect(onOwn.statusCode).toBe(201);
  });

  it('exports and /events are for reviewers only', async () => {
    for (const path of ['/export.csv', '/export.jsonld', '/events'])
      expect((await call(a, 'GET', path)).statusCode).toBe(403);
  });

  it('reviewers and the author read everything', async () => {
    for (const who of [t.reviewer, t.admin, b]) {
      const res = await call(who, 'GET', `/reports/${theirs.id}`);
      expect(res.json()).toMatchObject({
        trying: theirs.trying,
        assignee: 'Secret Assignee',
        comments: [{ body: SECRET_COMMENT }],
      });
    }
    const all = await call(t.reviewer, 'GET', '/changes?since=0');
    expect(
      all.json<{ changes: unknown[] }>().changes.length,
    ).toBeGreaterThanOrEqual(4);
  });
});
