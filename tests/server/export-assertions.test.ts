/**
 * Our checks of the W3C Web Annotation assertions can fail: for every MUST, a document that
 * breaks just that rule of the model is caught, under the W3C suite's id for it. The shapes
 * the export used to write fail exactly the assertions the W3C suite failed them on.
 */
import { describe, expect, it } from 'vitest';
import {
  ANNOTATION_ASSERTIONS,
  checkAll,
  COLLECTION_ASSERTIONS,
  failedMusts,
  PAGE_ASSERTIONS,
  type Assertion,
} from '../../server/export/assertions';
import { ANNOTATION_CONTEXT } from '../../server/export/context';

type Json = Record<string, unknown>;
const PAGE = 'https://www.example-council.gov.uk/bins/apply';

/** A valid annotation that uses much of the model, for breaking one rule at a time. */
function annotation(): Json {
  return {
    '@context': [ANNOTATION_CONTEXT, { snag: 'https://snag.invalid/ns#' }],
    id: 'urn:uuid:0195a0f0-0000-4000-8000-000000000001',
    type: 'Annotation',
    motivation: 'commenting',
    created: '2026-03-01T08:00:00.000Z',
    generated: '2026-03-02T16:45:00Z',
    creator: {
      id: 'urn:uuid:0195a0f0-0000-7000-8000-00000000000a',
      type: 'Person',
      name: 'Ray',
    },
    body: [
      {
        type: 'TextualBody',
        purpose: 'commenting',
        value: 'The button does nothing',
        format: 'text/plain',
        language: 'en-GB',
      },
    ],
    target: {
      type: 'SpecificResource',
      source: { id: PAGE, type: 'Text', format: 'text/html' },
      selector: [
        {
          type: 'TextQuoteSelector',
          exact: 'Continue',
          prefix: 'Save and ',
          suffix: '',
        },
        { type: 'TextPositionSelector', start: 10, end: 18 },
        { type: 'CssSelector', value: 'body #continue' },
        {
          type: 'RangeSelector',
          startSelector: {
            type: 'XPathSelector',
            value: '/html[1]/body[1]/p[1]',
            refinedBy: { type: 'TextPositionSelector', start: 2, end: 2 },
          },
          endSelector: {
            type: 'XPathSelector',
            value: '/html[1]/body[1]/p[1]',
            refinedBy: { type: 'TextPositionSelector', start: 10, end: 10 },
          },
        },
      ],
    },
  };
}

function collection(): Json {
  const id = 'https://snag.example/api/v1/export.jsonld';
  return {
    '@context': ANNOTATION_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: 'Snag reports',
    first: {
      id: `${id}#page1`,
      type: 'AnnotationPage',
      startIndex: 0,
      items: [annotation()],
      partOf: { id, label: 'Snag reports', total: 1 },
    },
    last: `${id}#page1`,
    total: 1,
  };
}

type Mutation = (doc: Json) => void;
const target = (a: Json) => a.target as Json;
const source = (a: Json) => target(a).source as Json;
const selectors = (a: Json) => target(a).selector as Json[];
const firstBody = (a: Json) => (a.body as Json[])[0]!;
const page = (c: Json) => c.first as Json;
const partOf = (c: Json) => page(c).partOf as Json;
const choice = (extra: Json) => ({
  type: 'Choice',
  items: ['https://e.example/a'],
  ...extra,
});

