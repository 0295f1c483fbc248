import { t } from '@/utils/i18n';
import { boxesOf, stillThere, type Placed } from './placement';
import { useViewportTick } from './viewport';

/** Props of the marks drawn over the page. */
export interface MarksProps {
  /** The page's document, whose scrolling moves the marks. */
  doc: Document;
  /** Everything found on the page, draft annotations and saved reports alike. */
  placed: Placed[];
  /** Opens what a pin stands for, in Snag's frame; called only on trusted input. */
  onOpen: (placed: Placed) => void;
}

/** A pin's accessible name: its number or code only, never what the report says. */
const nameOf = (p: Placed) =>
  p.target.reportId === undefined
    ? t('noteLabel', p.target.label)
    : t('reportLabel', p.target.label);

/**
 * Numbered pins and highlights over the page, positioned from the anchored range's client
 * rectangles. The page's own text nodes are never touched. A mark found only approximately
 * (the text changed slightly) is drawn dashed; one whose element or text has gone is not drawn.
 */
export default function Marks(props: MarksProps) {
  // Positions are measured again whenever the page scrolls or resizes.
  const tick = useViewportTick(props.doc);
  return (
    <div class="snag-marks" data-tick={tick}>
      {props.placed.map((p) => {
        // Text the page has since changed is not marked until it is found again.
        const boxes = stillThere(p) ? boxesOf(p) : [];
        const first = boxes[0];
        if (!first) return null;
        const saved = p.target.reportId !== undefined;
        const kind = p.anchored?.range ? 'highlight' : 'outline';
        const fuzzy = p.anchored?.quality === 'fuzzy' ? ' fuzzy' : '';
        return (
          <div key={p.target.key}>
            {boxes.map((b, i) => (
              <div
                key={i}
                class={`snag-${kind}${saved ? ' saved' : ''}${fuzzy}`}
                style={{
                  left: `${b.left}px`,
                  top: `${b.top}px`,
                  width: `${b.width}px`,
                  height: `${b.height}px`,
                }}
              />
            ))}
            <button
              type="button"
              class={`snag-pin${saved ? ' saved' : ''}`}
              style={{
                left: `${Math.max(0, first.left - 12)}px`,
                top: `${Math.max(0, first.top - 12)}px`,
              }}
              aria-label={nameOf(p)}
              // A page can dispatch clicks at anything; only the user's own open the report.
              onClick={(e) => e.isTrusted && props.onOpen(p)}
            >
              {p.target.label}
            </button>
          </div>
        );
      })}
    </div>
  );
}
