/**
 * The HTTP API v1 contract (DESIGN §7): paths, request bodies, and the shapes of answers that
 * both the extension and the server rely on.
 */
import * as z from 'zod/mini';
import { itemId, person, storedReport, triage, STATUSES } from './report';

/** Every API route lives under this prefix. */
export const API_PREFIX = '/api/v1';

/** The roles a token can carry, weakest first. */
export const ROLES = ['reporter', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Whether `role` reaches `required` (admin ⊇ reviewer ⊇ reporter). */
export function roleAllows(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/** Largest JSON body the server takes. */
export const MAX_JSON_BYTES = 1024 * 1024;
/** Largest screenshot the server takes. */
export const MAX_SCREENSHOT_BYTES = 5 * 1024 * 1024;
/** Longest comment body. */
export const MAX_COMMENT = 5000;

/** Paths of API v1, relative to the server origin. */
export const paths = {
  health: `${API_PREFIX}/health`,
  me: `${API_PREFIX}/me`,
  reports: `${API_PREFIX}/reports`,
  report: (id: string) => `${API_PREFIX}/reports/${encodeURIComponent(id)}`,
  screenshot: (id: string) =>
    `${API_PREFIX}/reports/${encodeURIComponent(id)}/screenshot`,
  comments: (id: string) =>
    `${API_PREFIX}/reports/${encodeURIComponent(id)}/comments`,
  myVote: (id: string) =>
    `${API_PREFIX}/reports/${encodeURIComponent(id)}/votes/me`,
  triage: (id: string) =>
    `${API_PREFIX}/reports/${encodeURIComponent(id)}/triage`,
  changes: `${API_PREFIX}/changes`,
  exportCsv: `${API_PREFIX}/export.csv`,
  exportJsonLd: `${API_PREFIX}/export.jsonld`,
  openapi: `${API_PREFIX}/openapi.json`,
} as const;

/** The body of every error answer. */
export const apiError = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ApiError = z.infer<typeof apiError>;

/** `GET /health`: no auth; tells a client it is talking to a Snag server. */
export const health = z.object({
  service: z.literal('snag'),
  status: z.literal('ok'),
  store: z.enum(['sqlite', 'postgres']),
  migration: z.int(),
  version: z.string(),
});
export type Health = z.infer<typeof health>;

/** `GET /me`: who the token belongs to. */
export const me = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  team: z.optional(z.nullable(z.enum(['it', 'digital']))),
});
export type Me = z.infer<typeof me>;

/** `POST /reports/:id/comments` body; idempotent by `id`. */
export const commentInput = z.strictObject({
  id: itemId,
  body: z.string().check(
    z.maxLength(MAX_COMMENT),
    z.refine((s) => s.trim().length > 0, 'A comment needs some text'),
  ),
});
export type CommentInput = z.infer<typeof commentInput>;

/** `PATCH /reports/:id/triage` body: the version it was based on, and the fields to change. */
export const triagePatch = z.extend(z.partial(triage), {
  baseVersion: z.int().check(z.gte(0)),
});
export type TriagePatch = z.infer<typeof triagePatch>;

/** One entry of the `/changes` feed: the report as it now stands. */
export const changeEntry = z.object({
  cursor: z.string(),
  report: storedReport,
});

/** `GET /changes?since&limit`: changes in server order, and where to resume. */
export const changesPage = z.object({
  changes: z.array(changeEntry),
  cursor: z.string(),
  hasMore: z.boolean(),
});
export type ChangesPage = z.infer<typeof changesPage>;

/** `GET /reports`: one page of a filtered list. */
export const reportList = z.object({
  reports: z.array(storedReport),
  cursor: z.nullable(z.string()),
  total: z.optional(z.int()),
});
export type ReportList = z.infer<typeof reportList>;

/** `user add --json` output and the admin API's answer when a user is made. */
export const createdUser = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  token: z.string(),
});
export type CreatedUser = z.infer<typeof createdUser>;

export { person, STATUSES };
