/**
 * Reading a stored report for the export, whatever it holds. Reports are stored as their
 * authors' clients sent them; rows written by older code, or by hand, may lack fields, hold
 * selectors of another shape, or carry characters no RDF tool accepts. The export must still
 * produce a valid document, so this reads each field on its own terms: what can be repaired
 * is repaired and noted; a report without what every annotation needs (an id and a page
 * address) is left out, with the reason.
 */
import { v5 as uuidv5 } from 'uuid';
import { toW3CSelectors, type W3CSelector } from './w3c-selectors';
import { cleanText, isDateTime, isIri, isUuid, languageTag } from './values';

/** One pinned note of a report, ready to export. */
export interface ExportablePin {
  /** The annotation's UUID (stored, or derived from the report's when the stored one is unusable). */
  id: string;
  note: string;
  /** Its selectors in the model's shapes; empty when none could be used. */
  selectors: W3CSelector[];
}

/** What the export needs of a report, read and repaired. */
export interface ExportableReport {
  id: string;
  /** The page address, an absolute IRI. */
  pageUrl: string;
  /** Each a date-time, when the stored value is one. */
  createdAt?: string;
  updatedAt?: string;
  /** The author's UUID and name, when stored. */
  author: { id?: string; name?: string };
  /** The reporter's language (a BCP 47 tag), when known. */
  language?: string;
  status?: string;
  service?: string;
  trying: string;
  whatHappened: string;
  /** Problem kinds and their categories, as tags. */
  tags: string[];
  pins: ExportablePin[];
}

/** Something the export did about a report or one of its annotations. */
export interface ReadNote {
  /** The annotation's UUID, when the note is about one. */
  annotation?: string;
  outcome: 'left out' | 'adjusted';
  reason: string;
}

/** The outcome of reading one stored report. */
export type ReadOutcome =
  | { ok: true; report: ExportableReport; notes: ReadNote[] }
  | { ok: false; reportId?: string; reason: string };

/** Namespace of the annotation ids derived for pins stored without a usable one (RFC 9562 v5). */
const DERIVED_PIN_IDS = '6f3b1a52-93f4-4d8e-9a0c-2c1d5e7f8b90';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shortText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== ''
    ? cleanText(value).text
    : undefined;
}

function tagsOf(problems: unknown): string[] {
  if (!Array.isArray(problems)) return [];
  const words = (list: unknown) =>
    Array.isArray(list)
      ? list.filter((w): w is string => typeof w === 'string')
      : [];
  return problems
    .flatMap((problem) => {
      if (!isRecord(problem) || typeof problem.kind !== 'string') return [];
      if (problem.kind === 'insecure-workaround') {
        const data =
          typeof problem.dataInvolved === 'string'
            ? [`data:${problem.dataInvolved}`]
            : [];
        return [problem.kind, ...words(problem.workarounds), ...data];
      }
      return [problem.kind, ...words(problem.usabilityCategories)];
    })
    .map((tag) => cleanText(tag).text);
}

function readPin(
  reportId: string,
  raw: unknown,
  index: number,
  notes: ReadNote[],
): ExportablePin | null {
  if (!isRecord(raw)) {
    notes.push({
      outcome: 'left out',
      reason: `Annotation ${index + 1} is not an object, so there is nothing to export.`,
    });
    return null;
  }
  const stored = isUuid(raw.id) ? raw.id.toLowerCase() : null;
  const id =
    stored ?? uuidv5(`${reportId}/annotations/${index}`, DERIVED_PIN_IDS);
  if (!stored)
    notes.push({
      annotation: id,
      outcome: 'adjusted',
      reason: `Annotation ${index + 1} has no usable id; it was given one derived from the report's.`,
    });
  const note = cleanText(raw.note);
  if (note.repaired)
    notes.push({
      annotation: id,
      outcome: 'adjusted',
      reason:
        'Its note held characters that are not text (unpaired surrogates or control characters); each became U+FFFD.',
    });
  const { selectors, dropped } = toW3CSelectors(raw.selectors);
  if (selectors.length === 0)
    notes.push({
      annotation: id,
      outcome: 'adjusted',
      reason:
        'None of its selectors could be used, so it targets the whole page.',
    });
  else if (dropped > 0)
    notes.push({
      annotation: id,
      outcome: 'adjusted',
      reason: `${dropped} of its selectors could not be used and were left out.`,
    });
  return { id, note: note.text, selectors };
}

/**
 * Reads one stored report for the export. Never throws: anything unusable becomes a note, and
 * a report without an id or a page address is left out with its reason.
 */
export function readReport(raw: unknown): ReadOutcome {
  if (!isRecord(raw))
    return { ok: false, reason: 'The stored report is not an object.' };
  if (!isUuid(raw.id))
    return { ok: false, reason: 'The stored report has no valid id.' };
  const id = raw.id.toLowerCase();
  const page = isRecord(raw.page) ? raw.page : {};
  if (!isIri(page.url))
    return {
      ok: false,
      reportId: id,
      reason:
        'The report has no page address that is a valid IRI, so nothing can be its target.',
    };
  const notes: ReadNote[] = [];
  const trying = cleanText(raw.trying);
  const whatHappened = cleanText(raw.whatHappened);
  if (trying.repaired || whatHappened.repaired)
    notes.push({
      outcome: 'adjusted',
      reason:
        'Its answers held characters that are not text, or were not text at all; those characters became U+FFFD.',
    });
  const author = isRecord(raw.author) ? raw.author : {};
  const environment = isRecord(raw.environment) ? raw.environment : {};
  const annotations = Array.isArray(raw.annotations) ? raw.annotations : [];
  if (raw.annotations !== undefined && !Array.isArray(raw.annotations))
    notes.push({
      outcome: 'adjusted',
      reason:
        'Its annotations were not a list; the report is exported as one note on the whole page.',
    });
  const pins = annotations.flatMap((pin, index) => {
    const read = readPin(id, pin, index, notes);
    return read ? [read] : [];
  });
  return {
    ok: true,
    notes,
    report: {
      id,
      pageUrl: page.url,
      createdAt: isDateTime(raw.createdAt) ? raw.createdAt : undefined,
      updatedAt: isDateTime(raw.updatedAt) ? raw.updatedAt : undefined,
      author: {
        id: isUuid(author.id) ? author.id.toLowerCase() : undefined,
        name: shortText(author.name),
      },
      language: languageTag(environment.language),
      status: shortText(raw.status),
      service: shortText(page.service),
      trying: trying.text,
      whatHappened: whatHappened.text,
      tags: tagsOf(raw.problems),
      pins,
    },
  };
}
