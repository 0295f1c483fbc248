/**
 * Walking the page's elements from the keyboard while pinning: up to the parent, down to the
 * first child, across to siblings, skipping what cannot be seen or pinned and Snag's own UI.
 */
import { SNAG_UI_ATTRIBUTE } from '@/utils/anchoring';

const UNPINNABLE = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'HEAD',
  'META',
  'LINK',
  'TITLE',
  'BR',
  'WBR',
]);

/** Whether an element takes up space on screen. */
export function hasBox(element: Element): boolean {
  const r = element.getBoundingClientRect();
  return r.width > 0 || r.height > 0;
}

/** Whether the reporter may pin this element. `visible` is a test seam for layout-free DOMs. */
export function isPinnable(
  element: Element,
  visible: (e: Element) => boolean = hasBox,
): boolean {
  return (
    !UNPINNABLE.has(element.tagName.toUpperCase()) &&
    !element.hasAttribute(SNAG_UI_ATTRIBUTE) &&
    element.closest(`[${SNAG_UI_ATTRIBUTE}]`) === null &&
    visible(element)
  );
}

/** A direction to walk. */
export type Step = 'parent' | 'child' | 'next' | 'previous';

/**
 * The element one step from `from`, or `from` itself when there is nowhere to go. The walk
 * never leaves `root` (the body).
 */
export function walk(
  from: Element,
  step: Step,
  root: Element,
  visible: (e: Element) => boolean = hasBox,
): Element {
  const ok = (e: Element): boolean => isPinnable(e, visible);
  if (step === 'parent') {
    for (let e = from.parentElement; e; e = e.parentElement) {
      if (!root.contains(e)) break;
      if (ok(e)) return e;
    }
    return from;
  }
  if (step === 'child') {
    for (const child of Array.from(from.children)) if (ok(child)) return child;
    return from;
  }
  const sibling = (e: Element) =>
    step === 'next' ? e.nextElementSibling : e.previousElementSibling;
  for (let e = sibling(from); e; e = sibling(e)) if (ok(e)) return e;
  return from;
}

/** Where the keyboard walk starts: the main content, or the first thing in the body. */
export function startElement(
  root: Element,
  visible: (e: Element) => boolean = hasBox,
): Element {
  const main = root.querySelector('main, [role="main"]');
  if (main && isPinnable(main, visible)) return main;
  return walk(root, 'child', root, visible);
}
