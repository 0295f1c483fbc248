/**
 * Finding an annotation's place again from its stored selectors. The rule that matters
 * (docs/architecture.md, "Anchoring"): never anchor to the wrong place. When the evidence is unclear the answer is
 * null, and the annotation is shown as "the page has changed here".
 */
import type {
  Selector,
  TextPositionSelector,
  TextQuoteSelector,
} from '@/protocol/selectors';
import { selectAll, targetTagOf } from './css-selector';
import { MAX_ELEMENT_QUOTE_LENGTH } from './describe';
import { collapseWhitespace, matchQuote, type QuoteMatch } from './quote-match';
import {
  buildTextModel,
  offsetOfPoint,
  offsetsOfElement,
  pointAt,
  rangeFromOffsets,
  textModelOf,
  type TextModel,
} from './text-model';
import { isSelectorList } from './valid';
import { elementFromXPath } from './xpath';

/** Where an annotation was found. */
export interface Anchored {
  /** The text found, for text annotations. */
  range?: Range;
  /** The element found, for pinned elements. */
  element?: Element;
  /**
   * 'exact': the very same quote (or element) where its context agrees. 'contextual': the same
   * text, recognised by its element or place while the text around it changed. 'fuzzy': the
   * text itself changed slightly (whitespace, letter case, a word): shown with a dashed mark.
   */
  quality: 'exact' | 'fuzzy' | 'contextual';
}

function first<T extends Selector['type']>(
  selectors: readonly Selector[],
  type: T,
): Extract<Selector, { type: T }> | undefined {
  return selectors.find(
    (s): s is Extract<Selector, { type: T }> => s.type === type,
  );
}

/** Where the quote used to be, from the position selector or else the range selector. */
function hintOf(
  model: TextModel,
  selectors: readonly Selector[],
): { start: number; end: number } | undefined {
  const position: TextPositionSelector | undefined = first(
    selectors,
    'TextPositionSelector',
  );
  if (position) return { start: position.start, end: position.end };
  const range = first(selectors, 'RangeSelector');
  if (!range) return undefined;
  const startElement = elementFromXPath(range.startContainer, model.root);
  const endElement = elementFromXPath(range.endContainer, model.root);
  if (!startElement || !endElement) return undefined;
  const start = offsetOfPoint(model, startElement, 0) + range.startOffset;
  const end = offsetOfPoint(model, endElement, 0) + range.endOffset;
  return end >= start ? { start, end } : undefined;
}

/**
 * The text of the element the selection was recorded in, from the range selector's paths,
 * when that element still exists: where the quote is looked for first.
 */
function scopeOf(
  model: TextModel,
  selectors: readonly Selector[],
): { start: number; end: number } | undefined {
  const range = first(selectors, 'RangeSelector');
  if (!range) return undefined;
  const start = elementFromXPath(range.startContainer, model.root);
  const end = elementFromXPath(range.endContainer, model.root);
  if (!start || !end || start === model.root) return undefined;
  let common: Element | null = start;
  while (common && !common.contains(end)) common = common.parentElement;
  if (!common || common === model.root || !model.root.contains(common))
    return undefined;
  return offsetsOfElement(model, common);
}

/** How an element's text compares with the quote stored for it. */
function elementTextAgreement(
  model: TextModel,
  element: Element,
  quote: TextQuoteSelector,
): 'exact' | 'fuzzy' | null {
  const { start, end } = offsetsOfElement(model, element);
  const text = model.text.slice(start, end);
  // Long element texts are stored cut short, so only their beginning can be compared.
  const truncated = quote.exact.length >= MAX_ELEMENT_QUOTE_LENGTH;
  const same = (a: string, b: string) =>
    truncated ? a.startsWith(b) : a === b;
  if (same(text, quote.exact)) return 'exact';
  if (
    same(
      collapseWhitespace(text).trim(),
      collapseWhitespace(quote.exact).trim(),
    )
  )
    return 'fuzzy';
  return null;
}

/**
 * Whether the one element the CSS finds still holds its quote with small edits: the quote
 * (or nearly it) is found inside it, and little else was added.
 */
function editedElement(
  model: TextModel,
  element: Element,
  quote: TextQuoteSelector,
  hint: { start: number; end: number } | undefined,
): boolean {
  const span = offsetsOfElement(model, element);
  const match = matchQuote(model.text, {
    exact: quote.exact,
    prefix: quote.prefix,
    suffix: quote.suffix,
    hint,
    scope: () => span,
  });
  if (!match || match.start < span.start || match.end > span.end) return false;
  const extra =
    collapseWhitespace(model.text.slice(span.start, span.end)).trim().length -
    collapseWhitespace(model.text.slice(match.start, match.end)).trim().length;
  return extra <= Math.max(24, quote.exact.length / 2);
}

