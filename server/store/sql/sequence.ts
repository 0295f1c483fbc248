/**
 * The order of changes, which the `/changes` cursor relies on.
 *
 * Every write opens by taking the driver's `lockSql` (a row lock on `meta` in PostgreSQL;
 * SQLite has one writer anyway) and then draws the next `serverSeq` from that row in the same
 * transaction. Writers therefore commit in `serverSeq` order, so a reader that has seen
 * sequence N can never later find a committed change below N.
 */
import type { SqlDriver, SqlTransaction } from '../driver';

/** Takes the write lock; call it first in every transaction that writes. */
export async function lockWrites(
  tx: SqlTransaction,
  driver: Pick<SqlDriver, 'lockSql'>,
): Promise<void> {
  await tx.get(driver.lockSql);
}

/** Draws the next `serverSeq`, under the lock taken by {@link lockWrites}. */
export async function nextSeq(tx: SqlTransaction): Promise<number> {
  const row = await tx.get<{ seq: number }>(
    'UPDATE meta SET seq = seq + 1 WHERE id = 1 RETURNING seq',
  );
  if (!row) throw new Error('The meta row is missing');
  return Number(row.seq);
}
