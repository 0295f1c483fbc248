/**
 * Finding a TextQuoteSelector's quote in a text: exact first, then with whitespace
 * collapsed, then approximately (`approx-string-match`, Myers' bit-parallel algorithm) near
 * the old position and finally anywhere. Every candidate must be backed by its context:
 * when the evidence is not clear, the answer is "not found", because an orphaned
 * annotation is honest and a misplaced one is not.
 */
import search from 'approx-string-match';

/** What we know about the quote we are looking for. */
export interface QuoteQuery {
  exact: string;
  prefix?: string | undefined;
  suffix?: string | undefined;
  /** Where the quote used to start and end in the text, if known. */
  hint?: { start: number; end: number } | undefined;
}

/** Where a quote was found, in offsets of the text searched. */
export interface QuoteMatch {
  start: number;
  end: number;
  /** 'exact' only when the very same characters were found. */
  quality: 'exact' | 'fuzzy';
}

/** Quotes shorter than this (after collapsing whitespace) are only matched exactly. */
export const MIN_FUZZY_LENGTH = 8;
/** Share of the quote's length that may differ in an approximate match. */
export const MAX_ERROR_RATE = 0.12;
/** How closely one side's context must agree (1 − errors ÷ length) to count as agreeing. */
export const CONTEXT_AGREEMENT = 0.75;
/** A context side with fewer non-space characters than this tells us nothing. */
const MIN_INFORMATIVE_CONTEXT = 4;
/** More exact occurrences than this and we give up rather than guess. */
const MAX_OCCURRENCES = 5000;
/** How far beyond the old position the "near" fuzzy search looks. */
const NEAR_WINDOW = 512;

/** Collapses every run of whitespace into one space, as readers (and HTML) see it. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** A text to search, and how its offsets map back to the original text. */
interface View {
  text: string;
  /** Original offsets of a view range. */
  toOriginal(start: number, end: number): { start: number; end: number };
  /** View offset of an original offset. */
  fromOriginal(offset: number): number;
}

