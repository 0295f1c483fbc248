/**
 * The friction report: the one schema both the extension and the server validate with
 * (docs/api.md). Types are inferred from it, so the wire contract lives in one place.
 */
import * as z from 'zod/mini';
import { selectorList } from './selectors';
import { cleanText } from './text';

export * from './constants';
import {
  MAX_ANNOTATIONS,
  MAX_NOTE,
  MAX_TEXT,
  SCHEMA_VERSION,
  USABILITY_CATEGORIES,
  WORKAROUNDS,
  DATA_INVOLVED,
  WHO_IS_AFFECTED,
  FREQUENCIES,
  STATUSES,
  SCREENSHOT_TYPES,
  PROBLEM_KINDS,
  TEAMS,
} from './constants';

const [HARD_TO_USE, INSECURE_WORKAROUND] = PROBLEM_KINDS;

const UUID_V7 =
  /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A UUIDv7, made on the client; lower-case canonical form only. */
export const reportId = z
  .string()
  .check(z.regex(UUID_V7, 'Expected a UUIDv7 id'));

/** Any id we mint on the client for annotations and comments: a UUID, lower case. */
export const itemId = z
  .string()
  .check(
    z.regex(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      'Expected a UUID',
    ),
  );

const isoTime = z.iso.datetime({ offset: true });
const shortText = (max: number) => z.string().check(z.maxLength(max));

/** "Hard to use", with what kind of hard. */
export const hardToUseProblem = z.strictObject({
  kind: z.literal(HARD_TO_USE),
  usabilityCategories: z
    .array(z.enum(USABILITY_CATEGORIES))
    .check(z.maxLength(8)),
});

/** "Pushes people into an insecure workaround", with which one and what data it exposes. */
export const insecureWorkaroundProblem = z.strictObject({
  kind: z.literal(INSECURE_WORKAROUND),
  workarounds: z.array(z.enum(WORKAROUNDS)).check(z.maxLength(9)),
  dataInvolved: z.enum(DATA_INVOLVED),
});

/** One of the two problem kinds. */
export const problem = z.discriminatedUnion('kind', [
  hardToUseProblem,
  insecureWorkaroundProblem,
]);

/** A note pinned to an element or a passage of text, located by W3C selectors. */
export const annotation = z.strictObject({
  id: itemId,
  kind: z.enum(['text', 'element']),
  note: shortText(MAX_NOTE),
  selectors: selectorList,
});

/** A rectangle painted over the screenshot, in image pixels. */
export const rect = z.strictObject({
  x: z.number().check(z.gte(0)),
  y: z.number().check(z.gte(0)),
  width: z.number().check(z.gte(0)),
  height: z.number().check(z.gte(0)),
});

/** The masked screenshot's description; the image itself travels as a separate blob. */
export const screenshotInfo = z.strictObject({
  mediaType: z.enum(SCREENSHOT_TYPES),
  width: z.int().check(z.gte(1), z.lte(16384)),
  height: z.int().check(z.gte(1), z.lte(16384)),
  redactions: z.array(rect).check(z.maxLength(500)),
});

/** The browser the report was made in. */
export const environment = z.strictObject({
  browser: shortText(100),
  version: shortText(100),
  os: shortText(100),
  viewport: z.strictObject({
    width: z.int().check(z.gte(0)),
    height: z.int().check(z.gte(0)),
  }),
  language: shortText(50),
  extensionVersion: shortText(50),
});

/** The page the report is about, with its URL already cleaned (docs/privacy.md). */
export const page = z.strictObject({
  // Only web pages: a `javascript:` or `data:` address would run if a reviewer followed it.
  url: z
    .url({
      protocol: /^https?$/,
      error: 'Only web page addresses (http: or https:) can be reported',
    })
    .check(z.maxLength(2048)),
  title: shortText(500),
  service: shortText(200),
});

const requiredText = z.string().check(
  z.maxLength(MAX_TEXT, `Keep this under ${MAX_TEXT} characters`),
  z.refine((s) => s.trim().length > 0, 'Please answer this question'),
);

/**
 * The fields a reporter writes. This is the body of `PUT /reports/:id`; unknown fields are
 * refused so that a typo never silently drops data.
 */
