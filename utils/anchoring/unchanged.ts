/**
 * The first look of anchoring: where the page has not changed around an annotation, its
 * answer needs no search. The quote still stands at its recorded position with the very same
 * context, or the pinned element is still the one its path finds, holding its recorded text,
 * with its surroundings agreeing on one side at least. `anchor` takes this look first and
 * searches only when it gives no answer, so the two always agree. The page's script carries
 * only this look; the search comes with the layer's tools when first needed
 * (docs/architecture.md, "Anchoring").
 */
import type {
  Selector,
  TextPositionSelector,
  TextQuoteSelector,
} from '@/protocol/selectors';
import { MAX_ELEMENT_QUOTE_LENGTH } from './describe';
import { selectAll } from './css-select';
import { collapseWhitespace } from './quote-text';
import {
  buildTextModel,
  offsetOfPoint,
  offsetsOfElement,
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

/** The first selector of `type` in a list. */
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
export function elementTextAgreement(
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
 * Whether the text around an element still reads as its recorded context on one side at
 * least (or none was recorded): then the element is where it was, not a copy it left behind.
 */
export function contextAgrees(
  model: TextModel,
  element: Element,
  quote: TextQuoteSelector,
): boolean {
  const prefix = quote.prefix ?? '';
  const suffix = quote.suffix ?? '';
  if (!prefix && !suffix) return true;
  const { start, end } = offsetsOfElement(model, element);
  const same = (a: string, b: string) =>
    b !== '' && collapseWhitespace(a).trim() === collapseWhitespace(b).trim();
  return (
    same(model.text.slice(Math.max(0, start - prefix.length), start), prefix) ||
    same(model.text.slice(end, end + suffix.length), suffix)
  );
}

/** A pinned element that is still what its path finds, unchanged; undefined otherwise. */
function unchangedElement(
  getModel: () => TextModel,
  list: readonly Selector[],
  candidates: readonly Element[],
): Anchored | undefined {
  const quote = first(list, 'TextQuoteSelector');
  const [only] = candidates;
  if (!quote)
    return candidates.length === 1 && only
      ? { element: only, quality: 'exact' }
      : undefined;
  const model = getModel();
  const agreeing = candidates.flatMap((element) => {
    const agreement = elementTextAgreement(model, element, quote);
    return agreement ? [{ element, agreement }] : [];
  });
  const [one] = agreeing;
  return agreeing.length === 1 &&
    one &&
    contextAgrees(model, one.element, quote)
    ? { element: one.element, quality: one.agreement }
    : undefined;
}

/** A quote still at its recorded position with the very same context; undefined otherwise. */
function unchangedText(
  model: TextModel,
  list: readonly Selector[],
): Anchored | undefined {
  const quote = first(list, 'TextQuoteSelector');
  const hint = quote && hintOf(model, list);
  if (!quote || !hint || quote.exact === '') return undefined;
  const { exact, prefix, suffix } = quote;
  const { text } = model;
  if (hint.end - hint.start !== exact.length) return undefined;
  if (text.slice(hint.start, hint.end) !== exact) return undefined;
  const before = text.slice(
    Math.max(0, hint.start - (prefix ?? '').length),
    hint.start,
  );
  const after = text.slice(hint.end, hint.end + (suffix ?? '').length);
  if (prefix !== undefined && before !== prefix) return undefined;
  if (suffix !== undefined && after !== suffix) return undefined;
  return {
    range: rangeFromOffsets(model, hint.start, hint.end),
    quality: 'exact',
  };
}

/**
 * The answer for one annotation's already validated selectors where nothing changed around
 * it, or undefined where the search must decide.
 */
export function anchorUnchanged(
  root: Element,
  list: readonly Selector[],
  getModel: () => TextModel,
): Anchored | undefined {
  try {
    const css = first(list, 'CssSelector');
    if (css)
      return unchangedElement(getModel, list, selectAll(root, css.value));
    const xpath = first(list, 'XPathSelector');
    if (xpath) {
      const element = elementFromXPath(xpath.value, root);
      return unchangedElement(getModel, list, element ? [element] : []);
    }
    return unchangedText(getModel(), list);
  } catch {
    // Hostile pages can make DOM calls throw; the search then decides, or orphans.
    return undefined;
  }
}

/** Whether `value` is an element of a document, to anchor under. */
export function isElement(value: unknown): value is Element {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Node).nodeType === 1 &&
    typeof (value as Element).querySelectorAll === 'function' &&
    (value as Node).ownerDocument !== null
  );
}

/** The text model of `root`, read once when first asked for (an empty one if that fails). */
export function modelOnce(root: Element): () => TextModel {
  let model: TextModel | undefined;
  return () => {
    try {
      return (model ??= textModelOf(root));
    } catch {
      return buildTextModel(root.ownerDocument.createElement('div'));
    }
  };
}

/**
 * For each selector list, the unchanged page's answer: where it was found, null where the
 * list is not one the protocol accepts, and undefined where the search must decide.
 */
export function anchorAllUnchanged(
  root: Element,
  selectorLists: readonly (readonly Selector[])[],
): (Anchored | null | undefined)[] {
  if (!isElement(root)) return selectorLists.map(() => null);
  const getModel = modelOnce(root);
  return selectorLists.map((list: unknown) =>
    isSelectorList(list) ? anchorUnchanged(root, list, getModel) : null,
  );
}
