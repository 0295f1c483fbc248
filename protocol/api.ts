/**
 * The HTTP API v1 contract (docs/api.md): every path, request body and answer that the
 * extension, the dashboard and the server rely on. Types are inferred from the schemas, and the
 * server's OpenAPI document is generated from them, so the contract is written once.
 */
import * as z from 'zod/mini';
import { annotationSeen } from './anchoring';
import { visibleReport } from './need-to-know';
import {
  itemId,
  person,
  reportId,
  storedReport,
  triage,
  STATUSES,
  TEAMS,
} from './report';

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
/** Largest page of `/changes`. */
export const MAX_CHANGES = 500;
/** The page of `/changes` when the client names none. */
export const DEFAULT_CHANGES = 100;
/** Most weeks `/stats/trends` covers. */
export const MAX_TREND_WEEKS = 104;
/** The weeks `/stats/trends` covers when the client names none. */
export const DEFAULT_TREND_WEEKS = 12;

/**
 * Route patterns of API v1, relative to {@link API_PREFIX}, exactly as the server registers
 * them (`:id` is a path parameter).
 */
export const routes = {
  health: '/health',
  healthLive: '/health/live',
  healthReady: '/health/ready',
  config: '/config',
  openapi: '/openapi.json',
  session: '/session',
  me: '/me',
  reports: '/reports',
  report: '/reports/:id',
  screenshot: '/reports/:id/screenshot',
  redactions: '/reports/:id/redactions',
  personalData: '/reports/:id/personal-data',
  comments: '/reports/:id/comments',
  myVote: '/reports/:id/votes/me',
  triage: '/reports/:id/triage',
  anchoring: '/reports/:id/anchoring',
  changes: '/changes',
  exportCsv: '/export.csv',
  exportJsonLd: '/export.jsonld',
  matrix: '/stats/matrix',
  trends: '/stats/trends',
  events: '/events',
  users: '/users',
  user: '/users/:id',
  services: '/services',
  reapplyServices: '/services/reapply',
  audit: '/audit',
  auditCsv: '/audit.csv',
} as const;

/** The full path of a route with an `:id`, for one id. */
const withId = (route: string) => (id: string) =>
  `${API_PREFIX}${route.replace(':id', encodeURIComponent(id))}`;

/** Paths of API v1, relative to the server origin. */
export const paths = {
  health: `${API_PREFIX}${routes.health}`,
  healthLive: `${API_PREFIX}${routes.healthLive}`,
  healthReady: `${API_PREFIX}${routes.healthReady}`,
  config: `${API_PREFIX}${routes.config}`,
  openapi: `${API_PREFIX}${routes.openapi}`,
  session: `${API_PREFIX}${routes.session}`,
  me: `${API_PREFIX}${routes.me}`,
  reports: `${API_PREFIX}${routes.reports}`,
  report: withId(routes.report),
  screenshot: withId(routes.screenshot),
  redactions: withId(routes.redactions),
  personalData: withId(routes.personalData),
  comments: withId(routes.comments),
  myVote: withId(routes.myVote),
  triage: withId(routes.triage),
  anchoring: withId(routes.anchoring),
  changes: `${API_PREFIX}${routes.changes}`,
  exportCsv: `${API_PREFIX}${routes.exportCsv}`,
  exportJsonLd: `${API_PREFIX}${routes.exportJsonLd}`,
  matrix: `${API_PREFIX}${routes.matrix}`,
  trends: `${API_PREFIX}${routes.trends}`,
  events: `${API_PREFIX}${routes.events}`,
  users: `${API_PREFIX}${routes.users}`,
  user: withId(routes.user),
  services: `${API_PREFIX}${routes.services}`,
  reapplyServices: `${API_PREFIX}${routes.reapplyServices}`,
  audit: `${API_PREFIX}${routes.audit}`,
  auditCsv: `${API_PREFIX}${routes.auditCsv}`,
} as const;

/** The body of every error answer. */
export const apiError = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ApiError = z.infer<typeof apiError>;

/** The state of single sign-on as the server last found it. */
export const ssoStatus = z.object({
  configured: z.boolean(),
  /** `ok`, `failing` (see `message`), or `checking` (not yet known). */
  state: z.enum(['off', 'checking', 'ok', 'failing']),
  /** What is wrong, in words an admin can act on. */
  message: z.optional(z.string()),
  /** When the server last checked, if it has. */
  checkedAt: z.optional(z.string()),
});
export type SsoStatus = z.infer<typeof ssoStatus>;

