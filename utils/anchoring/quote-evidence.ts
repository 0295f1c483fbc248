/**
 * The evidence rules for a quote's candidates that come from council forms, where an error
 * summary repeats each field's error message and headings stand alone between whitespace
 * (docs/architecture.md, "Anchoring"): a quote cut out of its place, one still snug in its
 * element, and a whole heading, label or cell recognised by its shape.
 */
import {
  collapseWhitespace,
  CONTEXT_AGREEMENT,
  NEAR_WINDOW,
  type View,
} from './quote-text';

/** One place the quote may be, and what speaks for it. */
export interface Candidate {
  start: number;
  end: number;
  caseDiffers: boolean;
  errors: number;
  inScope: boolean;
  /** The whole text of an element like the recorded one (see `QuoteQuery.sameShape`). */
  shaped?: boolean;
  sides: number[];
  score: number;
}

/** Characters of context on each side that show where a quote was cut out. */
const GAP_SIDE = 16;
/** Fewer non-space characters than this on a side say too little. */
const MIN_GAP_SIDE = 6;
/** The same inside the recorded element, where the two sides together still need twice that. */
const MIN_GAP_SIDE_IN_ELEMENT = 3;

/** The stretch of text around an old position, or undefined without one. */
export function nearHint(
  hint: number | undefined,
): { start: number; end: number } | undefined {
  return hint === undefined
    ? undefined
    : { start: hint - NEAR_WINDOW, end: hint + NEAR_WINDOW };
}

/**
 * Whether the quote was cut out of `region`: its context on both sides now meets there with
 * nothing between. A copy of the quote elsewhere is then not the annotated text. `inElement`
 * says the region is the element the quote was recorded in.
 */
export function cutOut(
  view: View,
  query: { prefix?: string | undefined; suffix?: string | undefined },
  region: { start: number; end: number } | undefined,
  inElement = false,
): boolean {
  if (!region) return false;
  const before = collapseWhitespace(query.prefix ?? '')
    .trimEnd()
    .slice(-GAP_SIDE);
  const after = collapseWhitespace(query.suffix ?? '')
    .trimStart()
    .slice(0, GAP_SIDE);
  const sides = [before, after].map((side) => side.replace(/\s/g, '').length);
  // In the recorded element itself a short word is enough on one side (a link's "Enter").
  const least = inElement ? MIN_GAP_SIDE_IN_ELEMENT : MIN_GAP_SIDE;
  if (
    sides.some((n) => n < least) ||
    sides.reduce((a, b) => a + b, 0) < 2 * MIN_GAP_SIDE
  )
    return false;
  const text = view.text.slice(
    Math.max(0, region.start - before.length),
    region.end + after.length,
  );
  return text.includes(`${before} ${after}`) || text.includes(before + after);
}

/**
 * The one candidate, of the very same characters, that is the whole text of an element like
 * the recorded one, where no other candidate is, with some of its context beside it: a whole
 * heading, label or cell that moved with its section or row.
 */
export function aloneInShape(c: Candidate, candidates: Candidate[]): boolean {
  return (
    c.shaped === true &&
    !c.caseDiffers &&
    c.errors === 0 &&
    // What stood beside it on one side at least came with it.
    c.sides.some((side) => side >= 0.5) &&
    candidates.filter((other) => other.shaped).length === 1
  );
}

/**
 * The strongest sign there is: the very same characters, still inside the element they were
 * recorded in, which holds little else, near where they were. Its context may say nothing
 * (a heading or label whose neighbours are only whitespace) or have changed (text added
 * around the quote in its own element).
 */
export function snugInScope(
  view: View,
  c: Candidate,
  quote: string,
  scope: { start: number; end: number } | undefined,
  hint: number | undefined,
): boolean {
  if (!scope || !c.inScope || c.caseDiffers || c.errors > 0) return false;
  if (hint !== undefined && Math.abs(c.start - hint) > NEAR_WINDOW)
    return false;
  const extra =
    view.text.slice(scope.start, scope.end).trim().length - quote.trim().length;
  return extra <= Math.max(24, quote.length / 2);
}

/**
 * Whether another place holding the very same characters has context that agrees where the
 * snug candidate's does not: its element, found by position, may now be a sibling that took
 * the moved original's place (a table row with the same cell text).
 */
export function betterPlaced(best: Candidate, copies: Candidate[]): boolean {
  if (best.sides.some((s) => s >= CONTEXT_AGREEMENT)) return false;
  return copies.some(
    (c) =>
      c !== best &&
      (c.sides.some((s) => s >= CONTEXT_AGREEMENT) || agreesMore(c, best)),
  );
}

/** Whether `c`'s context agrees better than `other`'s on every side, and well on one. */
function agreesMore(c: Candidate, other: Candidate): boolean {
  return (
    c.sides.length === other.sides.length &&
    c.sides.some((s) => s >= 0.5) &&
    c.sides.every((s, i) => s > (other.sides[i] ?? 0))
  );
}
