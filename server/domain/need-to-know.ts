/**
 * Need to know (docs/privacy.md): what each caller may read of a report.
 * Reviewers and admins read everything. A reporter reads their own reports in full and, on
 * the page they are on, colleagues' reports as a summary that is enough to choose Me too; a
 * colleague's report the personal-data check flagged shows only as "A colleague reported this
 * place" until a reviewer clears or redacts it. Every route that reads report data asks here.
 */
import { roleAllows, type Role } from '../../protocol/api';
import type { ReportSummary, VisibleReport } from '../../protocol/need-to-know';
import type { ListFilters, ReportSort } from '../../protocol/filters';
import type { Annotation, StoredReport } from '../../protocol/report';
import type { Read } from './read';
import type { ReportFilter } from './report-filter';

/** Who is reading, as far as these rules need to know. */
export interface Reader {
  id: string;
  role: Role;
}

/** What a withheld report says in place of the colleague's words. */
export const WITHHELD_TEXT = 'A colleague reported this place';

/** How a colleague is named to a reporter: never by name. */
const COLLEAGUE = { id: '', name: 'A colleague' };

/** Whether the reader sees every report in full (reviewers and admins). */
export function readsEverything(reader: Reader): boolean {
  return roleAllows(reader.role, 'reviewer');
}

/** Whether the reader may read this report in full: their own, or any for a reviewer. */
export function readsInFull(reader: Reader, authorId: string): boolean {
  return readsEverything(reader) || reader.id === authorId;
}

/** Whether a colleague's report is withheld from reporters until a reviewer looks at it. */
export function isWithheld(
  report: Pick<StoredReport, 'personalData'>,
): boolean {
  return report.personalData === 'flagged';
}

/**
 * A pin without its note. A withheld report's pins also lose every selector that quotes the
 * page, since the quote may be where the personal data is; a pin left with nothing to find
 * its place by is left out.
 */
function pinOf(annotation: Annotation, withheld: boolean): Annotation | null {
  const selectors = withheld
    ? annotation.selectors.filter((s) => s.type !== 'TextQuoteSelector')
    : annotation.selectors;
  if (selectors.length === 0) return null;
  return { id: annotation.id, kind: annotation.kind, note: '', selectors };
}

/** A colleague's report as a reporter may see it. */
export function summaryOf(report: StoredReport): ReportSummary {
  const withheld = isWithheld(report);
  return {
    id: report.id,
    view: withheld ? 'withheld' : 'summary',
    serverSeq: report.serverSeq,
    updatedAt: report.updatedAt,
    page: { url: report.page.url, service: report.page.service },
    whatHappened: withheld ? WITHHELD_TEXT : report.whatHappened,
    annotations: report.annotations
      .map((a) => pinOf(a, withheld))
      .filter((a): a is Annotation => a !== null),
    status: report.status,
    duplicateOf: report.duplicateOf,
    version: report.version,
    votes: report.votes,
    ...(report.votedByMe === undefined ? {} : { votedByMe: report.votedByMe }),
    author: COLLEAGUE,
  };
}

/** The report as this reader may see it: in full, or as a colleague's summary. */
export function viewOf(report: StoredReport, reader: Reader): VisibleReport {
  return readsInFull(reader, report.author.id) ? report : summaryOf(report);
}

/** List parameters a reporter may set when asking for colleagues' reports on a page. */
// Paging (`limit`, `cursor`) says nothing of what colleagues wrote.
const PAGE_KEYS = new Set<string>([
  'url',
  'status',
  'sort',
  'mine',
  'limit',
  'cursor',
]);
/** Orders that tell nothing of triage a reporter may not see. */
const PAGE_SORTS = new Set<ReportSort>(['newest', 'oldest', 'votes']);

/**
 * The list a reader may ask for. Reviewers: any. A reporter: their own reports with any
 * filter (`mine=1`, or no `url`), or everyone's reports on one page (`url`) filtered by
 * status only, since filtering colleagues' reports by text or triage would tell what they say.
 */
export function scopeList(
  filter: ReportFilter,
  query: ListFilters,
  reader: Reader,
): Read<ReportFilter> {
  if (readsEverything(reader) || filter.authorId === reader.id)
    return { ok: true, value: filter };
  if (filter.url === undefined)
    return { ok: true, value: { ...filter, authorId: reader.id } };
  const extra = Object.entries(query).find(
    ([key, value]) =>
      value !== undefined && value !== '' && !PAGE_KEYS.has(key),
  );
  if (extra)
    return {
      ok: false,
      message: `query.${extra[0]}: on a page's reports a reporter may filter by status only; add mine=1 to filter your own reports`,
    };
  if (filter.sort && !PAGE_SORTS.has(filter.sort))
    return {
      ok: false,
      message: `query.sort: on a page's reports a reporter may sort by newest, oldest or votes`,
    };
  return { ok: true, value: filter };
}

/**
 * Whether a reader asking for one report by id gets it: in full if they may, as a summary
 * if it is a colleague's on the page they name (`url`), otherwise not at all (the answer is
 * the same as for an id that does not exist).
 */
export function singleView(
  report: StoredReport,
  reader: Reader,
  pageUrl: string | undefined,
): VisibleReport | null {
  if (readsInFull(reader, report.author.id)) return report;
  return pageUrl !== undefined && pageUrl === report.page.url
    ? summaryOf(report)
    : null;
}

/** Whether the reader may comment: on their own reports, or on any as a reviewer. */
export const mayComment = readsInFull;

/** Whether the reader may see the screenshot: of their own reports, or of any as a reviewer. */
export const maySeeScreenshot = readsInFull;
