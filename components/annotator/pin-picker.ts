import { t } from '@/utils/i18n';
import { labelOf } from './element-label';
import { isPinnable, startElement, walk, type Step } from './element-walk';
import { el, onTrusted, position, setText } from './dom';

/** Options of the element picker. */
export interface PinPickerOptions {
  /** The page's document. */
  doc: Document;
  /** Snag's own host element, never picked. */
  host: Element;
  /** Pins the chosen element. */
  onPick: (element: Element) => void;
  /** Leaves pin mode without pinning. */
  onCancel: () => void;
  /** Where the pointer already is, when the user pointed before the picker was shown. */
  pointer?: { x: number; y: number };
}

/** The picker as shown: its elements, in order, and how to draw it again. */
export interface PinPickerView {
  /** The glass, the outline, its label and the bar, to put in the layer in this order. */
  nodes: HTMLElement[];
  /** The bar's "Pin" button, which takes focus once the picker is shown. */
  button: HTMLButtonElement;
  /** Measures and draws again (the page scrolled, resized or changed). */
  draw(): void;
  /** Pins the chosen element, for a trusted click caught before the picker was shown. */
  pick(): void;
}

const KEYS: Record<string, Step> = {
  ArrowUp: 'parent',
  ArrowDown: 'child',
  ArrowLeft: 'previous',
  ArrowRight: 'next',
};

/** The picker's elements: the glass, the outline and its label, and the bar with its buttons. */
function pickerElements(doc: Document) {
  const glass = el(doc, 'div', 'snag-glass');
  const outline = el(doc, 'div', 'snag-picked');
  const label = el(doc, 'div', 'snag-picked-label', { 'aria-hidden': 'true' });
  const bar = el(doc, 'div', '', {
    role: 'group',
    'aria-labelledby': 'snag-picker-help',
  });
  const help = el(doc, 'p', '', { id: 'snag-picker-help' });
  help.textContent = t('pinInstructions');
  const pin = el(doc, 'button', 'primary', { type: 'button' });
  const cancel = el(doc, 'button', '', { type: 'button' });
  cancel.textContent = t('pinCancel');
  bar.append(help, pin, cancel);
  return { glass, outline, label, bar, pin, cancel };
}

/**
 * Pin mode. A transparent layer over the page outlines the element under the pointer with
 * its role and name, and a click pins it. From the keyboard, a focused button says which
 * element is chosen; arrow keys walk to the parent, child and siblings, Enter pins, Esc
 * cancels. The layer catches the clicks, so the page never receives them.
 */
export function createPinPicker(options: PinPickerOptions): PinPickerView {
  const { doc, host } = options;
  const root = doc.body ?? doc.documentElement;
  const parts = pickerElements(doc);
  let current = startElement(root);
  let pointerY: number | null = null;
  // Naming reads the element's text (all of it, for <main>): once per element, not per frame.
  let named: { element: Element; label: string } | null = null;

  const draw = () => {
    if (named?.element !== current)
      named = { element: current, label: labelOf(current) };
    const box = current.getBoundingClientRect();
    position(parts.outline, box);
    position(parts.label, {
      left: Math.max(0, box.left),
      top: box.top > 28 ? box.top - 28 : box.bottom + 4,
    });
    setText(parts.label, named.label);
    setText(parts.pin, t('pinThis', named.label));
    // The bar keeps clear of the pointer and of the chosen element: it sits at the bottom
    // unless either is in the lower half of the view, then at the top.
    const half = (doc.defaultView?.innerHeight ?? 600) / 2;
    const centre = (box.top + box.bottom) / 2;
    const atTop = (pointerY ?? centre) > half || centre > half;
    parts.bar.className = `snag-picker-bar${atTop ? ' top' : ''}`;
  };
  const choose = (next: Element) => {
    current = next;
    draw();
  };
  const elementAt = (x: number, y: number): Element | null => {
    for (const e of doc.elementsFromPoint(x, y)) {
      if (e === host || e === doc.documentElement) continue;
      if (isPinnable(e, () => true)) return e;
    }
    return null;
  };

  parts.glass.addEventListener('pointermove', (e) => {
    pointerY = e.clientY;
    const found = elementAt(e.clientX, e.clientY);
    choose(found ?? current);
  });
  parts.glass.addEventListener('click', (e) => {
    e.preventDefault();
    if (e.isTrusted) options.onPick(elementAt(e.clientX, e.clientY) ?? current);
  });
  onTrusted<KeyboardEvent>(parts.pin, 'keydown', (e) => {
    const step = KEYS[e.key];
    if (step) {
      e.preventDefault();
      const next = walk(current, step, root);
      next.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
      choose(next);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      options.onCancel();
    }
  });
  const pick = () => options.onPick(current);
  onTrusted(parts.pin, 'click', pick);
  onTrusted(parts.cancel, 'click', () => options.onCancel());
  const at = options.pointer;
  if (at) {
    pointerY = at.y;
    current = elementAt(at.x, at.y) ?? current;
  }
  draw();
  const { glass, outline, label, bar, pin } = parts;
  return { nodes: [glass, outline, label, bar], button: pin, draw, pick };
}
