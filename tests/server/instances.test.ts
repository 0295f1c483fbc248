/**
 * Several servers on one PostgreSQL: they start together (migrations under an advisory lock),
 * take PUTs side by side, and a `/changes` reader sees every report exactly once, in order,
 * with no gap. Change events cross instances through LISTEN/NOTIFY.
 */
import { LATEST_MIGRATION } from '../../server/store/migrations';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredReport } from '../../protocol/report';
import {
  createUser,
  startServer,
  type ServerProcess,
} from '../support/server-process';
import {
  createTestSchema,
  DATABASE_URL,
  type TestSchema,
} from './support/postgres';
import { getJson, putReport } from './support/http';
import { makeReport } from './support/reports';

const REPORTS = 240;
const CLIENTS = 8;

describe.runIf(DATABASE_URL)('two instances on one PostgreSQL', () => {
  let schema: TestSchema;
  let a: ServerProcess;
  let b: ServerProcess;
  let location: { dataDir: string; databaseUrl: string };

  beforeAll(async () => {
    schema = await createTestSchema();
    location = {
      dataDir: mkdtempSync(join(tmpdir(), 'snag-pair-')),
      databaseUrl: schema.url,
    };
    // Both run migrations against the empty schema at the same moment.
    [a, b] = await Promise.all([startServer(location), startServer(location)]);
  });
  afterAll(async () => {
    try {
      await Promise.all([a?.stop(), b?.stop()]);
    } finally {
      await schema?.drop();
    }
  });

  it('migrated once, and both report the same schema version', async () => {
    const [ha, hb] = await Promise.all(
      [a, b].map((s) => fetch(`${s.url}/api/v1/health`).then((r) => r.json())),
    );
    expect(ha).toMatchObject({
      store: 'postgres',
      migration: LATEST_MIGRATION,
    });
    expect(hb).toMatchObject({
      store: 'postgres',
      migration: LATEST_MIGRATION,
    });
  });

  it('feeds every report exactly once, in order, with no gap, while both take writes', async () => {
    const { token } = await createUser(location, 'Pair Writer', 'reporter');
    const reports = Array.from({ length: REPORTS }, (_, i) =>
      makeReport({}, i),
    );
    const statuses: number[] = [];
    let next = 0;
    let writing = true;
    const client = async (n: number) => {
      for (let i = next++; i < reports.length; i = next++) {
        const server = (i + n) % 2 === 0 ? a : b;
        statuses.push(
          await putReport(
            server.url,
            token,
            reports[i] as (typeof reports)[number],
          ),
        );
      }
    };

    // A reader follows the feed on instance A while the writes are still landing.
    const seen: StoredReport[] = [];
    const reader = (async () => {
      let cursor = '0';
      for (;;) {
        const stillWriting = writing;
        const { body } = await getJson<{
          changes: { report: StoredReport }[];
          cursor: string;
          hasMore: boolean;
        }>(a.url, token, `/api/v1/changes?since=${cursor}&limit=50`);
        seen.push(...body.changes.map((c) => c.report));
        cursor = body.cursor;
        if (!stillWriting && !body.hasMore) return;
        if (!body.hasMore) await new Promise((r) => setTimeout(r, 10));
      }
    })();
    await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
    writing = false;
    await reader;

    expect(statuses.filter((s) => s === 201)).toHaveLength(REPORTS);
    const ids = seen.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(reports.map((r) => r.id).sort());
    const seqs = seen.map((r) => r.serverSeq);
    expect(seqs).toEqual(
      Array.from({ length: REPORTS }, (_, i) => (seqs[0] ?? 1) + i),
    );
  });

  it('carries change events from one instance to dashboard listeners on the other', async () => {
    const reviewer = await createUser(location, 'Pair Reviewer', 'reviewer');
    const writer = await createUser(location, 'Pair Reporter', 'reporter');
    const controller = new AbortController();
    const res = await fetch(`${a.url}/api/v1/events`, {
      headers: { authorization: `Bearer ${reviewer.token}` },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body?.getReader();
    if (!reader) throw new Error('no stream');
    const report = makeReport({}, 5000);
    expect(await putReport(b.url, writer.token, report)).toBe(201);
    let text = '';
    const decoder = new TextDecoder();
    while (!text.includes(report.id)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    controller.abort();
    expect(text).toContain('event: report-created');
    expect(text).toContain(`"id":"${report.id}"`);
  });
});
