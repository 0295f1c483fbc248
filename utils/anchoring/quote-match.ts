/**
 * Finding a TextQuoteSelector's quote in a text. Every place the quote occurs (give or take
 * whitespace and letter case) is a candidate, never an answer: each is scored on its context
 * (fuzzily), on being inside the element the selection was recorded in, and on nearness to
 * its old position, and the best is taken only when it wins clearly and its evidence is
 * enough for the kind of match it is. Inside the recorded element the quote is also looked
 * for approximately (text added around it, a word changed). When the evidence is not clear,
 * the answer is "not found": an orphaned annotation is honest and a misplaced one is not.
 */
import {
  cachedCollapsedView,
  cachedLowerCase,
  collapseWhitespace,
  CONTEXT_AGREEMENT,
  errorBudget,
  evidenceAt,
  MAX_OCCURRENCES,
  MIN_FUZZY_LENGTH,
  type View,
} from './quote-text';
import { approximate, within } from './quote-approx';
import {
  aloneInShape,
  betterPlaced,
  cutOut,
  nearHint,
  snugInScope,
  type Candidate,
} from './quote-evidence';

import { wordEdges, type WordEdges } from './quote-words';

export { collapseWhitespace } from './quote-text';

/** What we know about the quote we are looking for. */
export interface QuoteQuery {
  exact: string;
  prefix?: string | undefined;
  suffix?: string | undefined;
  /** Where the quote used to start and end in the text, if known. */
  hint?: { start: number; end: number } | undefined;
  /**
   * The text of the element the quote was recorded in, if that element still exists: asked
   * for only when the quote is not where it was.
   */
  scope?: (() => { start: number; end: number } | undefined) | undefined;
  /**
   * Whether a place in the text (in its own offsets) is the whole text of an element like
   * the one the quote was recorded in, when the quote was that element's whole text: a
   * heading, label or cell recognised by its shape after it moved.
   */
  sameShape?: ((start: number, end: number) => boolean) | undefined;
  /**
   * Whether a place in the text (in its own offsets) lies in elements of the tags the quote
   * was recorded in, where those are known.
   */
  sameTag?: ((start: number, end: number) => boolean) | undefined;
  /**
   * Whether a place in the text is the whole text of an element of the recorded tag, when
   * the quote began its recorded element: a copy there may be the element itself, moved.
   */
  sameWhole?: ((start: number, end: number) => boolean) | undefined;
  /**
   * Asked only when no candidate is trusted and the quote was not cut out of its place: where
   * the quote's own element, moved or stripped of its neighbours, stands now (`movedWhole`).
   */
  lastLook?: (() => { start: number; end: number } | null) | undefined;
}

/** Where a quote was found, in offsets of the text searched. */
export interface QuoteMatch {
  start: number;
  end: number;
  /**
   * 'exact': the very same characters, where the context agrees. 'contextual': the same
   * characters, found by their element or place while the context changed. 'fuzzy': the text
   * differs a little (whitespace, letter case, a word).
   */
  quality: 'exact' | 'fuzzy' | 'contextual';
}

/** A quote outside its element with context on one side at most must be this long. */
const LONE_QUOTE_LENGTH = 24;
/** What being the whole text of an element like the recorded one adds to a candidate. */
const SHAPE_WEIGHT = 0.75;
/** How much the winner must lead the runner-up by. */
const MARGIN = 0.5;

function occurrences(haystack: string, needle: string): number[] | null {
  const found: number[] = [];
  for (
    let i = haystack.indexOf(needle);
    i !== -1;
    i = haystack.indexOf(needle, i + 1)
  ) {
    found.push(i);
    if (found.length > MAX_OCCURRENCES) return null;
  }
  return found;
}

/** Every place the quote occurs, ignoring whitespace runs and (where possible) case. */
function exactCandidates(
  view: View,
  lower: string | null,
  quote: string,
  scope: { start: number; end: number } | undefined,
): Candidate[] | null {
  const starts = lower
    ? occurrences(lower, quote.toLowerCase())
    : occurrences(view.text, quote);
  if (!starts) return null;
  return starts.map((start) => {
    const end = start + quote.length;
    return {
      start,
      end,
      caseDiffers: view.text.slice(start, end) !== quote,
      errors: 0,
      inScope: within(scope, start, end),
      sides: [],
      score: 0,
    };
  });
}

