/**
 * Triage as stored: the report's triage columns, its version and the history of changes. What
 * a patch means is decided by `planTriage`; this module reads the state the rule needs under
 * the write lock, and writes what it decided.
 */
import { isClosed } from '../../domain/retention';
import type { TriagePatch } from '../../../protocol/api';
import type { Person, Team } from '../../../protocol/report';
import {
  changedBy,
  planTriage,
  type TriagePlan,
  type TriageState,
} from '../../domain/triage';
import type { SqlDriver, SqlTransaction } from '../driver';
import type { TriageOutcome, UserRecord } from '../store';
import { enqueueTriage } from './deliveries';
import { reportDetail, storedReports } from './report-view';
import { personOf, reportExists, reportRow, type ReportRow } from './rows';
import { lockWrites, nextSeq } from './sequence';

/** The triage a report row holds. */
function stateOf(row: ReportRow): TriageState {
  return {
    triage: {
      status: row.status,
      usabilitySeverity: row.usability_severity,
      securityRisk: row.security_risk,
      assignee: row.assignee,
      duplicateOf: row.duplicate_of,
    },
    version: Number(row.version),
  };
}

/** Triage changes and their history. */
export class SqlTriage {
  constructor(private readonly driver: SqlDriver) {}

  /** Applies a patch, guarded by its `baseVersion`. */
  async triage(
    id: string,
    patch: TriagePatch,
    author: UserRecord,
    at: string,
  ): Promise<TriageOutcome> {
    const outcome = await this.driver.transaction((tx) =>
      this.apply(tx, id, patch, author, at),
    );
    if (outcome !== 'ok') return outcome;
    const report = await reportDetail(this.driver, id, author.id);
    return report ? { kind: 'ok', report } : { kind: 'not-found' };
  }

  private async apply(
    tx: SqlTransaction,
    id: string,
    patch: TriagePatch,
    author: UserRecord,
    at: string,
  ): Promise<TriageOutcome | 'ok'> {
    await lockWrites(tx, this.driver);
    const row = await reportRow(tx, id);
    if (!row) return { kind: 'not-found' };
    const originalExists = patch.duplicateOf
      ? await reportExists(tx, patch.duplicateOf)
      : false;
    const plan = planTriage(id, stateOf(row), patch, originalExists);
    switch (plan.kind) {
      case 'stale':
        return this.conflict(tx, row, author.id);
      case 'bad-duplicate':
        return { kind: 'bad-duplicate', message: plan.message };
      case 'unchanged':
        return 'ok';
      case 'change':
        await this.write(tx, id, plan, author.id, at);
        return 'ok';
    }
  }

  /** The report as it now stands, and who changed it, for a stale patch. */
  private async conflict(
    tx: SqlTransaction,
    row: ReportRow,
    viewerId: string,
  ): Promise<TriageOutcome> {
    const [current] = await storedReports(tx, [row], viewerId);
    if (!current) return { kind: 'not-found' };
    const last = await tx.get<{
      author_id: string;
      name: string;
      team: Team | null;
    }>(
      `SELECT h.author_id, u.name, u.team FROM triage_history h JOIN users u ON u.id = h.author_id
       WHERE h.report_id = ? ORDER BY h.id DESC LIMIT 1`,
      [row.id],
    );
    const lastAuthor: Person | null = last
      ? personOf(last.author_id, last.name, last.team)
      : null;
    return {
      kind: 'conflict',
      current,
      changedBy: changedBy(lastAuthor, current),
    };
  }

  /** Stores the new triage as the next version, with its history entry. */
  private async write(
    tx: SqlTransaction,
    id: string,
    plan: Extract<TriagePlan, { kind: 'change' }>,
    authorId: string,
    at: string,
  ): Promise<void> {
    const { next, changes } = plan;
    const seq = await nextSeq(tx);
    await tx.run(
      `UPDATE reports SET status = ?, usability_severity = ?, security_risk = ?, assignee = ?,
       duplicate_of = ?, version = version + 1, server_seq = ?,
       closed_at = CASE WHEN ? = 1 THEN COALESCE(closed_at, ?) ELSE NULL END WHERE id = ?`,
      [
        next.status,
        next.usabilitySeverity,
        next.securityRisk,
        next.assignee,
        next.duplicateOf,
        seq,
        // Retention counts from the first closing status; reopening starts it again.
        isClosed(next.status) ? 1 : 0,
        at,
        id,
      ],
    );
    await tx.run(
      'INSERT INTO triage_history (report_id, author_id, at, changes) VALUES (?, ?, ?, ?)',
      [id, authorId, at, JSON.stringify(changes)],
    );
    await enqueueTriage(tx, id, changes, at);
    tx.notify({ type: 'report-updated', id, serverSeq: seq });
  }
}
