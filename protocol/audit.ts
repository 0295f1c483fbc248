/**
 * The audit log on the wire (`GET /audit`, `/audit.csv`): who signed in, exported, triaged,
 * redacted, changed users and tokens, and ran retention; when, and from where.
 */
import * as z from 'zod/mini';

/** What the audit log records. */
export const AUDIT_ACTIONS = [
  'sign-in',
  'export',
  'triage',
  'redaction',
  'personal-data-cleared',
  'user-added',
  'user-revoked',
  'device-signed-out',
  'retention',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One entry of the audit log: who did what, when and from where; never report text. */
export const auditEntry = z.object({
  id: z.int(),
  at: z.string(),
  actor: z.nullable(z.object({ id: z.string(), name: z.string() })),
  action: z.enum(AUDIT_ACTIONS),
  /** The report, user or device acted on, when there is one. */
  target: z.nullable(z.string()),
  /** Facts about the action: filters of an export, fields of a triage, counts of a run. */
  detail: z.record(z.string(), z.unknown()),
  /** The client's address as the server saw it. */
  address: z.nullable(z.string()),
});
export type AuditEntry = z.infer<typeof auditEntry>;

/** `GET /audit`: newest first, a page at a time. */
export const auditPage = z.object({
  entries: z.array(auditEntry),
  cursor: z.nullable(z.string()),
});
export type AuditPage = z.infer<typeof auditPage>;

/** `GET /audit` query. */
export const auditQuery = z.object({
  action: z.optional(z.enum(AUDIT_ACTIONS)),
  cursor: z.optional(
    z.string().check(z.regex(/^\d{1,15}$/, 'Not a cursor from this server')),
  ),
  limit: z.optional(
    z.string().check(z.regex(/^\d{1,3}$/, 'Expected a number')),
  ),
});