/** Scores a candidate: context, element, nearness, less what makes it doubtful. */
function score(
  c: Candidate,
  view: View,
  query: QuoteQuery,
  quote: string,
  hint: number | undefined,
): void {
  c.sides = evidenceAt(view.text, c.start, c.end, query).sides;
  const context = c.sides.reduce((a, b) => a + b, 0);
  const near =
    hint === undefined
      ? 0
      : 0.3 * Math.max(0, 1 - Math.abs(c.start - hint) / (quote.length + 2000));
  c.score =
    context +
    (c.inScope ? 1 : 0) +
    (c.shaped ? SHAPE_WEIGHT : 0) +
    near -
    (c.caseDiffers ? 1 : 0) -
    (2 * c.errors) / quote.length;
}

/** Whether a candidate's own evidence is enough for the kind of match it is. */
function enough(
  c: Candidate,
  quoteLength: number,
  unique: boolean,
  bare: boolean,
  copied: boolean,
): boolean {
  const strong = c.sides.some((s) => s >= CONTEXT_AGREEMENT);
  const some = c.sides.some((s) => s >= 0.5);
  const all = c.sides.every((s) => s >= 0.5);
  if (c.caseDiffers) {
    return (
      (c.sides.length === 2 && c.sides.every((s) => s >= 0.9)) ||
      (c.inScope && strong && all)
    );
  }
  // The recorded element is found by its position among its siblings: when the quote still
  // stands elsewhere as the whole text of an element like it, the edited text in the recorded
  // place may be a sibling that took the moved element's place.
  if (c.errors > 0 && copied)
    return c.errors <= errorBudget(quoteLength) && strong && all;
  if (c.errors > 0) return c.inScope ? some : strong && all;
  if (quoteLength < MIN_FUZZY_LENGTH && !c.sides.every((s) => s >= 0.75))
    return false;
  if (c.inScope && some) return true;
  // Outside its element, a quote whose context speaks on one side only (or none) may be a
  // copy of a deleted original: only a long, unique quote that agrees closely is trusted.
  if (c.sides.length < 2) {
    // A selector stored without any context (an older schema) has only its quote to go by.
    const least = bare ? MIN_FUZZY_LENGTH : LONE_QUOTE_LENGTH;
    return unique && quoteLength >= least && c.sides.every((s) => s >= 0.9);
  }
  return strong && all;
}

/** The unchanged page: the same characters at the same place with the same context. */
function atHint(text: string, query: QuoteQuery): QuoteMatch | null {
  const { exact, hint, prefix, suffix } = query;
  if (!hint || hint.end - hint.start !== exact.length) return null;
  if (text.slice(hint.start, hint.end) !== exact) return null;
  const untouched =
    (prefix === undefined ||
      text.slice(Math.max(0, hint.start - prefix.length), hint.start) ===
        prefix) &&
    (suffix === undefined ||
      text.slice(hint.end, hint.end + suffix.length) === suffix);
  return untouched
    ? { start: hint.start, end: hint.end, quality: 'exact' }
    : null;
}

/** Whether the best candidate's evidence is enough to take it (see `matchQuote`). */
function trusted(
  view: View,
  query: QuoteQuery,
  candidates: Candidate[],
  quote: string,
  scope: { start: number; end: number } | undefined,
  hint: number | undefined,
): boolean {
  const best = candidates[0]!;
  // Outside its recorded element, the quote must still stand in an element of its tag.
  if (!best.inScope && query.sameTag) {
    const at = view.toOriginal(best.start, best.end);
    if (!query.sameTag(at.start, at.end)) return false;
  }
  const exactCopies = candidates.filter(
    (c) => c.errors === 0 && !c.caseDiffers,
  );
  const unique = exactCopies.length <= 1;
  const bare = query.prefix === undefined && query.suffix === undefined;
  const copied = exactCopies.some((c) => {
    if (best.errors === 0 || c.inScope || !query.sameWhole) return false;
    const at = view.toOriginal(c.start, c.end);
    return query.sameWhole(at.start, at.end);
  });
  if (snugInScope(view, best, quote, scope, hint))
    return !betterPlaced(best, exactCopies);
  return (
    // A lookalike element is trusted only where the quote was not cut from its old place.
    (aloneInShape(best, candidates) && !cutOut(view, query, nearHint(hint))) ||
    enough(best, quote.length, unique, bare, copied)
  );
}

