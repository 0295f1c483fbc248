/**
 * How reports and notes are named on the page and in the frame. A saved report's name comes
 * from its id, never from where it sits in a list, so two colleagues looking at one report
 * call it the same thing.
 */
import type { Annotation } from '@/protocol/report';
import type { PageReport } from '@/utils/messaging';
import type { MarkSpec } from '@/utils/frame-link';
import { isSelectorList } from '@/utils/anchoring/valid';

/** A report's short code: the last four hex digits of its id, in capitals (e.g. "3F2A"). */
export function reportCode(id: string): string {
  return id
    .replace(/[^0-9a-f]/gi, '')
    .slice(-4)
    .toUpperCase();
}

/** The quoted text of a text annotation, or ''. */
export const quoteOf = (a: Annotation): string =>
  a.selectors.find((s) => s.type === 'TextQuoteSelector')?.exact ?? '';

/** The key of a draft note's mark. */
export const draftKey = (a: Annotation) => `draft:${a.id}`;
/** The key of a saved report's mark. */
export const reportKey = (reportId: string, a: Annotation) =>
  `${reportId}:${a.id}`;

/**
 * The selectors the page's layer may anchor: the stored ones when the protocol accepts them,
 * otherwise none, so the mark is an orphan. The layer checks only that a list is not empty;
 * the full check is made here, before anything reaches the page.
 */
function checkedSelectors(key: string, a: Annotation): Annotation['selectors'] {
  if (isSelectorList(a.selectors)) return a.selectors;
  console.warn(
    'Snag will not look for a mark whose selectors the protocol does not accept:',
    key,
  );
  return [];
}

/** What the page's layer draws: numbers for the draft's notes, codes for saved reports. */
export function markSpecs(
  draftNotes: readonly Annotation[],
  reports: readonly PageReport[],
): MarkSpec[] {
  const own = draftNotes.map((a, i) => ({
    key: draftKey(a),
    label: String(i + 1),
    selectors: checkedSelectors(draftKey(a), a),
    saved: false,
  }));
  const saved = reports.flatMap((r) =>
    r.annotations.map((a, j) => ({
      key: reportKey(r.id, a),
      label:
        r.annotations.length > 1
          ? `${reportCode(r.id)}-${j + 1}`
          : reportCode(r.id),
      selectors: checkedSelectors(reportKey(r.id, a), a),
      saved: true,
    })),
  );
  return [...own, ...saved];
}
