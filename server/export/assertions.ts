/**
 * The W3C's conformance assertions for Web Annotations, Collections and Pages, as our own
 * checks: each says in our words what the Web Annotation Data Model
 * (https://www.w3.org/TR/annotation-model/) requires, and is keyed by the id the W3C's test
 * suite gives the same assertion (`3.2-targetObjectsRecognized`, `4.2.8-rangeSelectorValid`,
 * `5.1-collectionIdValidated`, …), so results can be set side by side with that suite's.
 *
 * Every MUST the suite asserts is here, and its SHOULDs ("implemented" checks: a feature is
 * present and well formed). Where the model is stricter than the suite (a Page needs one or
 * more items; a selector's `refinedBy` is checked at any depth) the check follows the model.
 *
 * The export runs the MUSTs on every annotation before writing it, and the tests run them all
 * on what the API serves.
 */
import { ANNOTATION_CONTEXT } from './context';
import { isDateTime, isIri, isLanguageTag, isMediaType } from './values';

type Json = Record<string, unknown>;

/** How binding an assertion is. */
export type AssertionLevel = 'must' | 'should';

/** One assertion of the model. */
export interface Assertion {
  /** The W3C test suite's id for it. */
  id: string;
  level: AssertionLevel;
  /** What it requires, in words. */
  says: string;
  /** True when `doc` meets it. */
  holds(doc: Json): boolean;
}

/** The outcome of one assertion on one document. */
export interface AssertionResult {
  id: string;
  level: AssertionLevel;
  says: string;
  passed: boolean;
}

