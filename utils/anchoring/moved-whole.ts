/**
 * The last look for an annotation whose surroundings changed on both sides: its row or section
 * moved, or the elements around it were removed. Its context then agrees nowhere, and a copy of
 * a deleted original would look the same, so the rule is narrow (docs/architecture.md,
 * "Anchoring"): the very same characters, standing once on the whole page (letter case aside),
 * in an element of the recorded tag that holds what the element held around them, not far from
 * where they were.
 */
import {
  cachedCollapsedView,
  cachedLowerCase,
  collapseWhitespace,
} from './quote-text';
import { selectAll } from './css-select';
import { offsetsOfElement, pointAt, type TextModel } from './text-model';
import { elementFromXPath } from './xpath';

/** Shorter quotes say too little about which element they belong to. */
const MIN_LENGTH = 8;
/** How far (in characters of the page's text) a moved element may be found from its old place. */
const MAX_TRAVEL = 3000;
/** A quote this long that stands once on the page may have moved any distance. */
const LONG_QUOTE = 40;

/** What the recorded element held around the quote, as far as the selectors tell. */
export interface Surroundings {
  /** The recorded element's tag. */
  tag: string;
  /**
   * Its text before the quote; when `leadInComplete` is false, the text before the quote as
   * far as it was recorded, which may reach beyond the element.
   */
  leadIn: string;
  leadInComplete: boolean;
  /** How many characters of its text came before the quote, when known. */
  leadInLength?: number | undefined;
  /** The text that followed the quote: the element's own rest is the start of it. */
  after: string;
}

/** Most places of the quote looked at. */
const MAX_COPIES = 50;

/** Every place the quote's characters stand (letter case aside), in the model's offsets. */
function copiesOf(
  model: TextModel,
  exact: string,
): { start: number; end: number; sameCase: boolean }[] | null {
  const quote = collapseWhitespace(exact).trim();
  if (quote.length < MIN_LENGTH) return null;
  const view = cachedCollapsedView(model.text);
  const lower = cachedLowerCase(model.text);
  const haystack = lower ?? view.text;
  const needle = lower ? quote.toLowerCase() : quote;
  const found = [];
  for (let at = haystack.indexOf(needle); at !== -1;) {
    if (found.length === MAX_COPIES) return null;
    found.push({
      ...view.toOriginal(at, at + quote.length),
      sameCase: view.text.slice(at, at + quote.length) === quote,
    });
    at = haystack.indexOf(needle, at + 1);
  }
  return found;
}

/** The nearest element of `tag` around `[start, end)`, below the root, or null. */
export function holderOf(
  model: TextModel,
  start: number,
  end: number,
  tag: string,
): { element: Element; start: number; end: number } | null {
  const node = pointAt(model, start, 'start').node;
  const from = node.nodeType === 1 ? (node as Element) : node.parentElement;
  const element = from?.closest(tag);
  if (!element || element === model.root || !model.root.contains(element))
    return null;
  const span = offsetsOfElement(model, element);
  if (span.start > start || span.end < end) return null;
  return { element, ...span };
}

const folded = (text: string) => collapseWhitespace(text).trim();

/** Whether the copy at `[start, end)` is in an element that reads as the recorded one. */
function readsAsRecorded(
  model: TextModel,
  copy: { start: number; end: number },
  around: Surroundings,
): Element | null {
  const holder = holderOf(model, copy.start, copy.end, around.tag);
  if (!holder) return null;
  const before = folded(model.text.slice(holder.start, copy.start));
  const leadIn = folded(around.leadIn);
  // Known only in part: the element's text before the quote and the prefix, one the end of
  // the other.
  const agrees = around.leadInComplete
    ? before === leadIn
    : before.endsWith(leadIn) || leadIn.endsWith(before);
  if (!agrees) return null;
  if (
    around.leadInLength !== undefined &&
    copy.start - holder.start !== around.leadInLength
  )
    return null;
  const rest = folded(model.text.slice(copy.end, holder.end)).replace(
    /^\p{P}+/u,
    '',
  );
  const after = folded(around.after);
  return after.startsWith(rest) || rest.startsWith(after)
    ? holder.element
    : null;
}

