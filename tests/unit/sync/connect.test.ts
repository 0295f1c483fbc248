// @vitest-environment node
// Connecting to a real server process, and every way it can go wrong, in words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  createUser,
  startServer,
  type ServerProcess,
} from '../../support/server-process';
import {
  connectToServer,
  normaliseServerUrl,
  type PermissionsApi,
} from '@/utils/sync';

let server: ServerProcess;
let other: Server;
let otherUrl: string;

const granted: PermissionsApi = {
  contains: async () => true,
  request: async () => true,
};

beforeAll(async () => {
  server = await startServer();
  other = createServer((_req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<h1>Intranet</h1>'),
  );
  await new Promise<void>((done) => other.listen(0, '127.0.0.1', done));
  otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await new Promise((done) => other?.close(done));
});

describe('normaliseServerUrl', () => {
  it('keeps the origin only, and assumes https', () => {
    expect(normaliseServerUrl(' snag.council.example/dashboard ')).toBe(
      'https://snag.council.example',
    );
    expect(normaliseServerUrl('http://127.0.0.1:8787/api/v1')).toBe(
      'http://127.0.0.1:8787',
    );
    expect(normaliseServerUrl('ftp://x')).toBeNull();
    expect(normaliseServerUrl('')).toBeNull();
  });
});

// Users are made through the CLI, which starts a process per call.
describe('connectToServer', { timeout: 60_000 }, () => {
  it('connects with a good token and says who you are', async () => {
    const user = await createUser(server, 'Priya Patel', 'reporter');
    const result = await connectToServer(
      `${server.url}/`,
      user.token,
      granted,
      fetch,
    );
    expect(result).toMatchObject({
      ok: true,
      serverUrl: server.url,
      me: { name: 'Priya Patel', role: 'reporter' },
    });
  });

  it('asks for host permission for that origin only, and stops if refused', async () => {
    const asked: string[][] = [];
    const refusing: PermissionsApi = {
      contains: async () => false,
      request: async ({ origins }) => {
        asked.push(origins);
        return false;
      },
    };
    const result = await connectToServer(server.url, 'x', refusing, fetch);
    expect(result).toEqual({ ok: false, reason: 'permission-refused' });
    expect(asked).toEqual([[`${server.url}/*`]]);
  });

  it('tells a wrong token from a revoked one', async () => {
    expect(
      await connectToServer(server.url, 'not-a-token', granted, fetch),
    ).toEqual({
      ok: false,
      reason: 'bad-token',
    });
    const user = await createUser(server, 'Leaver', 'reporter');
    await promisify(execFile)(
      process.execPath,
      ['server/bin/snag-server.js', 'user', 'revoke', user.id],
      {
        env: {
          ...process.env,
          SNAG_DATA_DIR: server.dataDir,
          DATABASE_URL: '',
        },
      },
    );
    expect(
      await connectToServer(server.url, user.token, granted, fetch),
    ).toEqual({
      ok: false,
      reason: 'revoked-token',
    });
  });

  it('recognises a server that is not Snag', async () => {
    expect(await connectToServer(otherUrl, 'x', granted, fetch)).toEqual({
      ok: false,
      reason: 'not-snag',
    });
  });

  it('reports an unreachable server', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((done) => closed.close(done));
    expect(await connectToServer(url, 'x', granted, fetch)).toEqual({
      ok: false,
      reason: 'unreachable',
    });
  });

  it('refuses something that is not an address', async () => {
    expect(
      await connectToServer('not a url at all', 'x', granted, fetch),
    ).toEqual({
      ok: false,
      reason: 'bad-address',
    });
  });
});
