/**
 * The figures the dashboard charts: the severity × risk matrix of open reports, and the raw
 * rows that trends are counted from (`buildTrends` buckets them).
 */
import type { MatrixCell } from '../../../protocol/api';
import type { TrendRow } from '../../domain/trends';
import type { SqlDriver } from '../driver';
import { OPEN } from './report-filter';

/** Statistics over all reports. */
export class SqlStatistics {
  constructor(private readonly driver: SqlDriver) {}

  /** Open reports counted by usability severity × security risk. */
  async matrix(): Promise<MatrixCell[]> {
    const rows = await this.driver.all<{
      s: number | null;
      r: number | null;
      n: number;
    }>(
      `SELECT usability_severity AS s, security_risk AS r, CAST(COUNT(*) AS INTEGER) AS n
       FROM reports WHERE ${OPEN.sql}
       GROUP BY usability_severity, security_risk`,
      OPEN.params,
    );
    return rows.map((row) => ({
      usabilitySeverity: row.s,
      securityRisk: row.r,
      count: Number(row.n),
    }));
  }

  /** What trends need of each report received since `since`. */
  async trendRows(since: string): Promise<TrendRow[]> {
    const rows = await this.driver.all<{
      received_at: string;
      service: string;
      hard_to_use: number;
      insecure: number;
      workarounds: string;
    }>(
      'SELECT received_at, service, hard_to_use, insecure, workarounds FROM reports WHERE received_at >= ?',
      [since],
    );
    return rows.map((r) => ({
      receivedAt: r.received_at,
      service: r.service,
      hardToUse: r.hard_to_use === 1,
      insecure: r.insecure === 1,
      workarounds: r.workarounds.split(',').filter(Boolean),
    }));
  }
}
