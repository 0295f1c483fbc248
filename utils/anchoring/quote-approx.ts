/**
 * Looking for a quote approximately (text added around it, a word changed): in its recorded
 * element first, then near its old place, then anywhere, each match taken whole words and
 * within a cost cap.
 */
import search from 'approx-string-match';
import type { Candidate } from './quote-evidence';
import {
  errorBudget,
  MIN_FUZZY_LENGTH,
  NEAR_WINDOW,
  type View,
} from './quote-text';
import { sameWords, wholeWords, type WordEdges } from './quote-words';

/** Share of a quote's length that may differ inside its recorded element. */
const SCOPED_ERROR_RATE = 0.4;
/** Most characters × pattern words an approximate search may cost before giving up. */
const FUZZY_WORK_CAP = 4_000_000;

/** Whether `[start, end)` lies inside `span`. */
export function within(
  span: { start: number; end: number } | undefined,
  start: number,
  end: number,
) {
  return span !== undefined && start >= span.start && end <= span.end;
}

/** Approximate matches of `quote` in `[from, to)` of the view, one per place. */
function fuzzyCandidates(
  view: View,
  quote: string,
  from: number,
  to: number,
  maxErrors: number,
  scope: { start: number; end: number } | undefined,
  edges: WordEdges,
): Candidate[] {
  if ((to - from) * Math.ceil(quote.length / 32) > FUZZY_WORK_CAP) return [];
  const matches = search(view.text.slice(from, to), quote, maxErrors);
  matches.sort((a, b) => a.start - b.start || a.errors - b.errors);
  const places: Candidate[] = [];
  for (const match of matches) {
    const start = from + match.start;
    const end = from + match.end;
    const last = places[places.length - 1];
    if (last && start < last.end) {
      if (match.errors < last.errors) Object.assign(last, { start, end });
      continue;
    }
    const at = wholeWords(view.text, quote, edges, { start, end }, from, to);
    if (!sameWords(quote, view.text.slice(at.start, at.end))) continue;
    places.push({
      ...at,
      caseDiffers: false,
      errors: match.errors,
      inScope: within(scope, at.start, at.end),
      sides: [],
      score: 0,
    });
  }
  return places;
}

/** Candidates found approximately: inside the recorded element first, then near, then anywhere. */
export function approximate(
  view: View,
  quote: string,
  hint: number | undefined,
  scope: { start: number; end: number } | undefined,
  edges: WordEdges,
): Candidate[] {
  if (quote.length < MIN_FUZZY_LENGTH) return [];
  const budget = errorBudget(quote.length);
  if (scope) {
    const found = fuzzyCandidates(
      view,
      quote,
      scope.start,
      scope.end,
      Math.max(budget, Math.floor(quote.length * SCOPED_ERROR_RATE)),
      scope,
      edges,
    );
    if (found.length > 0) return found;
  }
  if (hint !== undefined) {
    const reach = quote.length + NEAR_WINDOW;
    const found = fuzzyCandidates(
      view,
      quote,
      Math.max(0, hint - reach),
      Math.min(view.text.length, hint + quote.length + reach),
      budget,
      scope,
      edges,
    );
    if (found.length > 0) return found;
  }
  return fuzzyCandidates(
    view,
    quote,
    0,
    view.text.length,
    budget,
    scope,
    edges,
  );
}
