/**
 * The anchoring entry points for selectors of unknown origin: each list is validated with the
 * protocol's schema before anything reads it, and invalid input gives null, never an
 * exception.
 */
import { selectorList, type Selector } from '@/protocol/selectors';
import { anchorAllValidated, type Anchored } from './anchor';

function validated(selectors: unknown): Selector[] | null {
  const parsed = selectorList.safeParse(selectors);
  return parsed.success ? parsed.data : null;
}

/**
 * Finds where an annotation's selectors point under `root` (DESIGN §4). Selectors read from
 * storage are validated with the protocol's schema first; invalid input gives null.
 *
 * With a CssSelector (a pinned element) the element must be the only match and its text must
 * still be the quote; failing that, the quote is looked for and the element around it taken.
 * Otherwise the quote is looked for: at its old position, then exactly, then approximately
 * near the old position, then approximately anywhere, each time only where its context agrees.
 * Returns null (an orphan) when not sure.
 */
export function anchor(root: Element, selectors: Selector[]): Anchored | null {
  return anchorAll(root, [selectors])[0] ?? null;
}

/**
 * `anchor` for many annotations on one page, reading the page's text once: what redrawing a
 * page's reports needs. The DOM must not change during the call. Results are in input order.
 */
export function anchorAll(
  root: Element,
  selectorLists: readonly Selector[][],
): (Anchored | null)[] {
  return anchorAllValidated(root, selectorLists.map(validated));
}
