import { boxesOf, type Placed } from './placement';
import { useViewportTick } from './viewport';

/** Props of the marks drawn over the page. */
export interface MarksProps {
  /** The page's document, whose scrolling moves the marks. */
  doc: Document;
  /** Everything found on the page, draft annotations and saved reports alike. */
  placed: Placed[];
  /** Accessible name of each pin. */
  nameOf: (placed: Placed) => string;
  /** Opens what a pin stands for. */
  onOpen: (placed: Placed) => void;
}

/**
 * Numbered pins and highlights over the page, positioned from the anchored range's client
 * rectangles. The page's own text nodes are never touched.
 */
export default function Marks(props: MarksProps) {
  // Positions are measured again whenever the page scrolls or resizes.
  const tick = useViewportTick(props.doc);
  return (
    <div class="snag-marks" data-tick={tick}>
      {props.placed.map((p) => {
        const boxes = boxesOf(p);
        const first = boxes[0];
        if (!first) return null;
        const saved = p.target.reportId !== undefined;
        const kind = p.anchored?.range ? 'highlight' : 'outline';
        return (
          <div key={p.target.key}>
            {boxes.map((b, i) => (
              <div
                key={i}
                class={`snag-${kind}${saved ? ' saved' : ''}`}
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
              aria-label={props.nameOf(p)}
              onClick={() => props.onOpen(p)}
            >
              {p.target.label}
            </button>
          </div>
        );
      })}
    </div>
  );
}
