/**
 * The report's fixed vocabularies and limits, apart from the schema so that code running in
 * a page (the annotator) can use them without carrying the validator.
 */

/** Current version of the report schema written by this code. */
export const SCHEMA_VERSION = 1;

/** Longest free-text answer accepted for each question. */
export const MAX_TEXT = 5000;
/** Longest note on one annotation. */
export const MAX_NOTE = 2000;
/** Most annotations one report may hold. */
export const MAX_ANNOTATIONS = 50;

/** The two kinds of problem a report can name; a report names one or both. */
export const PROBLEM_KINDS = ['hard-to-use', 'insecure-workaround'] as const;

/** What made the service hard to use. */
export const USABILITY_CATEGORIES = [
  'confusing-content',
  'too-many-steps',
  'broken',
  'inaccessible',
  'slow',
  'dead-end',
  'forces-contact',
  'other',
] as const;

/** Which insecure workaround the service pushes people into. */
export const WORKAROUNDS = [
  'shared-account',
  'password-shared-or-written',
  'personal-email',
  'personal-device-or-storage',
  'unapproved-app',
  'copy-to-spreadsheet',
  'paper-or-photo',
  'security-control-bypassed',
  'other',
] as const;

/** The most sensitive kind of data the workaround exposes. */
export const DATA_INVOLVED = [
  'none',
  'personal',
  'special-category',
  'financial',
  'unknown',
] as const;

/** Who meets the problem. */
export const WHO_IS_AFFECTED = ['residents', 'staff', 'both'] as const;
/** How often it happens. */
export const FREQUENCIES = ['once', 'weekly', 'daily', 'constantly'] as const;
/** Triage status, owned by the server. */
export const STATUSES = [
  'new',
  'triaged',
  'in-progress',
  'fixed',
  'wont-fix',
  'duplicate',
] as const;
/** Statuses of reports that still need work; the matrix counts only these. */
export const OPEN_STATUSES = ['new', 'triaged', 'in-progress'] as const;
/** Screenshot encodings the server accepts. */
export const SCREENSHOT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/webp',
] as const;

/** The teams a team lead speaks for: IT judges security risk, digital judges usability. */
export const TEAMS = ['it', 'digital'] as const;
