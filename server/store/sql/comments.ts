/**
 * A report's comments. Whether a comment is new, a retry or a clash is decided by
 * `planComment`; this module reads what already holds the id and writes new comments.
 */
import type { CommentInput } from '../../../protocol/api';
import {
  commentOf,
  planComment,
  type StoredComment,
} from '../../domain/discussion';
import type { SqlDriver, SqlExecutor, SqlTransaction } from '../driver';
import type { CommentOutcome, UserRecord } from '../store';
import { enqueueEvent } from './deliveries';
import { personOf, reportExists } from './rows';
import { lockWrites, nextSeq } from './sequence';

/** The comment stored under an id, if any. */
async function storedComment(
  db: SqlExecutor,
  id: string,
): Promise<StoredComment | null> {
  const row = await db.get<{
    report_id: string;
    author_id: string;
    body: string;
    created_at: string;
  }>(
    'SELECT report_id, author_id, body, created_at FROM comments WHERE id = ?',
    [id],
  );
  return row
    ? {
        reportId: row.report_id,
        authorId: row.author_id,
        body: row.body,
        createdAt: row.created_at,
      }
    : null;
}

/** Comments, idempotent by id. */
export class SqlComments {
  constructor(private readonly driver: SqlDriver) {}

  /** Adds a comment, or answers the one a retry already stored. */
  async add(
    reportId: string,
    input: CommentInput,
    author: UserRecord,
    at: string,
  ): Promise<CommentOutcome> {
    const request = { reportId, authorId: author.id, body: input.body };
    const asComment = (createdAt: string) =>
      commentOf(
        input,
        personOf(author.id, author.name, author.team),
        createdAt,
      );
    // A retry of a comment already stored needs no lock at all.
    const seen = planComment(
      await storedComment(this.driver, input.id),
      request,
    );
    if (seen.kind === 'exists')
      return { kind: 'exists', comment: asComment(seen.createdAt) };
    if (seen.kind === 'conflict') return seen;
    return this.driver.transaction(async (tx): Promise<CommentOutcome> => {
      await lockWrites(tx, this.driver);
      const plan = planComment(await storedComment(tx, input.id), request);
      if (plan.kind === 'exists')
        return { kind: 'exists', comment: asComment(plan.createdAt) };
      if (plan.kind === 'conflict') return plan;
      if (!(await reportExists(tx, reportId))) return { kind: 'not-found' };
      await this.insert(tx, reportId, input, author.id, at);
      return { kind: 'created', comment: asComment(at) };
    });
  }

  private async insert(
    tx: SqlTransaction,
    reportId: string,
    input: CommentInput,
    authorId: string,
    at: string,
  ): Promise<void> {
    const seq = await nextSeq(tx);
    await tx.run(
      'INSERT INTO comments (id, report_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)',
      [input.id, reportId, authorId, input.body, at],
    );
    await tx.run('UPDATE reports SET server_seq = ? WHERE id = ?', [
      seq,
      reportId,
    ]);
    await enqueueEvent(tx, {
      type: 'comment.created',
      reportId,
      at,
      comment: { id: input.id, body: input.body },
    });
    tx.notify({ type: 'report-updated', id: reportId, serverSeq: seq });
  }
}
