/**
 * Durability: a server ingesting a stream of PUTs is killed with SIGKILL at a random moment.
 * After a restart, every report it acknowledged with a 2xx is there, intact.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportInput, StoredReport } from '../../protocol/report';
import { createUser, startServer } from '../support/server-process';
import { createTestSchema, DATABASE_URL } from './support/postgres';
import { authorFields, getJson, putReport, readChanges } from './support/http';
import { makeReport } from './support/reports';

const WRITERS = 8;
const MIN_ACKS = 40;

async function crashAndRecover(location: {
  dataDir: string;
  databaseUrl?: string;
}) {
  const server = await startServer(location);
  const { token } = await createUser(location, 'Crash Tester', 'reporter');
  const acknowledged = new Map<string, ReportInput>();
  let stop = false;
  let seed = 0;
  const writer = async () => {
    while (!stop) {
      const report = makeReport({}, seed++);
      const status = await putReport(server.url, token, report);
      if (status >= 200 && status < 300) acknowledged.set(report.id, report);
      else if (status === 0) return; // the server is gone
    }
  };
  const writers = Array.from({ length: WRITERS }, writer);
  // Kill at a random point in the stream, once a fair number of reports have gone through
  // (counted rather than timed, so a busy machine does not change what is tested).
  const killAfter = MIN_ACKS + Math.floor(Math.random() * MIN_ACKS);
  await expect
    .poll(() => acknowledged.size, { timeout: 60_000, interval: 5 })
    .toBeGreaterThanOrEqual(killAfter);
  await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 50)));
  await server.kill();
  stop = true;
  await Promise.all(writers);
  expect(acknowledged.size).toBeGreaterThanOrEqual(killAfter);

  const restarted = await startServer(location);
  try {
    const feed = await readChanges(restarted.url, token);
    const byId = new Map(feed.reports.map((r) => [r.id, r]));
    for (const [id, sent] of acknowledged) {
      const stored = byId.get(id);
      expect(
        stored,
        `report ${id} acknowledged before the crash`,
      ).toBeDefined();
      expect(authorFields(stored as StoredReport)).toEqual(authorFields(sent));
    }
    const one = acknowledged.values().next().value as ReportInput;
    const { status, body } = await getJson<StoredReport>(
      restarted.url,
      token,
      `/api/v1/reports/${one.id}`,
    );
    expect(status).toBe(200);
    expect(body.trying).toBe(one.trying);
    // And it still takes reports after recovering.
    expect(await putReport(restarted.url, token, makeReport({}, 9999))).toBe(
      201,
    );
  } finally {
    await restarted.stop();
  }
}

describe('crash safety', () => {
  it('keeps every acknowledged report through SIGKILL on SQLite', async () => {
    await crashAndRecover({
      dataDir: mkdtempSync(join(tmpdir(), 'snag-crash-')),
    });
  });

  describe.runIf(DATABASE_URL)('on PostgreSQL', () => {
    it('keeps every acknowledged report through SIGKILL', async () => {
      const schema = await createTestSchema();
      try {
        await crashAndRecover({
          dataDir: mkdtempSync(join(tmpdir(), 'snag-crash-')),
          databaseUrl: schema.url,
        });
      } finally {
        await schema.drop();
      }
    });
  });
});
