/**
 * The server as operators run it: a real process on a real socket, with the CLI beside it.
 */
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createUser,
  startServer,
  type ServerProcess,
} from '../support/server-process';
import { getJson, putReport } from './support/http';
import { makeReport, TINY_PNG } from './support/reports';

const ROOT = resolve(import.meta.dirname, '../..');
const cli = (dataDir: string, ...args: string[]) => {
  const env: NodeJS.ProcessEnv = { ...process.env, SNAG_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  return promisify(execFile)(
    process.execPath,
    [join(ROOT, 'server/bin/snag-server.js'), ...args],
    { cwd: ROOT, env },
  );
};

describe('server process on SQLite', () => {
  let server: ServerProcess;
  let adminToken: string;

  beforeAll(async () => {
    server = await startServer({
      firstAdmin: true,
      env: { LOG_LEVEL: 'info' },
    });
    adminToken = /^\s{2}([A-Za-z0-9_-]{43})$/m.exec(server.stdout())?.[1] ?? '';
  });
  afterAll(() => server.stop());

  it('creates a first admin, prints its token once, and explains how to connect', async () => {
    expect(server.stdout()).toMatch(
      /^Snag server listening on http:\/\/127\.0\.0\.1:\d+$/m,
    );
    expect(server.stdout()).toContain('Server address');
    expect(server.stdout()).toContain('Access token');
    expect(server.stdout()).toContain('Connect');
    const { status, body } = await getJson<{ role: string; name: string }>(
      server.url,
      adminToken,
      '/api/v1/me',
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ role: 'admin', name: 'Administrator' });
    expect(server.stderr()).not.toContain(adminToken);
  });

  it('never logs tokens or report text', async () => {
    const report = makeReport({ trying: 'SECRET-TEXT-IN-A-REPORT' });
    await putReport(server.url, adminToken, report);
    await fetch(`${server.url}/api/v1/reports?q=SECRET-SEARCH`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    await new Promise((r) => setTimeout(r, 200)); // logs are written asynchronously
    const logs = server.stderr();
    expect(logs).toContain('"path":"/api/v1/reports"');
    expect(logs).not.toContain(adminToken);
    expect(logs).not.toContain('SECRET-TEXT-IN-A-REPORT');
    expect(logs).not.toContain('SECRET-SEARCH');
  });

  it('revokes a token from the CLI with immediate effect on the running server', async () => {
    const user = await createUser(server, 'Leaver', 'reporter');
    expect((await getJson(server.url, user.token, '/api/v1/me')).status).toBe(
      200,
    );
    const listed = await cli(server.dataDir, 'user', 'list');
    expect(listed.stdout).toContain('Leaver');
    await cli(server.dataDir, 'user', 'revoke', user.id);
    expect((await getJson(server.url, user.token, '/api/v1/me')).status).toBe(
      401,
    );
  });

  it('streams report events to reviewers', async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/v1/events`, {
      headers: { authorization: `Bearer ${adminToken}` },
      signal: controller.signal,
    });
    const reader = res.body?.getReader();
    if (!reader) throw new Error('no stream');
    const report = makeReport({}, 77);
    expect(await putReport(server.url, adminToken, report)).toBe(201);
    let text = '';
    while (!text.includes(report.id)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toMatch(
      new RegExp(
        `event: report-created\\ndata: \\{"id":"${report.id}","serverSeq":\\d+\\}`,
      ),
    );
  });

  it('caps the live-update streams one account may hold open, and frees a place when one closes', async () => {
    const open = async () => {
      const controller = new AbortController();
      const res = await fetch(`${server.url}/api/v1/events`, {
        headers: { authorization: `Bearer ${adminToken}` },
        signal: controller.signal,
      });
      return { res, controller };
    };
    const streams = [];
    for (let i = 0; i < 10; i++) streams.push(await open());
    expect(streams.every((s) => s.res.status === 200)).toBe(true);
    const refused = await open();
    expect(refused.res.status).toBe(429);
    const body = (await refused.res.json()) as {
      error: { code: string; message: string };
    };
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toMatch(/Too many live-update connections/);
    streams.pop()!.controller.abort();
    // The server notices the closed socket shortly after.
    await expect
      .poll(async () => {
        const again = await open();
        if (again.res.status === 200) streams.push(again);
        else await again.res.body?.cancel();
        return again.res.status;
      })
      .toBe(200);
    for (const s of streams) s.controller.abort();
  });

  it('backs up online to a file that holds the reports', async () => {
    const file = join(server.dataDir, 'backup.db');
    const { stdout } = await cli(server.dataDir, 'backup', file);
    expect(stdout).toContain('Backed up');
    const copy = new Database(file, { readonly: true });
    try {
      const row = copy.prepare('SELECT COUNT(*) AS n FROM reports').get() as {
        n: number;
      };
      expect(row.n).toBeGreaterThanOrEqual(2);
    } finally {
      copy.close();
    }
  });

  it('finishes an in-flight upload after SIGTERM, then exits cleanly', async () => {
    const report = makeReport({}, 88);
    expect(await putReport(server.url, adminToken, report)).toBe(201);
    const url = new URL(`${server.url}/api/v1/reports/${report.id}/screenshot`);
    const body = Buffer.concat([TINY_PNG, Buffer.alloc(256 * 1024)]);
    const answered = new Promise<number>((done, fail) => {
      const req = request(
        url,
        {
          method: 'PUT',
          headers: {
            authorization: `Bearer ${adminToken}`,
            'content-type': 'image/png',
            'content-length': body.length,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => done(res.statusCode ?? 0));
        },
      );
      req.on('error', fail);
      // Send half, signal the server, then send the rest: the request is in flight throughout.
      req.write(body.subarray(0, body.length / 2), () => {
        server.child.kill('SIGTERM');
        setTimeout(() => req.end(body.subarray(body.length / 2)), 300);
      });
    });
    expect(await answered).toBe(204);
    expect(await server.stop()).toBe(0);
  });
});