/** For each MUST of an annotation, a change that breaks it. */
const BREAK_ANNOTATION: Record<string, Mutation> = {
  '3.1-annotationContextValidated': (a) =>
    void (a['@context'] = 'http://schema.org/'),
  '3.1-annotationIdValidated': (a) => void (a.id = 'anno 1'),
  '3.1-annotationTypeValidated': (a) => void (a.type = 'Note'),
  '3.1-targetKeyFound': (a) => void delete a.target,
  '3.2-targetObjectsRecognized': (a) => void (a.target = { source: PAGE }),
  '3.2.5-notBodyBodyValue': (a) => void (a.bodyValue = 'also'),
  '3.2-bodyObjectsRecognized': (a) =>
    void (a.body = [{ format: 'text/plain' }]),
  '3.2.5-bodyValueValidated': (a) => {
    delete a.body;
    a.bodyValue = ['one', 'two'];
  },
  '3.3.1-annotationCreatedValidated': (a) => void (a.created = 'yesterday'),
  '3.3.1-annotationModifiedValidated': (a) =>
    void (a.modified = '2026-13-01T00:00:00Z'),
  '3.3.1-annotationGeneratedValidated': (a) =>
    void (a.generated = ['2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z']),
  '3.3.6-annotationRightsValidated': (a) => void (a.rights = 'CC BY 4.0'),
  '3.3.7-annotationCanonicalValidated': (a) =>
    void (a.canonical = ['urn:x:a', 'urn:x:b']),
  '3.3.7-annotationViaValidated': (a) => void (a.via = ['not an iri']),
  '3.2.1-bodyTextDirectionValidated': (a) =>
    void (firstBody(a).textDirection = 'up'),
  '3.3.1-bodyCreatedValidated': (a) => void (firstBody(a).created = 'x'),
  '3.3.1-bodyModifiedValidated': (a) =>
    void (firstBody(a).modified = '2026-03-01'),
  '3.3.6-bodyRightsValidated': (a) => void (firstBody(a).rights = 'mine'),
  '3.3.7-bodyCanonicalValidated': (a) =>
    void (firstBody(a).canonical = ['urn:x:a', 'urn:x:b']),
  '3.3.7-bodyViaValidated': (a) => void (firstBody(a).via = 'a b'),
  '3.2.7-bodyEWRNoItems': (a) =>
    void (a.body = [
      { id: 'https://e.example/c', items: ['https://e.example/d'] },
    ]),
  '3.3.5-bodyEWRNoPurpose': (a) =>
    void (a.body = [{ id: 'https://e.example/c', purpose: 'tagging' }]),
  '3.2.4-bodyChoiceSetNoValue': (a) => void (a.body = [choice({ value: 'x' })]),
  '4-bodyChoiceSetNoSource': (a) => void (a.body = [choice({ source: PAGE })]),
  '3.3.5-bodyChoiceSetNoPurpose': (a) =>
    void (a.body = [choice({ purpose: 'tagging' })]),
  '3.2.7-bodyEmbeddedTextualNoItems': (a) =>
    void (firstBody(a).items = ['https://e.example/d']),
  '4-bodyEmbeddedTextualNoSource': (a) => void (firstBody(a).source = PAGE),
  '3.2.7-bodySpecificResourceNoItems': (a) =>
    void (a.body = [
      { source: PAGE, purpose: 'tagging', items: ['https://e.example/d'] },
    ]),
  '4-bodySpecificResourceNoValue': (a) =>
    void (a.body = [{ source: PAGE, purpose: 'tagging', value: 'x' }]),
  '3.2.1-targTextDirectionValidated': (a) =>
    void (source(a).textDirection = ['ltr', 'rtl']),
  '3.3.1-targCreatedValidated': (a) => void (source(a).created = 'x'),
  '3.3.1-targModifiedValidated': (a) => void (target(a).modified = 'x'),
  '3.3.6-targRightsValidated': (a) => void (source(a).rights = 'x'),
  '3.3.7-targCanonicalValidated': (a) => void (target(a).canonical = 5),
  '3.3.7-targViaValidated': (a) => void (source(a).via = []),
  '3.2.7-targEWRNoItems': (a) =>
    void (a.target = { id: PAGE, items: ['https://e.example/d'] }),
  '3.3.5-targEWRNoPurpose': (a) =>
    void (a.target = [PAGE, { id: PAGE, purpose: 'tagging' }]),
  '3.2.4-targChoiceSetNoValue': (a) => void (a.target = choice({ value: 'x' })),
  '4-targChoiceSetNoSource': (a) => void (a.target = choice({ source: PAGE })),
  '3.3.5-targChoiceSetNoPurpose': (a) =>
    void (a.target = choice({ purpose: 'tagging' })),
  '3.2.7-targSpecificResourceNoItems': (a) =>
    void (target(a).items = ['https://e.example/d']),
  '4-targSpecificResourceNoValue': (a) => void (target(a).value = 'x'),
  '3.2.4-targNoTypeTextualBody': (a) =>
    void (a.target = { type: 'TextualBody', value: 'x' }),
  '4.2-selectorValidIfPresent': (a) =>
    void (target(a).selector = [
      {
        type: 'RangeSelector',
        startContainer: '/p[1]',
        startOffset: 2,
        endContainer: '/p[1]',
        endOffset: 10,
      },
    ]),
  '4.3-stateValidIfPresent': (a) =>
    void (target(a).state = { type: 'SnapshotState' }),
  '4.3.3-refinedByValidated': (a) =>
    void ((selectors(a)[3]!.startSelector as Json).refinedBy = {
      type: 'WordSelector',
    }),
  '4.4-styleClassValidIfPresent': (a) =>
    void (target(a).styleClass = 'snag-highlight'),
  '4.2-fragmentCssXPathSelectorValid': (a) =>
    void delete selectors(a)[2]!.value,
  '4.2.4-textQuoteSelectorValid': (a) => void delete selectors(a)[0]!.exact,
  '4.2-TextDataPositionSelectorValid': (a) =>
    void (selectors(a)[1]!.start = -1),
  '4.2.7-svgSelectorValid': (a) =>
    void selectors(a).push({ type: 'SvgSelector' }),
  '4.2.8-rangeSelectorValid': (a) => void delete selectors(a)[3]!.endSelector,
  '4.3.1-timeStateValid': (a) =>
    void (target(a).state = { type: 'TimeState', sourceDate: 'last week' }),
  '4.3.2-httpRequestStateValid': (a) =>
    void (target(a).state = { type: 'HttpRequestState' }),
};

