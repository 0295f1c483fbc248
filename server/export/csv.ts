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
 * Spreadsheets run a cell that starts with = + - @ (or a tab or CR) as a formula, so such text
 * gets a leading apostrophe (OWASP "CSV Injection"). The stored report is untouched.
 */
export function defuseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
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
