/**
 * The W3C Web Annotation export (https://www.w3.org/TR/annotation-model/): each pinned note
 * becomes an Annotation whose target is the page and the stored selectors; a report with no
 * pins becomes one Annotation on the whole page.
 */
import type { StoredReport } from '../../protocol/report';

/** The Web Annotation JSON-LD context. */
export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

function reportBody(report: StoredReport) {
  const tags = report.problems.flatMap((p) =>
    p.kind === 'hard-to-use'
      ? [p.kind, ...p.usabilityCategories]
      : [p.kind, ...p.workarounds, `data:${p.dataInvolved}`],
  );
  return [
    {
      type: 'TextualBody',
      purpose: 'describing',
      format: 'text/plain',
      value: `Trying to: ${report.trying}\n\nWhat got in the way: ${report.whatHappened}`,
    },
    ...tags.map((value) => ({
      type: 'TextualBody',
      purpose: 'tagging',
      value,
    })),
  ];
}

/** The Annotations for one report. */
export function reportAnnotations(
  report: StoredReport,
): Record<string, unknown>[] {
  const common = {
    type: 'Annotation',
    motivation: 'commenting',
    created: report.createdAt,
    generated: report.receivedAt,
    creator: { type: 'Person', name: report.author.name },
    'snag:report': `urn:uuid:${report.id}`,
    'snag:status': report.status,
    'snag:service': report.page.service,
  };
  if (report.annotations.length === 0) {
    return [
      {
        ...common,
        id: `urn:uuid:${report.id}`,
        body: reportBody(report),
        target: { source: report.page.url },
      },
    ];
  }
  return report.annotations.map((a) => ({
    ...common,
    id: `urn:uuid:${a.id}`,
    body: [
      ...(a.note
        ? [
            {
              type: 'TextualBody',
              purpose: 'commenting',
              format: 'text/plain',
              value: a.note,
            },
          ]
        : []),
      ...reportBody(report),
    ],
    target: { source: report.page.url, selector: a.selectors },
  }));
}

/** Streams an AnnotationCollection whose first page holds every matching report's annotations. */
export async function* annotationCollection(
  reports: AsyncIterable<StoredReport>,
): AsyncGenerator<string> {
  yield `{"@context":${JSON.stringify([ANNOTATION_CONTEXT, { snag: 'https://snag.invalid/ns#' }])},"type":"AnnotationCollection","label":"Snag reports","first":{"type":"AnnotationPage","items":[`;
  let first = true;
  for await (const report of reports) {
    for (const annotation of reportAnnotations(report)) {
      yield `${first ? '' : ','}${JSON.stringify(annotation)}`;
      first = false;
    }
  }
  yield ']}}';
}
