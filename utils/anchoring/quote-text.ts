/**
 * The text side of quote matching: whitespace folded as readers see it (with a map back to the
 * page's offsets), edit distances, and how well stored context agrees with the text around a
 * candidate.
 */
import type { QuoteQuery } from './quote-match';

/** Quotes shorter than this (after collapsing whitespace) are only matched exactly. */
export const MIN_FUZZY_LENGTH = 8;
/** Share of the quote's length that may differ in an approximate match. */
export const MAX_ERROR_RATE = 0.12;
/** How closely one side's context must agree (1 − errors ÷ length) to count as agreeing. */
export const CONTEXT_AGREEMENT = 0.75;
/** A context side with fewer non-space characters than this tells us nothing. */
export const MIN_INFORMATIVE_CONTEXT = 4;
/** More exact occurrences than this and we give up rather than guess. */
export const MAX_OCCURRENCES = 5000;
/** How far beyond the old position the "near" fuzzy search looks. */
export const NEAR_WINDOW = 512;

/** Collapses every run of whitespace into one space, as readers (and HTML) see it. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** A text to search, and how its offsets map back to the original text. */
export interface View {
  text: string;
  /** Original offsets of a view range. */
  toOriginal(start: number, end: number): { start: number; end: number };
  /** View offset of an original offset. */
  fromOriginal(offset: number): number;
}

export function identityView(text: string): View {
  return {
    text,
    toOriginal: (start, end) => ({ start, end }),
    fromOriginal: (offset) => offset,
  };
}

/** The text with whitespace runs collapsed, with a map from each kept character back. */
export function collapsedView(text: string): View {
  const origin = new Int32Array(text.length + 1);
  let out = '';
  const chunks: string[] = [];
  let n = 0;
  let inSpace = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    // The same set `\s` matches, for the characters pages use.
    const space =
      code === 0x20 ||
      (code >= 0x09 && code <= 0x0d) ||
      code === 0xa0 ||
      code === 0x1680 ||
      (code >= 0x2000 && code <= 0x200a) ||
      code === 0x2028 ||
      code === 0x2029 ||
      code === 0x202f ||
      code === 0x205f ||
      code === 0x3000 ||
      code === 0xfeff;
    if (space && inSpace) continue;
    inSpace = space;
    origin[n] = i;
    n += 1;
    out += space ? ' ' : text.charAt(i);
    if (out.length >= 8192) {
      chunks.push(out);
      out = '';
    }
  }
  chunks.push(out);
  origin[n] = text.length;
  const collapsed = chunks.join('');
  return {
    text: collapsed,
    toOriginal(start, end) {
      const s = origin[start] ?? text.length;
      const e = end > start ? (origin[end - 1] ?? text.length - 1) + 1 : s;
      return { start: s, end: e };
    },
    fromOriginal(offset) {
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((origin[mid] ?? 0) < offset) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
  };
}

let lastCollapsed:
  { text: string; view: View; lower: string | null | undefined } | undefined;

/** The collapsed view of `text`, kept for the last text seen: anchoring many quotes on one
 * page asks for the same view again and again. */
export function cachedCollapsedView(text: string): View {
  if (lastCollapsed?.text !== text)
    lastCollapsed = { text, view: collapsedView(text), lower: undefined };
  return lastCollapsed.view;
}

/** The collapsed view's text in lower case, or null where lower case changes its length
 * (then offsets would not line up, and case-blind search is skipped). */
export function cachedLowerCase(text: string): string | null {
  const view = cachedCollapsedView(text);
  const cache = lastCollapsed!;
  if (cache.lower === undefined) {
    const lower = view.text.toLowerCase();
    cache.lower = lower.length === view.text.length ? lower : null;
  }
  return cache.lower;
}

/**
 * Edit distance between `pattern` and the best-matching prefix of `text` (the pattern must
 * line up with the start of `text`, its end may fall anywhere).
 */
export function prefixDistance(pattern: string, text: string): number {
  const m = pattern.length;
  if (m === 0) return 0;
  let previous = new Int32Array(m + 1);
  let current = new Int32Array(m + 1);
  for (let i = 0; i <= m; i += 1) previous[i] = i;
  let best = m;
  for (let j = 1; j <= text.length; j += 1) {
    current[0] = j;
    const c = text.charCodeAt(j - 1);
    for (let i = 1; i <= m; i += 1) {
      const cost = pattern.charCodeAt(i - 1) === c ? 0 : 1;
      current[i] = Math.min(
        (previous[i - 1] ?? 0) + cost,
        (previous[i] ?? 0) + 1,
        (current[i - 1] ?? 0) + 1,
      );
    }
    best = Math.min(best, current[m] ?? m);
    [previous, current] = [current, previous];
  }
  return best;
}

/**
 * Edit distance between two texts, or `cap` (or more) once it is clear the distance is at
 * least that.
 */
export function editDistance(a: string, b: string, cap = Infinity): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let previous = new Int32Array(b.length + 1);
  let current = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j += 1) previous[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let least = i;
    const c = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(
        (previous[j - 1] ?? 0) + (b.charCodeAt(j - 1) === c ? 0 : 1),
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
      );
      least = Math.min(least, current[j] ?? 0);
    }
    if (least >= cap) return cap;
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? cap;
}

function reverse(text: string): string {
  return Array.from(text).reverse().join('');
}

/** How well one side of stored context agrees with the text, or null if it says nothing. */
interface SideScore {
  score: number;
}

function sideScore(
  stored: string | undefined,
  actual: string,
  side: 'prefix' | 'suffix',
): SideScore | null {
  if (!stored) return null;
  let pattern = collapseWhitespace(stored);
  let window = collapseWhitespace(actual);
  if (pattern.replace(/ /g, '').length < MIN_INFORMATIVE_CONTEXT) return null;
  if (side === 'prefix') {
    // A prefix must end where the quote starts: compare both read backwards.
    pattern = reverse(pattern);
    window = reverse(window);
  }
  // Leading or trailing whitespace next to the quote is the least stable part of a page.
  pattern = pattern.replace(/^ /, '');
  window = window.replace(/^ /, '');
  const distance = prefixDistance(pattern, window);
  return { score: 1 - distance / Math.max(pattern.length, 1) };
}

/** Context evidence for a candidate at `[start, end)` of `text`. */
export interface Evidence {
  /** Scores of the informative sides. */
  sides: number[];
  /** Sum of the side scores: used to rank candidates. */
  total: number;
}

export function evidenceAt(
  text: string,
  start: number,
  end: number,
  query: QuoteQuery,
): Evidence {
  const sides: number[] = [];
  const slack = 16;
  const prefixLength = (query.prefix?.length ?? 0) + slack;
  const suffixLength = (query.suffix?.length ?? 0) + slack;
  const before = sideScore(
    query.prefix,
    text.slice(Math.max(0, start - prefixLength), start),
    'prefix',
  );
  const after = sideScore(
    query.suffix,
    text.slice(end, end + suffixLength),
    'suffix',
  );
  if (before) sides.push(before.score);
  if (after) sides.push(after.score);
  return { sides, total: sides.reduce((a, b) => a + b, 0) };
}

/** The error budget for a quote of `length` characters. */
export function errorBudget(length: number): number {
  return Math.max(1, Math.floor(length * MAX_ERROR_RATE));
}
