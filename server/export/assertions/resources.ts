/**
 * The kinds of resource an annotation's bodies and targets may be (§3.2, §4), and the selectors
 * and states that make a resource specific (§4.2, §4.3), as the W3C assertions recognise them.
 */
import { isDateTime, isIri } from '../values';
import { remembered } from './assertion';
import {
  absentOr,
  has,
  isMotivation,
  isNonNegativeInteger,
  isRecord,
  isString,
  oneOrMore,
  singleIri,
  valuesOf,
  type Json,
} from './values';

/** Has exactly one IRI as its `id`. */
export function identified(o: unknown): o is Json {
  return isRecord(o) && has(o, 'id') && singleIri(o.id);
}

/** An External Web Resource: identified by an IRI, and neither a Specific Resource nor an Annotation. */
export function isExternal(o: unknown): o is Json {
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
export function isTextual(o: unknown): o is Json {
  return isRecord(o) && isString(o.value);
}

/** Has exactly one `source`, an IRI or a described External Web Resource. */
export function hasSource(o: unknown): o is Json {
  return (
    isRecord(o) && has(o, 'source') && (isIri(o.source) || isExternal(o.source))
  );
}

/** A Specific Resource: a source, and something that makes it specific (§4). */
export function isSpecific(o: unknown): o is Json {
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
export function isChoice(o: unknown): o is Json {
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
export function isTargetResource(value: unknown): boolean {
  if (isIri(value)) return true;
  if (!isRecord(value)) return false;
  return (
    [isChoice(value), isSpecific(value), isExternal(value)].filter(Boolean)
      .length === 1
  );
}

/** A body: an IRI, a Choice, a Specific Resource, an External Web Resource or a Textual Body. */
export function isBodyResource(value: unknown): boolean {
  return (
    isIri(value) ||
    isChoice(value) ||
    isSpecific(value) ||
    isExternal(value) ||
    isTextual(value)
  );
}

/** The body or target resources of an annotation that are described in place (objects). */
export function described(anno: Json, key: 'body' | 'target'): Json[] {
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
export function partsUnder(anno: Json, key: 'body' | 'target'): Json[] {
  return remembered(anno, `${key} parts`, () =>
    described(anno, key).flatMap(withParts),
  );
}

/** Every described body (or target) with its items. */
export function itemsUnder(anno: Json, key: 'body' | 'target'): Json[] {
  return remembered(anno, `${key} items`, () =>
    described(anno, key).flatMap(withItems),
  );
}

/** A resource and its described items (not its source). */
export function withItems(resource: Json): Json[] {
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
export function isSelectorValue(value: unknown): boolean {
  return isIri(value) || identified(value) || isTypedSelector(value);
}

/** A TimeState: one or more `sourceDate`s, or a `sourceDateStart` and `sourceDateEnd` (§4.3.1). */
export function isTimeState(o: Json): boolean {
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
export function isStateValue(value: unknown): boolean {
  if (isIri(value) || identified(value)) return true;
  if (!isRecord(value)) return false;
  if (value.type === 'TimeState') return isTimeState(value);
  if (value.type === 'HttpRequestState') return isString(value.value);
  return false;
}

/** Every selector of an annotation's bodies and targets, nested ones (range ends, refinements) too. */
export function selectorsOf(anno: Json): Json[] {
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
export function statesOf(anno: Json): Json[] {
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
export function selectorsOfClassValid(
  anno: Json,
  classes: readonly string[],
): boolean {
  return selectorsOf(anno)
    .filter((s) => classes.includes(s.type as string))
    .every(isTypedSelector);
}
