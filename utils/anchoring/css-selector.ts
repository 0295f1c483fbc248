/**
 * CSS selectors for pinned elements that survive redeploys: built from ids, test ids, names,
 * labels and class names a person chose, never from the hashed names CSS-in-JS tools and
 * frameworks generate, which change on every build.
 *
 * `@medv/finder` reads the globals `document.body`, `Node` and `CSS.escape` even when given a
 * root, so it cannot describe an element of a document that is not the global one (jsdom from
 * Node, or a frame). This generator follows its approach, with the same uniqueness check, and
 * works only from `root`.
 */
import { selectAll, selectPath } from './css-select';
import { SameTagPositions } from './xpath';

export { selectAll };

/**
 * Escapes a string for use as a CSS identifier or in a quoted attribute value, as
 * CSSOM's `CSS.escape` does (https://drafts.csswg.org/cssom/#serialize-an-identifier).
 */
export function cssEscape(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    const char = value.charAt(i);
    if (code === 0) {
      out += '\uFFFD';
    } else if (
      (code >= 0x1 && code <= 0x1f) ||
      code === 0x7f ||
      (i === 0 && code >= 0x30 && code <= 0x39) ||
      (i === 1 && code >= 0x30 && code <= 0x39 && value.charCodeAt(0) === 0x2d)
    ) {
      out += `\\${code.toString(16)} `;
    } else if (i === 0 && value.length === 1 && code === 0x2d) {
      out += `\\${char}`;
    } else if (
      code >= 0x80 ||
      code === 0x2d ||
      code === 0x5f ||
      (code >= 0x30 && code <= 0x39) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x61 && code <= 0x7a)
    ) {
      out += char;
    } else {
      out += `\\${char}`;
    }
  }
  return out;
}

/** A CSS string for a quoted attribute value: only quotes, backslashes and controls escaped. */
export function cssString(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (code < 0x20 || code === 0x7f) out += `\\${code.toString(16)} `;
    else out += char;
  }
  return `${out}"`;
}

/** Prefixes that CSS-in-JS libraries and frameworks put on names they generate. */
const GENERATED_PREFIX =
  /^(css|sc|jsx|emotion|styled|svelte|astro|chakra|jss|makeStyles|ember|ng|react|radix|headlessui|mui|tw|_)[-_]/i;

/** Class names that say what state an element is in, which changes as people use the page. */
const STATE_CLASS =
  /^(is-|has-)|^(active|hover|hovered|focus|focused|selected|open|opened|closed|hidden|visible|disabled|checked|expanded|collapsed|current|loading|loaded)$|--(error|active|focus|selected|open|disabled|current)$/i;

/**
 * True when an id or class name looks chosen by a person rather than generated: no long
 * digit runs, no hashes like `css-1x2y3z`, `sc-bdVaJa` or `jsx-123`, no state classes.
 */
export function isStableName(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  if (GENERATED_PREFIX.test(name) || STATE_CLASS.test(name)) return false;
  if (/\d{3,}/.test(name)) return false;
  for (const part of name.split(/[-_:.]+/)) {
    // A digit between letters (`x2y`, `a1b2`) is the mark of a hash, not of a word.
    if (/[a-z]\d+[a-z]/i.test(part)) return false;
    if (/\d[a-z]/i.test(part) && /[a-z]\d/i.test(part)) return false;
    // Runs of five consonants or mixed-case soup (`bdVaJa`, `xKqLm`) are not words.
    if (/[^aeiouy\d]{5,}/i.test(part) && !/^[A-Z]+$/.test(part)) return false;
    if (/[a-z][A-Z].*[a-z][A-Z]/.test(part) && part.length <= 8) return false;
  }
  return true;
}

/** One compound selector for one element, and how much we dislike it. */
interface Candidate {
  value: string;
  penalty: number;
}

/** Attributes that people set to name an element, in the order we trust them. */
const NAMING_ATTRIBUTES: ReadonlyArray<[string, number]> = [
  ['data-testid', 1],
  ['data-test-id', 1],
  ['data-test', 1],
  ['data-qa', 1],
  ['data-cy', 1],
  ['name', 2],
  ['aria-label', 3],
  ['for', 3],
];

