/**
 * Running a CSS selector under a root, with the answer `root.querySelectorAll` gives but
 * faster for the path selectors pinned elements are given (`section:nth-of-type(295) >
 * p:nth-of-type(2)`). A browser matches a selector right to left from every element of the
 * document, and on each candidate works out `:nth-of-type` of an ancestor by walking that
 * ancestor's siblings: on a long page a position far down a long list costs a walk for every
 * paragraph. Here the first compound is looked up once, and the rest of the selector only
 * under the few elements it finds, where each candidate's ancestors are near.
 */

/** Beyond this many elements found for the first compound, the browser does it all. */
const MAX_FIRST_MATCHES = 32;

/** Most compounds kept for one root; past it, all are dropped and kept afresh. */
const MAX_KEPT = 500;

/**
 * Compounds whose matches change only with the DOM: type, id, class and attribute tests,
 * and positions among siblings. Anything else after a colon (`:hover`, `:checked`) can
 * change with no mutation at all, so is looked up afresh every time.
 */
function isKeepable(compound: string): boolean {
  const bare = compound
    .replace(/\\[0-9a-f]{1,6}\s?|\\./gi, '_')
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  return !bare.replace(/:nth-(?:of-type|child)\(\d+\)/g, '').includes(':');
}

/** The compounds already looked up under a root, and the observer that keeps them true. */
interface Kept {
  readonly doc: Document;
  readonly found: Map<string, Element[]>;
  readonly observer: MutationObserver;
}

const keptByRoot = new WeakMap<Element, Kept>();

/**
 * Every change that can change which elements under a root a keepable compound matches:
 * elements coming, going or moving (positions), and attributes (ids, classes, values).
 */
const MATCH_CHANGES: MutationObserverInit = {
  childList: true,
  subtree: true,
  attributes: true,
};

function forget(root: Element, kept: Kept): void {
  kept.observer.disconnect();
  if (keptByRoot.get(root) === kept) keptByRoot.delete(root);
}

/** The compounds known for `root` while its subtree is unchanged, or a fresh set. */
function keptFor(root: Element): Kept | undefined {
  const doc = root.ownerDocument;
  const kept = keptByRoot.get(root);
  if (kept) {
    // Records taken here are changes not yet delivered to the callback, which forgets.
    if (kept.doc === doc && kept.observer.takeRecords().length === 0)
      return kept;
    forget(root, kept);
  }
  const Observer = doc.defaultView?.MutationObserver;
  if (typeof Observer !== 'function') return undefined;
  try {
    const observer: MutationObserver = new Observer(() => forget(root, entry));
    const entry: Kept = { doc, found: new Map(), observer };
    observer.observe(root, MATCH_CHANGES);
    keptByRoot.set(root, entry);
    return entry;
  } catch {
    return undefined;
  }
}

/**
 * `root.querySelectorAll(compound)`, kept between calls while nothing under root changes
 * (as the text model is, see text-model.ts): the same compound heads the selectors of many
 * elements, and every pin is looked up again when a page's marks are drawn.
 */
export function matchesUnder(
  root: Element,
  compound: string,
  onlyKept = false,
): Element[] | undefined {
  let kept = keptByRoot.has(root) || !onlyKept ? keptFor(root) : undefined;
  // Only keepable compounds are ever kept, so a compound found is one.
  const known = kept?.found.get(compound);
  if (known || onlyKept) return known;
  const found = Array.from(root.querySelectorAll(compound));
  if (!isKeepable(compound)) kept = undefined;
  if (kept) {
    if (kept.found.size >= MAX_KEPT) kept.found.clear();
    kept.found.set(compound, found);
  }
  return found;
}

/** A path selector cut after its first compound. */
export interface SplitPath {
  /** The first compound. */
  first: string;
  /** True when a child combinator follows it, false for a descendant one. */
  child: boolean;
  /** What follows the combinator: a selector of its own. */
  tail: string;
  /** True when the tail is a single compound. */
  tailIsCompound: boolean;
}

/**
 * `selector` cut after its first compound, or null when the selector is a single compound
 * or is not of a shape this module cuts with certainty: lists, sibling combinators,
 * pseudo-elements and anything naming the scope (`:scope`, `:host`, `&`) are left to the
 * browser whole.
 */
export function splitFirstCompound(selector: string): SplitPath | null {
  // A candidate is checked first against what is kept, then looked up: the same selector.
  if (selector === lastSplit.selector) return lastSplit.split;
  const split = cut(selector);
  lastSplit = { selector, split };
  return split;
}

let lastSplit: { selector: string; split: SplitPath | null } = {
  selector: '',
  split: null,
};

