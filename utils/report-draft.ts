/**
 * The report form's working state, and how it becomes a report. The form edits a draft; the
 * draft is autosaved, validated against the protocol schema, then saved as a report.
 */
import { SCHEMA_VERSION } from '@/protocol/constants';
import type {
  Annotation,
  DataInvolved,
  Environment,
  Page,
  Problem,
  ReportInput,
  ScreenshotInfo,
  UsabilityCategory,
  Workaround,
  WHO_IS_AFFECTED,
  FREQUENCIES,
} from '@/protocol/report';
import { findPersonalData, type Finding } from './privacy';
import { newReportId } from './ids';

/** What the form holds while the reporter works. */
export interface ReportDraft {
  id: string;
  createdAt: string;
  hardToUse: boolean;
  usabilityCategories: UsabilityCategory[];
  insecureWorkaround: boolean;
  workarounds: Workaround[];
  dataInvolved: DataInvolved;
  whoIsAffected?: (typeof WHO_IS_AFFECTED)[number];
  frequency?: (typeof FREQUENCIES)[number];
  trying: string;
  whatHappened: string;
  annotations: Annotation[];
  screenshot?: ScreenshotInfo;
}

/** True for a value shaped like a draft (drafts are stored unvalidated, as the form holds them). */
export function isDraft(value: unknown): value is ReportDraft {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ReportDraft).id === 'string' &&
    Array.isArray((value as ReportDraft).annotations)
  );
}

/** A fresh, empty draft. */
export function emptyDraft(now: Date = new Date()): ReportDraft {
  return {
    id: newReportId(),
    createdAt: now.toISOString(),
    hardToUse: false,
    usabilityCategories: [],
    insecureWorkaround: false,
    workarounds: [],
    dataInvolved: 'unknown',
    trying: '',
    whatHappened: '',
    annotations: [],
  };
}

/** Re-opens a saved report for editing. */
export function draftFromReport(report: ReportInput): ReportDraft {
  const hard = report.problems.find((p) => p.kind === 'hard-to-use');
  const insecure = report.problems.find(
    (p) => p.kind === 'insecure-workaround',
  );
  return {
    id: report.id,
    createdAt: report.createdAt,
    hardToUse: Boolean(hard),
    usabilityCategories: hard?.usabilityCategories ?? [],
    insecureWorkaround: Boolean(insecure),
    workarounds: insecure?.workarounds ?? [],
    dataInvolved: insecure?.dataInvolved ?? 'unknown',
    whoIsAffected: report.whoIsAffected,
    frequency: report.frequency,
    trying: report.trying,
    whatHappened: report.whatHappened,
    annotations: report.annotations,
    screenshot: report.screenshot,
  };
}

/** Builds the report a draft describes. It may still be invalid: see `validateDraft`. */
export function draftToReport(
  draft: ReportDraft,
  page: Page,
  environment: Environment,
  now: Date = new Date(),
): ReportInput {
  const problems: Problem[] = [];
  if (draft.hardToUse) {
    problems.push({
      kind: 'hard-to-use',
      usabilityCategories: draft.usabilityCategories,
    });
  }
  if (draft.insecureWorkaround) {
    problems.push({
      kind: 'insecure-workaround',
      workarounds: draft.workarounds,
      dataInvolved: draft.dataInvolved,
    });
  }
  return {
    id: draft.id,
    schemaVersion: SCHEMA_VERSION,
    createdAt: draft.createdAt,
    updatedAt: now.toISOString(),
    page,
    problems,
    ...(draft.whoIsAffected ? { whoIsAffected: draft.whoIsAffected } : {}),
    ...(draft.frequency ? { frequency: draft.frequency } : {}),
    trying: draft.trying,
    whatHappened: draft.whatHappened,
    annotations: draft.annotations,
    ...(draft.screenshot ? { screenshot: draft.screenshot } : {}),
    environment,
  };
}

/** Form fields that can carry a validation message. */
export type DraftField =
  'problems' | 'trying' | 'whatHappened' | 'annotations' | 'form';

/** Where a personal identifier was found, for the warning shown before saving. */
export interface LocatedFinding extends Finding {
  /**
   * Which part of the report: a field name, the page's title or address, or
   * `note-N`/`quote-N`/`context-N` (the text around the quote) for annotation N.
   */
  where:
    | 'trying'
    | 'whatHappened'
    | 'pageTitle'
    | 'pagePath'
    | `note-${number}`
    | `quote-${number}`
    | `context-${number}`;
  /** The text that matched. */
  match: string;
}

/** The path of a URL, decoded where it can be, or '' when it is not a URL. */
function pathOf(url: string): string {
  try {
    const path = new URL(url).pathname;
    try {
      return decodeURIComponent(path);
    } catch {
      return path;
    }
  } catch {
    return '';
  }
}

/**
 * Runs the personal-data check over every free text a report sends: answers, notes, quotes
 * and the text around them, and the page's title and address path (a case record's title
 * or URL often names the resident).
 */
export function findPersonalDataInDraft(
  draft: ReportDraft,
  page?: Pick<Page, 'title' | 'url'>,
): LocatedFinding[] {
  const texts: [LocatedFinding['where'], string][] = [
    ['trying', draft.trying],
    ['whatHappened', draft.whatHappened],
  ];
  if (page) {
    texts.push(['pageTitle', page.title ?? '']);
    texts.push(['pagePath', pathOf(page.url)]);
  }
  draft.annotations.forEach((a, i) => {
    texts.push([`note-${i + 1}`, a.note]);
    for (const s of a.selectors) {
      if (s.type === 'TextQuoteSelector') {
        texts.push([`quote-${i + 1}`, s.exact]);
        texts.push([`context-${i + 1}`, s.prefix ?? '']);
        texts.push([`context-${i + 1}`, s.suffix ?? '']);
      }
    }
  });
  return texts.flatMap(([where, text]) =>
    findPersonalData(text).map((f) => ({
      ...f,
      where,
      match: text.slice(f.start, f.end),
    })),
  );
}
