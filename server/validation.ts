/**
 * Schema validation at the HTTP edge: a zod failure becomes a 400 naming the first bad field,
 * and so does a rule's refusal of a value the schema let through.
 */
import type * as z from 'zod/mini';
import { reportParams } from '../protocol/api';
import type { Read } from './domain/read';
import { HttpError } from './errors';

/** Parses `value` with `schema`, or throws a 400 that says which field is wrong and why. */
export function parseOr400<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  what = 'body',
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data as z.infer<S>;
  const issue = result.error.issues[0];
  const where =
    issue && issue.path.length > 0 ? `${what}.${issue.path.join('.')}` : what;
  throw new HttpError(400, `${where}: ${issue?.message ?? 'invalid'}`);
}

/** The value a rule read, or a 400 with the rule's message. */
export function readOr400<T>(read: Read<T>): T {
  if (!read.ok) throw new HttpError(400, read.message);
  return read.value;
}

/** Reads a report id from the path, refusing anything but a UUIDv7 (no traversal, no SQL). */
export function reportIdParam(params: unknown): string {
  return parseOr400(reportParams, params, 'path').id;
}
