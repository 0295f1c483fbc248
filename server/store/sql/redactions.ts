/**
 * Redaction and clearing the personal-data flag: the store reads the report (or comment),
 * `planRedaction` decides, and the original is overwritten in place, in its search text too;
 * the history keeps who redacted which field, and when, never what was there.
 */
import type { RedactionInput } from '../../../protocol/need-to-know';
import type { ReportInput } from '../../../protocol/report';
import { planRedaction } from '../../domain/redaction';
import type { SqlDriver, SqlTransaction } from '../driver';
import type { RedactionOutcome } from '../store';
import { enqueueRedacted } from './deliveries';
import { reportDetail } from './report-view';
import { searchText } from './reports';
import { lockWrites, nextSeq } from './sequence';

/** Redaction and the personal-data flag. */
export class SqlRedactions {
  constructor(private readonly driver: SqlDriver) {}

  /** Redacts one field of a report, or removes its screenshot. */
  async redact(
    id: string,
    input: RedactionInput,
    authorId: string,
    at: string,
  ): Promise<RedactionOutcome> {
    const outcome = await this.driver.transaction((tx) =>
      this.write(tx, id, input, authorId, at),
    );
    if (outcome.kind !== 'ok') return outcome;
    await this.driver.forgetDeleted();
    const report = await reportDetail(this.driver, id);
    return report ? { kind: 'ok', report } : { kind: 'not-found' };
  }

  private async write(
    tx: SqlTransaction,
    id: string,
    input: RedactionInput,
    authorId: string,
    at: string,
  ): Promise<RedactionOutcome | { kind: 'ok' }> {
    await lockWrites(tx, this.driver);
    const row = await tx.get<{ body: string }>(
      'SELECT body FROM reports WHERE id = ?',
      [id],
    );
    if (!row) return { kind: 'not-found' };
    const comment =
      input.field === 'comment' && input.itemId
        ? ((await tx.get<{ id: string; body: string }>(
            'SELECT id, body FROM comments WHERE id = ? AND report_id = ?',
            [input.itemId, id],
          )) ?? null)
        : null;
    const plan = planRedaction(
      JSON.parse(row.body) as ReportInput,
      input,
      comment,
    );
    if (!plan.ok) return { kind: 'bad', message: plan.message };
    const seq = await nextSeq(tx);
    if (plan.value.kind === 'comment') {
      await tx.run('UPDATE comments SET body = ? WHERE id = ?', [
        plan.value.body,
        plan.value.commentId,
      ]);
    } else {
      // body_hash stays: the author's retry of the original body must not bring it back.
      await tx.run(
        'UPDATE reports SET body = ?, search_text = ? WHERE id = ?',
        [JSON.stringify(plan.value.body), searchText(plan.value.body), id],
      );
    }
    if (plan.value.kind === 'screenshot')
      await tx.run('DELETE FROM screenshots WHERE report_id = ?', [id]);
    await this.touch(tx, id, seq, authorId, at, {
      redacted: [null, plan.value.field],
    });
    // Subscribers hear of it in the same transaction, by ids only.
    await enqueueRedacted(tx, id, at);
    return { kind: 'ok' };
  }

  /** A reviewer says the flagged report holds no personal data (any more). */
  async clearPersonalData(
    id: string,
    authorId: string,
    at: string,
  ): Promise<RedactionOutcome> {
    const found = await this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      const row = await tx.get<{ personal_data: string | null }>(
        'SELECT personal_data FROM reports WHERE id = ?',
        [id],
      );
      if (!row) return false;
      if (row.personal_data !== 'flagged') return true;
      await this.touch(tx, id, await nextSeq(tx), authorId, at, {
        personalData: ['flagged', 'cleared'],
      });
      return true;
    });
    const report = found ? await reportDetail(this.driver, id) : null;
    return report ? { kind: 'ok', report } : { kind: 'not-found' };
  }

  /** Marks the report cleared and changed, and writes who did it to its history. */
  private async touch(
    tx: SqlTransaction,
    id: string,
    seq: number,
    authorId: string,
    at: string,
    changes: Record<string, [unknown, unknown]>,
  ): Promise<void> {
    await tx.run(
      `UPDATE reports SET personal_data = CASE WHEN personal_data IS NULL THEN NULL ELSE 'cleared' END,
       server_seq = ?, version = version + 1 WHERE id = ?`,
      [seq, id],
    );
    await tx.run(
      'INSERT INTO triage_history (report_id, author_id, at, changes) VALUES (?, ?, ?, ?)',
      [id, authorId, at, JSON.stringify(changes)],
    );
    tx.notify({ type: 'report-updated', id, serverSeq: seq });
  }
}
