/**
 * Words for the report's coded values, and the triage rubrics shown beside each control, so
 * IT and digital read the same scale the same way.
 */
import type {
  DataInvolved,
  ProblemKind,
  Status,
  PersonalDataState,
  Team,
  UsabilityCategory,
  Workaround,
} from '../../../protocol/report';

/** Triage status names. */
export const STATUS_LABELS: Record<Status, string> = {
  new: 'New',
  triaged: 'Triaged',
  'in-progress': 'In progress',
  fixed: 'Fixed',
  'wont-fix': 'Won’t fix',
  duplicate: 'Duplicate',
};

/** Problem kind names. */
export const PROBLEM_LABELS: Record<ProblemKind, string> = {
  'hard-to-use': 'Hard to use',
  'insecure-workaround': 'Insecure workaround',
};

/** Usability category names. */
export const CATEGORY_LABELS: Record<UsabilityCategory, string> = {
  'confusing-content': 'Confusing content',
  'too-many-steps': 'Too many steps',
  broken: 'Broken',
  inaccessible: 'Inaccessible',
  slow: 'Slow',
  'dead-end': 'Dead end',
  'forces-contact': 'Forces phone, visit or email',
  other: 'Other',
};

/** Workaround names. */
export const WORKAROUND_LABELS: Record<Workaround, string> = {
  'shared-account': 'Shared account',
  'password-shared-or-written': 'Password shared or written down',
  'personal-email': 'Personal email',
  'personal-device-or-storage': 'Personal device or storage',
  'unapproved-app': 'Unapproved app',
  'copy-to-spreadsheet': 'Copied to a spreadsheet',
  'paper-or-photo': 'Paper or photo',
  'security-control-bypassed': 'Security control bypassed',
  other: 'Other',
};

/** What the server's personal-data check made of a report. */
export const PERSONAL_DATA_LABELS: Record<PersonalDataState, string> = {
  flagged: 'Contains personal data',
  cleared: 'Personal data cleared',
};

/** Names of the most sensitive data a workaround exposes. */
export const DATA_LABELS: Record<DataInvolved, string> = {
  none: 'No personal data',
  personal: 'Personal data',
  'special-category': 'Special category data',
  financial: 'Financial data',
  unknown: 'Not known',
};

/** Who meets the problem. */
export const AFFECTED_LABELS: Record<string, string> = {
  residents: 'Residents',
  staff: 'Staff',
  both: 'Residents and staff',
};

/** How often it happens. */
export const FREQUENCY_LABELS: Record<string, string> = {
  once: 'Once',
  weekly: 'Weekly',
  daily: 'Daily',
  constantly: 'Constantly',
};

/** The usability severity scale, 1 to 4, as digital judges it. */
export const SEVERITY_LEVELS: Record<number, string> = {
  1: '1 – Minor',
  2: '2 – Moderate',
  3: '3 – Serious',
  4: '4 – Blocking',
};

/** The rubric shown under the usability severity control. */
export const SEVERITY_RUBRIC =
  '1: annoying but people get through. 2: slows people down or needs help. ' +
  '3: many people fail or give up. 4: nobody can finish the task online.';

/** The security risk scale, 1 to 4, as IT judges it. */
export const RISK_LEVELS: Record<number, string> = {
  1: '1 – Low',
  2: '2 – Medium',
  3: '3 – High',
  4: '4 – Critical',
};

/** The rubric shown under the security risk control. */
export const RISK_RUBRIC =
  '1: no sensitive data exposed. 2: limited personal data or a weak control. ' +
  '3: personal data leaves council systems. 4: special category or financial data exposed, ' +
  'or a security control bypassed.';

/** The rubric shown under the status control. */
export const STATUS_RUBRIC =
  'New: not yet looked at. Triaged: rated and understood. In progress: someone is fixing it. ' +
  'Fixed, Won’t fix or Duplicate close the report.';

/** Team names. */
export const TEAM_LABELS: Record<Team, string> = {
  it: 'IT',
  digital: 'Digital',
};

/** The team a reviewer speaks for, as a short tag. */
export function teamLabel(team: Team | null | undefined): string | null {
  return team ? TEAM_LABELS[team] : null;
}

/** Names of triage fields, for history entries. */
export const FIELD_LABELS: Record<string, string> = {
  status: 'Status',
  usabilitySeverity: 'Usability severity',
  securityRisk: 'Security risk',
  assignee: 'Assignee',
  duplicateOf: 'Duplicate of',
  redacted: 'Redacted',
  personalData: 'Personal data',
};

/** A triage value in words, for history entries. */
export function describeValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'not set';
  if (field === 'status')
    return STATUS_LABELS[value as Status] ?? String(value);
  if (field === 'usabilitySeverity')
    return SEVERITY_LEVELS[Number(value)] ?? String(value);
  if (field === 'securityRisk')
    return RISK_LEVELS[Number(value)] ?? String(value);
  return String(value);
}

/** A server timestamp in the reader's own words. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}
