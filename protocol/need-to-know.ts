/**
 * Need to know on the wire: how a reporter sees a colleague's report, and how a reviewer
 * redacts what a report should not hold.
 */
import * as z from 'zod/mini';
import { annotation, itemId, reportId, storedReport, STATUSES } from './report';

/**
 * How a reporter sees a colleague's report (need to know): `summary` is enough to choose
 * Me too (what got in the way, the pins, status and votes); `withheld` stands for a report
 * the personal-data check flagged, shown only as "A colleague reported this place" until a
 * reviewer clears or redacts it. The fields the extension reads are kept, emptied, so that
 * the same reader takes both.
 */
export const REPORT_VIEWS = ['summary', 'withheld'] as const;
export type ReportView = (typeof REPORT_VIEWS)[number];

/** A colleague's report as a reporter may see it. */
export const reportSummary = z.object({
  id: reportId,
  view: z.enum(REPORT_VIEWS),
  serverSeq: z.int(),
  updatedAt: z.string(),
  page: z.object({ url: z.string(), service: z.string() }),
  /** What got in the way; for `withheld`, the words "A colleague reported this place". */
  whatHappened: z.string(),
  /** The pins, numbered by their order, with no notes (and, when withheld, no quoted text). */
  annotations: z.array(annotation),
  status: z.enum(STATUSES),
  duplicateOf: z.nullable(reportId),
  version: z.int(),
  votes: z.int(),
  votedByMe: z.optional(z.boolean()),
  /** Never the colleague's name: always "A colleague". */
  author: z.object({ id: z.string(), name: z.string() }),
});
export type ReportSummary = z.infer<typeof reportSummary>;

/** A report as a caller may read it: in full, or as a colleague's summary. */
export const visibleReport = z.union([storedReport, reportSummary]);
export type VisibleReport = z.infer<typeof visibleReport>;

/** `GET /reports` as a reporter gets it: own reports in full, colleagues' as summaries. */
export const visibleReportList = z.object({
  reports: z.array(visibleReport),
  cursor: z.nullable(z.string()),
  total: z.optional(z.int()),
});
export type VisibleReportList = z.infer<typeof visibleReportList>;

/** The report fields a reviewer may redact text in. */
export const REDACTABLE_FIELDS = [
  'trying',
  'whatHappened',
  'title',
  'note',
  'quote',
  'comment',
] as const;
export type RedactableField = (typeof REDACTABLE_FIELDS)[number];

/** What replaces redacted text. */
export const REDACTED = '[redacted]';

/**
 * `POST /reports/:id/redactions` body: the characters `start`–`end` of one field are replaced
 * by {@link REDACTED}, or the screenshot is removed. `itemId` names the annotation (`note`,
 * `quote`) or the comment (`comment`).
 */
export const redactionInput = z.union([
  z.strictObject({
    field: z.enum(REDACTABLE_FIELDS),
    itemId: z.optional(itemId),
    start: z.int().check(z.gte(0)),
    end: z.int().check(z.gte(0)),
  }),
  z.strictObject({ field: z.literal('screenshot') }),
]);
export type RedactionInput = z.infer<typeof redactionInput>;
