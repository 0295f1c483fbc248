/**
 * Redaction: after a reviewer redacts text or removes a screenshot, the original is found
 * nowhere: not in the SQLite file, its WAL or a new backup, nor in any PostgreSQL table.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportDetail } from '../../protocol/api';
import type { SqliteDriver } from '../../server/store/sqlite';
import { openTestApp, STORE_KINDS, type TestApp } from './support/harness';
import { makeReport, TINY_PNG } from './support/reports';

const SECRET = 'Zebrafinch Quillington';
const COMMENT_SECRET = 'Marmalade Oxbridge';
const COMMENT_ID = '0190a0a0-0000-7000-8000-0000000000aa';

/** Every byte the SQLite store keeps on disk, as text, in the case each copy has. */
function sqliteBytes(dataDir: string, extra: string[] = []): string {
  return ['snag.db', 'snag.db-wal', ...extra]
    .map((name) => join(dataDir, name))
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file).toString('latin1'))
    .join('\n');
}

/** Every row of every table of the test's PostgreSQL schema, as text. */
async function postgresRows(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`,
    );
    const dumps: string[] = [];
    for (const { table_name } of tables.rows) {
      const rows = await client.query(`SELECT * FROM "${table_name}"`);
      dumps.push(JSON.stringify(rows.rows));
    }
    return dumps.join('\n');
  } finally {
    await client.end();
  }
}

describe.each(STORE_KINDS)('redaction (%s)', (kind) => {
  let t: TestApp;
  const report = makeReport(
    { whatHappened: `The form showed ${SECRET}'s case file to everyone.` },
    7,
  );
  const api = (
    method: 'POST' | 'DELETE' | 'GET',
    path: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1/reports/${report.id}${path}`,
      headers: t.reviewer.auth,
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    t = await openTestApp(kind);
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/reports/${report.id}`,
      headers: t.reporter.auth,
      payload: report,
    });
    expect(put.statusCode).toBe(201);
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/reports/${report.id}/screenshot`,
      headers: { ...t.reporter.auth, 'content-type': 'image/png' },
      payload: TINY_PNG,
    });
    await api('POST', '/comments', {
      id: COMMENT_ID,
      body: `Spoke to ${COMMENT_SECRET} about it`,
    });
  });
  afterAll(() => t.close());

  it('refuses a selection outside the text, saying why', async () => {
    const res = await api('POST', '/redactions', {
      field: 'whatHappened',
      start: 0,
      end: 100_000,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(
      /selection/,
    );
  });

  it('replaces the selection and records who redacted which field', async () => {
    const start = report.whatHappened.indexOf(SECRET);
    const res = await api('POST', '/redactions', {
      field: 'whatHappened',
      start,
      end: start + SECRET.length,
    });
    expect(res.statusCode).toBe(200);
    const after = res.json<ReportDetail>();
    expect(after.whatHappened).toBe(
      "The form showed [redacted]'s case file to everyone.",
    );
    const comment = `Spoke to ${COMMENT_SECRET} about it`;
    const c = await api('POST', '/redactions', {
      field: 'comment',
      itemId: COMMENT_ID,
      start: comment.indexOf(COMMENT_SECRET),
      end: comment.indexOf(COMMENT_SECRET) + COMMENT_SECRET.length,
    });
    expect(c.statusCode).toBe(200);
    expect(
      (await api('POST', '/redactions', { field: 'screenshot' })).statusCode,
    ).toBe(200);
    const detail = (await api('GET', '')).json<ReportDetail>();
    expect(detail.comments[0]?.body).toBe('Spoke to [redacted] about it');
    expect(detail.history.map((h) => h.changes.redacted?.[1])).toEqual([
      'whatHappened',
      `comment:${COMMENT_ID}`,
      'screenshot',
    ]);
    expect(detail.history[0]?.author.name).toBe('Rita Reviewer');
    expect((await api('GET', '/screenshot')).statusCode).toBe(404);
    const search = await t.app.inject({
      url: `/api/v1/reports?q=${encodeURIComponent('zebrafinch')}`,
      headers: t.reviewer.auth,
    });
    expect(search.json<{ reports: unknown[] }>().reports).toHaveLength(0);
  });

  it('leaves the original nowhere in the database', async () => {
    const hidden = [SECRET, SECRET.toLowerCase(), COMMENT_SECRET];
    if (kind === 'sqlite') {
      const backup = join(t.location.dataDir, 'after-redaction.db');
      await (t.store.driver as SqliteDriver).backup(backup);
      const bytes = sqliteBytes(t.location.dataDir, ['after-redaction.db']);
      expect(bytes).toContain('[redacted]');
      for (const text of hidden) expect(bytes).not.toContain(text);
    } else {
      const rows = await postgresRows(t.location.databaseUrl ?? '');
      expect(rows).toContain('[redacted]');
      for (const text of hidden) expect(rows).not.toContain(text);
    }
  });

  it('the author’s retry of the original body does not bring it back', async () => {
    const retry = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/reports/${report.id}`,
      headers: t.reporter.auth,
      payload: report,
    });
    expect(retry.statusCode).toBe(200);
    expect(retry.body).not.toContain(SECRET);
  });
});