/** `GET /health`: no auth; tells a client it is talking to a Snag server. */
export const health = z.object({
  service: z.literal('snag'),
  status: z.literal('ok'),
  store: z.enum(['sqlite', 'postgres']),
  migration: z.int(),
  version: z.string(),
  /** Single sign-on, when configured: the server still serves tokens if it is failing. */
  sso: z.optional(ssoStatus),
});
export type Health = z.infer<typeof health>;

/** `GET /health/live`: no auth; the process is up and answering, whatever its store says. */
export const liveness = z.object({
  service: z.literal('snag'),
  status: z.literal('ok'),
});
export type Liveness = z.infer<typeof liveness>;

/** `GET /config`: the council's branding, for the dashboard. */
export const councilConfig = z.object({
  councilName: z.string(),
  colour: z.string(),
});
export type CouncilConfig = z.infer<typeof councilConfig>;

/** `GET /me`: who the token belongs to. */
export const me = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  team: z.optional(z.nullable(z.enum(TEAMS))),
  /** Whether a council account (single sign-on) is linked to this person. */
  councilAccount: z.optional(z.boolean()),
});
export type Me = z.infer<typeof me>;

/** `POST /session` body: the access token to exchange for a dashboard session. */
export const signIn = z.strictObject({
  token: z.string().check(z.minLength(1), z.maxLength(256)),
});
export type SignIn = z.infer<typeof signIn>;

/** `POST /session` and `GET /session`: the signed-in person and the session's CSRF token. */
export const session = z.object({
  user: me,
  /** Sent back as `X-CSRF-Token` on every state-changing request made with the cookie. */
  csrfToken: z.string(),
});
export type Session = z.infer<typeof session>;

/** The path parameter of every `/reports/:id…` route: a UUIDv7, so no traversal, no SQL. */
export const reportParams = z.object({ id: reportId });

