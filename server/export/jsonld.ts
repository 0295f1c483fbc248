/**
 * The W3C Web Annotation export (https://www.w3.org/TR/annotation-model/): an
 * AnnotationCollection, streamed, whose one embedded AnnotationPage holds an Annotation per
 * pinned note, and one Annotation on the whole page for a report without pins.
 *
 * The document is written as the reports are read, so memory stays flat however many there
 * are. What is only known at the end (the page's `partOf` with the collection's `total`, the
 * collection's `last`, `total` and summary) is written after the items: JSON objects are
 * unordered, so that is the same document. Every annotation is checked against the model's
 * MUSTs before it is written, and a report the export cannot read, or an annotation that
 * would not be valid, is left out and noted in the summary; neither breaks the stream.
 */
import { SERVER_VERSION } from '../config';
import { ANNOTATION_ASSERTIONS, failedMusts } from './assertions';
import { EXPORT_CONTEXT } from './context';
import {
  readReport,
  type ExportablePin,
  type ExportableReport,
  type ReadNote,
} from './report-reader';

export { ANNOTATION_CONTEXT } from './context';

/** An agent as the model describes one (§3.3.2). */
export interface ExportAgent {
  id: string;
  name: string;
  nickname?: string;
}

/** What an export is made with, besides the reports. */
export interface ExportContext {
  /** The collection's IRI: the address the export was asked for, filters included. */
  collectionId: string;
  /** When the export is made; every annotation's `generated`. */
  generatedAt: Date;
  /** The software that made the export. */
  generator: ExportAgent;
  /** The collection's label. */
  label: string;
}

/** Notes listed in the summary at most; beyond that they are only counted. */
const MAX_LISTED_NOTES = 100;

/**
 * The context of an export asked for at `path` (the request's URL, query included) on a server
 * reached at `origin`, made at `at`. The collection is named by the address it was asked
 * for, so that the same filters name the same collection.
 */
export function exportContext(options: {
  origin: string;
  path: string;
  at: Date;
}): ExportContext {
  let base: URL;
  try {
    base = new URL(options.origin);
  } catch {
    // A Host header that does not parse still leaves the export with IRIs of its own.
    base = new URL('http://localhost');
  }
  return {
    collectionId: new URL(options.path, base).href,
    generatedAt: options.at,
    generator: {
      id: `${base.origin}/`,
      name: `Snag ${SERVER_VERSION}`,
      nickname: 'snag',
    },
    label: 'Snag reports',
  };
}

/** The IRI of a report, annotation or user id (all UUIDs). */
function urn(uuid: string): string {
  return `urn:uuid:${uuid}`;
}

function creatorOf(report: ExportableReport) {
  const { id, name } = report.author;
  if (!id && !name) return undefined;
  return {
    ...(id ? { id: urn(id) } : {}),
    type: 'Person',
    ...(name ? { name } : {}),
  };
}

function bodiesOf(report: ExportableReport, pin?: ExportablePin) {
  const creator = creatorOf(report);
  // Notes and answers are the reporter's own words, written when the report was.
  const written = (purpose: 'commenting' | 'describing', value: string) => ({
    type: 'TextualBody',
    purpose,
    value,
    format: 'text/plain',
    ...(report.language ? { language: report.language } : {}),
    ...(creator ? { creator } : {}),
    ...(report.createdAt ? { created: report.createdAt } : {}),
  });
  const bodies: Record<string, unknown>[] = [];
  if (pin && pin.note.trim() !== '')
    bodies.push(written('commenting', pin.note));
  if (report.trying !== '' || report.whatHappened !== '')
    bodies.push(
      written(
        'describing',
        `Trying to: ${report.trying}\n\nWhat got in the way: ${report.whatHappened}`,
      ),
    );
  for (const tag of report.tags)
    bodies.push({ type: 'TextualBody', purpose: 'tagging', value: tag });
  return bodies;
}

function targetOf(report: ExportableReport, pin?: ExportablePin) {
  // Without selectors there is no part of the page to name: the target is the page itself.
  if (!pin || pin.selectors.length === 0) return report.pageUrl;
  return {
    type: 'SpecificResource',
    // Pins are made on a page's DOM by the extension, so the page is HTML.
    source: { id: report.pageUrl, type: 'Text', format: 'text/html' },
    selector: pin.selectors,
  };
}

/**
 * The Annotations for one report, read with `readReport`: one per pinned note, or one on the
 * whole page when it has none. `generated` is the export's time, not the report's.
 */
