/**
 * The rules of a report's discussion: a comment is idempotent by its id, and a "me too" counts
 * once per person.
 */
import type { Comment, Person } from '../../protocol/report';

/** A comment as the store already holds it under some id. */
export interface StoredComment {
  reportId: string;
  authorId: string;
  body: string;
  createdAt: string;
}

/** A comment someone is adding. */
export interface CommentRequest {
  reportId: string;
  authorId: string;
  body: string;
}

/** What adding a comment comes to. */
export type CommentPlan =
  /** No comment has this id yet. */
  | { kind: 'create' }
  /** A retry: the same comment is already stored, made at `createdAt`. */
  | { kind: 'exists'; createdAt: string }
  /** The id belongs to a different comment. */
  | { kind: 'conflict' };

/**
 * Decides a comment against whatever already holds its id. A retry after a lost answer is the
 * same report, author and body, and must not make a second comment.
 */
export function planComment(
  existing: StoredComment | null | undefined,
  request: CommentRequest,
): CommentPlan {
  if (!existing) return { kind: 'create' };
  const same =
    existing.reportId === request.reportId &&
    existing.authorId === request.authorId &&
    existing.body === request.body;
  return same
    ? { kind: 'exists', createdAt: existing.createdAt }
    : { kind: 'conflict' };
}

/** The comment as the API answers it. */
export function commentOf(
  input: { id: string; body: string },
  author: Person,
  createdAt: string,
): Comment {
  return { id: input.id, body: input.body, createdAt, author };
}

/**
 * The vote count after someone sets (`on`) or clears their vote. `changed` is false when their
 * vote already stood that way, so saying "me too" twice counts once.
 */
export function votesAfter(
  votes: number,
  on: boolean,
  changed: boolean,
): number {
  if (!changed) return votes;
  return votes + (on ? 1 : -1);
}