/**
 * Finds `query` in `text` (the anchoring text model's text). Returns null rather than a
 * doubtful match: when no candidate has enough evidence, or two are close.
 */
export function matchQuote(text: string, query: QuoteQuery): QuoteMatch | null {
  if (query.exact.length === 0) return null;
  const unchanged = atHint(text, query);
  if (unchanged) return unchanged;
  // Whitespace alone is found only where it was, unchanged.
  if (query.exact.trim().length === 0) return null;

  const view = cachedCollapsedView(text);
  const quote = collapseWhitespace(query.exact);
  const edges = wordEdges(query, quote);
  const hint = query.hint ? view.fromOriginal(query.hint.start) : undefined;
  const recorded = query.scope?.();
  const scope = recorded
    ? {
        start: view.fromOriginal(recorded.start),
        end: view.fromOriginal(recorded.end),
      }
    : undefined;
  const candidates = exactCandidates(view, cachedLowerCase(text), quote, scope);
  if (!candidates) return null;
  const stillInPlace = candidates.some((c) => c.inScope && !c.caseDiffers);
  const moved = (): QuoteMatch | null => {
    const at = query.lastLook?.();
    return at ? { ...at, quality: 'contextual' } : null;
  };
  // Cut out of its element, or, with the element gone, of its old place: deleted, or moved
  // away whole.
  if (!stillInPlace && cutOut(view, query, scope ?? nearHint(hint), !!scope))
    return moved();
  const found = pickCandidate(
    text,
    view,
    query,
    candidates,
    quote,
    edges,
    scope,
    hint,
  );
  return found ?? moved();
}

/** The trusted best of the candidates (adding approximate ones where needed), or null. */
function pickCandidate(
  text: string,
  view: View,
  query: QuoteQuery,
  exact: Candidate[],
  quote: string,
  edges: WordEdges,
  scope: { start: number; end: number } | undefined,
  hint: number | undefined,
): QuoteMatch | null {
  let candidates = exact;
  const stillInPlace = candidates.some((c) => c.inScope && !c.caseDiffers);
  if (scope && !stillInPlace) {
    const inside = approximate(view, quote, undefined, scope, edges).filter(
      (c) => c.inScope,
    );
    candidates = candidates.concat(inside);
  }
  if (candidates.length === 0)
    candidates = approximate(view, quote, hint, undefined, edges);
  // Shape speaks only when the recorded element no longer holds anything like the quote.
  const { sameShape } = query;
  if (sameShape && !candidates.some((c) => c.inScope)) {
    for (const c of candidates) {
      if (c.caseDiffers || c.errors > 0) continue;
      const at = view.toOriginal(c.start, c.end);
      c.shaped = sameShape(at.start, at.end);
    }
  }
  for (const c of candidates) score(c, view, query, quote, hint);
  candidates.sort((a, b) => b.score - a.score);
  const [best, second] = candidates;
  if (!best) return null;
  if (second && best.score - second.score < MARGIN) return null;
  if (!trusted(view, query, candidates, quote, scope, hint)) return null;
  const at = view.toOriginal(best.start, best.end);
  const same = text.slice(at.start, at.end) === query.exact;
  const quality =
    !same || best.caseDiffers || best.errors > 0
      ? 'fuzzy'
      : best.sides.some((s) => s >= CONTEXT_AGREEMENT)
        ? 'exact'
        : 'contextual';
  return { ...at, quality };
}
