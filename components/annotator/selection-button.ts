import { t } from '@/utils/i18n';
import { el, onTrusted, position } from './dom';

/** The page's current selection as a range, unless it is empty or inside Snag's UI. */
export function pageSelection(doc: Document, host: Element): Range | null {
  const selection = doc.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed)
    return null;
  const range = selection.getRangeAt(0);
  const inside = (n: Node) => n === host || host.contains(n);
  if (inside(range.startContainer) || inside(range.endContainer)) return null;
  if (range.toString().trim() === '') return null;
  return range;
}

/** Options of the "Snag this" button. */
export interface SelectionButtonOptions {
  /** The page's document. */
  doc: Document;
  /** Snag's own host element: selections inside our UI are not the page's. */
  host: Element;
  /** Where the button goes while it is shown. */
  parent: Element;
  /** Turns the selected text into an annotation. */
  onSnag: (range: Range) => void;
}

/** The button as shown: how to draw it again, and how to take it away for good. */
export interface SelectionButtonView {
  /** Measures and draws again (the page scrolled, resized or changed). */
  draw(): void;
  /** Removes the button and stops following the selection. */
  destroy(): void;
}

/** Where the button goes for `range`, or null when its text is gone or hidden. */
function placeFor(doc: Document, range: Range | null) {
  if (!range || range.collapsed) return null;
  const rects = Array.from(range.getClientRects()).filter(
    (r) => r.width > 0 || r.height > 0,
  );
  const last = rects[rects.length - 1];
  if (!last) return null;
  const win = doc.defaultView;
  return {
    left: Math.min(
      Math.max(0, last.right - 40),
      (win?.innerWidth ?? 800) - 110,
    ),
    top: Math.min(last.bottom + 6, (win?.innerHeight ?? 600) - 44),
  };
}

/**
 * A small "Snag this" button by the selected text, while text on the page is selected. It is
 * measured again as the page scrolls or changes: a route's render can take the text away.
 */
export function createSelectionButton(
  options: SelectionButtonOptions,
): SelectionButtonView {
  const { doc, host, parent } = options;
  let range = pageSelection(doc, host);
  const button = el(doc, 'button', 'snag-this primary', { type: 'button' });
  button.textContent = t('snagThis');
  // Keep the page's selection: pressing the button must not clear it before the click.
  button.addEventListener('mousedown', (e) => e.preventDefault());
  // Only the user's own click snags: a page's synthetic one is ignored.
  onTrusted(button, 'click', () => {
    if (!range) return;
    options.onSnag(range);
    doc.getSelection()?.removeAllRanges();
    range = null;
    draw();
  });
  const draw = () => {
    const at = placeFor(doc, range);
    if (!at) return button.remove();
    position(button, at);
    if (button.parentNode !== parent) parent.append(button);
  };
  const onChange = () => {
    range = pageSelection(doc, host)?.cloneRange() ?? null;
    draw();
  };
  doc.addEventListener('selectionchange', onChange);
  draw();
  return {
    draw,
    destroy() {
      doc.removeEventListener('selectionchange', onChange);
      button.remove();
    },
  };
}
