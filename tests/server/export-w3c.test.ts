/**
 * The JSON-LD export against the W3C Web Annotation Data Model, end to end: selectors made by
 * the extension's real anchoring code on a fixture page, reports filed through the API, the
 * export fetched through the API, and then
 * - every MUST of the W3C's assertions (our own checks, keyed by the suite's ids) holds for the
 *   collection, its page and each annotation, and the SHOULD results are listed;
 * - the selectors pick the same text from the document root with the DOM's own XPath and CSS
 *   engines, and re-anchor to the same text through the extension's `anchor`;
 * - Snag's own terms expand in JSON-LD safe mode to IRIs under Snag's namespace.
 */
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../../protocol/api';
import type { ReportInput } from '../../protocol/report';
import {
  ANNOTATION_ASSERTIONS,
  checkAll,
  COLLECTION_ASSERTIONS,
  MOTIVATIONS,
  PAGE_ASSERTIONS,
  type AssertionResult,
} from '../../server/export/assertions';
import {
  ANNOTATION_CONTEXT,
  SNAG_CONTEXT,
  SNAG_NAMESPACE,
  SNAG_TERMS,
} from '../../server/export/context';
import { fromW3CSelectors } from '../../server/export/w3c-selectors';
import {
  anchor,
  describeElement,
  describeRange,
} from '../../utils/anchoring/index';
import {
  contentText,
  evaluateXPath,
  fixtureHtml,
  loadDocument,
  rangeOver,
  selectPhrase,
} from './support/fixture-page';
import { openTestApp, STORE_KINDS, type TestApp } from './support/harness';
import { makeReport } from './support/reports';

const API = API_PREFIX;
const PAGE_URL = 'https://www.northmoor.gov.uk/roads/closures';
const HTML = fixtureHtml('w3c/road-closure-notice.html');
const FILED_AT = '2026-03-02T09:30:00.000Z';
const EXPORTED_AT = '2026-03-02T16:45:00.000Z';

/** The phrases reporters highlight: one across inline elements, one across table cells. */
const PHRASES = [
  'published at least seven days before works',
  'Quarry Lane\n          3 March',
];

type Json = Record<string, unknown>;
interface Exported {
  doc: Json & { first: Json & { items: Json[] } };
  items: Json[];
}

/** Every SHOULD the export is asked to meet wherever Snag holds the data, by annotation kind. */
const EXPECTED_SHOULDS: Record<'text' | 'element' | 'page', string[]> = {
  text: [],
  element: [],
  page: [],
};
const FOR_EVERY_KIND = [
  '3.1-bodyKeyFound',
  '3.3.1-annotationCreatedImplemented',
  '3.3.1-annotationSingleCreatorImplemented',
  '3.3.2-annotationCreatorAgentIdImplemented',
  '3.3.2-annotationCreatorAgentTypeImplemented',
  '3.3.2-annotationCreatorAgentSingleNameImplemented',
  '3.3.2-annotationGeneratorAgentIdImplemented',
  '3.3.2-annotationGeneratorAgentTypeImplemented',
  '3.3.2-annotationGeneratorAgentSingleNameImplemented',
  '3.3.2-annotationGeneratorAgentNicknameImplemented',
  '3.3.5-annotationSingleMotivationImplemented',
  '3.2.1-bodySingleLanguage',
  '3.2.1-bodySingleFormat',
  '3.3.1-bodyCreated',
  '3.3.1-bodySingleCreator',
  '3.3.2-bodyCreatorAgentIdImplemented',
  '3.2.4-bodyETBTypeTextualBody',
];
for (const kind of ['text', 'element', 'page'] as const)
  EXPECTED_SHOULDS[kind].push(...FOR_EVERY_KIND);
for (const kind of ['text', 'element'] as const)
  EXPECTED_SHOULDS[kind].push(
    '3.2.1-targSingleFormat',
    '4.2.4-prefix',
    '4.2.4-suffix',
  );