/** For each MUST of a collection, a change that breaks it. */
const BREAK_COLLECTION: Record<string, Mutation> = {
  '5.1-collectionContextValidated': (c) => void delete c['@context'],
  '5.1-collectionIdValidated': (c) => void delete c.id,
  '5.1-collectionTypeValidated': (c) => void (c.type = 'OrderedCollection'),
  '5.1-collectionLabelValidated': (c) => void (c.label = 7),
  '5.1-collectionTotalValidated': (c) => void (c.total = -1),
  '5.1-collectionFirstValidated': (c) => void delete c.first,
  '5.1-collectionLastValidated': (c) => void (c.last = 'page 1'),
  '3.3.1-collectionCreatedValidated': (c) => void (c.created = 'today'),
  '3.3.1-collectionModifiedValidated': (c) =>
    void (c.modified = ['2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z']),
  '3.3.6-collectionRightsValidated': (c) => void (c.rights = 'all'),
};

/** For each MUST of a page, a change that breaks it (on a collection with its page embedded). */
const BREAK_PAGE: Record<string, Mutation> = {
  '5.2-pageContextValidated': (c) =>
    void (c['@context'] = ['http://schema.org/']),
  '5.2-pageIdValidated': (c) => void delete page(c).id,
  '5.2-pageTypeValidated': (c) => void (page(c).type = 'Page'),
  '5.2-pageItemsValidated': (c) => void (page(c).items = []),
  '5.2-pageStartIndexValidated': (c) => void (page(c).startIndex = 0.5),
  '5.2-pagePartOfValidated': (c) => void (page(c).partOf = { label: 'no id' }),
  '5.2-pageNextValidated': (c) => void (page(c).next = 2),
  '5.2-pagePrevValidated': (c) => void (page(c).prev = 'page 0'),
  '5.2-pageTotalValidated': (c) => void (partOf(c).total = 'one'),
  '5.2-pageLabelValidated': (c) => void (partOf(c).label = [5]),
  '5.2-pageFirstValidated': (c) => void (partOf(c).first = 1),
  '5.2-pageLastValidated': (c) => void (partOf(c).last = ['a', 'b']),
  '3.3.1-pageCreatedValidated': (c) => void (partOf(c).created = 'x'),
  '3.3.1-pageModifiedValidated': (c) => void (partOf(c).modified = 'x'),
  '3.3.6-pageRightsValidated': (c) => void (partOf(c).rights = 'x'),
};

const SUITES: [
  string,
  readonly Assertion[],
  () => Json,
  Record<string, Mutation>,
  number,
][] = [
  ['annotation', ANNOTATION_ASSERTIONS, annotation, BREAK_ANNOTATION, 54],
  ['collection', COLLECTION_ASSERTIONS, collection, BREAK_COLLECTION, 10],
  ['page', PAGE_ASSERTIONS, collection, BREAK_PAGE, 15],
];

