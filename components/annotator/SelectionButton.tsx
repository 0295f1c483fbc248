import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { useViewportTick } from './viewport';

/** Props of the "Snag this" button. */
export interface SelectionButtonProps {
  /** The page's document. */
  doc: Document;
  /** Snag's own host element: selections inside our UI are not the page's. */
  host: Element;
  /** Turns the selected text into an annotation. */
  onSnag: (range: Range) => void;
}

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

/** A small "Snag this" button by the selected text, while text on the page is selected. */
export default function SelectionButton(props: SelectionButtonProps) {
  const [range, setRange] = useState<Range | null>(() =>
    pageSelection(props.doc, props.host),
  );
  useEffect(() => {
    const onChange = () => {
      const r = pageSelection(props.doc, props.host);
      setRange(r ? r.cloneRange() : null);
    };
    props.doc.addEventListener('selectionchange', onChange);
    return () => props.doc.removeEventListener('selectionchange', onChange);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the page and Snag's host do not change while it is open
  }, []);
  // Measured again as the page scrolls or changes: a route's render can take the text away.
  useViewportTick(props.doc);
  if (!range || range.collapsed) return null;
  const rects = Array.from(range.getClientRects()).filter(
    (r) => r.width > 0 || r.height > 0,
  );
  const last = rects[rects.length - 1];
  // Text the page has since removed or hidden has nowhere to put the button.
  if (!last) return null;
  const win = props.doc.defaultView;
  const left = Math.min(
    Math.max(0, last.right - 40),
    (win?.innerWidth ?? 800) - 110,
  );
  const top = Math.min(last.bottom + 6, (win?.innerHeight ?? 600) - 44);
  return (
    <button
      type="button"
      class="snag-this primary"
      style={{ left: `${left}px`, top: `${top}px` }}
      // Keep the page's selection: pressing the button must not clear it before the click.
      onMouseDown={(e) => e.preventDefault()}
      onClick={(e) => {
        // Only the user's own click snags: a page's synthetic one is ignored.
        if (!e.isTrusted) return;
        props.onSnag(range);
        props.doc.getSelection()?.removeAllRanges();
        setRange(null);
      }}
    >
      {t('snagThis')}
    </button>
  );
}
