/**
 * Hostile and careless input: every case must get a clear JSON 4xx, and text must come back
 * exactly as sent, never interpreted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v4 as uuidv4 } from 'uuid';
import { MAX_TEXT } from '../../protocol/report';
import { openTestApp, type TestApp } from './support/harness';
import { makeReport } from './support/reports';

const API = '/api/v1';

describe('bad input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp('sqlite');
  });
  afterAll(() => t.close());

  const putRaw = (
    id: string,
    payload: string | Buffer,
    contentType = 'application/json',
  ) =>
    t.app.inject({
      method: 'PUT',
      url: `${API}/reports/${id}`,
      headers: { ...t.reporter.auth, 'content-type': contentType },
      payload,
    });

  function expectError(
    res: { statusCode: number; json: () => unknown },
    status: number,
  ) {
    expect(res.statusCode).toBe(status);
    expect(res.json()).toEqual({
      error: { code: expect.any(String), message: expect.any(String) },
    });
  }

  it('rejects malformed JSON with 400', async () => {
    const id = makeReport().id;
    expectError(await putRaw(id, '{"id": "oops",'), 400);
    expectError(await putRaw(id, 'null'), 400);
    expectError(await putRaw(id, '[]'), 400);
  });

  it('rejects prototype-poisoning keys', async () => {
    const report = makeReport();
    const body = JSON.stringify(report).replace(
      /^\{/,
      '{"__proto__":{"admin":true},',
    );
    expectError(await putRaw(report.id, body), 400);
  });

  it('rejects wrong types, naming the field', async () => {
    const report = makeReport();
    const res = await putRaw(
      report.id,
      JSON.stringify({ ...report, problems: 'hard-to-use' }),
    );
    expectError(res, 400);
    expect(
      (res.json() as { error: { message: string } }).error.message,
    ).toMatch(/^body\.problems/);
    expectError(
      await putRaw(
        report.id,
        JSON.stringify({ ...report, schemaVersion: '1' }),
      ),
      400,
    );
    expectError(
      await putRaw(report.id, JSON.stringify({ ...report, problems: [] })),
      400,
    );
  });

  it('rejects unknown fields instead of dropping them', async () => {
    const report = makeReport();
    expectError(
      await putRaw(report.id, JSON.stringify({ ...report, status: 'fixed' })),
      400,
    );
    expectError(
      await putRaw(
        report.id,
        JSON.stringify({ ...report, page: { ...report.page, extra: 1 } }),
      ),
      400,
    );
  });

  it('rejects fields over their schema length', async () => {
    const report = makeReport({ trying: 'x'.repeat(MAX_TEXT + 1) });
    expectError(await putRaw(report.id, JSON.stringify(report)), 400);
    const comment = await t.app.inject({
      method: 'POST',
      url: `${API}/reports/${report.id}/comments`,
      headers: t.reporter.auth,
      payload: { id: uuidv4(), body: 'y'.repeat(5001) },
    });
    expectError(comment, 400);
  });

  it('rejects bodies over 1 MiB with 413', async () => {
    const report = makeReport();
    const huge = JSON.stringify({
      ...report,
      padding: 'z'.repeat(1024 * 1024),
    });
    const res = await putRaw(report.id, huge);
    expectError(res, 413);
    expect((res.json() as { error: { code: string } }).error.code).toBe(
      'payload_too_large',
    );
  });

  it('rejects content types the route does not take with 415', async () => {
    const report = makeReport();
    expectError(
      await putRaw(report.id, JSON.stringify(report), 'text/plain'),
      415,
    );
    expectError(
      await putRaw(report.id, JSON.stringify(report), 'image/png'),
      415,
    );
  });

  it('rejects screenshots that are not really images', async () => {
    const report = makeReport();
    await putRaw(report.id, JSON.stringify(report));
    const url = `${API}/reports/${report.id}/screenshot`;
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const res = await t.app.inject({
      method: 'PUT',
      url,
      headers: { ...t.reporter.auth, 'content-type': 'image/png' },
      payload: html,
    });
    expectError(res, 415);
    const svg = await t.app.inject({
      method: 'PUT',
      url,
      headers: { ...t.reporter.auth, 'content-type': 'image/svg+xml' },
      payload: Buffer.from('<svg/>'),
    });
    expectError(svg, 415);
    const json = await t.app.inject({
      method: 'PUT',
      url,
      headers: t.reporter.auth,
      payload: { image: 'data' },
    });
    expectError(json, 415);
  });

  it.each([
    '..%2F..%2Fetc%2Fpasswd',
    "1'%20OR%20'1'%3D'1",
    '01a21b2e-1a85-73c6-b0c2-a8ab0d4a8ed7%3B%20DROP%20TABLE%20reports',
    '01A21B2E-1A85-73C6-B0C2-A8AB0D4A8ED7',
  ])('refuses the report id %s with 400', async (id) => {
    for (const suffix of ['', '/screenshot', '/comments']) {
      const method = suffix === '/comments' ? 'POST' : 'GET';
      const res = await t.app.inject({
        method,
        url: `${API}/reports/${id}${suffix}`,
        headers: t.reporter.auth,
        payload: method === 'POST' ? { id: uuidv4(), body: 'x' } : undefined,
      });
      expectError(res, 400);
    }
  });

  it('never resolves dot segments into another route', async () => {
    const res = await t.app.inject({
      url: `${API}/reports/../users`,
      headers: t.reporter.auth,
    });
    expect([400, 403, 404]).toContain(res.statusCode);
    expect(JSON.stringify(res.json())).not.toContain(t.admin.user.id);
  });

  it('treats SQL metacharacters in filters as plain text', async () => {
    for (const q of [
      "' OR 1=1 --",
      '%',
      '_',
      '\\',
      '"; DROP TABLE reports; --',
    ]) {
      const res = await t.app.inject({
        url: `${API}/reports?q=${encodeURIComponent(q)}&service=${encodeURIComponent(q)}`,
        headers: t.reviewer.auth,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ total: 0 });
    }
    expect((await t.app.inject({ url: `${API}/health` })).statusCode).toBe(200);
    expectError(
      await t.app.inject({
        url: `${API}/changes?since=1;DROP`,
        headers: t.reviewer.auth,
      }),
      400,
    );
    expectError(
      await t.app.inject({
        url: `${API}/reports?sort=id;DROP`,
        headers: t.reviewer.auth,
      }),
      400,
    );
  });

  it('stores HTML and script as given and serves it only as JSON data', async () => {
    const markup =
      '<img src=x onerror="alert(1)"><script>document.cookie</script>';
    const report = makeReport({ trying: markup, whatHappened: `"${markup}"` });
    report.page.title = markup;
    await putRaw(report.id, JSON.stringify(report));
    const res = await t.app.inject({
      url: `${API}/reports/${report.id}`,
      headers: t.reviewer.auth,
    });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.json()).toMatchObject({
      trying: markup,
      whatHappened: `"${markup}"`,
      page: { title: markup },
    });
    const commentId = uuidv4();
    await t.app.inject({
      method: 'POST',
      url: `${API}/reports/${report.id}/comments`,
      headers: t.reviewer.auth,
      payload: { id: commentId, body: markup },
    });
    const again = await t.app.inject({
      url: `${API}/reports/${report.id}`,
      headers: t.reviewer.auth,
    });
    expect(again.json().comments[0].body).toBe(markup);
  });

  it('rejects bad triage values', async () => {
    const report = makeReport();
    await putRaw(report.id, JSON.stringify(report));
    const url = `${API}/reports/${report.id}/triage`;
    for (const payload of [
      { baseVersion: 0, status: 'done' },
      { baseVersion: 0, usabilitySeverity: 5 },
      { status: 'fixed' },
      { baseVersion: -1 },
      { baseVersion: 0, duplicateOf: '../x' },
    ]) {
      expectError(
        await t.app.inject({
          method: 'PATCH',
          url,
          headers: t.reviewer.auth,
          payload,
        }),
        400,
      );
    }
  });

  it('rejects malformed Authorization headers with 401', async () => {
    for (const authorization of [
      'Bearer',
      'Basic dXNlcjpwYXNz',
      `Bearer ${t.reporter.token} extra`,
      `bearer${t.reporter.token}`,
    ]) {
      expectError(
        await t.app.inject({ url: `${API}/me`, headers: { authorization } }),
        401,
      );
    }
  });

  it('rejects bad admin input', async () => {
    expectError(
      await t.app.inject({
        method: 'POST',
        url: `${API}/users`,
        headers: t.admin.auth,
        payload: { name: 'X', role: 'superuser' },
      }),
      400,
    );
    expectError(
      await t.app.inject({
        method: 'POST',
        url: `${API}/users`,
        headers: t.admin.auth,
        payload: { name: '  ', role: 'reporter' },
      }),
      400,
    );
    expectError(
      await t.app.inject({
        method: 'PUT',
        url: `${API}/services`,
        headers: t.admin.auth,
        payload: [{ hostname: 'a b', pathPrefix: '/', name: 'x' }],
      }),
      400,
    );
    expectError(
      await t.app.inject({
        method: 'DELETE',
        url: `${API}/users/..%2F..`,
        headers: t.admin.auth,
      }),
      400,
    );
  });
});