/**
 * The element a quote match belongs to: the nearest element around the match with the
 * stored tag whose own text is the match (give or take a little), or null.
 */
function elementAround(
  model: TextModel,
  match: QuoteMatch,
  tag: string | null,
): Element | null {
  const point = pointAt(model, match.start, 'start').node;
  const length = match.end - match.start;
  for (
    let element =
      point.nodeType === 1 ? (point as Element) : point.parentElement;
    element;
    element = element.parentElement
  ) {
    const span = offsetsOfElement(model, element);
    if (span.start > match.start || span.end < match.end) continue;
    const spanLength = span.end - span.start;
    if (spanLength > length + Math.max(8, length * 0.25)) return null;
    if (tag === null || element.tagName.toLowerCase() === tag) return element;
    if (element === model.root) return null;
  }
  return null;
}

function anchorElement(
  getModel: () => TextModel,
  selectors: readonly Selector[],
  candidates: Element[],
  tag: string | null,
): Anchored | null {
  const quote = first(selectors, 'TextQuoteSelector');
  if (!quote) {
    // Nothing to check the element against (a field, an image): trust a unique match only.
    const [only] = candidates;
    return candidates.length === 1 && only
      ? { element: only, quality: 'exact' }
      : null;
  }
  const model = getModel();
  const agreeing = candidates
    .map((element) => ({
      element,
      agreement: elementTextAgreement(model, element, quote),
    }))
    .filter((c) => c.agreement !== null);
  const [one] = agreeing;
  if (agreeing.length === 1 && one && one.agreement) {
    return { element: one.element, quality: one.agreement };
  }
  if (agreeing.length > 1) return null;
  const hint = hintOf(model, selectors);
  const [only] = candidates;
  if (candidates.length === 1 && only) {
    const edited = editedElement(model, only, quote, hint);
    if (edited) return { element: only, quality: 'fuzzy' };
  }

  // The CSS no longer finds it: look for its text instead.
  const match = matchQuote(model.text, {
    exact: quote.exact,
    prefix: quote.prefix,
    suffix: quote.suffix,
    hint,
  });
  if (!match) return null;
  const element = elementAround(model, match, tag);
  if (!element) return null;
  const agreement = elementTextAgreement(model, element, quote);
  return {
    element,
    quality:
      match.quality === 'exact' && agreement === 'exact' ? 'exact' : 'fuzzy',
  };
}

/**
 * When the quote began its recorded element and ran to a block's edge, a test of whether a
 * place in the text is the whole text of an element with the same tag; otherwise undefined.
 * Without `toEdge`, the quote need only have begun its element (it may have been all of it).
 */
function shapeOf(
  model: TextModel,
  selectors: readonly Selector[],
  quote: TextQuoteSelector,
  toEdge = true,
): ((start: number, end: number) => boolean) | undefined {
  const range = first(selectors, 'RangeSelector');
  if (
    !range ||
    range.startContainer !== range.endContainer ||
    range.startOffset !== 0 ||
    range.endOffset !== quote.exact.length ||
    (toEdge && !/^\s/.test(quote.suffix ?? ' '))
  )
    return undefined;
  const tag = /([a-z][\w-]*)\[\d+\]$/i.exec(range.endContainer)?.[1];
  if (!tag) return undefined;
  const want = collapseWhitespace(quote.exact).trim();
  return (start, end) => {
    const point = pointAt(model, start, 'start').node;
    const element =
      point.nodeType === 1 ? (point as Element) : point.parentElement;
    const holder = element?.closest(tag);
    if (!holder || holder === model.root || !model.root.contains(holder))
      return false;
    const span = offsetsOfElement(model, holder);
    if (span.start > start || span.end < end) return false;
    return (
      collapseWhitespace(model.text.slice(span.start, span.end)).trim() === want
    );
  };
}

/**
 * A test of whether a place in the text starts and ends inside elements of the tags the
 * quote's range was recorded in (a label's words are not a table cell's), when known.
 */
