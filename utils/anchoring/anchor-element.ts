/**
 * Finding a pinned element again: the CSS path proposes, the element's recorded text and its
 * surroundings decide, and when they disagree the text is looked for instead, or nothing.
 */
import type { Selector, TextQuoteSelector } from '@/protocol/selectors';
import { movedWhole } from './moved-whole';
import { collapseWhitespace, matchQuote, type QuoteMatch } from './quote-match';
import { offsetsOfElement, pointAt, type TextModel } from './text-model';
import {
  contextAgrees,
  elementTextAgreement,
  first,
  hintOf,
  type Anchored,
} from './unchanged';

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
  return (
    !contextAgrees(model, element, quote) &&
    standsElsewhere(model, element, quote)
  );
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