export function reportAnnotations(
  report: ExportableReport,
  context: ExportContext,
): Record<string, unknown>[] {
  const creator = creatorOf(report);
  const common = {
    type: 'Annotation',
    motivation: 'commenting',
    ...(report.createdAt ? { created: report.createdAt } : {}),
    ...(report.updatedAt && report.updatedAt !== report.createdAt
      ? { modified: report.updatedAt }
      : {}),
    generated: context.generatedAt.toISOString(),
    generator: { ...context.generator, type: 'Software' },
    ...(creator ? { creator } : {}),
  };
  const snag = {
    'snag:report': urn(report.id),
    ...(report.status ? { 'snag:status': report.status } : {}),
    ...(report.service ? { 'snag:service': report.service } : {}),
  };
  const pins: (ExportablePin | undefined)[] =
    report.pins.length > 0 ? report.pins : [undefined];
  return pins.map((pin) => {
    const body = bodiesOf(report, pin);
    return {
      id: urn(pin ? pin.id : report.id),
      ...common,
      ...(body.length > 0 ? { body } : {}),
      target: targetOf(report, pin),
      ...snag,
    };
  });
}

/** Counts and notes for the collection's `snag:summary`. */
class Summary {
  reportsRead = 0;
  leftOut = 0;
  adjusted = 0;
  private readonly notes: Record<string, unknown>[] = [];

  note(position: number, reportId: string | undefined, note: ReadNote) {
    if (note.outcome === 'left out') this.leftOut += 1;
    else this.adjusted += 1;
    if (this.notes.length >= MAX_LISTED_NOTES) return;
    this.notes.push({
      'snag:position': position,
      ...(reportId ? { 'snag:report': urn(reportId) } : {}),
      ...(note.annotation ? { 'snag:annotation': urn(note.annotation) } : {}),
      'snag:outcome': note.outcome,
      'snag:reason': note.reason,
    });
  }

  toJSON() {
    const listed = this.notes.length;
    return {
      'snag:reportsRead': this.reportsRead,
      'snag:leftOut': this.leftOut,
      'snag:adjusted': this.adjusted,
      'snag:notes': this.notes,
      ...(this.leftOut + this.adjusted > listed
        ? { 'snag:notesNotListed': this.leftOut + this.adjusted - listed }
        : {}),
    };
  }
}

/**
 * Streams the AnnotationCollection of `reports` (stored reports, read as they are) as JSON
 * text. Its id is `context.collectionId`; its one page, embedded as `first`, is that IRI with
 * `#page1`. An empty collection has no page, since a page holds one or more annotations.
 */
export async function* annotationCollection(
  reports: AsyncIterable<unknown>,
  context: ExportContext,
): AsyncGenerator<string> {
  const pageId = `${context.collectionId.split('#')[0]}#page1`;
  const head = JSON.stringify({
    '@context': EXPORT_CONTEXT,
    id: context.collectionId,
    type: 'AnnotationCollection',
    label: context.label,
  });
  yield head.slice(0, -1);
  const summary = new Summary();
  let total = 0;
  for await (const raw of reports) {
    const position = summary.reportsRead;
    summary.reportsRead += 1;
    let read: ReturnType<typeof readReport>;
    let annotations: Record<string, unknown>[] = [];
    try {
      read = readReport(raw);
      if (read.ok) annotations = reportAnnotations(read.report, context);
    } catch (error) {
      // Reading is written not to throw; should it all the same, one report is lost, not the export.
      read = {
        ok: false,
        reason: `The report could not be read: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    if (!read.ok) {
      summary.note(position, read.reportId, {
        outcome: 'left out',
        reason: read.reason,
      });
      continue;
    }
    for (const note of read.notes) summary.note(position, read.report.id, note);
    for (const annotation of annotations) {
      const failed = failedMusts(ANNOTATION_ASSERTIONS, {
        '@context': EXPORT_CONTEXT,
        ...annotation,
      });
      if (failed.length > 0) {
        summary.note(position, read.report.id, {
          annotation: String(annotation.id).replace(/^urn:uuid:/, ''),
          outcome: 'left out',
          reason: `It would not meet the Web Annotation model: ${failed.join(', ')}.`,
        });
        continue;
      }
      const opening =
        total === 0
          ? `,"first":${JSON.stringify({ id: pageId, type: 'AnnotationPage', startIndex: 0 }).slice(0, -1)},"items":[`
          : ',';
      yield opening + JSON.stringify(annotation);
      total += 1;
    }
  }
  if (total > 0) {
    const partOf = { id: context.collectionId, label: context.label, total };
    yield `],"partOf":${JSON.stringify(partOf)}},"last":${JSON.stringify(pageId)}`;
  }
  yield `,"total":${total},"snag:summary":${JSON.stringify(summary)}}`;
}
