/**
 * Health checks: `live` says the process answers; `ready` (and `/health`) proves the store can
 * commit a write, and answers 503 with a reason when it cannot.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { notReadyReason } from '../../server/domain/readiness';
import { buildApp } from '../../server/app';
import { PostgresDriver } from '../../server/store/postgres';
import { SqlStore } from '../../server/store/sql-store';
import type { SqliteDriver } from '../../server/store/sqlite';
import {
  openTestApp,
  STORE_KINDS,
  testConfig,
  type TestApp,
} from './support/harness';

describe('notReadyReason', () => {
  it('names full disks, read-only stores and unreachable databases', () => {
    const err = (code: string) => Object.assign(new Error('x'), { code });
    expect(notReadyReason(err('SQLITE_FULL'))).toMatch(/full/);
    expect(notReadyReason(err('ENOSPC'))).toMatch(/full/);
    expect(notReadyReason(err('53100'))).toMatch(/full/);
    expect(notReadyReason(err('SQLITE_READONLY'))).toMatch(/read-only/);
    expect(notReadyReason(err('EROFS'))).toMatch(/read-only/);
    expect(notReadyReason(err('25006'))).toMatch(/read-only/);
    expect(notReadyReason(err('ECONNREFUSED'))).toMatch(/cannot be reached/);
    expect(notReadyReason(err('timeout'))).toMatch(/did not answer/);
    expect(notReadyReason(new Error('odd'))).toMatch(/server log/);
  });
});

describe.each(STORE_KINDS)('health on %s', (kind) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('answers live, ready and /health when the store can write', async () => {
    t = await openTestApp(kind);
    const live = await t.app.inject({ url: '/api/v1/health/live' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ service: 'snag', status: 'ok' });
    for (const url of ['/api/v1/health/ready', '/api/v1/health']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'ok', store: kind });
    }
  });

  it('is not ready, with the reason, when the store refuses writes', async () => {
    t = await openTestApp(kind);
    let app = t.app;
    let readOnly: SqlStore | null = null;
    if (kind === 'sqlite') {
      // What SQLite says when the file or its directory has become read-only.
      (t.store.driver as SqliteDriver).database.pragma('query_only = 1');
    } else {
      // A second store on the same schema whose every transaction is read-only, as on a
      // read-only replica or a database put into read-only mode.
      const url = new URL(t.location.databaseUrl ?? '');
      const options = url.searchParams.get('options') ?? '';
      url.searchParams.set(
        'options',
        `${options} -c default_transaction_read_only=on`,
      );
      readOnly = new SqlStore(new PostgresDriver(url.toString()));
      app = await buildApp({ store: readOnly, config: testConfig() });
    }
    try {
      for (const url of ['/api/v1/health/ready', '/api/v1/health']) {
        const res = await app.inject({ url });
        expect(res.statusCode).toBe(503);
        expect(res.json()).toEqual({
          error: {
            code: 'unavailable',
            message: 'Not ready: The data directory or database is read-only',
          },
        });
      }
      expect(
        (await app.inject({ url: '/api/v1/health/live' })).statusCode,
      ).toBe(200);
    } finally {
      if (readOnly) {
        await app.close();
        await readOnly.close();
      }
    }
  });

  it('is not ready when the disk is full', async () => {
    t = await openTestApp(kind);
    t.store.checkWritable = () =>
      Promise.reject(
        Object.assign(new Error('database or disk is full'), {
          code: kind === 'sqlite' ? 'SQLITE_FULL' : '53100',
        }),
      );
    const res = await t.app.inject({ url: '/api/v1/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.message).toBe(
      'Not ready: The disk that holds the data is full',
    );
  });
});