/**
 * Where a quote whose context changed on both sides still stands, when its element is the
 * recorded one by every sign left: the tag, the element's text before and after the quote,
 * and its family. `ancestors` are the elements the recorded path's parents lead to, nearest
 * first: the first of them holding the quote at all must hold it once, and when they hold it
 * nowhere the quote left its family (deleted, or moved far) and is not looked for further.
 * Without ancestors (a path of one step) the page must hold the quote once, near where it was
 * (or anywhere, for a long quote); with null for them (an element named by an id that has
 * gone), nothing is looked for.
 */
export function movedWhole(
  model: TextModel,
  exact: string,
  around: Surroundings,
  hint: { start: number } | undefined,
  ancestors: readonly Element[] | null,
): { start: number; end: number; element: Element } | null {
  if (!ancestors) return null;
  const copies = copiesOf(model, exact);
  if (!copies) return null;
  const readers = copies.flatMap((copy) => {
    const element = copy.sameCase ? readsAsRecorded(model, copy, around) : null;
    return element ? [{ ...copy, element }] : [];
  });
  // Two elements that read alike (the same cell in two rows) cannot be told apart.
  const [only] = readers;
  if (readers.length !== 1 || !only) return null;
  for (const ancestor of ancestors) {
    if (ancestor === model.root || !model.root.contains(ancestor)) break;
    const span = offsetsOfElement(model, ancestor);
    const inSpan = (c: { start: number; end: number }) =>
      c.start >= span.start && c.end <= span.end;
    const held = copies.filter(inSpan).length;
    // The nearest parent holding the quote at all must hold just this one copy of it.
    if (held > 0) return held === 1 && inSpan(only) ? only : null;
  }
  // Out of its family, or with none recorded: only a quote that stands once on the page, near
  // its old place unless it is long; one that left its family must be long.
  if (copies.length !== 1) return null;
  const long = exact.trim().length >= LONG_QUOTE;
  const far = hint && Math.abs(only.start - hint.start) > MAX_TRAVEL;
  return long || (ancestors.length === 0 && !far) ? only : null;
}

/** How many of a recorded path's parents are asked about a moved element. */
const FAMILY_LEVELS = 2;

/** The elements a recorded XPath's parents lead to, nearest first (those that exist). */
export function xpathAncestors(path: string, root: Element): Element[] {
  const steps = path.split('/');
  const out: Element[] = [];
  for (let n = 1; n <= FAMILY_LEVELS && steps.length - n > 1; n++) {
    const element = elementFromXPath(steps.slice(0, -n).join('/'), root);
    if (element && element !== root) out.push(element);
  }
  return out;
}

/**
 * The elements a recorded CSS path's parents select, nearest first (each when alone), or null
 * when the path names the element by its id: moved, it would still have been found by it.
 * The path is cut at its child and descendant combinators, outside quoted values.
 */
export function cssAncestors(
  selector: string,
  root: Element,
): Element[] | null {
  const path = selector.trim();
  const masked = path.replace(/"(?:[^"\\]|\\.)*"/g, (q) =>
    '_'.repeat(q.length),
  );
  // A sibling combinator: the path's steps are not parents.
  if (/[+~]/.test(masked)) return [];
  const combinator = /\s*>\s*|\s+/g;
  if (masked.split(combinator).pop()!.includes('#')) return null;
  const cuts = Array.from(masked.matchAll(combinator), (m) => m.index);
  return cuts
    .reverse()
    .slice(0, FAMILY_LEVELS)
    .flatMap((cut) => {
      const found = selectAll(root, path.slice(0, cut));
      return found.length === 1 && found[0] !== root ? [found[0]!] : [];
    });
}
