/**
 * Schema validation at the HTTP edge: a zod failure becomes a 400 naming the first bad field.
 */
import type * as z from 'zod/mini';
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