export const reportInput = z
  .strictObject({
    id: reportId,
    schemaVersion: z.literal(SCHEMA_VERSION),
    createdAt: isoTime,
    updatedAt: isoTime,
    page,
    problems: z
      .array(problem)
      .check(
        z.minLength(1, 'Choose at least one kind of problem'),
        z.maxLength(2),
      ),
    whoIsAffected: z.optional(z.enum(WHO_IS_AFFECTED)),
    frequency: z.optional(z.enum(FREQUENCIES)),
    trying: requiredText,
    whatHappened: requiredText,
    annotations: z.array(annotation).check(z.maxLength(MAX_ANNOTATIONS)),
    screenshot: z.optional(screenshotInfo),
    environment,
  })
  .check(
    z.refine(
      (r) => new Set(r.problems.map((p) => p.kind)).size === r.problems.length,
      { message: 'Each problem kind may appear once', path: ['problems'] },
    ),
    // The same rule the server applies to every request, so the form says it before sending.
    z.superRefine((r, ctx) => {
      const result = cleanText(structuredClone(r));
      if (!result.ok)
        ctx.addIssue({ code: 'custom', input: r, ...result.refusal });
    }),
  );

/** Who wrote something, as the server knows them. */
export const person = z.strictObject({
  id: z.string(),
  name: z.string(),
  team: z.optional(z.nullable(z.enum(TEAMS))),
});

/** A comment in a report's discussion. */
export const comment = z.strictObject({
  id: itemId,
  body: z.string(),
  author: person,
  createdAt: isoTime,
});

/** The triage state the server owns; reviewers change it with `PATCH …/triage`. */
export const triage = z.strictObject({
  status: z.enum(STATUSES),
  usabilitySeverity: z.nullable(z.int().check(z.gte(1), z.lte(4))),
  securityRisk: z.nullable(z.int().check(z.gte(1), z.lte(4))),
  assignee: z.nullable(z.string().check(z.maxLength(200))),
  duplicateOf: z.nullable(reportId),
});

/** The triage fields, in the order a form and a history show them. */
export const TRIAGE_FIELDS = Object.keys(triage.shape) as (keyof Triage)[];

/**
 * What the server's personal-data check made of a report: `flagged` when it found an
 * identifier, `cleared` once a reviewer said there is none left (or redacted it).
 */
export const PERSONAL_DATA_STATES = ['flagged', 'cleared'] as const;
export type PersonalDataState = (typeof PERSONAL_DATA_STATES)[number];

/** A report as the server holds it: what the reporter wrote plus the server's own fields. */
export const storedReport = z.extend(reportInput, {
  serverSeq: z.int(),
  receivedAt: isoTime,
  author: person,
  status: z.enum(STATUSES),
  usabilitySeverity: z.nullable(z.int()),
  securityRisk: z.nullable(z.int()),
  assignee: z.nullable(z.string()),
  duplicateOf: z.nullable(reportId),
  version: z.int(),
  votes: z.int(),
  votedByMe: z.optional(z.boolean()),
  comments: z.array(comment),
  /** Absent when the server's personal-data check found nothing. */
  personalData: z.optional(z.enum(PERSONAL_DATA_STATES)),
});

export type ReportInput = z.infer<typeof reportInput>;
export type StoredReport = z.infer<typeof storedReport>;
export type Problem = z.infer<typeof problem>;
export type Annotation = z.infer<typeof annotation>;
export type ScreenshotInfo = z.infer<typeof screenshotInfo>;
export type Rect = z.infer<typeof rect>;
export type Environment = z.infer<typeof environment>;
export type Page = z.infer<typeof page>;
export type Triage = z.infer<typeof triage>;
export type Comment = z.infer<typeof comment>;
export type Person = z.infer<typeof person>;
export type UsabilityCategory = (typeof USABILITY_CATEGORIES)[number];
export type Workaround = (typeof WORKAROUNDS)[number];
export type DataInvolved = (typeof DATA_INVOLVED)[number];
export type Status = (typeof STATUSES)[number];
export type ProblemKind = (typeof PROBLEM_KINDS)[number];
export type Team = (typeof TEAMS)[number];

/** Turns a schema failure into `{ path: message }`, for messages next to form fields. */
export function issuesByPath(error: z.core.$ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.');
    out[key] ??= issue.message;
  }
  return out;
}
