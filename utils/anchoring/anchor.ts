/**
 * Finding an annotation's place again from its stored selectors. The rule that matters
 * (docs/architecture.md, "Anchoring"): never anchor to the wrong place. When the evidence is unclear the answer is
 * null, and the annotation is shown as "the page has changed here".
 */
import type { Selector, TextQuoteSelector } from '@/protocol/selectors';
import { anchorElement } from './anchor-element';
import { selectAll, targetTagOf } from './css-selector';
import {
  cssAncestors,
  holderOf,
  movedWhole,
  xpathAncestors,
} from './moved-whole';
import { collapseWhitespace, matchQuote } from './quote-match';
import {
  offsetsOfElement,
  pointAt,
  rangeFromOffsets,
  type TextModel,
} from './text-model';
import {
  anchorUnchanged,
  first,
  hintOf,
  isElement,
  modelOnce,
  type Anchored,
} from './unchanged';
import { isSelectorList } from './valid';
import { elementFromXPath } from './xpath';

export type { Anchored };

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
    const span = holderOf(model, start, end, tag);
    return (
      !!span &&
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
  const hint = hintOf(model, selectors);
  const match = matchQuote(model.text, {
    exact: quote.exact,
    prefix: quote.prefix,
    suffix: quote.suffix,
    hint,
    scope: () => scopeOf(model, selectors),
    sameShape: shapeOf(model, selectors, quote),
    sameTag: lazily(() => tagsOf(model, selectors, quote), true),
    sameWhole: lazily(() => shapeOf(model, selectors, quote, false), false),
    lastLook: () => lastLook(model, selectors, quote, hint),
  });
  if (!match || !keepsLeadIn(model, selectors, quote, match)) return null;
  if (
    match.quality === 'fuzzy' &&
    !keepsLeadOut(model, selectors, quote, match)
  )
    return null;
  return {
    range: rangeFromOffsets(model, match.start, match.end),
    quality: match.quality,
  };
}

/**
 * Where a quote recorded inside one element stands when its context changed on both sides:
 * the element moved, or lost its neighbours (see `movedWhole`).
 */
function lastLook(
  model: TextModel,
  selectors: readonly Selector[],
  quote: TextQuoteSelector,
  hint: { start: number } | undefined,
): { start: number; end: number } | null {
  const range = first(selectors, 'RangeSelector');
  if (!range) return null;
  // The element that held the whole quote: the one it was recorded in, or the nearest that
  // held both its ends (whose own text before the quote is then known only as far as the
  // prefix reaches).
  const one = range.startContainer === range.endContainer;
  const path = one
    ? range.endContainer
    : commonPath(range.startContainer, range.endContainer);
  const tag = /([a-z][\w-]*)\[\d+\]$/i.exec(path)?.[1];
  if (!tag) return null;
  const prefix = quote.prefix ?? '';
  const complete = one && range.startOffset <= prefix.length;
  return movedWhole(
    model,
    quote.exact,
    {
      tag,
      leadIn: complete
        ? prefix.slice(prefix.length - range.startOffset)
        : prefix,
      leadInComplete: complete,
      leadInLength: one ? range.startOffset : undefined,
      after: quote.suffix ?? '',
    },
    hint,
    xpathAncestors(path, model.root),
  );
}

/** The longest path both recorded paths start with, step by step. */
function commonPath(a: string, b: string): string {
  const [x, y] = [a.split('/'), b.split('/')];
  let n = 0;
  while (n < x.length && x[n] === y[n]) n++;
  return x.slice(0, n).join('/');
}

/** The text of the element a recorded path leads to, when it holds the offset `at`. */
function spanHolding(
  model: TextModel,
  path: string,
  at: number,
): { start: number; end: number } | undefined {
  const element = elementFromXPath(path, model.root);
  if (!element || element === model.root) return undefined;
  const span = offsetsOfElement(model, element);
  return at < span.start || at > span.end ? undefined : span;
}

/**
 * Whether a match inside the element the selection began in still follows that element's own
 * text that came before the quote. The element is found by its position among its siblings,
 * so after a row or section moves it may be a neighbour holding the same words.
 */
function keepsLeadIn(
  model: TextModel,
  selectors: readonly Selector[],
  quote: TextQuoteSelector,
  match: { start: number },
): boolean {
  const prefix = quote.prefix ?? '';
  const range = first(selectors, 'RangeSelector');
  if (!range || !prefix || range.startOffset <= 0) return true;
  if (model.text.slice(match.start - prefix.length, match.start) === prefix)
    return true;
  const span = spanHolding(model, range.startContainer, match.start);
  if (!span) return true;
  const own = prefix.slice(-Math.min(range.startOffset, prefix.length));
  const want = collapseWhitespace(own).trim();
  const have = collapseWhitespace(model.text.slice(span.start, match.start));
  return have.trim().endsWith(want);
}

/**
 * For an edited match: whether the rest of the element the selection ended in still reads as
 * the recorded text after the quote. A neighbour that took a moved element's place may share
 * the quote's first words, never the rest of its own text.
 */
function keepsLeadOut(
  model: TextModel,
  selectors: readonly Selector[],
  quote: TextQuoteSelector,
  match: { end: number },
): boolean {
  const suffix = quote.suffix ?? '';
  const range = first(selectors, 'RangeSelector');
  if (!range || !suffix) return true;
  const span = spanHolding(model, range.endContainer, match.end);
  if (!span) return true;
  // A match ends on a word's edge, so punctuation the quote ended with may be left over.
  const rest = collapseWhitespace(model.text.slice(match.end, span.end))
    .replace(/^\p{P}+/u, '')
    .trim();
  const want = collapseWhitespace(suffix).trim();
  return want.startsWith(rest) || rest.startsWith(want);
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
  const unchanged = anchorUnchanged(root, list, getModel);
  if (unchanged) return unchanged;
  try {
    const css = first(list, 'CssSelector');
    if (css) {
      return anchorElement(
        getModel,
        list,
        selectAll(root, css.value),
        targetTagOf(css.value),
        () => cssAncestors(css.value, root),
      );
    }
    const xpath = first(list, 'XPathSelector');
    if (xpath) {
      const element = elementFromXPath(xpath.value, root);
      const tag =
        /([a-z][\w-]*)\[\d+\]$/i.exec(xpath.value)?.[1]?.toLowerCase() ?? null;
      return anchorElement(getModel, list, element ? [element] : [], tag, () =>
        xpathAncestors(xpath.value, root),
      );
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
  const getModel = modelOnce(root);
  return selectorLists.map((list: unknown) =>
    isSelectorList(list) ? anchorOne(root, list, getModel) : null,
  );
}