// ---- values -------------------------------------------------------------------------------

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function has(o: Json, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** The values of a property that may hold one value or an array of them. */
function valuesOf(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Exactly one value meeting `test`: the value itself, or an array of one. */
function single(value: unknown, test: (v: unknown) => boolean): boolean {
  if (Array.isArray(value)) return value.length === 1 && test(value[0]);
  return test(value);
}

/** One or more values, each meeting `test`. */
function oneOrMore(value: unknown, test: (v: unknown) => boolean): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every(test);
  return test(value);
}

/** The property is absent, or `test` holds of its value. */
function absentOr(o: Json, key: string, test: (v: unknown) => boolean) {
  return !has(o, key) || test(o[key]);
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNonNegativeInteger = (v: unknown) =>
  Number.isInteger(v) && (v as number) >= 0;
const singleIri = (v: unknown) => single(v, isIri);
const singleDateTime = (v: unknown) => single(v, isDateTime);

/** True when `type` is, or includes, `name`. */
function typed(o: Json, name: string): boolean {
  return valuesOf(o.type).includes(name);
}

/** The motivations and purposes the model defines (§3.3.5). */
export const MOTIVATIONS = [
  'assessing',
  'bookmarking',
  'classifying',
  'commenting',
  'describing',
  'editing',
  'highlighting',
  'identifying',
  'linking',
  'moderating',
  'questioning',
  'replying',
  'tagging',
] as const;

const isMotivation = (v: unknown) =>
  (MOTIVATIONS as readonly unknown[]).includes(v);

/**
 * What one run of `checkAll` has already worked out about the objects of the document: each
 * assertion walks the same bodies, targets and selectors, and asking again what kind of
 * resource each is would dominate an export's time. Kept only for the run, so a document
 * changed between runs is judged afresh.
 */
let memo: WeakMap<object, Map<string, unknown>> | null = null;

function remembered<T>(o: object, what: string, work: () => T): T {
  if (!memo) return work();
  let known = memo.get(o);
  if (!known) {
    known = new Map();
    memo.set(o, known);
  }
  if (known.has(what)) return known.get(what) as T;
  const value = work();
  known.set(what, value);
  return value;
}

// ---- resources (§3.2, §4) ---------------------------------------------------------------------

/** Has exactly one IRI as its `id`. */
function identified(o: unknown): o is Json {
  return isRecord(o) && has(o, 'id') && singleIri(o.id);
}

/** An External Web Resource: identified by an IRI, and neither a Specific Resource nor an Annotation. */
function isExternal(o: unknown): o is Json {
  return (
    isRecord(o) &&
    remembered(
      o,
      'external',
      () => identified(o) && !has(o, 'source') && !has(o, 'target'),
    )
  );
}

/** An Embedded Textual Body: its text is in `value`. */
function isTextual(o: unknown): o is Json {
  return isRecord(o) && isString(o.value);
}

/** Has exactly one `source`, an IRI or a described External Web Resource. */
function hasSource(o: unknown): o is Json {
  return (
    isRecord(o) && has(o, 'source') && (isIri(o.source) || isExternal(o.source))
  );
}

/** A Specific Resource: a source, and something that makes it specific (§4). */
function isSpecific(o: unknown): o is Json {
  return isRecord(o) && remembered(o, 'specific', () => specific(o));
}

function specific(o: Json): boolean {
  if (!hasSource(o)) return false;
  return (
    (has(o, 'purpose') && oneOrMore(o.purpose, isMotivation)) ||
    (has(o, 'selector') && oneOrMore(o.selector, isSelectorValue)) ||
    (has(o, 'state') && oneOrMore(o.state, isStateValue)) ||
    (has(o, 'styleClass') && oneOrMore(o.styleClass, isString)) ||
    (has(o, 'renderedVia') &&
      oneOrMore(o.renderedVia, (v) => singleIri(v) || identified(v))) ||
    (has(o, 'scope') && oneOrMore(o.scope, isIri))
  );
}

/** A Choice: its `items` are the alternatives (§3.2.7). */
function isChoice(o: unknown): o is Json {
  return isRecord(o) && remembered(o, 'choice', () => choice(o));
}

function choice(o: Json): boolean {
  return (
    o.type === 'Choice' &&
    Array.isArray(o.items) &&
    o.items.length > 0 &&
    o.items.every(
      (item) =>
        isIri(item) ||
        isSpecific(item) ||
        isExternal(item) ||
        isTextual(item) ||
        isChoice(item),
    )
  );
}

/** A target: an IRI, or exactly one of a Choice, a Specific Resource, an External Web Resource. */
function isTargetResource(value: unknown): boolean {
  if (isIri(value)) return true;
  if (!isRecord(value)) return false;
  return (
    [isChoice(value), isSpecific(value), isExternal(value)].filter(Boolean)
      .length === 1
  );
}

/** A body: an IRI, a Choice, a Specific Resource, an External Web Resource or a Textual Body. */
function isBodyResource(value: unknown): boolean {
  return (
    isIri(value) ||
    isChoice(value) ||
    isSpecific(value) ||
    isExternal(value) ||
    isTextual(value)
  );
}

/** The body or target resources of an annotation that are described in place (objects). */
function described(anno: Json, key: 'body' | 'target'): Json[] {
  return remembered(anno, key, () => valuesOf(anno[key]).filter(isRecord));
}

/** A resource, its described source, and its described items: where properties may sit. */
function withParts(resource: Json): Json[] {
  return remembered(resource, 'parts', () => partsOf(resource));
}

function partsOf(resource: Json): Json[] {
  const parts = [resource];
  if (isRecord(resource.source)) parts.push(resource.source);
  if (Array.isArray(resource.items))
    parts.push(...resource.items.filter(isRecord));
  return parts;
}

/** Every described body (or target) with its source and items. */
function partsUnder(anno: Json, key: 'body' | 'target'): Json[] {
  return remembered(anno, `${key} parts`, () =>
    described(anno, key).flatMap(withParts),
  );
}

/** Every described body (or target) with its items. */
function itemsUnder(anno: Json, key: 'body' | 'target'): Json[] {
  return remembered(anno, `${key} items`, () =>
    described(anno, key).flatMap(withItems),
  );
}

/** A resource and its described items (not its source). */
function withItems(resource: Json): Json[] {
  return [
    resource,
    ...(Array.isArray(resource.items) ? resource.items.filter(isRecord) : []),
  ];
}

// ---- selectors and states (§4.2, §4.3) ------------------------------------------------------

/** A selector of one of the model's classes, with the properties that class requires. */
function isTypedSelector(o: unknown): o is Json {
  if (!isRecord(o) || !isString(o.type)) return false;
  switch (o.type) {
    case 'FragmentSelector':
      return isString(o.value) && absentOr(o, 'conformsTo', isIri);
    case 'CssSelector':
    case 'XPathSelector':
      return isString(o.value);
    case 'TextQuoteSelector':
      return (
        isString(o.exact) &&
        absentOr(o, 'prefix', isString) &&
        absentOr(o, 'suffix', isString)
      );
    case 'TextPositionSelector':
    case 'DataPositionSelector':
      return isNonNegativeInteger(o.start) && isNonNegativeInteger(o.end);
    case 'SvgSelector':
      return (
        has(o, 'value') !== has(o, 'id') &&
        absentOr(o, 'value', isString) &&
        absentOr(o, 'id', singleIri)
      );
    case 'RangeSelector':
      return (
        isRecord(o.startSelector) &&
        isRecord(o.endSelector) &&
        isTypedSelector(o.startSelector) &&
        isTypedSelector(o.endSelector)
      );
    default:
      return false;
  }
}

/** A value of `selector`: an IRI, a selector known by its IRI, or a model selector. */
function isSelectorValue(value: unknown): boolean {
  return isIri(value) || identified(value) || isTypedSelector(value);
}

/** A TimeState: one or more `sourceDate`s, or a `sourceDateStart` and `sourceDateEnd` (§4.3.1). */
function isTimeState(o: Json): boolean {
  const dates = has(o, 'sourceDate');
  const span = has(o, 'sourceDateStart') && has(o, 'sourceDateEnd');
  return (
    dates !== span &&
    !(dates && (has(o, 'sourceDateStart') || has(o, 'sourceDateEnd'))) &&
    absentOr(o, 'sourceDate', (v) => oneOrMore(v, isDateTime)) &&
    absentOr(o, 'sourceDateStart', isDateTime) &&
    absentOr(o, 'sourceDateEnd', isDateTime) &&
    absentOr(o, 'cached', (v) => oneOrMore(v, isIri))
  );
}

/** A value of `state`: an IRI, a state known by its IRI, a TimeState or an HttpRequestState. */
function isStateValue(value: unknown): boolean {
  if (isIri(value) || identified(value)) return true;
  if (!isRecord(value)) return false;
  if (value.type === 'TimeState') return isTimeState(value);
  if (value.type === 'HttpRequestState') return isString(value.value);
  return false;
}

/** Every selector of an annotation's bodies and targets, nested ones (range ends, refinements) too. */
function selectorsOf(anno: Json): Json[] {
  return remembered(anno, 'selectors', () => allSelectors(anno));
}

function allSelectors(anno: Json): Json[] {
  const found: Json[] = [];
  const visit = (value: unknown) => {
    if (!isRecord(value)) return;
    found.push(value);
    visit(value.startSelector);
    visit(value.endSelector);
    for (const refinement of valuesOf(value.refinedBy)) visit(refinement);
  };
  for (const key of ['body', 'target'] as const) {
    for (const resource of described(anno, key)) {
      for (const part of withItems(resource)) {
        for (const selector of valuesOf(part.selector)) visit(selector);
      }
    }
  }
  return found;
}

/** Every state of an annotation's bodies and targets, refinements of states included. */
function statesOf(anno: Json): Json[] {
  return remembered(anno, 'states', () => allStates(anno));
}

function allStates(anno: Json): Json[] {
  const found: Json[] = [];
  const visit = (value: unknown) => {
    if (!isRecord(value)) return;
    found.push(value);
    for (const refinement of valuesOf(value.refinedBy)) visit(refinement);
  };
  for (const key of ['body', 'target'] as const) {
    for (const resource of described(anno, key)) {
      for (const part of withItems(resource)) {
        for (const state of valuesOf(part.state)) visit(state);
      }
    }
  }
  return found;
}

/** Selectors of one class must have what that class requires. */
function selectorsOfClassValid(
  anno: Json,
  classes: readonly string[],
): boolean {
  return selectorsOf(anno)
    .filter((s) => classes.includes(s.type as string))
    .every(isTypedSelector);
}

// ---- agents (§3.3.2) --------------------------------------------------------------------------

const AGENT_TYPES = ['Person', 'Organization', 'Software'];

/** Some agent of `value` (one agent or several) meets `test`. */
function someAgent(value: unknown, test: (agent: Json) => boolean): boolean {
  return valuesOf(value).some((agent) => isRecord(agent) && test(agent));
}

const agentHasId = (agent: Json) => identified(agent);
const agentHasType = (agent: Json) =>
  has(agent, 'type') &&
  oneOrMore(agent.type, (t) => AGENT_TYPES.includes(t as string));
const agentHasSingleName = (agent: Json) =>
  has(agent, 'name') && single(agent.name, isString);
const agentHasSingleNickname = (agent: Json) =>
  has(agent, 'nickname') && single(agent.nickname, isString);

// ---- shared shapes ----------------------------------------------------------------------------

function contextNamesModel(doc: Json): boolean {
  return (
    has(doc, '@context') &&
    valuesOf(doc['@context']).includes(ANNOTATION_CONTEXT)
  );
}

/** The value checks of §3.2.1 and §3.3 that apply to every described body or target. */
const RESOURCE_PROPERTY_RULES: Record<
  string,
  { key: string; test: (v: unknown) => boolean }
> = {
  TextDirection: {
    key: 'textDirection',
    test: (v) => single(v, (d) => d === 'ltr' || d === 'rtl' || d === 'auto'),
  },
  Created: { key: 'created', test: singleDateTime },
  Modified: { key: 'modified', test: singleDateTime },
  Rights: { key: 'rights', test: (v) => oneOrMore(v, isIri) },
  Canonical: { key: 'canonical', test: singleIri },
  Via: { key: 'via', test: (v) => oneOrMore(v, isIri) },
};

/** Every described body (or target) and its source meet a property's rule where they use it. */
function resourcePropertyValid(
  anno: Json,
  key: 'body' | 'target',
  rule: keyof typeof RESOURCE_PROPERTY_RULES,
) {
  const { key: property, test } = RESOURCE_PROPERTY_RULES[rule]!;
  return partsUnder(anno, key).every((part) => absentOr(part, property, test));
}

/** No described body (or target), nor its source or items, is of a kind and has a property. */
function noneHave(
  anno: Json,
  key: 'body' | 'target',
  kind: (o: Json) => boolean,
  property: string,
  where: 'parts' | 'items' = 'parts',
): boolean {
  const found =
    where === 'parts' ? partsUnder(anno, key) : itemsUnder(anno, key);
  return !found.some((part) => kind(part) && has(part, property));
}

/** Some described body (or target), its source or one of its items meets `test`. */
function someHas(
  anno: Json,
  key: 'body' | 'target',
  test: (o: Json) => boolean,
): boolean {
  return partsUnder(anno, key).some(test);
}

/** A body, target or item that can carry descriptive properties: Specific, External or Textual. */
function isDescribable(o: Json): boolean {
  return isSpecific(o) || isExternal(o) || isTextual(o);
}

// ---- annotations --------------------------------------------------------------------------------

function must(
  id: string,
  says: string,
  holds: (doc: Json) => boolean,
): Assertion {
  return { id, level: 'must', says, holds };
}

function should(
  id: string,
  says: string,
  holds: (doc: Json) => boolean,
): Assertion {
  return { id, level: 'should', says, holds };
}

const bodyAndTargetRules = (['body', 'target'] as const).flatMap((key) => {
  const prefix = key === 'body' ? 'body' : 'targ';
  const section: Record<string, string> = {
    TextDirection: '3.2.1',
    Created: '3.3.1',
    Modified: '3.3.1',
    Rights: '3.3.6',
    Canonical: '3.3.7',
    Via: '3.3.7',
  };
  return Object.keys(RESOURCE_PROPERTY_RULES).map((rule) =>
    must(
      `${section[rule]}-${prefix}${rule}Validated`,
      `Where a ${key} or its source has ${RESOURCE_PROPERTY_RULES[rule]!.key}, the value is well formed.`,
      (a) => resourcePropertyValid(a, key, rule),
    ),
  );
});

const bodyAndTargetExclusions = (['body', 'target'] as const).flatMap((key) => {
  const p = key === 'body' ? 'body' : 'targ';
  return [
    must(
      `3.2.7-${p}EWRNoItems`,
      `No External Web Resource ${key} has items.`,
      (a) => noneHave(a, key, isExternal, 'items'),
    ),
    must(
      `3.3.5-${p}EWRNoPurpose`,
      `No External Web Resource ${key} has a purpose.`,
      (a) => noneHave(a, key, isExternal, 'purpose'),
    ),
    must(`3.2.4-${p}ChoiceSetNoValue`, `No Choice ${key} has a value.`, (a) =>
      noneHave(a, key, isChoice, 'value', 'items'),
    ),
    must(`4-${p}ChoiceSetNoSource`, `No Choice ${key} has a source.`, (a) =>
      noneHave(a, key, isChoice, 'source', 'items'),
    ),
    must(
      `3.3.5-${p}ChoiceSetNoPurpose`,
      `No Choice ${key} has a purpose.`,
      (a) => noneHave(a, key, isChoice, 'purpose', 'items'),
    ),
    ...(key === 'body'
      ? [
          must(
            '3.2.7-bodyEmbeddedTextualNoItems',
            'No Textual Body has items.',
            (a) => noneHave(a, key, isTextual, 'items', 'items'),
          ),
          must(
            '4-bodyEmbeddedTextualNoSource',
            'No Textual Body has a source.',
            (a) => noneHave(a, key, isTextual, 'source', 'items'),
          ),
        ]
      : []),
    must(
      `3.2.7-${p}SpecificResourceNoItems`,
      `No Specific Resource ${key} has items.`,
      (a) => noneHave(a, key, hasSource, 'items', 'items'),
    ),
    must(
      `4-${p}SpecificResourceNoValue`,
      `No Specific Resource ${key} has a value.`,
      (a) => noneHave(a, key, hasSource, 'value', 'items'),
    ),
  ];
});

/** The model's requirements of an Annotation, MUSTs then SHOULDs, keyed by the W3C suite's ids. */
export const ANNOTATION_ASSERTIONS: readonly Assertion[] = [
  must(
    '3.1-annotationContextValidated',
    'Names the Web Annotation context in @context.',
    contextNamesModel,
  ),
  must('3.1-annotationIdValidated', 'Has exactly one id, an IRI.', identified),
  must('3.1-annotationTypeValidated', 'Has Annotation among its types.', (a) =>
    typed(a, 'Annotation'),
  ),
  must('3.1-targetKeyFound', 'Has a target.', (a) => has(a, 'target')),
  must(
    '3.2-targetObjectsRecognized',
    'Each of its one or more targets is an IRI, a Choice, a Specific Resource or an External Web Resource.',
    (a) => has(a, 'target') && oneOrMore(a.target, isTargetResource),
  ),
  must(
    '3.2.5-notBodyBodyValue',
    'Does not have both body and bodyValue.',
    (a) => !(has(a, 'body') && has(a, 'bodyValue')),
  ),
  must(
    '3.2-bodyObjectsRecognized',
    'Each body is an IRI, a Choice, a Specific Resource, an External Web Resource or a Textual Body.',
    (a) => absentOr(a, 'body', (v) => oneOrMore(v, isBodyResource)),
  ),
  must('3.2.5-bodyValueValidated', 'A bodyValue is a single string.', (a) =>
    absentOr(a, 'bodyValue', (v) => single(v, isString)),
  ),
  must(
    '3.3.1-annotationCreatedValidated',
    'created is a single date-time.',
    (a) => absentOr(a, 'created', singleDateTime),
  ),
  must(
    '3.3.1-annotationModifiedValidated',
    'modified is a single date-time.',
    (a) => absentOr(a, 'modified', singleDateTime),
  ),
  must(
    '3.3.1-annotationGeneratedValidated',
    'generated is a single date-time.',
    (a) => absentOr(a, 'generated', singleDateTime),
  ),
  must('3.3.6-annotationRightsValidated', 'rights are IRIs.', (a) =>
    absentOr(a, 'rights', (v) => oneOrMore(v, isIri)),
  ),
  must(
    '3.3.7-annotationCanonicalValidated',
    'canonical is a single IRI.',
    (a) => absentOr(a, 'canonical', singleIri),
  ),
  must('3.3.7-annotationViaValidated', 'via values are IRIs.', (a) =>
    absentOr(a, 'via', (v) => oneOrMore(v, isIri)),
  ),
  ...bodyAndTargetRules,
  ...bodyAndTargetExclusions,
  must(
    '3.2.4-targNoTypeTextualBody',
    'No target is a Textual Body (typed TextualBody and embedded without an id).',
    (a) =>
      !itemsUnder(a, 'target').some(
        (t) => isTextual(t) && typed(t, 'TextualBody') && !identified(t),
      ),
  ),
  must(
    '4.2-selectorValidIfPresent',
    'Every selector is an IRI, or a selector of one of the model’s classes with what that class requires.',
    (a) =>
      (['body', 'target'] as const).every((key) =>
        itemsUnder(a, key).every((r) =>
          absentOr(r, 'selector', (v) => oneOrMore(v, isSelectorValue)),
        ),
      ),
  ),
  must(
    '4.3-stateValidIfPresent',
    'Every state is an IRI, a TimeState or an HttpRequestState with what it requires.',
    (a) =>
      (['body', 'target'] as const).every((key) =>
        itemsUnder(a, key).every((r) =>
          absentOr(r, 'state', (v) => oneOrMore(v, isStateValue)),
        ),
      ),
  ),
  must(
    '4.3.3-refinedByValidated',
    'Every refinement of a selector or state is an IRI, a model selector or a model state.',
    (a) =>
      [...selectorsOf(a), ...statesOf(a)].every((s) =>
        absentOr(s, 'refinedBy', (v) =>
          oneOrMore(v, (r) => isSelectorValue(r) || isStateValue(r)),
        ),
      ),
  ),
  must(
    '4.4-styleClassValidIfPresent',
    'styleClass values are strings, on Specific Resources, and the annotation then has a stylesheet.',
    (a) => {
      const styled = (['body', 'target'] as const).flatMap((key) =>
        itemsUnder(a, key).filter((r) => has(r, 'styleClass')),
      );
      return (
        styled.every(
          (r) => hasSource(r) && oneOrMore(r.styleClass, isString),
        ) &&
        (styled.length === 0 || has(a, 'stylesheet'))
      );
    },
  ),
  must(
    '4.2-fragmentCssXPathSelectorValid',
    'Every FragmentSelector, CssSelector and XPathSelector has a single string value.',
    (a) =>
      selectorsOfClassValid(a, [
        'FragmentSelector',
        'CssSelector',
        'XPathSelector',
      ]),
  ),
  must(
    '4.2.4-textQuoteSelectorValid',
    'Every TextQuoteSelector has exact text.',
    (a) => selectorsOfClassValid(a, ['TextQuoteSelector']),
  ),
  must(
    '4.2-TextDataPositionSelectorValid',
    'Every TextPositionSelector and DataPositionSelector has a non-negative integer start and end.',
    (a) =>
      selectorsOfClassValid(a, [
        'TextPositionSelector',
        'DataPositionSelector',
      ]),
  ),
  must(
    '4.2.7-svgSelectorValid',
    'Every SvgSelector has either a value or an id.',
    (a) => selectorsOfClassValid(a, ['SvgSelector']),
  ),
  must(
    '4.2.8-rangeSelectorValid',
    'Every RangeSelector has exactly one startSelector and one endSelector, each a model selector.',
    (a) => selectorsOfClassValid(a, ['RangeSelector']),
  ),
  must(
    '4.3.1-timeStateValid',
    'Every TimeState has sourceDate, or both sourceDateStart and sourceDateEnd.',
    (a) =>
      statesOf(a)
        .filter((s) => s.type === 'TimeState')
        .every(isTimeState),
  ),
  must(
    '4.3.2-httpRequestStateValid',
    'Every HttpRequestState has a value.',
    (a) =>
      statesOf(a)
        .filter((s) => s.type === 'HttpRequestState')
        .every((s) => isString(s.value)),
  ),

  // SHOULDs: the model recommends these; the suite reports them without failing.
  should('3.1-bodyKeyFound', 'Has a body.', (a) => has(a, 'body')),
  should(
    '3.3.1-annotationCreatedImplemented',
    'Says when it was created.',
    (a) => has(a, 'created') && singleDateTime(a.created),
  ),
  should(
    '3.3.1-annotationSingleCreatorImplemented',
    'Has exactly one creator.',
    (a) =>
      has(a, 'creator') && single(a.creator, (c) => isIri(c) || isRecord(c)),
  ),
  should(
    '3.3.1-singleAnnotationCreatorImplemented',
    'Has exactly one creator.',
    (a) =>
      has(a, 'creator') && single(a.creator, (c) => isIri(c) || isRecord(c)),
  ),
  should(
    '3.3.2-annotationCreatorAgentIdImplemented',
    'Its creator has an IRI.',
    (a) => someAgent(a.creator, agentHasId),
  ),
  should(
    '3.3.2-annotationCreatorAgentNicknameImplemented',
    'Its creator has one nickname.',
    (a) => someAgent(a.creator, agentHasSingleNickname),
  ),
  should(
    '3.3.2-annotationCreatorAgentSingleNameImplemented',
    'Its creator has one name.',
    (a) => someAgent(a.creator, agentHasSingleName),
  ),
  should(
    '3.3.2-annotationCreatorAgentTypeImplemented',
    'Its creator is a Person, Organization or Software.',
    (a) => someAgent(a.creator, agentHasType),
  ),
  should(
    '3.3.2-annotationGeneratorAgentIdImplemented',
    'Its generator has an IRI.',
    (a) => someAgent(a.generator, agentHasId),
  ),
  should(
    '3.3.2-annotationGeneratorAgentNicknameImplemented',
    'Its generator has one nickname.',
    (a) => someAgent(a.generator, agentHasSingleNickname),
  ),
  should(
    '3.3.2-annotationGeneratorAgentSingleNameImplemented',
    'Its generator has one name.',
    (a) => someAgent(a.generator, agentHasSingleName),
  ),
  should(
    '3.3.2-annotationGeneratorAgentTypeImplemented',
    'Its generator is a Person, Organization or Software.',
    (a) => someAgent(a.generator, agentHasType),
  ),
  should(
    '3.3.5-annotationSingleMotivationImplemented',
    'Has exactly one motivation of the model’s.',
    (a) => has(a, 'motivation') && single(a.motivation, isMotivation),
  ),
  ...(['body', 'target'] as const).flatMap((key) => {
    const p = key === 'body' ? 'body' : 'targ';
    return [
      should(
        `3.2.1-${p}SingleFormat`,
        `A ${key} gives its one media type in format.`,
        (a) =>
          someHas(
            a,
            key,
            (o) =>
              isDescribable(o) &&
              has(o, 'format') &&
              single(o.format, isMediaType),
          ),
      ),
      should(
        `3.2.1-${p}SingleLanguage`,
        `A ${key} gives its one language in language.`,
        (a) =>
          someHas(
            a,
            key,
            (o) =>
              isDescribable(o) &&
              has(o, 'language') &&
              single(o.language, isLanguageTag),
          ),
      ),
      should(`3.3.1-${p}Created`, `A ${key} says when it was created.`, (a) =>
        someHas(
          a,
          key,
          (o) =>
            isDescribable(o) && has(o, 'created') && singleDateTime(o.created),
        ),
      ),
      should(
        `3.3.1-${p}SingleCreator`,
        `A ${key} has exactly one creator.`,
        (a) =>
          someHas(
            a,
            key,
            (o) =>
              isDescribable(o) &&
              has(o, 'creator') &&
              single(o.creator, (c) => isIri(c) || isRecord(c)),
          ),
      ),
      should(
        `3.3.2-${p}CreatorAgentIdImplemented`,
        `A ${key}’s creator has an IRI.`,
        (a) => someHas(a, key, (o) => someAgent(o.creator, agentHasId)),
      ),
      should(
        `3.3.2-${p}CreatorAgentNicknameImplemented`,
        `A ${key}’s creator has one nickname.`,
        (a) =>
          someHas(a, key, (o) => someAgent(o.creator, agentHasSingleNickname)),
      ),
      should(
        `3.3.2-${p}CreatorAgentSingleNameImplemented`,
        `A ${key}’s creator has one name.`,
        (a) => someHas(a, key, (o) => someAgent(o.creator, agentHasSingleName)),
      ),
      should(
        `3.3.2-${p}CreatorAgentTypeImplemented`,
        `A ${key}’s creator is a Person, Organization or Software.`,
        (a) => someHas(a, key, (o) => someAgent(o.creator, agentHasType)),
      ),
    ];
  }),
  should(
    '3.2.4-bodyETBTypeTextualBody',
    'An embedded Textual Body says it is a TextualBody.',
    (a) =>
      itemsUnder(a, 'body').some(
        (b) => isTextual(b) && typed(b, 'TextualBody'),
      ),
  ),
  should(
    '4.2.1-conformsTo',
    'A FragmentSelector names the specification it conforms to.',
    (a) =>
      selectorsOf(a).some(
        (s) => s.type === 'FragmentSelector' && isIri(s.conformsTo),
      ),
  ),
  should(
    '4.2.4-prefix',
    'A TextQuoteSelector gives the text before the quote.',
    (a) =>
      selectorsOf(a).some(
        (s) => s.type === 'TextQuoteSelector' && isString(s.prefix),
      ),
  ),
  should(
    '4.2.4-suffix',
    'A TextQuoteSelector gives the text after the quote.',
    (a) =>
      selectorsOf(a).some(
        (s) => s.type === 'TextQuoteSelector' && isString(s.suffix),
      ),
  ),
];

// ---- collections and pages (§5) -----------------------------------------------------------

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

/** Runs `assertions` on `doc`; a document that is not an object fails every one. */
export function checkAll(
  assertions: readonly Assertion[],
  doc: unknown,
): AssertionResult[] {
  const outer = memo;
  memo ??= new WeakMap();
  try {
    return assertions.map(({ id, level, says, holds }) => {
      let passed = false;
      if (isRecord(doc)) {
        try {
          passed = holds(doc);
        } catch {
          // A check that cannot read the document has not been met.
          passed = false;
        }
      }
      return { id, level, says, passed };
    });
  } finally {
    memo = outer;
  }
}

/** The ids of the MUSTs `doc` fails. */
export function failedMusts(
  assertions: readonly Assertion[],
  doc: unknown,
): string[] {
  return checkAll(
    assertions.filter((a) => a.level === 'must'),
    doc,
  )
    .filter((r) => !r.passed)
    .map((r) => r.id);
}
