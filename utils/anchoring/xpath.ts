/**
 * Simple XPaths of the form `/div[3]/p[2]`, relative to a root, as Hypothesis writes them in
 * RangeSelectors. We resolve them by walking children rather than with `document.evaluate`,
 * which happy-dom lacks and which would accept expressions we never wrote.
 */

const ELEMENT_NODE = 1;

/** Position of `element` among its parent's children of the same tag, counting from 1. */
function indexAmongSameTag(element: Element): number {
  let index = 1;
  const tag = element.tagName;
  for (
    let sibling = element.previousElementSibling;
    sibling;
    sibling = sibling.previousElementSibling
  ) {
    if (sibling.tagName === tag) index += 1;
  }
  return index;
}

/**
 * Positions of elements among their parent's children of the same tag, counting each
 * parent's children once: long lists of siblings (a page's sections, a table's rows) would
 * otherwise be walked again for every element described in them. The positions hold only
 * while no children are added, removed or moved, so keep one for no longer than that.
 */
export class SameTagPositions {
  private readonly positions = new WeakMap<Element, number>();

  /** Position of `element` among its parent's children of the same tag, counting from 1. */
  of(element: Element): number {
    const known = this.positions.get(element);
    if (known !== undefined) return known;
    const parent = element.parentNode;
    if (!parent) return 1;
    const counts = new Map<string, number>();
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child.nodeType !== ELEMENT_NODE) continue;
      const tag = (child as Element).tagName;
      const position = (counts.get(tag) ?? 0) + 1;
      counts.set(tag, position);
      this.positions.set(child as Element, position);
    }
    return this.positions.get(element) ?? indexAmongSameTag(element);
  }
}

/**
 * The XPath of `element` relative to `root` (`''` for the root itself), or null when the
 * element is not inside root. `positions`, when given, remembers sibling positions between
 * calls made while the DOM does not change.
 */
export function xpathFromElement(
  element: Element,
  root: Element,
  positions?: SameTagPositions,
): string | null {
  const steps: string[] = [];
  let current: Element | null = element;
  while (current && current !== root) {
    const position = positions
      ? positions.of(current)
      : indexAmongSameTag(current);
    steps.push(`${current.tagName.toLowerCase()}[${position}]`);
    current = current.parentElement;
  }
  if (current !== root) return null;
  return steps.length === 0 ? '' : '/' + steps.reverse().join('/');
}

const STEP = /^([A-Za-z][\w.-]*)\[(\d{1,6})\]$/;

/**
 * The element an XPath of ours points to under `root`, or null when it does not parse or
 * points nowhere. Tag names compare without case, as HTML's do.
 */
export function elementFromXPath(xpath: string, root: Element): Element | null {
  if (xpath === '' || xpath === '/' || xpath === '.') return root;
  if (!xpath.startsWith('/')) return null;
  let current: Element = root;
  for (const step of xpath.slice(1).split('/')) {
    const match = STEP.exec(step);
    if (!match) return null;
    const tag = (match[1] ?? '').toLowerCase();
    let wanted = Number(match[2]);
    let found: Element | null = null;
    for (let child = current.firstChild; child; child = child.nextSibling) {
      if (child.nodeType !== ELEMENT_NODE) continue;
      if ((child as Element).tagName.toLowerCase() !== tag) continue;
      wanted -= 1;
      if (wanted === 0) {
        found = child as Element;
        break;
      }
    }
    if (!found) return null;
    current = found;
  }
  return current;
}
