/** The model's requirements of an Annotation Collection and an Annotation Page (§5). */
import { isIri } from '../values';
import { must, should, type Assertion } from './assertion';
import { identified } from './resources';
import {
  absentOr,
  contextNamesModel,
  has,
  isNonNegativeInteger,
  isRecord,
  isString,
  oneOrMore,
  single,
  singleDateTime,
  singleIri,
  typed,
  valuesOf,
  type Json,
} from './values';

const singleNonNegative = (v: unknown) => single(v, isNonNegativeInteger);

function isPage(o: unknown): boolean {
  return isRecord(o) && typed(o, 'AnnotationPage');
}

/** The model's requirements of an Annotation Collection, keyed by the W3C suite's ids. */
export const COLLECTION_ASSERTIONS: readonly Assertion[] = [
  must(
    '5.1-collectionContextValidated',
    'Names the Web Annotation context in @context.',
    contextNamesModel,
  ),
  must('5.1-collectionIdValidated', 'Has exactly one id, an IRI.', identified),
  must(
    '5.1-collectionTypeValidated',
    'Has AnnotationCollection among its types.',
    (c) => typed(c, 'AnnotationCollection'),
  ),
  must('5.1-collectionLabelValidated', 'Its labels are strings.', (c) =>
    absentOr(c, 'label', (v) => oneOrMore(v, isString)),
  ),
  must(
    '5.1-collectionTotalValidated',
    'total is a single non-negative integer.',
    (c) => absentOr(c, 'total', singleNonNegative),
  ),
  must(
    '5.1-collectionFirstValidated',
    'With a total above zero it has exactly one first page, an IRI or an embedded AnnotationPage.',
    (c) => {
      const total = valuesOf(c.total)[0];
      const firstOk = (v: unknown) => single(v, (p) => isIri(p) || isPage(p));
      if (typeof total === 'number' && total > 0)
        return has(c, 'first') && firstOk(c.first);
      return absentOr(c, 'first', firstOk);
    },
  ),
  must('5.1-collectionLastValidated', 'last is a single IRI.', (c) =>
    absentOr(c, 'last', singleIri),
  ),
  must(
    '3.3.1-collectionCreatedValidated',
    'created is a single date-time.',
    (c) => absentOr(c, 'created', singleDateTime),
  ),
  must(
    '3.3.1-collectionModifiedValidated',
    'modified is a single date-time.',
    (c) => absentOr(c, 'modified', singleDateTime),
  ),
  must('3.3.6-collectionRightsValidated', 'rights are IRIs.', (c) =>
    absentOr(c, 'rights', (v) => oneOrMore(v, isIri)),
  ),
  should(
    '5.1-collectionLabelImplemented',
    'Has a label.',
    (c) => has(c, 'label') && oneOrMore(c.label, isString),
  ),
  should(
    '5.1-collectionTotalImplemented',
    'Says how many annotations it holds.',
    (c) => has(c, 'total') && singleNonNegative(c.total),
  ),
  should(
    '5.1-collectionLastImplemented',
    'Gives the IRI of its last page.',
    (c) => has(c, 'last') && singleIri(c.last),
  ),
];

/** The page a page assertion reads: the document itself, or a collection's embedded first page. */
function pageIn(doc: Json): Json | null {
  if (isPage(doc)) return doc;
  return isRecord(doc.first) ? doc.first : null;
}

/** A page assertion: `test` holds of the page the document is or embeds. */
function onPage(test: (page: Json) => boolean): (doc: Json) => boolean {
  return (doc) => {
    const page = pageIn(doc);
    return page !== null && test(page);
  };
}

/** A check of the collection description a page may embed as its `partOf`. */
function onPartOf(test: (collection: Json) => boolean): (doc: Json) => boolean {
  return onPage((page) => !isRecord(page.partOf) || test(page.partOf));
}

/**
 * The model's requirements of an Annotation Page, keyed by the W3C suite's ids. They read a
 * Page, or an Annotation Collection with its first Page embedded.
 */
export const PAGE_ASSERTIONS: readonly Assertion[] = [
  must(
    '5.2-pageContextValidated',
    'The document names the Web Annotation context in @context.',
    contextNamesModel,
  ),
  must(
    '5.2-pageIdValidated',
    'The page has exactly one id, an IRI.',
    onPage(identified),
  ),
  must(
    '5.2-pageTypeValidated',
    'The page has AnnotationPage among its types.',
    onPage(isPage),
  ),
  must(
    '5.2-pageItemsValidated',
    'The page lists one or more items, each an Annotation or an IRI.',
    onPage(
      (p) =>
        Array.isArray(p.items) &&
        p.items.length > 0 &&
        p.items.every(
          (item) =>
            isIri(item) || (isRecord(item) && typed(item, 'Annotation')),
        ),
    ),
  ),
  must(
    '5.2-pageStartIndexValidated',
    'startIndex is a single non-negative integer.',
    onPage((p) => absentOr(p, 'startIndex', singleNonNegative)),
  ),
  must(
    '5.2-pagePartOfValidated',
    'partOf is the collection’s IRI, or a description of it with its id.',
    onPage((p) => absentOr(p, 'partOf', (v) => singleIri(v) || identified(v))),
  ),
  must(
    '5.2-pageNextValidated',
    'next is a single IRI.',
    onPage((p) => absentOr(p, 'next', singleIri)),
  ),
  must(
    '5.2-pagePrevValidated',
    'prev is a single IRI.',
    onPage((p) => absentOr(p, 'prev', singleIri)),
  ),
  must(
    '5.2-pageTotalValidated',
    'The collection’s total, given in partOf, is a single non-negative integer.',
    onPartOf((c) => absentOr(c, 'total', singleNonNegative)),
  ),
  must(
    '5.2-pageLabelValidated',
    'The collection’s labels, given in partOf, are strings.',
    onPartOf((c) => absentOr(c, 'label', (v) => oneOrMore(v, isString))),
  ),
  must(
    '5.2-pageFirstValidated',
    'The collection’s first page, given in partOf, is an IRI or a page.',
    onPartOf((c) =>
      absentOr(c, 'first', (v) => single(v, (f) => isIri(f) || isPage(f))),
    ),
  ),
  must(
    '5.2-pageLastValidated',
    'The collection’s last page, given in partOf, is a single IRI.',
    onPartOf((c) => absentOr(c, 'last', singleIri)),
  ),
  must(
    '3.3.1-pageCreatedValidated',
    'The collection’s created, given in partOf, is a single date-time.',
    onPartOf((c) => absentOr(c, 'created', singleDateTime)),
  ),
  must(
    '3.3.1-pageModifiedValidated',
    'The collection’s modified, given in partOf, is a single date-time.',
    onPartOf((c) => absentOr(c, 'modified', singleDateTime)),
  ),
  must(
    '3.3.6-pageRightsValidated',
    'The collection’s rights, given in partOf, are IRIs.',
    onPartOf((c) => absentOr(c, 'rights', (v) => oneOrMore(v, isIri))),
  ),
  should(
    '5.2-pagePartOfImplemented',
    'The page says which collection it is part of.',
    onPage(
      (p) => has(p, 'partOf') && (singleIri(p.partOf) || identified(p.partOf)),
    ),
  ),
  should(
    '5.2-pageStartIndexImplemented',
    'The page gives the position of its first item.',
    onPage((p) => has(p, 'startIndex') && singleNonNegative(p.startIndex)),
  ),
];
