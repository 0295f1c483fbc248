/**
 * The `/changes` feed: reports in `serverSeq` order from a cursor. Every change to a report
 * gives it a new, higher `serverSeq`, so a report shows up again each time it changes.
 */
import type { SqlDriver } from '../driver';
import type { ChangesSlice } from '../store';
import { storedReports } from './report-view';
import { REPORT_COLUMNS, REPORT_FROM, type ReportRow } from './rows';

/** The change feed. */
export class SqlChanges {
  constructor(private readonly driver: SqlDriver) {}

  /**
   * Up to `limit` reports changed after `since`, as `viewerId` sees them.
   * @param onlyFor - when given, only reports this user wrote or voted for
   */
  async read(
    since: number,
    limit: number,
    viewerId?: string,
    onlyFor?: string,
  ): Promise<ChangesSlice> {
    const scope = onlyFor
      ? ` AND (r.author_id = ? OR EXISTS (SELECT 1 FROM votes v WHERE v.report_id = r.id AND v.user_id = ?))`
      : '';
    // One row more than asked tells whether there is more, without a count.
    const rows = await this.driver.all<ReportRow>(
      `SELECT ${REPORT_COLUMNS} ${REPORT_FROM} WHERE r.server_seq > ?${scope} ORDER BY r.server_seq LIMIT ?`,
      [since, ...(onlyFor ? [onlyFor, onlyFor] : []), limit + 1],
    );
    const page = rows.slice(0, limit);
    const reports = await storedReports(this.driver, page, viewerId);
    const last = page[page.length - 1];
    return {
      changes: reports.map((report) => ({
        cursor: String(report.serverSeq),
        report,
      })),
      last: last ? Number(last.server_seq) : null,
      hasMore: rows.length > limit,
    };
  }

  /** The same page, each report serialised as the feed sends it. */
  async readJson(
    since: number,
    limit: number,
    viewerId?: string,
  ): Promise<{
    items: { serverSeq: number; json: string }[];
    hasMore: boolean;
  }> {
    const slice = await this.read(since, limit, viewerId);
    return {
      items: slice.changes.map(({ report }) => ({
        serverSeq: report.serverSeq,
        json: JSON.stringify(report),
      })),
      hasMore: slice.hasMore,
    };
  }
}