function tagsOf(
  model: TextModel,
  selectors: readonly Selector[],
  quote: TextQuoteSelector,
): ((start: number, end: number) => boolean) | undefined {
  const range = first(selectors, 'RangeSelector');
  // A quote that begins or ends in whitespace was recorded in whatever element held it.
  if (!range || /^\s|\s$/.test(quote.exact)) return undefined;
  const tagOf = (path: string) => /\/([a-z][\w-]*)\[\d+\]$/i.exec(path)?.[1];
  const [from, to] = [tagOf(range.startContainer), tagOf(range.endContainer)];
  if (!from || !to) return undefined;
  const inTag = (offset: number, side: 'start' | 'end', tag: string) => {
    const node = pointAt(model, offset, side).node;
    const element =
      node.nodeType === 1 ? (node as Element) : node.parentElement;
    const holder = element?.closest(tag);
    return !!holder && holder !== model.root && model.root.contains(holder);
  };
  return (start, end) => inTag(start, 'start', from) && inTag(end, 'end', to);
}

/** A place test made only when first asked (most quotes are found where they were). */
function lazily(
  make: () => ((start: number, end: number) => boolean) | undefined,
  otherwise: boolean,
): (start: number, end: number) => boolean {
  let test: ((start: number, end: number) => boolean) | undefined | null = null;
  return (start, end) => {
    if (test === null) test = make();
    return test ? test(start, end) : otherwise;
  };
}

function anchorText(
  getModel: () => TextModel,
  selectors: readonly Selector[],
): Anchored | null {
  const quote = first(selectors, 'TextQuoteSelector');
  // A position alone cannot tell us whether the text there is still what was annotated.
  if (!quote) return null;
  const model = getModel();
  const match = matchQuote(model.text, {
    exact: quote.exact,
    prefix: quote.prefix,
    suffix: quote.suffix,
    hint: hintOf(model, selectors),
    scope: () => scopeOf(model, selectors),
    sameShape: shapeOf(model, selectors, quote),
    sameTag: lazily(() => tagsOf(model, selectors, quote), true),
    sameWhole: lazily(() => shapeOf(model, selectors, quote, false), false),
  });
  if (!match) return null;
  return {
    range: rangeFromOffsets(model, match.start, match.end),
    quality: match.quality,
  };
}

function isElement(value: unknown): value is Element {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Node).nodeType === 1 &&
    typeof (value as Element).querySelectorAll === 'function' &&
    (value as Node).ownerDocument !== null
  );
}

/**
 * Finds where one annotation's already validated selectors point under `root`.
 *
 * With a CssSelector (a pinned element) the element must be the only match and its text must
 * still be the quote; failing that, the quote is looked for and the element around it taken.
 * Otherwise the quote is looked for: at its old position, then exactly, then approximately
 * near the old position, then approximately anywhere, each time only where its context agrees.
 * Returns null (an orphan) when not sure.
 */
function anchorOne(
  root: Element,
  list: readonly Selector[],
  getModel: () => TextModel,
): Anchored | null {
  try {
    const css = first(list, 'CssSelector');
    if (css) {
      return anchorElement(
        getModel,
        list,
        selectAll(root, css.value),
        targetTagOf(css.value),
      );
    }
    const xpath = first(list, 'XPathSelector');
    if (xpath) {
      const element = elementFromXPath(xpath.value, root);
      const tag =
        /([a-z][\w-]*)\[\d+\]$/i.exec(xpath.value)?.[1]?.toLowerCase() ?? null;
      return anchorElement(getModel, list, element ? [element] : [], tag);
    }
    return anchorText(getModel, list);
  } catch {
    // Hostile pages can make DOM calls throw (detached nodes, patched prototypes).
    return null;
  }
}

/**
 * Finds where an annotation's selectors point under `root` (docs/architecture.md, "Anchoring"). Selectors come from
 * storage or the network, so the list is checked first: one the protocol would not accept
 * gives null, never an exception.
 *
 * With a CssSelector (a pinned element) the element must be the only match and its text must
 * still be the quote; failing that, the quote is looked for and the element around it taken.
 * Otherwise the quote is looked for, and a match is taken only when its context, its place
 * and its element clearly agree. Returns null (an orphan) when not sure.
 */
export function anchor(
  root: Element,
  selectors: readonly Selector[],
): Anchored | null {
  return anchorAll(root, [selectors])[0] ?? null;
}

/**
 * `anchor` for many annotations on one page, reading the page's text once: what redrawing a
 * page's reports needs. The DOM must not change during the call. Results are in input order.
 */
export function anchorAll(
  root: Element,
  selectorLists: readonly (readonly Selector[])[],
): (Anchored | null)[] {
  if (!isElement(root)) return selectorLists.map(() => null);
  let model: TextModel | undefined;
  const getModel = () => {
    try {
      return (model ??= textModelOf(root));
    } catch {
      return buildTextModel(root.ownerDocument.createElement('div'));
    }
  };
  return selectorLists.map((list: unknown) =>
    isSelectorList(list) ? anchorOne(root, list, getModel) : null,
  );
}
