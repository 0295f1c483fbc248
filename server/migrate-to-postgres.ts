/**
 * Moves a SQLite store into an empty PostgreSQL database, table by table, in one transaction,
 * keeping ids, serverSeq and hashes, so tokens, cursors and history all carry over.
 */
import { FORMER_REPORTER_ID } from './store/migrations';
import type { PostgresDriver } from './store/postgres';
import type { SqliteDriver } from './store/sqlite';

/**
 * Tables in foreign-key order. Sessions and signed-in devices are not moved: people simply
 * sign in again. Provider identities are, so a council account stays with its person, and so
 * are subscriptions with their secrets and queued deliveries, so nothing queued is lost.
 */
const TABLES = [
  'users',
  'identities',
  'reports',
  'comments',
  'votes',
  'anchoring',
  'triage_history',
  'screenshots',
  'services',
  'audit_log',
  'webhooks',
  'webhook_allow',
  'notification_settings',
  'deliveries',
] as const;
const BATCH = 200;

/** Copies every row; refuses if the target already holds users or reports. Answers row counts. */
export async function migrateToPostgres(
  source: SqliteDriver,
  target: PostgresDriver,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await target.transaction(async (tx) => {
    await tx.get(target.lockSql);
    const existing = await tx.get<{ n: number }>(
      'SELECT CAST((SELECT COUNT(*) FROM users WHERE id <> ?) + (SELECT COUNT(*) FROM reports) AS INTEGER) AS n',
      [FORMER_REPORTER_ID],
    );
    if (Number(existing?.n ?? 0) > 0)
      throw new Error('The PostgreSQL database already holds users or reports');
    for (const table of TABLES) {
      counts[table] = 0;
      let offset = 0;
      for (;;) {
        // Both sides' migrations made the account anonymised reports go to.
        const skip = table === 'users' ? 'WHERE id <> ?' : '';
        const rows = await source.all<Record<string, unknown>>(
          `SELECT * FROM ${table} ${skip} ORDER BY rowid LIMIT ? OFFSET ?`,
          [...(skip ? [FORMER_REPORTER_ID] : []), BATCH, offset],
        );
        if (rows.length === 0) break;
        const columns = Object.keys(rows[0] ?? {});
        const values = rows
          .map(() => `(${columns.map(() => '?').join(', ')})`)
          .join(', ');
        await tx.run(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`,
          rows.flatMap((row) => columns.map((c) => row[c])),
        );
        offset += rows.length;
        counts[table] += rows.length;
      }
    }
    const meta = await source.get<{ seq: number }>(
      'SELECT seq FROM meta WHERE id = 1',
    );
    await tx.run('UPDATE meta SET seq = ? WHERE id = 1', [meta?.seq ?? 0]);
    // Copied ids bypassed the sequence, so move it past them.
    for (const table of ['triage_history', 'audit_log'])
      await tx.get(
        `SELECT setval(pg_get_serial_sequence('${table}', 'id'), COALESCE((SELECT MAX(id) FROM ${table}), 0) + 1, false)`,
      );
  });
  return counts;
}