/** The model's terms the export may use (§3–§5), beside Snag's own. */
const MODEL_TERMS = new Set([
  'id',
  'type',
  'label',
  'total',
  'first',
  'last',
  'partOf',
  'startIndex',
  'items',
  'motivation',
  'created',
  'modified',
  'generated',
  'generator',
  'creator',
  'name',
  'nickname',
  'body',
  'target',
  'purpose',
  'value',
  'format',
  'language',
  'source',
  'selector',
  'exact',
  'prefix',
  'suffix',
  'start',
  'end',
  'startSelector',
  'endSelector',
  'refinedBy',
]);
/** The model's classes the export may name in `type`. */
const MODEL_CLASSES = new Set([
  'Annotation',
  'AnnotationCollection',
  'AnnotationPage',
  'TextualBody',
  'SpecificResource',
  'Text',
  'Person',
  'Software',
  'TextQuoteSelector',
  'TextPositionSelector',
  'CssSelector',
  'XPathSelector',
  'RangeSelector',
]);

/**
 * jsonld's `expand` with the options of jsonld 9 (`safe` is newer than its type declarations).
 */
const expand = jsonld.expand as unknown as (
  input: Json,
  options: { safe: boolean; documentLoader: (url: string) => Promise<never> },
) => Promise<Json[]>;

function withContext(doc: Json, node: Json): Json {
  return { '@context': doc['@context'], ...node };
}

function failedMusts(results: AssertionResult[]): string[] {
  return results
    .filter((r) => r.level === 'must' && !r.passed)
    .map((r) => r.id);
}

function passedShoulds(results: AssertionResult[]): Set<string> {
  return new Set(
    results.filter((r) => r.level === 'should' && r.passed).map((r) => r.id),
  );
}