function cut(selector: string): SplitPath | null {
  // Most candidates are one compound: nothing to split, so no need to read them closely.
  if (!/[\s>]/.test(selector) || /:scope|:host|::|&|[,+~]/i.test(selector))
    return null;
  let depth = 0;
  let quote = '';
  let end = -1;
  let gaps = 0;
  let inGap = false;
  for (let i = 0; i < selector.length; i += 1) {
    const char = selector.charAt(i);
    const gap = !quote && depth === 0 && isGap(char);
    if (gap && !inGap) {
      gaps += 1;
      if (end < 0) end = i;
    }
    inGap = gap;
    if (char === '\\') i += escapeLength(selector, i + 1);
    else if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '(' || char === '[') depth += 1;
    else if (char === ')' || char === ']') {
      depth -= 1;
      if (depth < 0) return null;
    }
  }
  if (depth !== 0 || quote || end <= 0) return null;
  const rest = selector.slice(end).trim();
  const child = rest.startsWith('>');
  const tail = child ? rest.slice(1).trim() : rest;
  if (tail === '') return null;
  return {
    first: selector.slice(0, end),
    child,
    tail,
    tailIsCompound: gaps === 1,
  };
}

/** CSS whitespace, or the child combinator. */
function isGap(char: string): boolean {
  return (
    char === ' ' ||
    char === '>' ||
    char === '\t' ||
    char === '\n' ||
    char === '\r' ||
    char === '\f'
  );
}

/**
 * How many characters after a backslash at `from - 1` belong to its escape: up to six hex
 * digits and one whitespace after them, which is part of the escape and no combinator.
 */
function escapeLength(selector: string, from: number): number {
  let i = from;
  while (i < from + 6 && /[0-9a-f]/i.test(selector.charAt(i))) i += 1;
  if (i === from) return 1;
  return /[ \t\n\r\f]/.test(selector.charAt(i)) ? i - from + 1 : i - from;
}

/** Document order, for elements gathered from more than one subtree. */
function inDocumentOrder(elements: Element[]): Element[] {
  const unique = Array.from(new Set(elements));
  return unique.sort((a, b) =>
    a === b ? 0 : a.compareDocumentPosition(b) & 4 ? -1 : 1,
  );
}

/**
 * The selector's matches under root, gathered from under the elements its first compound
 * matches: those under root, and root or its ancestors, since a selector is matched against
 * the whole document and only its results are kept to root. Undefined when there are too
 * many to be worth it. (Not with `:scope`, whose results jsdom keeps stale after changes.)
 */
function selectFromFirst(
  root: Element,
  selector: string,
  split: SplitPath,
  onlyKept: boolean,
): Element[] | undefined {
  const inside = matchesUnder(root, split.first, onlyKept);
  if (!inside || inside.length > MAX_FIRST_MATCHES) return undefined;
  const starts: Element[] = [];
  for (let up: Element | null = root; up; up = up.parentElement) {
    if (up.matches(split.first)) starts.unshift(up);
  }
  const outside = starts.length;
  starts.push(...inside);
  const found: Element[] = [];
  starts.forEach((start, index) => {
    const under = start.querySelectorAll(split.tail);
    for (let i = 0; i < under.length; i += 1) {
      const element = under[i] as Element;
      if (index < outside && (element === root || !root.contains(element)))
        continue;
      // A single compound under the start matches the whole selector as it stands, or with
      // the start as its parent; a longer tail may have matched from above the start.
      const matched = !split.tailIsCompound
        ? element.matches(selector)
        : !split.child || element.parentElement === start;
      if (matched) found.push(element);
    }
  });
  return starts.length > 1 ? inDocumentOrder(found) : found;
}

/**
 * The elements under `root` that a path `selector` matches, in document order, as
 * `root.querySelectorAll` finds them, looked up from its first compound; undefined when the
 * selector is not such a path, its first compound matches too many elements to be worth
 * it, or a part does not parse on its own (then the whole selector decides). With
 * `onlyKept`, also undefined when the first compound's matches are not known already.
 */
export function selectPath(
  root: Element,
  selector: string,
  onlyKept = false,
): Element[] | undefined {
  const split = splitFirstCompound(selector);
  if (!split) return undefined;
  try {
    return selectFromFirst(root, selector, split, onlyKept);
  } catch {
    return undefined;
  }
}

/**
 * The elements under `root` that `selector` matches, in document order, as
 * `root.querySelectorAll` finds them; none when it does not parse. `':scope'` alone is
 * root itself.
 */
export function selectAll(root: Element, selector: string): Element[] {
  if (selector === ':scope') return [root];
  const path = selectPath(root, selector);
  if (path) return path;
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}