function identityView(text: string): View {
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

let lastCollapsed: { text: string; view: View } | undefined;

/** The collapsed view of `text`, kept for the last text seen: anchoring many quotes on one
 * page asks for the same view again and again. */
function cachedCollapsedView(text: string): View {
  if (lastCollapsed?.text !== text)
    lastCollapsed = { text, view: collapsedView(text) };
  return lastCollapsed.view;
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
interface Evidence {
  /** Scores of the informative sides. */
  sides: number[];
  /** Sum of the side scores: used to rank candidates. */
  total: number;
}

function evidenceAt(
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

/** Does the context back an exact match of a quote this long? */
function backsExact(
  evidence: Evidence,
  quoteLength: number,
  unique: boolean,
): boolean {
  if (evidence.sides.length === 0) {
    // Nothing around the quote to check: only a long quote found once is good enough.
    return unique && quoteLength >= MIN_FUZZY_LENGTH;
  }
  if (quoteLength < MIN_FUZZY_LENGTH)
    return evidence.sides.every((s) => s >= CONTEXT_AGREEMENT);
  return evidence.sides.some((s) => s >= CONTEXT_AGREEMENT);
}

/** Does the context back an approximate match? Approximate matches need context. */
function backsFuzzy(evidence: Evidence): boolean {
  return (
    evidence.sides.length > 0 &&
    evidence.sides.some((s) => s >= CONTEXT_AGREEMENT)
  );
}

interface Candidate {
  start: number;
  end: number;
  evidence: Evidence;
  distance: number;
}

/**
 * Picks the one candidate the context clearly prefers, or none. Nearness to the old
 * position only breaks ties between candidates whose context agrees equally well and is
 * itself conclusive: one candidate much nearer than any other.
 */
function choose(
  candidates: Candidate[],
  accept: (c: Candidate) => boolean,
): Candidate | null {
  const accepted = candidates.filter(accept);
  if (accepted.length === 0) return null;
  accepted.sort(
    (a, b) => b.evidence.total - a.evidence.total || a.distance - b.distance,
  );
  const [best, second] = accepted;
  if (!best) return null;
  if (!second) return best;
  if (best.evidence.total - second.evidence.total >= 0.25) return best;
  return null;
}

function exactOccurrences(text: string, quote: string): number[] | null {
  const found: number[] = [];
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) {
    found.push(i);
    if (found.length > MAX_OCCURRENCES) return null;
  }
  return found;
}

function findExact(
  view: View,
  exact: string,
  query: QuoteQuery,
): { start: number; end: number } | null {
  const starts = exactOccurrences(view.text, exact);
  if (!starts || starts.length === 0) return null;
  const hint = query.hint ? view.fromOriginal(query.hint.start) : undefined;
  const unique = starts.length === 1;
  const candidates = starts.map((start) => ({
    start,
    end: start + exact.length,
    evidence: evidenceAt(view.text, start, start + exact.length, query),
    distance: hint === undefined ? 0 : Math.abs(start - hint),
  }));
  const best = choose(candidates, (c) =>
    backsExact(c.evidence, exact.length, unique),
  );
  return best ? view.toOriginal(best.start, best.end) : null;
}

/** The error budget for a quote of `length` characters. */
export function errorBudget(length: number): number {
  return Math.max(1, Math.floor(length * MAX_ERROR_RATE));
}

function findFuzzy(
  view: View,
  exact: string,
  query: QuoteQuery,
  from: number,
  to: number,
): { start: number; end: number } | null {
  const slice = view.text.slice(from, to);
  const matches = search(slice, exact, errorBudget(exact.length));
  if (matches.length === 0) return null;
  const hint = query.hint ? view.fromOriginal(query.hint.start) : undefined;
  // Matches ending at neighbouring offsets are the same place seen with different edges.
  const places: Candidate[] = [];
  matches.sort((a, b) => a.start - b.start || a.end - b.end);
  let last: Candidate | undefined;
  for (const match of matches) {
    const start = from + match.start;
    const end = from + match.end;
    if (last && start < last.end) {
      if (
        Math.abs(end - start - exact.length) <
        Math.abs(last.end - last.start - exact.length)
      ) {
        last.start = start;
        last.end = end;
      }
      continue;
    }
    last = { start, end, evidence: { sides: [], total: 0 }, distance: 0 };
    places.push(last);
  }
  for (const place of places) {
    place.evidence = evidenceAt(view.text, place.start, place.end, query);
    place.distance = hint === undefined ? 0 : Math.abs(place.start - hint);
  }
  const best = choose(places, (c) => backsFuzzy(c.evidence));
  return best ? view.toOriginal(best.start, best.end) : null;
}

/**
 * Finds `query` in `text`, in order of trust: the old position if it still holds the quote,
 * a backed exact match, the same with whitespace collapsed, an approximate match near the
 * old position, then an approximate match anywhere. Returns null rather than a doubtful
 * match. `text` is the anchoring text model's text.
 */
export function matchQuote(text: string, query: QuoteQuery): QuoteMatch | null {
  const { exact, hint } = query;
  if (exact.length === 0) return null;

  if (
    hint &&
    hint.end - hint.start === exact.length &&
    text.slice(hint.start, hint.end) === exact
  ) {
    // The same characters around the same place, down to the whitespace, is the page
    // unchanged here, even where the context alone is too bland to trust elsewhere.
    const { prefix, suffix } = query;
    const untouched =
      (prefix === undefined ||
        text.slice(Math.max(0, hint.start - prefix.length), hint.start) ===
          prefix) &&
      (suffix === undefined ||
        text.slice(hint.end, hint.end + suffix.length) === suffix);
    if (
      untouched ||
      backsExact(
        evidenceAt(text, hint.start, hint.end, query),
        exact.length,
        true,
      )
    ) {
      return { start: hint.start, end: hint.end, quality: 'exact' };
    }
  }

  const raw = findExact(identityView(text), exact, query);
  if (raw) return { ...raw, quality: 'exact' };

  const collapsed = cachedCollapsedView(text);
  const collapsedQuote = collapseWhitespace(exact);
  if (collapsedQuote.trim().length === 0) return null;
  const loose = findExact(collapsed, collapsedQuote, query);
  if (loose) return { ...loose, quality: 'fuzzy' };

  if (collapsedQuote.length < MIN_FUZZY_LENGTH) return null;

  if (hint) {
    const centre = collapsed.fromOriginal(hint.start);
    const reach = collapsedQuote.length + NEAR_WINDOW;
    const near = findFuzzy(
      collapsed,
      collapsedQuote,
      query,
      Math.max(0, centre - reach),
      Math.min(collapsed.text.length, centre + collapsedQuote.length + reach),
    );
    if (near) return { ...near, quality: 'fuzzy' };
  }
  const anywhere = findFuzzy(
    collapsed,
    collapsedQuote,
    query,
    0,
    collapsed.text.length,
  );
  return anywhere ? { ...anywhere, quality: 'fuzzy' } : null;
}