/** The ways to select `element` on its own, best first. */
function candidatesFor(element: Element): Candidate[] {
  const tag = cssEscape(element.tagName.toLowerCase());
  const out: Candidate[] = [];
  const id = element.getAttribute('id');
  if (id && isStableName(id))
    out.push({ value: `${tag}#${cssEscape(id)}`, penalty: 0 });
  for (const [attribute, penalty] of NAMING_ATTRIBUTES) {
    const value = element.getAttribute(attribute);
    if (value && value.length <= 100 && !/\d{4,}/.test(value)) {
      out.push({
        value: `${tag}[${attribute}=${cssString(value)}]`,
        penalty,
      });
    }
  }
  for (const name of Array.from(element.classList)) {
    if (isStableName(name))
      out.push({ value: `${tag}.${cssEscape(name)}`, penalty: 4 });
  }
  const type = element.getAttribute('type');
  if (type && /^[a-z]+$/i.test(type)) {
    out.push({ value: `${tag}[type=${cssString(type)}]`, penalty: 5 });
  }
  const href = element.getAttribute('href');
  if (href && href.length <= 200 && !href.startsWith('javascript:')) {
    out.push({ value: `${tag}[href=${cssString(href)}]`, penalty: 5 });
  }
  const role = element.getAttribute('role');
  if (role && /^[a-z]+$/.test(role)) {
    out.push({ value: `${tag}[role="${role}"]`, penalty: 6 });
  }
  out.push({ value: tag, penalty: 8 });
  out.sort((a, b) => a.penalty - b.penalty);
  return out;
}

/** True when `selector` matches `element` and nothing else under `root`. */
function selectsOnly(
  root: Element,
  selector: string,
  element: Element,
): boolean {
  if (selector === ':scope') return element === root;
  const only = (found: Element[]) => found.length === 1 && found[0] === element;
  // A path whose first compound was looked up before is answered from there at once.
  const kept = selectPath(root, selector, true);
  if (kept) return only(kept);
  // Most candidates (a bare tag, an nth-of-type step) match something earlier in the page:
  // querySelector stops at that first match, where querySelectorAll would collect them all.
  try {
    if (root.querySelector(selector) !== element) return false;
  } catch {
    return false;
  }
  return only(selectAll(root, selector));
}

/** The best compound selector for `element` that no sibling of it also matches. */
function stepAmongSiblings(
  element: Element,
  positions: SameTagPositions,
): string {
  const parent = element.parentElement;
  for (const candidate of candidatesFor(element)) {
    if (!safeMatches(element, candidate.value)) continue;
    if (!parent) return candidate.value;
    let clash = false;
    for (
      let sibling = parent.firstElementChild;
      sibling && !clash;
      sibling = sibling.nextElementSibling
    ) {
      clash = sibling !== element && safeMatches(sibling, candidate.value);
    }
    if (!clash) return candidate.value;
  }
  const tag = cssEscape(element.tagName.toLowerCase());
  return `${tag}:nth-of-type(${positions.of(element)})`;
}

function safeMatches(element: Element, selector: string): boolean {
  try {
    return element.matches(selector);
  } catch {
    return false;
  }
}

/** How far up we look for a uniquely named ancestor to hang a selector from. */
const MAX_ANCESTOR_DEPTH = 12;

/**
 * A CSS selector that matches `element` and nothing else among `root`'s descendants (as
 * `root.querySelectorAll` sees it), preferring names people chose over positions. Returns
 * `':scope'` for the root itself and null for an element outside root. `positions`, when
 * given, remembers sibling positions between calls made while the DOM does not change.
 */
export function cssSelectorFor(
  element: Element,
  root: Element,
  positions: SameTagPositions = new SameTagPositions(),
): string | null {
  if (element === root) return ':scope';
  if (!root.contains(element)) return null;

  const own = candidatesFor(element);
  for (const candidate of own) {
    if (selectsOnly(root, candidate.value, element)) return candidate.value;
  }

  // An ancestor with a name of its own, then the element's best description under it.
  let depth = 0;
  for (
    let ancestor = element.parentElement;
    ancestor && ancestor !== root && depth < MAX_ANCESTOR_DEPTH;
    ancestor = ancestor.parentElement, depth += 1
  ) {
    for (const anchorCandidate of candidatesFor(ancestor)) {
      if (anchorCandidate.penalty > 4) break;
      if (!selectsOnly(root, anchorCandidate.value, ancestor)) continue;
      for (const candidate of own) {
        const value = `${anchorCandidate.value} ${candidate.value}`;
        if (selectsOnly(root, value, element)) return value;
      }
    }
  }

  // A child-combinator path, each step unique among its siblings, from the nearest
  // ancestor that is unique on its own (or from the root).
  const steps: string[] = [];
  for (
    let current: Element | null = element;
    current && current !== root;
    current = current.parentElement
  ) {
    steps.unshift(stepAmongSiblings(current, positions));
    const path = steps.join(' > ');
    if (selectsOnly(root, path, element)) return path;
  }
  const fromScope = `:scope > ${steps.join(' > ')}`;
  return selectsOnly(root, fromScope, element) ? fromScope : null;
}

/** The tag name that a selector of ours puts first in its last compound, if any. */
export function targetTagOf(selector: string): string | null {
  // Quoted attribute values may hold spaces and combinators of their own.
  const unquoted = selector.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const last = unquoted.split(/\s*[ >+~]\s*/).pop() ?? '';
  const match = /^([a-z][a-z0-9-]*)/i.exec(last);
  return match ? (match[1] ?? '').toLowerCase() : null;
}
