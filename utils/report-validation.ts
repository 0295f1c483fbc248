/**
 * Checking a built report against the protocol schema, with messages keyed by form field.
 * Kept apart from the draft so that the annotator, which runs in the page, asks the
 * background to check instead of carrying the validator.
 */
import { issuesByPath, reportInput, type ReportInput } from '@/protocol/report';
import type { DraftField } from './report-draft';

/** Validation messages keyed by form field; null when the report is valid. */
export type FieldErrors = Partial<Record<DraftField, string>>;

/** Checks a built report; answers messages keyed by form field, or null when valid. */
export function validateReport(report: ReportInput): FieldErrors | null {
  const result = reportInput.safeParse(report);
  if (result.success) return null;
  const byPath = issuesByPath(result.error);
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(byPath)) {
    const field = path.split('.')[0];
    if (
      field === 'problems' ||
      field === 'trying' ||
      field === 'whatHappened'
    ) {
      out[field] ??= message;
    } else if (field === 'annotations') {
      out.annotations ??= message;
    } else {
      out.form ??= `${path || 'report'}: ${message}`;
    }
  }
  return out;
}
