/**
 * Filtered lists of reports: one page with its total for `GET /reports`, and every match in
 * batches for the exports.
 */
import type { StoredReport } from '../../../protocol/report';
import type { ReportFilter } from '../../domain/report-filter';
import type { SqlDriver } from '../driver';
import { conditions, ORDER_BY, whereClause } from './report-filter';
import { storedReports } from './report-view';
import { REPORT_COLUMNS, REPORT_FROM, type ReportRow } from './rows';

/** Reports read per query by {@link SqlReportLists.iterate}. */
const EXPORT_BATCH = 500;

/** Lists of reports. */
export class SqlReportLists {
  constructor(private readonly driver: SqlDriver) {}

  /** One page of the reports matching `filter`, and how many match in all. */
  async list(
    filter: ReportFilter,
    page: { offset: number; limit: number },
    viewerId?: string,
  ): Promise<{ reports: StoredReport[]; total: number }> {
    const where = whereClause(filter);
    const order = ORDER_BY[filter.sort ?? 'newest'];
    const rows = await this.driver.all<ReportRow>(
      `SELECT ${REPORT_COLUMNS} ${REPORT_FROM} ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`,
      [...where.params, page.limit, page.offset],
    );
    const count = await this.driver.get<{ n: number }>(
      `SELECT CAST(COUNT(*) AS INTEGER) AS n FROM reports r ${where.sql}`,
      where.params,
    );
    return {
      reports: await storedReports(this.driver, rows, viewerId),
      total: Number(count?.n ?? 0),
    };
  }

  /** Every report matching `filter`, oldest first. */
  async *iterate(filter: ReportFilter): AsyncGenerator<StoredReport> {
    const where = conditions(filter);
    let after: { at: string; id: string } | null = null;
    for (;;) {
      // Keyset paging: each batch is a fresh, short query, so no cursor stays open.
      const keyset = after
        ? `(r.received_at > ? OR (r.received_at = ? AND r.id > ?))`
        : '';
      const clause = [where.sql, keyset].filter(Boolean).join(' AND ');
      const params: unknown[] = [
        ...where.params,
        ...(after ? [after.at, after.at, after.id] : []),
      ];
      const rows: ReportRow[] = await this.driver.all<ReportRow>(
        `SELECT ${REPORT_COLUMNS} ${REPORT_FROM} ${clause ? `WHERE ${clause}` : ''}
         ORDER BY r.received_at, r.id LIMIT ?`,
        [...params, EXPORT_BATCH],
      );
      for (const report of await storedReports(this.driver, rows)) yield report;
      const last = rows[rows.length - 1];
      if (!last || rows.length < EXPORT_BATCH) return;
      after = { at: last.received_at, id: last.id };
    }
  }
}