describe.each(SUITES)(
  'the %s MUSTs',
  (_name, assertions, valid, breaks, count) => {
    const musts = assertions.filter((a) => a.level === 'must').map((a) => a.id);

    it('number as many as the W3C suite’s, each with a way to break it', () => {
      expect(musts).toHaveLength(count);
      expect(new Set(musts).size).toBe(count);
      expect(Object.keys(breaks).sort()).toEqual([...musts].sort());
    });

    it('all hold for a valid document', () => {
      expect(failedMusts(assertions, valid())).toEqual([]);
    });

    it.each(musts)('%s catches a document that breaks it', (id) => {
      const doc = valid();
      breaks[id]!(doc);
      expect(failedMusts(assertions, doc)).toContain(id);
    });
  },
);

describe('the SHOULD checks', () => {
  it('all fail for an annotation with nothing but what it must have', () => {
    const bare = {
      '@context': ANNOTATION_CONTEXT,
      id: 'urn:uuid:0195a0f0-0000-4000-8000-000000000001',
      type: 'Annotation',
      target: PAGE,
    };
    const results = checkAll(ANNOTATION_ASSERTIONS, bare);
    expect(results.filter((r) => r.level === 'must' && !r.passed)).toEqual([]);
    const shoulds = results.filter((r) => r.level === 'should');
    expect(shoulds.length).toBeGreaterThan(30);
    expect(shoulds.filter((r) => r.passed)).toEqual([]);
  });

  it('fail for a collection without label, total or last, and a page without partOf or startIndex', () => {
    const doc = collection();
    delete doc.label;
    delete doc.total;
    delete doc.last;
    delete page(doc).partOf;
    delete page(doc).startIndex;
    const results = [
      ...checkAll(COLLECTION_ASSERTIONS, doc),
      ...checkAll(PAGE_ASSERTIONS, doc),
    ];
    expect(results.filter((r) => r.level === 'must' && !r.passed)).toEqual([]);
    expect(results.filter((r) => r.level === 'should' && r.passed)).toEqual([]);
  });
});

describe('what the export used to write', () => {
  const oldHighlight = {
    '@context': [ANNOTATION_CONTEXT, { snag: 'https://snag.invalid/ns#' }],
    id: 'urn:uuid:0195a0f0-0000-4000-8000-000000000001',
    type: 'Annotation',
    motivation: 'commenting',
    body: [{ type: 'TextualBody', purpose: 'commenting', value: 'x' }],
    target: {
      source: PAGE,
      selector: [
        {
          type: 'TextQuoteSelector',
          exact: 'Continue',
          prefix: '',
          suffix: '',
        },
        {
          type: 'RangeSelector',
          startContainer: '/main[1]/p[2]',
          startOffset: 0,
          endContainer: '/main[1]/p[2]',
          endOffset: 8,
        },
      ],
    },
  };

  it('fails the three assertions the W3C suite failed a text highlight on', () => {
    expect(failedMusts(ANNOTATION_ASSERTIONS, oldHighlight).sort()).toEqual([
      '3.2-targetObjectsRecognized',
      '4.2-selectorValidIfPresent',
      '4.2.8-rangeSelectorValid',
    ]);
  });

  it('fails 3.2-targetObjectsRecognized for a report without pins', () => {
    const pinless = { ...oldHighlight, target: { source: PAGE } };
    expect(failedMusts(ANNOTATION_ASSERTIONS, pinless)).toEqual([
      '3.2-targetObjectsRecognized',
    ]);
  });

  it('fails 5.1-collectionIdValidated and 5.2-pageIdValidated for a collection and page without ids', () => {
    const old = {
      '@context': [ANNOTATION_CONTEXT, { snag: 'https://snag.invalid/ns#' }],
      type: 'AnnotationCollection',
      label: 'Snag reports',
      first: { type: 'AnnotationPage', items: [] as unknown[] },
    };
    old.first.items.push(oldHighlight);
    expect(failedMusts(COLLECTION_ASSERTIONS, old)).toEqual([
      '5.1-collectionIdValidated',
    ]);
    expect(failedMusts(PAGE_ASSERTIONS, old)).toEqual(['5.2-pageIdValidated']);
  });
});
