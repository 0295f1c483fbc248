/**
 * Text the stores cannot keep alike: control characters are refused with the same 400 on
 * SQLite and PostgreSQL, lone surrogates are made whole before a retry is compared, and only
 * web addresses may be reported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v4 as uuidv4 } from 'uuid';
import { reportInput } from '../../protocol/report';
import { cleanText, wellFormed } from '../../protocol/text';
import { openTestApp, STORE_KINDS, type TestApp } from './support/harness';
import { makeReport } from './support/reports';

const API = '/api/v1';

describe('the text rule in protocol/', () => {
  it('refuses every control character but tab, LF and CR, naming where', () => {
    for (const c of [
      '\u0000',
      '\u0007',
      '\u000B',
      '\u000C',
      '\u001B',
      '\u007F',
      '\u0085',
    ])
      expect(cleanText({ a: [`x${c}`] })).toMatchObject({
        ok: false,
        refusal: {
          path: ['a', 0],
          message: expect.stringMatching(/^Remove the control character U\+00/),
        },
      });
    expect(cleanText({ a: 'tab\tline\ncr\r' })).toEqual({
      ok: true,
      value: { a: 'tab\tline\ncr\r' },
    });
    expect(cleanText({ ['k\u0000']: 1 }).ok).toBe(false);
  });

  it('makes lone surrogates whole and keeps pairs', () => {
    expect(wellFormed('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc');
    expect(wellFormed('😀')).toBe('😀');
    expect(cleanText({ a: ['\uDBFF'] })).toEqual({
      ok: true,
      value: { a: ['\uFFFD'] },
    });
  });

  it('refuses nesting deeper than any body of ours, without recursing', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(cleanText(deep)).toMatchObject({ ok: false });
  });

  it('is part of the report schema, so the extension says it before sending', () => {
    const report = makeReport({ trying: 'paste\u0000d' });
    const result = reportInput.safeParse(report);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['trying']);
  });

  it('accepts http: and https: page addresses only', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'file:///etc/passwd',
      'ftp://x.example/',
    ])
      expect(
        reportInput.safeParse(
          makeReport({ page: { url, title: 't', service: '' } }),
        ).success,
      ).toBe(false);
    for (const url of [
      'http://intranet.example/x',
      'https://www.example-council.gov.uk/',
    ])
      expect(
        reportInput.safeParse(
          makeReport({ page: { url, title: 't', service: '' } }),
        ).success,
      ).toBe(true);
  });
});

describe.each(STORE_KINDS)('text input on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(kind);
  });
  afterAll(() => t.close());

  const put = (body: unknown, id = (body as { id: string }).id) =>
    t.app.inject({
      method: 'PUT',
      url: `${API}/reports/${id}`,
      headers: t.reporter.auth,
      payload: body as object,
    });

  it('refuses U+0000 anywhere in a report with a 400 that says where', async () => {
    const report = makeReport({ trying: 'before\u0000after' });
    const res = await put(report);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(
      /^body\.trying: Remove the control character U\+0000/,
    );
    const note = makeReport();
    note.page.title = 'Bins\u001B[31m';
    expect((await put(note)).statusCode).toBe(400);
  });

  it('refuses control characters in comments, triage, queries and sign-in', async () => {
    const report = makeReport();
    expect((await put(report)).statusCode).toBe(201);
    const comment = await t.app.inject({
      method: 'POST',
      url: `${API}/reports/${report.id}/comments`,
      headers: t.reporter.auth,
      payload: { id: uuidv4(), body: 'nul\u0000' },
    });
    expect(comment.statusCode).toBe(400);
    const triage = await t.app.inject({
      method: 'PATCH',
      url: `${API}/reports/${report.id}/triage`,
      headers: t.reviewer.auth,
      payload: { baseVersion: 1, assignee: 'Ann\u0000' },
    });
    expect(triage.statusCode).toBe(400);
    const search = await t.app.inject({
      url: `${API}/reports?q=%00`,
      headers: t.reviewer.auth,
    });
    expect(search.statusCode).toBe(400);
    expect(search.json().error.message).toMatch(/^query\.q: /);
    const session = await t.app.inject({
      method: 'POST',
      url: `${API}/session`,
      payload: { token: '\u0000' },
    });
    expect(session.statusCode).toBe(400);
  });

  it('answers a retried comment with a lone surrogate 200, not 409', async () => {
    const report = makeReport();
    expect((await put(report)).statusCode).toBe(201);
    const body = { id: uuidv4(), body: 'cut off mid-emoji \uD83D' };
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `${API}/reports/${report.id}/comments`,
        headers: { ...t.reporter.auth, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
    expect((await send()).statusCode).toBe(201);
    const retry = await send();
    expect(retry.statusCode).toBe(200);
    expect(retry.json().body).toBe('cut off mid-emoji \uFFFD');
  });

  it('answers a retried report with a lone surrogate 200, not 409', async () => {
    const report = makeReport({ whatHappened: 'half a pair \uDC00 here' });
    const send = () =>
      t.app.inject({
        method: 'PUT',
        url: `${API}/reports/${report.id}`,
        headers: { ...t.reporter.auth, 'content-type': 'application/json' },
        payload: JSON.stringify(report),
      });
    expect((await send()).statusCode).toBe(201);
    expect((await send()).statusCode).toBe(200);
  });

  it('refuses a page address that is not http: or https:', async () => {
    const report = makeReport();
    report.page.url = 'javascript:alert(document.cookie)';
    const res = await put(report);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(
      /^body\.page\.url: Only web page addresses/,
    );
  });
});
