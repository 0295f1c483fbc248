/**
 * The CSV export: one row per report, ready for a spreadsheet.
 */
import type { StoredReport } from '../../protocol/report';

/** Column headings, in order. */
export const CSV_COLUMNS = [
  'id',
  'receivedAt',
  'createdAt',
  'service',
  'pageUrl',
  'pageTitle',
  'problems',
  'usabilityCategories',
  'workarounds',
  'dataInvolved',
  'whoIsAffected',
  'frequency',
  'trying',
  'whatHappened',
  'annotations',
  'status',
  'usabilitySeverity',
  'securityRisk',
  'assignee',
  'duplicateOf',
  'votes',
  'comments',
  'author',
  'authorTeam',
] as const;

/**
 * What makes a spreadsheet read a cell as a formula (OWASP "CSV Injection"): a first character
 * of = + - @, or their full-width forms ＝ ＋ － ＠ (which spreadsheets fold to the ASCII ones),
 * also after leading spaces or other white space, which some spreadsheets skip; and a cell that
 * starts with a tab, CR, LF or any other control character.
 */
const FORMULA_START =
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  /^(?:[\s\u00A0\u2000-\u200B\u3000\uFEFF]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|[\u0000-\u001F])/;

/**
 * Gives a cell that a spreadsheet would run as a formula a leading apostrophe, so it shows as
 * text. The export also quotes every field and doubles quotes inside them (RFC 4180), so a
 * value cannot end its cell early and start a new one. The stored report is untouched.
 */
export function defuseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One report as a CSV record, keyed by column. */
export function csvRecord(
  report: StoredReport,
): Record<(typeof CSV_COLUMNS)[number], string | number> {
  const hard = report.problems.find((p) => p.kind === 'hard-to-use');
  const insecure = report.problems.find(
    (p) => p.kind === 'insecure-workaround',
  );
  const text = (s: string | null | undefined) => defuseFormula(s ?? '');
  return {
    id: report.id,
    receivedAt: report.receivedAt,
    createdAt: report.createdAt,
    service: text(report.page.service),
    pageUrl: text(report.page.url),
    pageTitle: text(report.page.title),
    problems: report.problems.map((p) => p.kind).join('; '),
    usabilityCategories: hard?.usabilityCategories.join('; ') ?? '',
    workarounds: insecure?.workarounds.join('; ') ?? '',
    dataInvolved: insecure?.dataInvolved ?? '',
    whoIsAffected: report.whoIsAffected ?? '',
    frequency: report.frequency ?? '',
    trying: text(report.trying),
    whatHappened: text(report.whatHappened),
    annotations: text(
      report.annotations
        .map((a) => a.note)
        .filter(Boolean)
        .join(' | '),
    ),
    status: report.status,
    usabilitySeverity: report.usabilitySeverity ?? '',
    securityRisk: report.securityRisk ?? '',
    assignee: text(report.assignee),
    duplicateOf: report.duplicateOf ?? '',
    votes: report.votes,
    comments: report.comments.length,
    author: text(report.author.name),
    authorTeam: report.author.team ?? '',
  };
}
