/**
 * Finding a pinned element again: the CSS path proposes, the element's recorded text and its
 * surroundings decide, and when they disagree the text is looked for instead, or nothing.
 */
import type {
  Selector,
  TextPositionSelector,
  TextQuoteSelector,
} from '@/protocol/selectors';
import type { Anchored } from './anchor';
import { MAX_ELEMENT_QUOTE_LENGTH } from './describe';
import { movedWhole } from './moved-whole';
import { collapseWhitespace, matchQuote, type QuoteMatch } from './quote-match';
import {
  offsetOfPoint,
  offsetsOfElement,
  pointAt,
  type TextModel,
} from './text-model';
import { elementFromXPath } from './xpath';

export function first<T extends Selector['type']>(
  selectors: readonly Selector[],
  type: T,
): Extract<Selector, { type: T }> | undefined {
  return selectors.find(
    (s): s is Extract<Selector, { type: T }> => s.type === type,
  );
}

/** Where the quote used to be, from the position selector or else the range selector. */
export function hintOf(
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

export function anchorElement(
  getModel: () => TextModel,
  selectors: readonly Selector[],
  candidates: Element[],
  tag: string | null,
  ancestors: () => Element[] | null,
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
  const hint = hintOf(model, selectors);
  if (agreeing.length === 1 && one && one.agreement) {
    if (!copiedAway(model, one.element, quote))
      return { element: one.element, quality: one.agreement };
    // The same text stands elsewhere, and this one's surroundings are not the recorded ones:
    // the path may now lead to a copy (a moved row), so the context decides, or nothing.
    return elementByContext(model, quote, hint, tag, ancestors);
  }
  if (agreeing.length > 1) return null;
  const [only] = candidates;
  // An edited text where the pin was counts only while the recorded text stands nowhere
  // else: a moved row leaves its neighbour's near-copy in its place.
  if (candidates.length === 1 && only && !standsElsewhere(model, only, quote)) {
    const edited = editedElement(model, only, quote, hint);
    if (edited) return { element: only, quality: 'fuzzy' };
  }

  // The CSS no longer finds it: look for its text instead.
  return elementByContext(model, quote, hint, tag, ancestors);
}

/** The element whose text the quote's words and context find, or null. */
function elementByContext(
  model: TextModel,
  quote: TextQuoteSelector,
  hint: { start: number; end: number } | undefined,
  tag: string | null,
  ancestors: () => Element[] | null,
): Anchored | null {
  const match = matchQuote(model.text, {
    exact: quote.exact,
    prefix: quote.prefix,
    suffix: quote.suffix,
    hint,
    // A whole element: nothing of its own before the quote, and only the quote's own
    // continuation after it when the stored text was cut short.
    lastLook: () =>
      tag === null
        ? null
        : movedWhole(
            model,
            quote.exact,
            {
              tag,
              leadIn: '',
              leadInComplete: true,
              leadInLength: 0,
              after: quote.suffix ?? '',
            },
            hint,
            ancestors(),
          ),
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
 * Whether an element whose text is the quote's has lost the recorded text on both sides of it
 * while the same text stands somewhere else on the page: then it may be a copy that took the
 * pinned element's place. Unchanged surroundings answer at once, without a search.
 */
function copiedAway(
  model: TextModel,
  element: Element,
  quote: TextQuoteSelector,
): boolean {
  const prefix = quote.prefix ?? '';
  const suffix = quote.suffix ?? '';
  if (!prefix && !suffix) return false;
  const { start, end } = offsetsOfElement(model, element);
  const same = (a: string, b: string) =>
    b !== '' && collapseWhitespace(a).trim() === collapseWhitespace(b).trim();
  if (same(model.text.slice(Math.max(0, start - prefix.length), start), prefix))
    return false;
  if (same(model.text.slice(end, end + suffix.length), suffix)) return false;
  return standsElsewhere(model, element, quote);
}

/** How many copies of a quote are looked at for a whole element holding it. */
const MAX_COPIES_CHECKED = 20;

/**
 * Whether the quote's text is the whole text of another element with the pinned tag: the
 * pinned element itself, moved (a table row, a section), with a near-copy in its old place.
 */
function standsElsewhere(
  model: TextModel,
  element: Element,
  quote: TextQuoteSelector,
): boolean {
  const exact = quote.exact.trim();
  if (!exact) return false;
  const tag = element.tagName.toLowerCase();
  const { start, end } = offsetsOfElement(model, element);
  let at = model.text.indexOf(exact);
  for (let n = 0; at !== -1 && n < MAX_COPIES_CHECKED; n++) {
    if (at < start || at >= end) {
      const match = { start: at, end: at + exact.length };
      const copy = elementAround(model, match as QuoteMatch, tag);
      if (copy && elementTextAgreement(model, copy, quote) !== null)
        return true;
    }
    at = model.text.indexOf(exact, at + 1);
  }
  return false;
}
