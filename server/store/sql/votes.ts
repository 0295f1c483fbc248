/**
 * "Me too" votes: one row per person and report, with the count kept on the report so lists
 * can sort by it. `votesAfter` says what the count becomes.
 */
import type { VoteAnswer } from '../../../protocol/api';
import { votesAfter } from '../../domain/discussion';
import type { SqlDriver, SqlTransaction } from '../driver';
import { lockWrites, nextSeq } from './sequence';

/** Votes. */
export class SqlVotes {
  constructor(private readonly driver: SqlDriver) {}

  /** Sets or clears the user's vote; null if there is no such report. */
  set(
    reportId: string,
    userId: string,
    on: boolean,
    at: string,
  ): Promise<VoteAnswer | null> {
    return this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      const report = await tx.get<{ votes: number }>(
        'SELECT votes FROM reports WHERE id = ?',
        [reportId],
      );
      if (!report) return null;
      const changed = await this.record(tx, reportId, userId, on, at);
      const votes = votesAfter(Number(report.votes), on, changed);
      if (changed) {
        const seq = await nextSeq(tx);
        await tx.run(
          'UPDATE reports SET votes = ?, server_seq = ? WHERE id = ?',
          [votes, seq, reportId],
        );
        tx.notify({ type: 'report-updated', id: reportId, serverSeq: seq });
      }
      return { votes, votedByMe: on };
    });
  }

  /** Adds or removes the vote row; answers whether there was anything to change. */
  private async record(
    tx: SqlTransaction,
    reportId: string,
    userId: string,
    on: boolean,
    at: string,
  ): Promise<boolean> {
    const changed = on
      ? await tx.run(
          'INSERT INTO votes (report_id, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
          [reportId, userId, at],
        )
      : await tx.run('DELETE FROM votes WHERE report_id = ? AND user_id = ?', [
          reportId,
          userId,
        ]);
    return changed > 0;
  }
}
