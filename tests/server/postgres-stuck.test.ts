/**
 * A request that stalls inside a transaction on PostgreSQL cannot hold the writers' lock, or
 * the pool, for ever: PostgreSQL ends a session left idle in a transaction, and a request
 * that cannot get a connection fails with an error instead of waiting on.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostgresDriver } from '../../server/store/postgres';
import { lockWrites } from '../../server/store/sql/sequence';
import {
  createTestSchema,
  DATABASE_URL,
  type TestSchema,
} from './support/postgres';

/** A promise and the function that settles it. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe.runIf(DATABASE_URL)('a stalled transaction on PostgreSQL', () => {
  let schema: TestSchema;
  let driver: PostgresDriver;

  beforeEach(async () => {
    schema = await createTestSchema();
  });
  afterEach(async () => {
    await driver.close();
    await schema.drop();
  });

  it('is ended by the server, so the next writer gets the lock', async () => {
    driver = new PostgresDriver(schema.url, { idleInTransactionMs: 300 });
    await driver.migrate();
    const stall = gate();
    const holding = gate();
    const stalled = driver.transaction(async (tx) => {
      await lockWrites(tx, driver);
      holding.open();
      await stall.opened;
      return tx.run('UPDATE meta SET seq = seq + 1 WHERE id = 1');
    });
    stalled.catch(() => undefined);
    await holding.opened;
    // This writer queues behind the stalled one's row lock until the server ends that session.
    const next = await driver.transaction(async (tx) => {
      await lockWrites(tx, driver);
      return tx.run('UPDATE meta SET seq = seq + 1 WHERE id = 1');
    });
    expect(next).toBe(1);
    stall.open();
    await expect(stalled).rejects.toThrow();
    // Only the second writer's change was committed.
    const row = await driver.get<{ seq: number }>(
      'SELECT seq FROM meta WHERE id = 1',
    );
    expect(row?.seq).toBe(1);
  });

  it('makes a request that finds no free connection fail with an error', async () => {
    driver = new PostgresDriver(schema.url, {
      poolSize: 1,
      connectWaitMs: 200,
      idleInTransactionMs: 60_000,
    });
    await driver.migrate();
    const stall = gate();
    const holding = gate();
    const stalled = driver.transaction(async (tx) => {
      await tx.get('SELECT 1');
      holding.open();
      await stall.opened;
    });
    await holding.opened;
    await expect(driver.get('SELECT 1 AS one')).rejects.toThrow(/timeout/i);
    stall.open();
    await stalled;
    // Once the connection is free again, requests are served.
    expect(await driver.get('SELECT 1 AS one')).toEqual({ one: 1 });
  });
});
