/**
 * API v1 over HTTP semantics (Fastify `inject`), against both stores.
 */
import { LATEST_MIGRATION } from '../../server/store/migrations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v4 as uuidv4 } from 'uuid';
import type { StoredReport } from '../../protocol/report';
import { openTestApp, STORE_KINDS, type TestApp } from './support/harness';
import { makeReport, TINY_PNG } from './support/reports';

const API = '/api/v1';

describe.each(STORE_KINDS)('API v1 on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(kind);
  });
  afterAll(() => t.close());

  const put = (report: ReturnType<typeof makeReport>, auth = t.reporter.auth) =>
    t.app.inject({
      method: 'PUT',
      url: `${API}/reports/${report.id}`,
      headers: auth,
      payload: report,
    });

  it('answers health without auth, naming the store and migration', async () => {
    const res = await t.app.inject(`${API}/health`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      service: 'snag',
      status: 'ok',
      store: kind,
      migration: LATEST_MIGRATION,
      version: '0.1.0',
    });
  });

  it('serves branding config and an OpenAPI document listing every route', async () => {
    expect((await t.app.inject(`${API}/config`)).json()).toEqual({
      councilName: 'Your council',
      colour: '#1d5d6b',
    });
    const doc = (await t.app.inject(`${API}/openapi.json`)).json() as {
      openapi: string;
      paths: Record<string, object>;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const route of t.app.apiRoutes) {
      const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(doc.paths[path], path).toHaveProperty(route.method.toLowerCase());
    }
  });

  it('tells a token who it belongs to', async () => {
    const res = await t.app.inject({
      url: `${API}/me`,
      headers: t.reviewer.auth,
    });
    expect(res.json()).toEqual({
      id: t.reviewer.user.id,
      name: 'Rita Reviewer',
      role: 'reviewer',
      team: 'digital',
    });
  });

  it('makes PUT idempotent: 201, then 200 with no new change, then a new version, and 403 for others', async () => {
    const report = makeReport({}, 1);
    const first = await put(report);
    expect(first.statusCode).toBe(201);
    const stored = first.json() as StoredReport;
    expect(stored).toMatchObject({
      id: report.id,
      status: 'new',
      author: { id: t.reporter.user.id },
    });

    const again = await put(report);
    expect(again.statusCode).toBe(200);
    expect((again.json() as StoredReport).serverSeq).toBe(stored.serverSeq);
    const feed = await t.app.inject({
      url: `${API}/changes?since=${stored.serverSeq}`,
      headers: t.reporter.auth,
    });
    expect(feed.json().changes).toEqual([]);

    const edited = await put({ ...report, trying: 'Something else' });
    expect(edited.statusCode).toBe(200);
    expect((edited.json() as StoredReport).serverSeq).toBeGreaterThan(
      stored.serverSeq,
    );

    const stolen = await put(
      { ...report, trying: 'Mine now' },
      t.otherReporter.auth,
    );
    expect(stolen.statusCode).toBe(403);
    expect(stolen.json().error.code).toBe('forbidden');
  });

  it('refuses a body whose id differs from the path', async () => {
    const report = makeReport({}, 2);
    const res = await t.app.inject({
      method: 'PUT',
      url: `${API}/reports/${makeReport().id}`,
      headers: t.reporter.auth,
      payload: report,
    });
    expect(res.statusCode).toBe(400);
  });

  it('reads one report with comments, votes and history, and 404s unknown ids', async () => {
    const report = makeReport({}, 3);
    await put(report);
    const commentId = uuidv4();
    const c1 = await t.app.inject({
      method: 'POST',
      url: `${API}/reports/${report.id}/comments`,
      headers: t.reviewer.auth,
      payload: { id: commentId, body: 'On it' },
    });
    expect(c1.statusCode).toBe(201);
    expect(c1.json()).toMatchObject({
      id: commentId,
      body: 'On it',
      author: { name: 'Rita Reviewer', team: 'digital' },
    });
    const c2 = await t.app.inject({
      method: 'POST',
      url: `${API}/reports/${report.id}/comments`,
      headers: t.reviewer.auth,
      payload: { id: commentId, body: 'On it' },
    });
    expect(c2.statusCode).toBe(200);
    const clash = await t.app.inject({
      method: 'POST',
      url: `${API}/reports/${report.id}/comments`,
      headers: t.reviewer.auth,
      payload: { id: commentId, body: 'Changed' },
    });
    expect(clash.statusCode).toBe(409);

    const vote = await t.app.inject({
      method: 'PUT',
      url: `${API}/reports/${report.id}/votes/me`,
      headers: t.otherReporter.auth,
    });
    expect(vote.json()).toEqual({ votes: 1, votedByMe: true });
    await t.app.inject({
      method: 'PATCH',
      url: `${API}/reports/${report.id}/triage`,
      headers: t.reviewer.auth,
      payload: { baseVersion: 0, securityRisk: 4 },
    });

    // A colleague reads only a summary (tests/server/need-to-know.test.ts); a reviewer, all.
    const got = await t.app.inject({
      url: `${API}/reports/${report.id}`,
      headers: t.reviewer.auth,
    });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({
      votes: 1,
      votedByMe: false,
      comments: [{ id: commentId }],
      securityRisk: 4,
      history: [
        {
          author: { name: 'Rita Reviewer', team: 'digital' },
          changes: { securityRisk: [null, 4] },
        },
      ],
    });
    const unvote = await t.app.inject({
      method: 'DELETE',
      url: `${API}/reports/${report.id}/votes/me`,
      headers: t.otherReporter.auth,
    });
    expect(unvote.json()).toEqual({ votes: 0, votedByMe: false });

    const missing = await t.app.inject({
      url: `${API}/reports/${makeReport().id}`,
      headers: t.reporter.auth,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: { code: 'not_found', message: expect.any(String) },
    });
  });

  it('answers a stale triage with 409, the current report and who changed it', async () => {
    const report = makeReport({}, 4);
    await put(report);
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `${API}/reports/${report.id}/triage`,
      headers: t.reviewer.auth,
      payload: {
        baseVersion: 0,
        status: 'in-progress',
        assignee: 'IT service desk',
      },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      version: 1,
      status: 'in-progress',
      assignee: 'IT service desk',
    });
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `${API}/reports/${report.id}/triage`,
      headers: t.admin.auth,
      payload: { baseVersion: 0, status: 'fixed' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      error: { code: 'conflict' },
      current: { id: report.id, version: 1, status: 'in-progress' },
      changedBy: {
        id: t.reviewer.user.id,
        name: 'Rita Reviewer',
        team: 'digital',
      },
    });
    const dup = await t.app.inject({
      method: 'PATCH',
      url: `${API}/reports/${report.id}/triage`,
      headers: t.admin.auth,
      payload: { baseVersion: 1, duplicateOf: report.id },
    });
    expect(dup.statusCode).toBe(400);
  });

  it('lists with filters, paging and totals', async () => {
    const mine = await t.app.inject({
      url: `${API}/reports?mine=1&limit=1`,
      headers: t.reporter.auth,
    });
    const page = mine.json() as {
      reports: StoredReport[];
      cursor: string | null;
      total: number;
    };
    expect(page.reports).toHaveLength(1);
    expect(page.total).toBeGreaterThan(1);
    expect(page.cursor).toBe('1');
    const next = await t.app.inject({
      url: `${API}/reports?mine=1&limit=1&cursor=${page.cursor}`,
      headers: t.reporter.auth,
    });
    expect(next.json().reports[0].id).not.toBe(page.reports[0]?.id);
    const none = await t.app.inject({
      url: `${API}/reports?mine=1`,
      headers: t.otherReporter.auth,
    });
    expect(none.json()).toEqual({ reports: [], cursor: null, total: 0 });
    const byStatus = await t.app.inject({
      url: `${API}/reports?status=in-progress,triaged&risk=none`,
      headers: t.reviewer.auth,
    });
    expect(byStatus.json().reports.map((r: StoredReport) => r.status)).toEqual([
      'in-progress',
    ]);
    const byUrl = await t.app.inject({
      url: `${API}/reports?url=${encodeURIComponent('https://www.example-council.gov.uk/parking/apply')}`,
      headers: t.reporter.auth,
    });
    expect(
      byUrl
        .json()
        .reports.every((r: StoredReport) =>
          r.page.url.endsWith('/parking/apply'),
        ),
    ).toBe(true);
    expect(
      (
        await t.app.inject({
          url: `${API}/reports?limit=201`,
          headers: t.reporter.auth,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await t.app.inject({
          url: `${API}/reports?status=open`,
          headers: t.reporter.auth,
        })
      ).statusCode,
    ).toBe(400);
  });

  it('pages through /changes without skipping or repeating', async () => {
    const seen: string[] = [];
    let cursor = '0';
    for (;;) {
      const res = await t.app.inject({
        url: `${API}/changes?since=${cursor}&limit=2`,
        headers: t.reporter.auth,
      });
      const page = res.json() as {
        changes: { cursor: string; report: StoredReport }[];
        cursor: string;
        hasMore: boolean;
      };
      seen.push(...page.changes.map((c) => c.report.id));
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const all = await t.app.inject({
      url: `${API}/reports?limit=200`,
      headers: t.reporter.auth,
    });
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(
      all
        .json()
        .reports.map((r: StoredReport) => r.id)
        .sort(),
    );
    expect(
      (
        await t.app.inject({
          url: `${API}/changes?limit=501`,
          headers: t.reporter.auth,
        })
      ).statusCode,
    ).toBe(400);
  });

  it('takes screenshots whose bytes match their type, from the author only', async () => {
    const report = makeReport({}, 5);
    await put(report);
    const url = `${API}/reports/${report.id}/screenshot`;
    const up = await t.app.inject({
      method: 'PUT',
      url,
      headers: { ...t.reporter.auth, 'content-type': 'image/png' },
      payload: TINY_PNG,
    });
    expect(up.statusCode).toBe(204);
    const down = await t.app.inject({ url, headers: t.reviewer.auth });
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('image/png');
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(down.rawPayload.equals(TINY_PNG)).toBe(true);
    const other = await t.app.inject({
      method: 'PUT',
      url,
      headers: { ...t.otherReporter.auth, 'content-type': 'image/png' },
      payload: TINY_PNG,
    });
    expect(other.statusCode).toBe(403);
    const byAdmin = await t.app.inject({
      method: 'PUT',
      url,
      headers: { ...t.admin.auth, 'content-type': 'image/png' },
      payload: TINY_PNG,
    });
    expect(byAdmin.statusCode).toBe(204);
    const lying = await t.app.inject({
      method: 'PUT',
      url,
      headers: { ...t.reporter.auth, 'content-type': 'image/jpeg' },
      payload: TINY_PNG,
    });
    expect(lying.statusCode).toBe(415);
    const nobody = await t.app.inject({
      method: 'PUT',
      url: `${API}/reports/${makeReport().id}/screenshot`,
      headers: { ...t.reporter.auth, 'content-type': 'image/png' },
      payload: TINY_PNG,
    });
    expect(nobody.statusCode).toBe(404);
    const tooBig = Buffer.concat([TINY_PNG, Buffer.alloc(5 * 1024 * 1024)]);
    const big = await t.app.inject({
      method: 'PUT',
      url,
      headers: { ...t.reporter.auth, 'content-type': 'image/png' },
      payload: tooBig,
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('payload_too_large');
  });

  it('exports CSV and W3C Web Annotation JSON-LD with the list filters', async () => {
    const csv = await t.app.inject({
      url: `${API}/export.csv`,
      headers: t.reviewer.auth,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(
      /^"id","receivedAt","createdAt","service","pageUrl"/,
    );
    const total = (
      await t.app.inject({
        url: `${API}/reports?limit=1`,
        headers: t.reviewer.auth,
      })
    ).json().total as number;
    expect(lines.length - 1).toBe(total);

    const filtered = await t.app.inject({
      url: `${API}/export.jsonld?status=in-progress`,
      headers: t.reviewer.auth,
    });
    const doc = filtered.json() as {
      '@context': unknown[];
      type: string;
      first: {
        items: Array<{
          type: string;
          target: { source: { id: string }; selector: { type: string }[] };
        }>;
      };
    };
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc.first.items.length).toBeGreaterThan(0);
    for (const item of doc.first.items) {
      expect(item.type).toBe('Annotation');
      expect(item.target.source.id).toMatch(/^https:\/\//);
      expect(item.target.selector[0]?.type).toBe('TextQuoteSelector');
    }
  });

  it('neutralises spreadsheet formulas in the CSV but stores them as given', async () => {
    const report = makeReport(
      { trying: '=HYPERLINK("http://evil","click")' },
      6,
    );
    await put(report);
    const csv = await t.app.inject({
      url: `${API}/export.csv?q=${encodeURIComponent('hyperlink')}`,
      headers: t.reviewer.auth,
    });
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil"",""click"")"`);
    const stored = await t.app.inject({
      url: `${API}/reports/${report.id}`,
      headers: t.reviewer.auth,
    });
    expect(stored.json().trying).toBe(report.trying);
  });

  it('gives reviewers the matrix and trends', async () => {
    const matrix = await t.app.inject({
      url: `${API}/stats/matrix`,
      headers: t.reviewer.auth,
    });
    const body = matrix.json() as {
      cells: {
        usabilitySeverity: number | null;
        securityRisk: number | null;
        count: number;
      }[];
      total: number;
    };
    expect(body.total).toBe(body.cells.reduce((n, c) => n + c.count, 0));
    expect(body.cells.some((c) => c.securityRisk === 4)).toBe(true);
    const trends = await t.app.inject({
      url: `${API}/stats/trends?weeks=4`,
      headers: t.reviewer.auth,
    });
    expect(trends.statusCode).toBe(200);
    expect(trends.json().weeks).toHaveLength(4);
    expect(
      (
        await t.app.inject({
          url: `${API}/stats/trends?weeks=0`,
          headers: t.reviewer.auth,
        })
      ).statusCode,
    ).toBe(400);
  });

  it('lets admins manage users; a revoked token stops working at once', async () => {
    const made = await t.app.inject({
      method: 'POST',
      url: `${API}/users`,
      headers: t.admin.auth,
      payload: { name: 'Temp Lead', role: 'reviewer', team: 'it' },
    });
    expect(made.statusCode).toBe(201);
    const user = made.json() as { id: string; token: string; role: string };
    expect(user.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const auth = { authorization: `Bearer ${user.token}` };
    expect(
      (await t.app.inject({ url: `${API}/me`, headers: auth })).json().team,
    ).toBe('it');
    const list = await t.app.inject({
      url: `${API}/users`,
      headers: t.admin.auth,
    });
    expect(JSON.stringify(list.json())).not.toContain(user.token);
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `${API}/users/${user.id}`,
          headers: t.admin.auth,
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ url: `${API}/me`, headers: auth })).statusCode,
    ).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `${API}/users/${user.id}`,
          headers: t.admin.auth,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('keeps a service catalogue and re-applies it', async () => {
    const catalogue = [
      {
        hostname: 'www.example-council.gov.uk',
        pathPrefix: '/bins',
        name: 'Waste and recycling',
      },
    ];
    const saved = await t.app.inject({
      method: 'PUT',
      url: `${API}/services`,
      headers: t.admin.auth,
      payload: catalogue,
    });
    expect(saved.json()).toEqual(catalogue);
    const again = await t.app.inject({
      method: 'POST',
      url: `${API}/services/reapply`,
      headers: t.admin.auth,
    });
    expect(again.json().changed).toBeGreaterThan(0);
    const bins = await t.app.inject({
      url: `${API}/reports?service=${encodeURIComponent('Waste and recycling')}`,
      headers: t.reviewer.auth,
    });
    expect(bins.json().total).toBeGreaterThan(0);
    const dupes = await t.app.inject({
      method: 'PUT',
      url: `${API}/services`,
      headers: t.admin.auth,
      payload: [...catalogue, ...catalogue],
    });
    expect(dupes.statusCode).toBe(400);
  });

  it('signs in with a token into an HttpOnly SameSite=Strict cookie guarded by a CSRF token', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: `${API}/session`,
      payload: { token: 'nope-nope-nope-nope' },
    });
    expect(bad.statusCode).toBe(401);
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/session`,
      payload: { token: t.reviewer.token },
    });
    expect(res.statusCode).toBe(200);
    const { user, csrfToken } = res.json() as {
      user: { name: string };
      csrfToken: string;
    };
    expect(user.name).toBe('Rita Reviewer');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/snag_session=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/);
    const cookie = setCookie.split(';')[0] ?? '';

    expect(
      (
        await t.app.inject({ url: `${API}/session`, headers: { cookie } })
      ).json().csrfToken,
    ).toBe(csrfToken);
    expect(
      (await t.app.inject({ url: `${API}/reports`, headers: { cookie } }))
        .statusCode,
    ).toBe(200);
    const report = makeReport({}, 7);
    const noCsrf = await t.app.inject({
      method: 'PUT',
      url: `${API}/reports/${report.id}`,
      headers: { cookie },
      payload: report,
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf');
    const withCsrf = await t.app.inject({
      method: 'PUT',
      url: `${API}/reports/${report.id}`,
      headers: { cookie, 'x-csrf-token': csrfToken },
      payload: report,
    });
    expect(withCsrf.statusCode).toBe(201);

    const out = await t.app.inject({
      method: 'DELETE',
      url: `${API}/session`,
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(out.statusCode).toBe(204);
    expect(
      (await t.app.inject({ url: `${API}/session`, headers: { cookie } }))
        .statusCode,
    ).toBe(401);
  });

  it('ends sessions when the user is revoked', async () => {
    const made = (
      await t.app.inject({
        method: 'POST',
        url: `${API}/users`,
        headers: t.admin.auth,
        payload: { name: 'Short Stay', role: 'reviewer' },
      })
    ).json();
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/session`,
      payload: { token: made.token },
    });
    const cookie = String(res.headers['set-cookie']).split(';')[0] ?? '';
    expect(
      (await t.app.inject({ url: `${API}/me`, headers: { cookie } }))
        .statusCode,
    ).toBe(200);
    await t.app.inject({
      method: 'DELETE',
      url: `${API}/users/${made.id}`,
      headers: t.admin.auth,
    });
    expect(
      (await t.app.inject({ url: `${API}/me`, headers: { cookie } }))
        .statusCode,
    ).toBe(401);
  });

  it('allows CORS only from extension origins', async () => {
    const ext = await t.app.inject({
      method: 'OPTIONS',
      url: `${API}/reports`,
      headers: {
        origin: 'chrome-extension://abcdefghijklmnop',
        'access-control-request-method': 'PUT',
      },
    });
    expect(ext.headers['access-control-allow-origin']).toBe(
      'chrome-extension://abcdefghijklmnop',
    );
    const ff = await t.app.inject({
      url: `${API}/health`,
      headers: { origin: 'moz-extension://1234-abcd' },
    });
    expect(ff.headers['access-control-allow-origin']).toBe(
      'moz-extension://1234-abcd',
    );
    const web = await t.app.inject({
      url: `${API}/health`,
      headers: { origin: 'https://evil.example' },
    });
    expect(web.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('dashboard pages and limits', () => {
  it('serves a "not built" page with security headers when the dashboard is missing', async () => {
    const t = await openTestApp('sqlite');
    try {
      const res = await t.app.inject('/');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('npm run build:web');
      expect(res.headers['content-security-policy']).toContain(
        "frame-ancestors 'none'",
      );
      expect(res.headers['content-security-policy']).toContain(
        "script-src 'self'",
      );
      expect(res.headers['content-security-policy']).not.toMatch(
        /script-src[^;]*unsafe-inline/,
      );
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      const api404 = await t.app.inject('/api/v1/nope');
      expect(api404.json()).toEqual({
        error: { code: 'not_found', message: 'No such API route' },
      });
    } finally {
      await t.close();
    }
  });

  it('rate-limits per token with a JSON 429', async () => {
    const t = await openTestApp('sqlite', { rateLimit: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++)
        codes.push(
          (await t.app.inject({ url: '/api/v1/me', headers: t.reporter.auth }))
            .statusCode,
        );
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const limited = await t.app.inject({
        url: '/api/v1/me',
        headers: t.reporter.auth,
      });
      expect(limited.json().error.code).toBe('rate_limited');
      // Another person's token has its own allowance.
      expect(
        (await t.app.inject({ url: '/api/v1/me', headers: t.reviewer.auth }))
          .statusCode,
      ).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('rate-limits per IP across tokens', async () => {
    const t = await openTestApp('sqlite', { rateLimitPerIp: 4 });
    try {
      const users = [
        t.reporter,
        t.reviewer,
        t.admin,
        t.otherReporter,
        t.reporter,
      ];
      const codes: number[] = [];
      for (const u of users)
        codes.push(
          (await t.app.inject({ url: '/api/v1/me', headers: u.auth }))
            .statusCode,
        );
      expect(codes).toEqual([200, 200, 200, 200, 429]);
    } finally {
      await t.close();
    }
  });

  it('marks the session cookie Secure behind a TLS proxy when told to trust it', async () => {
    const t = await openTestApp('sqlite', { trustProxy: 1 });
    try {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { token: t.reviewer.token },
      });
      expect(String(res.headers['set-cookie'])).toMatch(/Secure/);
    } finally {
      await t.close();
    }
  });
});
