import { t } from '@/utils/i18n';
import { el, onTrusted, position, setText } from './dom';
import { boxesOf, stillThere, type Placed } from './placement';

/** A pin's accessible name: its number or code only, never what the report says. */
const nameOf = (p: Placed) =>
  p.target.reportId === undefined
    ? t('noteLabel', p.target.label)
    : t('reportLabel', p.target.label);

/** One mark as drawn: its group, its pin and the placed annotation it shows now. */
interface Drawn {
  group: HTMLDivElement;
  pin: HTMLButtonElement;
  placed: Placed;
}

/** The marks over the page, drawn again on every `draw`. */
export interface MarksView {
  /** The `.snag-marks` container. */
  element: HTMLDivElement;
  /** Draws `placed` as it is on the page now. */
  draw(placed: readonly Placed[]): void;
}

/** A new group for a mark: its boxes, then its pin, which opens it on trusted clicks only. */
function newMark(
  doc: Document,
  placed: Placed,
  onOpen: (p: Placed) => void,
): Drawn {
  const group = el(doc, 'div');
  const pin = el(doc, 'button', '', { type: 'button' });
  group.append(pin);
  const drawn: Drawn = { group, pin, placed };
  // A page can dispatch clicks at anything; only the user's own open the report.
  onTrusted(pin, 'click', () => onOpen(drawn.placed));
  return drawn;
}

/** Brings a mark's boxes and pin up to date with `boxes`, keeping the pin (and its focus). */
function update(doc: Document, d: Drawn, p: Placed, boxes: DOMRect[]): void {
  d.placed = p;
  const saved = p.target.reportId !== undefined ? ' saved' : '';
  const kind = p.anchored?.range ? 'highlight' : 'outline';
  const fuzzy = p.anchored?.quality === 'fuzzy' ? ' fuzzy' : '';
  const shown = Array.from(d.group.children).slice(0, -1) as HTMLElement[];
  for (const extra of shown.splice(boxes.length)) extra.remove();
  boxes.forEach((b, i) => {
    const box = shown[i] ?? d.group.insertBefore(el(doc, 'div'), d.pin);
    box.className = `snag-${kind}${saved}${fuzzy}`;
    position(box, b);
  });
  const first = boxes[0]!;
  d.pin.className = `snag-pin${saved}`;
  position(d.pin, {
    left: Math.max(0, first.left - 12),
    top: Math.max(0, first.top - 12),
  });
  d.pin.setAttribute('aria-label', nameOf(p));
  setText(d.pin, p.target.label);
}

/**
 * Numbered pins and highlights over the page, positioned from the anchored range's client
 * rectangles. The page's own text nodes are never touched. A mark found only approximately
 * (the text changed slightly) is drawn dashed; one whose element or text has gone is not
 * drawn. A mark keeps its elements from one drawing to the next, so a focused pin stays so.
 */
export function createMarks(
  doc: Document,
  onOpen: (placed: Placed) => void,
): MarksView {
  const element = el(doc, 'div', 'snag-marks');
  const drawn = new Map<string, Drawn>();
  const draw = (placed: readonly Placed[]) => {
    const keep = new Set<string>();
    let before: Element | null = element.firstElementChild;
    for (const p of placed) {
      // Text the page has since changed is not marked until it is found again.
      const boxes = stillThere(p) ? boxesOf(p) : [];
      if (!boxes[0]) continue;
      const key = p.target.key;
      keep.add(key);
      let d = drawn.get(key);
      if (!d) drawn.set(key, (d = newMark(doc, p, onOpen)));
      update(doc, d, p, boxes);
      // Moved only when out of order, since moving an element takes its focus away.
      if (d.group !== before) element.insertBefore(d.group, before);
      before = d.group.nextElementSibling;
    }
    for (const [key, d] of drawn)
      if (!keep.has(key)) {
        d.group.remove();
        drawn.delete(key);
      }
  };
  return { element, draw };
}
