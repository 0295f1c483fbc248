/**
 * The words of a quote and of an approximate match of it: whether a match is the quote with a
 * word changed, and where a match's edges fall on word edges (docs/architecture.md,
 * "Anchoring").
 */
import { editDistance } from './quote-text';

/** The words of a text, in lower case. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Whether `found` is `quote` with at most one word in five (at least one) changed, and no
 * number among them.
 */
export function sameWords(quote: string, found: string): boolean {
  const want = words(quote);
  const have = words(found);
  if (Math.abs(want.length - have.length) > 1) return false;
  const pool = new Map<string, number>();
  for (const w of have) pool.set(w, (pool.get(w) ?? 0) + 1);
  let missing = 0;
  for (const w of want) {
    const n = pool.get(w) ?? 0;
    if (n > 0) pool.set(w, n - 1);
    // A changed number is a different fact (a fee, a date, a period), not an edit.
    else if (/\p{N}/u.test(w)) return false;
    else missing += 1;
  }
  return missing <= Math.max(1, Math.floor(want.length / 5));
}

const WORD = /[\p{L}\p{N}]/u;
/** Longest stretch a fuzzy match is widened by to reach a word's edge. */
const WORD_REACH = 24;

/** Whether the quote begins and ends on a word's edge: its context has no letter there. */
export interface WordEdges {
  start: boolean;
  end: boolean;
}

export function wordEdges(
  query: { prefix?: string | undefined; suffix?: string | undefined },
  quote: string,
): WordEdges {
  return {
    start:
      /\S/.test(quote.charAt(0)) && !WORD.test((query.prefix ?? '').slice(-1)),
    end:
      /\S/.test(quote.charAt(quote.length - 1)) &&
      !WORD.test((query.suffix ?? '').charAt(0)),
  };
}

/**
 * The places a match's edge may move to: where it is, out past the next word (a changed word
 * the match stopped short of), and in before a word it cut through. `direction` is 1 at the
 * end and -1 at the start; `bound` is where the search stopped.
 */
function edgeChoices(
  text: string,
  at: number,
  direction: -1 | 1,
  bound: number,
): number[] {
  const inner = (i: number) => text.charAt(direction > 0 ? i - 1 : i);
  const outer = (i: number) => text.charAt(direction > 0 ? i : i - 1);
  const letter = (c: string) => WORD.test(c);
  const space = (c: string) => /\s/.test(c);
  const choices = [at];
  let out = at;
  const room = () => out !== bound && Math.abs(out - at) <= WORD_REACH;
  if (!letter(inner(out))) while (room() && space(outer(out))) out += direction;
  while (room() && letter(outer(out))) out += direction;
  if (out !== at && Math.abs(out - at) <= WORD_REACH) choices.push(out);
  if (letter(inner(at)) && letter(outer(at))) {
    let back = at;
    while (letter(inner(back))) back -= direction;
    while (space(inner(back))) back -= direction;
    choices.push(back);
  }
  return choices;
}

function cutsWord(text: string, at: number): boolean {
  return WORD.test(text.charAt(at - 1)) && WORD.test(text.charAt(at));
}

/**
 * An approximate match set on word edges where the quote began or ended a word: a changed
 * word is taken whole (or left out), not cut where its letters stopped agreeing. Of the
 * edges nearby, those whose text has as many words as the quote and is closest to it win. Stays within `[low, high)`.
 */
export function wholeWords(
  text: string,
  quote: string,
  edges: WordEdges,
  span: { start: number; end: number },
  low: number,
  high: number,
): { start: number; end: number } {
  const starts = edges.start
    ? edgeChoices(text, span.start, -1, low)
    : [span.start];
  const ends = edges.end ? edgeChoices(text, span.end, 1, high) : [span.end];
  let best = span;
  let distance = Infinity;
  const wanted = words(quote).length;
  for (const start of starts) {
    for (const end of ends) {
      if (end <= start) continue;
      const found = text.slice(start, end);
      // A changed word is still one word: the same count of words comes first.
      // A word cut through, or a word too many or too few, weighs more than any spelling.
      const cuts = Number(cutsWord(text, start)) + Number(cutsWord(text, end));
      const miscount = Math.abs(words(found).length - wanted);
      const penalty = (cuts + miscount) * quote.length;
      if (penalty >= distance) continue;
      const d = penalty + editDistance(quote, found, distance - penalty);
      if (d < distance) [best, distance] = [{ start, end }, d];
    }
  }
  let { start, end } = best;
  while (edges.start && start < end && /\s/.test(text.charAt(start)))
    start += 1;
  while (edges.end && end > start && /\s/.test(text.charAt(end - 1))) end -= 1;
  return { start, end };
}