/** One triage change in a report's history: each changed field with its old and new value. */
export const historyEntry = z.object({
  at: z.string(),
  author: person,
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

/** `GET /reports/:id`: the report with its discussion, triage history and notes' last sighting. */
export const reportDetail = z.safeExtend(storedReport, {
  annotations: z.array(annotationSeen),
  history: z.array(historyEntry),
});
export type ReportDetail = z.infer<typeof reportDetail>;

/**
 * `GET /reports/:id` query: a reporter names the page they are on to read a colleague's
 * report there as a summary.
 */
export const reportQuery = z.object({
  url: z.optional(z.string().check(z.maxLength(2048))),
});

/** `GET /reports`: one page of a filtered list. */
export const reportList = z.object({
  reports: z.array(storedReport),
  cursor: z.nullable(z.string()),
  total: z.optional(z.int()),
});
export type ReportList = z.infer<typeof reportList>;

/** `POST /reports/:id/comments` body; idempotent by `id`. */
export const commentInput = z.strictObject({
  id: itemId,
  body: z.string().check(
    z.maxLength(MAX_COMMENT),
    z.refine((s) => s.trim().length > 0, 'A comment needs some text'),
  ),
});
export type CommentInput = z.infer<typeof commentInput>;

/** `PUT|DELETE /reports/:id/votes/me`: the count after the change, and the caller's vote. */
export const voteAnswer = z.object({ votes: z.int(), votedByMe: z.boolean() });
export type VoteAnswer = z.infer<typeof voteAnswer>;

/** The triage fields a reviewer may change; absent ones stay as they are. */
export const triageChange = z.partial(triage);
export type TriageChange = z.infer<typeof triageChange>;

/** `PATCH /reports/:id/triage` body: the version it was based on, and the fields to change. */
export const triagePatch = z.extend(triageChange, {
  baseVersion: z.int().check(z.gte(0)),
});
export type TriagePatch = z.infer<typeof triagePatch>;

/** The 409 answer to a stale triage patch: the report as it now stands, and who changed it. */
export const triageConflict = z.extend(apiError, {
  current: storedReport,
  changedBy: person,
});
export type TriageConflict = z.infer<typeof triageConflict>;

/** `GET /changes` query: where to resume and how many to send. */
export const changesQuery = z.object({
  since: z.optional(
    z.string().check(z.regex(/^\d{1,15}$/, 'Not a cursor from this server')),
  ),
  limit: z.optional(
    z.string().check(z.regex(/^\d{1,4}$/, 'Expected a number')),
  ),
});

/** One entry of the `/changes` feed: the report as it now stands, as the caller may see it. */
export const changeEntry = z.object({
  cursor: z.string(),
  report: visibleReport,
});
export type ChangeEntry = z.infer<typeof changeEntry>;

/** `GET /changes?since&limit`: changes in server order, and where to resume. */
export const changesPage = z.object({
  changes: z.array(changeEntry),
  cursor: z.string(),
  hasMore: z.boolean(),
});
export type ChangesPage = z.infer<typeof changesPage>;

/** Open reports counted at one usability severity and security risk; `null` is "not rated". */
export const matrixCell = z.object({
  usabilitySeverity: z.nullable(z.int()),
  securityRisk: z.nullable(z.int()),
  count: z.int(),
});
export type MatrixCell = z.infer<typeof matrixCell>;

/** `GET /stats/matrix`: open reports by usability severity × security risk. */
export const matrix = z.object({ cells: z.array(matrixCell), total: z.int() });
export type Matrix = z.infer<typeof matrix>;

/** `GET /stats/trends` query. */
export const trendsQuery = z.object({
  weeks: z.optional(
    z.string().check(z.regex(/^\d{1,3}$/, 'Expected a number')),
  ),
});

/** Counts per week for one named series (a service, or a problem kind). */
export const weeklySeries = z.object({
  name: z.string(),
  counts: z.array(z.int()),
});
export type WeeklySeries = z.infer<typeof weeklySeries>;

/** `GET /stats/trends`: reports per ISO week by service and problem kind; top workarounds. */
export const trends = z.object({
  /** The Monday (ISO date) of each week, oldest first. */
  weeks: z.array(z.string()),
  byService: z.array(weeklySeries),
  byProblem: z.array(weeklySeries),
  topWorkarounds: z.array(z.object({ workaround: z.string(), count: z.int() })),
});
export type Trends = z.infer<typeof trends>;

/** The events `GET /events` streams: a report was made, or changed in any way. */
export const REPORT_EVENTS = ['report-created', 'report-updated'] as const;

/** One server-sent event: its type, and the data it carries. */
export const reportEvent = z.object({
  type: z.enum(REPORT_EVENTS),
  id: z.string(),
  serverSeq: z.int(),
});
export type ReportEvent = z.infer<typeof reportEvent>;

/** A user as `GET /users` lists them; the token itself is never kept. */
export const userSummary = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  team: z.nullable(z.enum(TEAMS)),
  createdAt: z.string(),
  revokedAt: z.nullable(z.string()),
  /** Whether a council account (single sign-on) is linked; only `GET /users` says. */
  councilAccount: z.optional(z.boolean()),
});
export type UserSummary = z.infer<typeof userSummary>;

/** `GET /users`: every user, revoked ones included. */
export const userList = z.array(userSummary);

/** `POST /users` body. */
export const newUser = z.strictObject({
  name: z.string().check(
    z.minLength(1),
    z.maxLength(200),
    z.refine((s) => s.trim().length > 0, 'A name is needed'),
  ),
  role: z.enum(ROLES),
  team: z.optional(z.nullable(z.enum(TEAMS))),
});
export type NewUserInput = z.infer<typeof newUser>;

/** `user add --json` output and the admin API's answer when a user is made. */
export const createdUser = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  team: z.optional(z.nullable(z.enum(TEAMS))),
  token: z.string(),
});
export type CreatedUser = z.infer<typeof createdUser>;

/** The path parameter of `DELETE /users/:id`. */
export const userParams = z.object({
  id: z.string().check(z.regex(/^[0-9a-f-]{36}$/, 'Expected a user id')),
});

/** One row of the service catalogue: which hostname and path belong to which service. */
export const serviceEntry = z.strictObject({
  hostname: z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(253),
      z.regex(/^[A-Za-z0-9.-]+$/, 'Expected a hostname'),
    ),
  pathPrefix: z
    .string()
    .check(
      z.maxLength(500),
      z.regex(/^(\/.*)?$/, 'A path prefix starts with /'),
    ),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
});
export type ServiceEntry = z.infer<typeof serviceEntry>;

/** `GET|PUT /services`: the whole catalogue, most specific entries winning. */
export const serviceList = z.array(serviceEntry).check(z.maxLength(2000));

/** `POST /services/reapply`: how many reports were renamed. */
export const reapplyAnswer = z.object({ changed: z.int() });
export type ReapplyAnswer = z.infer<typeof reapplyAnswer>;

export { person, STATUSES };
