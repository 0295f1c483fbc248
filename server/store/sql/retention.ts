/**
 * Retention: the closed reports past the cutoff that still hold a screenshot or a named
 * reporter, and the run that deletes the one and hands the other to the former-reporter
 * account.
 */
import { CLOSED_STATUSES, type RetentionItem } from '../../domain/retention';
import type { SqlDriver, SqlExecutor } from '../driver';
import { FORMER_REPORTER_ID } from '../migrations';
import { placeholders } from './rows';
import { lockWrites } from './sequence';

const DUE = `r.status IN (${placeholders(CLOSED_STATUSES.length)})
  AND r.closed_at IS NOT NULL AND r.closed_at <= ?`;

/** Retention over the reports table. */
export class SqlRetention {
  constructor(private readonly driver: SqlDriver) {}

  /** Closed reports past `cutoff` with something left to delete or anonymise. */
  async due(
    cutoff: string,
    db: SqlExecutor = this.driver,
  ): Promise<RetentionItem[]> {
    const rows = await db.all<{
      id: string;
      status: RetentionItem['status'];
      closed_at: string;
      screenshot: unknown;
      named: unknown;
    }>(
      `SELECT r.id, r.status, r.closed_at,
         CASE WHEN s.report_id IS NULL THEN 0 ELSE 1 END AS screenshot,
         CASE WHEN r.author_id = ? THEN 0 ELSE 1 END AS named
       FROM reports r LEFT JOIN screenshots s ON s.report_id = r.id
       WHERE ${DUE} AND (s.report_id IS NOT NULL OR r.author_id <> ?)
       ORDER BY r.closed_at, r.id`,
      [FORMER_REPORTER_ID, ...CLOSED_STATUSES, cutoff, FORMER_REPORTER_ID],
    );
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      closedAt: r.closed_at,
      screenshot: Number(r.screenshot) === 1,
      named: Number(r.named) === 1,
    }));
  }

  /** Deletes the screenshots and anonymises the reporters of what is due; answers what it did. */
  async apply(cutoff: string): Promise<RetentionItem[]> {
    const items = await this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      const due = await this.due(cutoff, tx);
      const ids = due.map((i) => i.id);
      if (ids.length === 0) return due;
      await tx.run(
        `DELETE FROM screenshots WHERE report_id IN (${placeholders(ids.length)})`,
        ids,
      );
      await tx.run(
        `UPDATE reports SET author_id = ? WHERE id IN (${placeholders(ids.length)})`,
        [FORMER_REPORTER_ID, ...ids],
      );
      return due;
    });
    if (items.length > 0) await this.driver.forgetDeleted();
    return items;
  }
}