/** Every key and `type` value in the document, with where it was found. */
function keysAndTypes(value: unknown, at = '$'): { key: string; at: string }[] {
  if (Array.isArray(value))
    return value.flatMap((v, i) => keysAndTypes(v, `${at}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => [
    { key, at },
    ...(key === '@context' ? [] : keysAndTypes(v, `${at}.${key}`)),
  ]);
}

describe.each(STORE_KINDS)('the W3C Web Annotation export on %s', (kind) => {
  let t: TestApp;
  let clock = FILED_AT;
  const filedDoc = loadDocument(HTML);
  const textSelectors = PHRASES.map((phrase) =>
    describeRange(selectPhrase(filedDoc, phrase), filedDoc.body),
  );
  const pinned = filedDoc.getElementById('download-objection-form')!;
  const elementSelectors = describeElement(pinned, filedDoc.body);
  const reports: Record<'text' | 'element' | 'page' | 'welsh', ReportInput> = {
    text: makeReport(
      {
        createdAt: '2026-03-01T08:00:00.000Z',
        updatedAt: '2026-03-01T08:05:00.000Z',
        page: {
          url: PAGE_URL,
          title: 'Temporary road closure notices',
          service: '',
        },
        annotations: textSelectors.map((selectors, i) => ({
          id: `0195a0f0-0000-4000-8000-00000000000${i + 1}`,
          kind: 'text' as const,
          note: i === 0 ? 'Seven days is not enough notice for carers.' : '',
          selectors,
        })),
      },
      1,
    ),
    element: makeReport(
      {
        createdAt: '2026-03-01T08:10:00.000Z',
        updatedAt: '2026-03-01T08:10:00.000Z',
        page: {
          url: PAGE_URL,
          title: 'Temporary road closure notices',
          service: '',
        },
        annotations: [
          {
            id: '0195a0f0-0000-4000-8000-000000000010',
            kind: 'element',
            note: 'Objections need a printer; people photograph the form and email it.',
            selectors: elementSelectors,
          },
        ],
      },
      3,
    ),
    page: makeReport(
      {
        createdAt: '2026-03-01T08:20:00.000Z',
        updatedAt: '2026-03-01T08:20:00.000Z',
        page: {
          url: PAGE_URL,
          title: 'Temporary road closure notices',
          service: '',
        },
        annotations: [],
      },
      5,
    ),
    welsh: makeReport(
      {
        createdAt: '2026-03-01T08:30:00.000Z',
        updatedAt: '2026-03-01T08:30:00.000Z',
        page: {
          url: PAGE_URL,
          title: 'Temporary road closure notices',
          service: '',
        },
        annotations: [],
        environment: {
          browser: 'Firefox',
          version: '135',
          os: 'Linux',
          viewport: { width: 1024, height: 768 },
          language: 'cy',
          extensionVersion: '0.1.0',
        },
      },
      7,
    ),
  };
  let exported: Exported;

  async function fetchExport(query = `?url=${encodeURIComponent(PAGE_URL)}`) {
    const res = await t.app.inject({
      url: `${API}/export.jsonld${query}`,
      headers: t.reviewer.auth,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/ld+json');
    const doc = res.json() as Exported['doc'];
    return { doc, items: doc.first?.items ?? [] };
  }

  function item(id: string): Json {
    const found = exported.items.find((i) => i.id === `urn:uuid:${id}`);
    if (!found) throw new Error(`No annotation urn:uuid:${id} in the export`);
    return found;
  }

  beforeAll(async () => {
    t = await openTestApp(kind, {}, () => new Date(clock));
    for (const [name, report] of Object.entries(reports)) {
      const author = name === 'welsh' ? t.otherReporter : t.reporter;
      const res = await t.app.inject({
        method: 'PUT',
        url: `${API}/reports/${report.id}`,
        headers: author.auth,
        payload: report,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    clock = EXPORTED_AT;
    exported = await fetchExport();
  });
  afterAll(() => t.close());

  it('made real selectors to export: quotes, positions and ranges for text, CSS for the element', () => {
    for (const selectors of textSelectors)
      expect(selectors.map((s) => s.type)).toEqual([
        'TextQuoteSelector',
        'TextPositionSelector',
        'RangeSelector',
      ]);
    expect(elementSelectors.map((s) => s.type)).toContain('CssSelector');
  });

  it('meets every MUST for the collection, its page and each annotation, and lists the SHOULDs', () => {
    const { doc, items } = exported;
    // Two highlights, one element pin, two reports without pins.
    expect(items).toHaveLength(5);
    const collection = checkAll(COLLECTION_ASSERTIONS, doc);
    const page = checkAll(PAGE_ASSERTIONS, doc);
    const standalonePage = checkAll(
      PAGE_ASSERTIONS,
      withContext(doc, doc.first),
    );
    expect(failedMusts(collection)).toEqual([]);
    expect(failedMusts(page)).toEqual([]);
    expect(failedMusts(standalonePage)).toEqual([]);
    expect(collection.filter((r) => r.level === 'must')).toHaveLength(10);
    expect(page.filter((r) => r.level === 'must')).toHaveLength(15);

    const byKind = {
      text: item(reports.text.annotations[0]!.id),
      element: item(reports.element.annotations[0]!.id),
      page: item(reports.page.id),
    };
    const results = Object.fromEntries(
      Object.entries(byKind).map(([k, a]) => [
        k,
        checkAll(ANNOTATION_ASSERTIONS, withContext(doc, a)),
      ]),
    ) as Record<keyof typeof byKind, AssertionResult[]>;
    for (const annotation of items) {
      const checked = checkAll(
        ANNOTATION_ASSERTIONS,
        withContext(doc, annotation),
      );
      expect(checked.filter((r) => r.level === 'must')).toHaveLength(54);
      expect(failedMusts(checked), String(annotation.id)).toEqual([]);
    }

    // The SHOULD results, for whoever reads the test output.
    const rows = ANNOTATION_ASSERTIONS.filter((a) => a.level === 'should').map(
      (a) => {
        const mark = (k: keyof typeof byKind) =>
          results[k].find((r) => r.id === a.id)?.passed ? 'pass' : '-';
        return `  ${a.id.padEnd(52)} ${mark('text').padEnd(6)}${mark('element').padEnd(9)}${mark('page')}`;
      },
    );
    const collectionRows = [...collection, ...page]
      .filter((r) => r.level === 'should')
      .map((r) => `  ${r.id.padEnd(52)} ${r.passed ? 'pass' : '-'}`);
    console.log(
      [
        'W3C SHOULD assertions on the export (text highlight, element pin, report without pins):',
        `  ${'assertion'.padEnd(52)} text  element  no pins`,
        ...rows,
        'Collection and page:',
        ...collectionRows,
      ].join('\n'),
    );

    for (const k of ['text', 'element', 'page'] as const) {
      const passed = passedShoulds(results[k]);
      expect(
        EXPECTED_SHOULDS[k].filter((id) => !passed.has(id)),
        `SHOULDs missed by the ${k} annotation`,
      ).toEqual([]);
    }
    const collectionShoulds = passedShoulds([...collection, ...page]);
    for (const id of [
      '5.1-collectionLabelImplemented',
      '5.1-collectionTotalImplemented',
      '5.1-collectionLastImplemented',
      '5.2-pagePartOfImplemented',
      '5.2-pageStartIndexImplemented',
    ])
      expect(collectionShoulds.has(id), id).toBe(true);
  });

  it('identifies the collection and its page, and counts what it holds', () => {
    const { doc, items } = exported;
    const collectionId = `http://localhost${API}/export.jsonld?url=${encodeURIComponent(PAGE_URL)}`;
    expect(doc['@context']).toEqual([ANNOTATION_CONTEXT, SNAG_CONTEXT]);
    expect(doc.id).toBe(collectionId);
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.total).toBe(items.length);
    expect(doc.first.id).toBe(`${collectionId}#page1`);
    expect(doc.first.type).toBe('AnnotationPage');
    expect(doc.first.startIndex).toBe(0);
    expect(doc.last).toBe(doc.first.id);
    expect(doc.first.partOf).toEqual({
      id: collectionId,
      label: doc.label,
      total: items.length,
    });
    expect(doc['snag:summary']).toEqual({
      'snag:reportsRead': 4,
      'snag:leftOut': 0,
      'snag:adjusted': 0,
      'snag:notes': [],
    });
  });

  it('dates each annotation from its report and the export from the clock, and names Snag as generator', () => {
    for (const [name, report] of Object.entries(reports)) {
      const ids = report.annotations.length
        ? report.annotations.map((a) => a.id)
        : [report.id];
      for (const id of ids) {
        const annotation = item(id);
        expect(annotation.created, name).toBe(report.createdAt);
        expect(annotation.generated, name).toBe(EXPORTED_AT);
        expect(annotation.generator).toEqual({
          id: 'http://localhost/',
          type: 'Software',
          name: 'Snag 0.1.0',
          nickname: 'snag',
        });
      }
    }
    // Edited after it was made: modified says when.
    expect(item(reports.text.annotations[0]!.id).modified).toBe(
      reports.text.updatedAt,
    );
    expect(item(reports.element.annotations[0]!.id)).not.toHaveProperty(
      'modified',
    );
  });

  it('names each creator by a stable URN of their account, not by their name alone', () => {
    const mine = {
      id: `urn:uuid:${t.reporter.user.id}`,
      type: 'Person',
      name: t.reporter.user.name,
    };
    for (const id of [
      reports.text.annotations[0]!.id,
      reports.element.annotations[0]!.id,
      reports.page.id,
    ])
      expect(item(id).creator).toEqual(mine);
    expect(item(reports.welsh.id).creator).toEqual({
      id: `urn:uuid:${t.otherReporter.user.id}`,
      type: 'Person',
      name: t.otherReporter.user.name,
    });
  });

  it('gives each written body its format, the reporter’s language, creator and time', () => {
    const [note, description, ...tags] = item(reports.text.annotations[0]!.id)
      .body as Json[];
    expect(note).toEqual({
      type: 'TextualBody',
      purpose: 'commenting',
      value: reports.text.annotations[0]!.note,
      format: 'text/plain',
      language: 'en-GB',
      creator: item(reports.text.annotations[0]!.id).creator,
      created: reports.text.createdAt,
    });
    expect(description).toMatchObject({
      purpose: 'describing',
      value: `Trying to: ${reports.text.trying}\n\nWhat got in the way: ${reports.text.whatHappened}`,
      language: 'en-GB',
    });
    expect(tags.map((b) => [b.purpose, b.value])).toEqual([
      ['tagging', 'hard-to-use'],
      ['tagging', 'confusing-content'],
      ['tagging', 'slow'],
    ]);
    // An empty note makes no body; the description and tags remain.
    const second = item(reports.text.annotations[1]!.id).body as Json[];
    expect(second[0]?.purpose).toBe('describing');
    const welsh = item(reports.welsh.id).body as Json[];
    expect(welsh[0]?.language).toBe('cy');
  });

  it('targets the page itself for a report without pins, and a part of the HTML page for pins', () => {
    expect(item(reports.page.id).target).toBe(PAGE_URL);
    const target = item(reports.element.annotations[0]!.id).target as Json;
    expect(target.type).toBe('SpecificResource');
    expect(target.source).toEqual({
      id: PAGE_URL,
      type: 'Text',
      format: 'text/html',
    });
  });

  it('writes W3C RangeSelectors whose XPaths from the document root pick the highlighted text', () => {
    // A fresh load of the page, as a consumer of the export would have it.
    const doc = loadDocument(HTML);
    reports.text.annotations.forEach((pin, i) => {
      const selectors = (item(pin.id).target as Json).selector as Json[];
      const range = selectors.find((s) => s.type === 'RangeSelector')!;
      expect(Object.keys(range).sort()).toEqual([
        'endSelector',
        'startSelector',
        'type',
      ]);
      const boundary = (s: unknown) => {
        const sel = s as { type: string; value: string; refinedBy: Json };
        expect(sel.type).toBe('XPathSelector');
        expect(sel.value.startsWith('/html[1]/body[1]/')).toBe(true);
        expect(sel.refinedBy.type).toBe('TextPositionSelector');
        expect(sel.refinedBy.end).toBe(sel.refinedBy.start);
        const element = evaluateXPath(doc, sel.value);
        expect(element, sel.value).not.toBeNull();
        return rangeOver(element!, 0, sel.refinedBy.start as number);
      };
      const start = boundary(range.startSelector);
      const end = boundary(range.endSelector);
      const picked = doc.createRange();
      picked.setStart(start.endContainer, start.endOffset);
      picked.setEnd(end.endContainer, end.endOffset);
      expect(picked.toString()).toBe(PHRASES[i]);

      // The quote and position agree with the page's text too.
      const text = contentText(doc.body);
      const quote = selectors.find((s) => s.type === 'TextQuoteSelector')!;
      const position = selectors.find(
        (s) => s.type === 'TextPositionSelector',
      )!;
      expect(quote.exact).toBe(PHRASES[i]);
      expect(text.slice(position.start as number, position.end as number)).toBe(
        PHRASES[i],
      );
      expect(
        text
          .slice(0, position.start as number)
          .endsWith(quote.prefix as string),
      ).toBe(true);
      expect(
        text.slice(position.end as number).startsWith(quote.suffix as string),
      ).toBe(true);
    });
  });

  it('writes a CssSelector that picks only the pinned element from the document', () => {
    const doc = loadDocument(HTML);
    const selectors = (item(reports.element.annotations[0]!.id).target as Json)
      .selector as Json[];
    const css = selectors.find((s) => s.type === 'CssSelector')!;
    const found = doc.querySelectorAll(css.value as string);
    expect(found).toHaveLength(1);
    expect(found[0]?.id).toBe('download-objection-form');
  });

  it('re-anchors every annotation to the same text on its page through the extension’s anchor', () => {
    let anchored = 0;
    for (const annotation of exported.items) {
      if (typeof annotation.target === 'string') {
        // A report without pins is about the page as a whole.
        expect(annotation.target).toBe(PAGE_URL);
        continue;
      }
      const doc = loadDocument(HTML);
      const selectors = fromW3CSelectors((annotation.target as Json).selector);
      const found = anchor(doc.body, selectors);
      expect(found, String(annotation.id)).not.toBeNull();
      expect(found!.quality).toBe('exact');
      const textPin = reports.text.annotations.findIndex(
        (a) => `urn:uuid:${a.id}` === annotation.id,
      );
      if (textPin >= 0) {
        expect(found!.range?.toString()).toBe(PHRASES[textPin]);
      } else {
        expect(found!.element?.id).toBe('download-objection-form');
        expect(found!.element?.textContent).toBe(pinned.textContent);
      }
      // What was stored comes back from the export unchanged.
      const stored = [
        ...reports.text.annotations,
        ...reports.element.annotations,
      ].find((a) => `urn:uuid:${a.id}` === annotation.id);
      expect(selectors).toEqual(stored?.selectors);
      anchored += 1;
    }
    expect(anchored).toBe(3);
  });

  it('uses only the model’s terms and classes, and Snag’s own under its namespace', () => {
    const unknown = keysAndTypes(exported.doc).filter(
      ({ key }) =>
        !key.startsWith('@') && !MODEL_TERMS.has(key) && !(key in SNAG_TERMS),
    );
    expect(unknown).toEqual([]);
    const types = JSON.stringify(exported.doc).matchAll(/"type":"([^"]*)"/g);
    for (const [, type] of types)
      expect(MODEL_CLASSES.has(type!), type).toBe(true);
    for (const annotation of exported.items) {
      expect(MOTIVATIONS).toContain(annotation.motivation);
      for (const body of annotation.body as Json[])
        expect(MOTIVATIONS).toContain(body.purpose);
    }
  });

  it('expands Snag’s own terms in JSON-LD safe mode to IRIs under its namespace, loading nothing', async () => {
    const documentLoader = async (url: string) => {
      throw new Error(`This test loads no documents, yet ${url} was asked for`);
    };
    const own = (node: Json) =>
      Object.fromEntries(Object.entries(node).filter(([k]) => k in SNAG_TERMS));
    for (const annotation of exported.items) {
      const [expanded] = await expand(
        { '@context': SNAG_CONTEXT, '@id': annotation.id, ...own(annotation) },
        { safe: true, documentLoader },
      );
      expect(expanded![`${SNAG_NAMESPACE}report`]).toEqual([
        { '@id': annotation['snag:report'] },
      ]);
      expect(expanded![`${SNAG_NAMESPACE}status`]).toEqual([
        { '@value': 'new' },
      ]);
    }
    const [summary] = await expand(
      { '@context': SNAG_CONTEXT, ...own(exported.doc) },
      { safe: true, documentLoader },
    );
    expect(Object.keys(summary!)).toEqual([`${SNAG_NAMESPACE}summary`]);
    // Safe mode is on: a term Snag's context does not define is refused, not dropped.
    await expect(
      expand(
        { '@context': SNAG_CONTEXT, status: 'new' },
        { safe: true, documentLoader },
      ),
    ).rejects.toThrow();
  });

  it('answers an export that matches nothing with an empty collection and no page', async () => {
    const { doc } = await fetchExport(
      `?url=${encodeURIComponent('https://www.northmoor.gov.uk/none')}`,
    );
    expect(doc.total).toBe(0);
    expect(doc).not.toHaveProperty('first');
    expect(doc).not.toHaveProperty('last');
    expect(failedMusts(checkAll(COLLECTION_ASSERTIONS, doc))).toEqual([]);
  });
});
