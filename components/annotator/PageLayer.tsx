import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { describeElement, describeRange } from '@/utils/anchoring';
import type {
  LayerMode,
  LayerToFrame,
  MarkFound,
  MarkSpec,
} from '@/utils/frame-link';
import Marks from './Marks';
import PinPicker from './PinPicker';
import SelectionButton, { pageSelection } from './SelectionButton';
import {
  placeAll,
  stillThere,
  watchPage,
  type MarkTarget,
  type PageWatch,
  type Placed,
} from './placement';

/** How long, after a change of address, to wait for the frame's marks before anchoring. */
const NEW_MARKS_WAIT_MS = 5000;

/** Props of what Snag keeps in the page: marks, the element picker and "Snag this". */
export interface PageLayerProps {
  /** The page's document. */
  doc: Document;
  /** Snag's host element in the page. */
  host: Element;
  /** The marks the frame asked for. */
  marks: MarkSpec[];
  /** What the frame asked the layer to pick. */
  mode: LayerMode;
  /** Tells the frame; only ever called after trusted input. */
  send: (message: LayerToFrame) => void;
  /** A mark to bring into view, with a counter so the same key can be asked twice. */
  scrollTo?: { key: string; n: number };
  /** Test seam: how long orphans are retried after load or navigation, in ms. */
  retryForMs?: number;
}

/** The found-state of each mark, as the frame shows it. */
function foundOf(placed: readonly Placed[]): Record<string, MarkFound> {
  const found: Record<string, MarkFound> = {};
  for (const p of placed) found[p.target.key] = p.anchored?.quality ?? null;
  return found;
}

/** The marks as targets to anchor. */
function targetsOf(marks: readonly MarkSpec[]): MarkTarget[] {
  return marks.map((m) => ({
    key: m.key,
    label: m.label,
    annotation: {
      id: m.key,
      kind: 'text',
      note: '',
      selectors: m.selectors,
    },
    ...(m.saved ? { reportId: m.key } : {}),
  }));
}

/** A ref that holds `value` as of the latest render. */
function useLatest<T>(value: T) {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}

/** What the page watcher does to the layer's marks. */
interface WatchActions {
  /** Anchors the marks again; answers whether all were found. */
  reanchor: () => boolean;
  /** Whether something found earlier has gone from the page. */
  anyGone: () => boolean;
  /** Takes the marks away. */
  clear: () => void;
}

/**
 * Watches the page for the layer's life, re-anchoring as it changes; on a change of address
 * the marks go and anchoring waits for the new route's. Answers the watcher.
 */
function usePageWatch(
  props: PageLayerProps,
  root: Element,
  actions: WatchActions,
) {
  // After a change of address, the frame answers with the new route's marks; until then
  // nothing is anchored, so an old or empty list never counts as settled.
  const marksArrived = useRef<(() => void) | null>(null);
  useEffect(() => {
    marksArrived.current?.();
    marksArrived.current = null;
  }, [props.marks]);

  const watch = useRef<PageWatch | null>(null);
  useEffect(() => {
    const stop = watchPage({
      root,
      retryForMs: props.retryForMs,
      reanchor: actions.reanchor,
      anyGone: actions.anyGone,
      onNavigate: () => {
        actions.clear();
        const arrived = new Promise<void>((resolve) => {
          marksArrived.current = resolve;
          setTimeout(resolve, NEW_MARKS_WAIT_MS);
        });
        props.send({ type: 'navigated' });
        return arrived;
      },
    });
    watch.current = stop;
    return stop;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one watcher for the layer's life; it reads the latest state through refs
  }, []);
  return watch;
}

/** Brings the mark `scrollTo` names into view each time it is asked for. */
function useScrollTo(
  scrollTo: PageLayerProps['scrollTo'],
  placedRef: { readonly current: Placed[] },
) {
  useEffect(() => {
    const key = scrollTo?.key;
    const p = placedRef.current.find((q) => q.target.key === key);
    const at =
      p?.anchored?.element ?? p?.anchored?.range?.startContainer.parentElement;
    at?.scrollIntoView({ block: 'center' });
  }, [scrollTo, placedRef]);
}

/**
 * Everything Snag shows in the page, inside its closed shadow root: numbered marks, the
 * element picker and the "Snag this" button. It holds numbers, positions and selectors only,
 * never report text, and it acts only on trusted input (a page can dispatch synthetic events
 * at the host, never trusted ones).
 */
export default function PageLayer(props: PageLayerProps) {
  const { doc, host, send } = props;
  const root = doc.body ?? doc.documentElement;
  const [placed, setPlaced] = useState<Placed[]>([]);
  const targets = useMemo(() => targetsOf(props.marks), [props.marks]);
  const targetsRef = useLatest(targets);
  const placedRef = useLatest(placed);

  const place = (next: Placed[]) => {
    setPlaced(next);
    send({ type: 'placed', found: foundOf(next) });
    return next;
  };

  const watch = usePageWatch(props, root, {
    reanchor: () =>
      place(placeAll(root, targetsRef.current)).every(
        (p) => p.anchored !== null,
      ),
    anyGone: () => placedRef.current.some((p) => !stillThere(p)),
    // The previous route's marks go at once.
    clear: () => place([]),
  });

  useEffect(() => {
    place(placeAll(root, targets));
    // A list that arrives after the watcher started (or changes) is retried while the page
    // is still rendering: it may be waiting for content that comes late.
    watch.current?.listChanged();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `root` is the page's body for the layer's life
  }, [targets]);

  useScrollTo(props.scrollTo, placedRef);

  // Describing can fail on an odd page; the frame then leaves pick mode and says so.
  const annotate = (make: () => LayerToFrame) => {
    try {
      send(make());
    } catch {
      send({ type: 'mode', mode: 'idle' });
    }
  };

  return (
    <div class="snag-root">
      <Marks
        doc={doc}
        placed={placed}
        onOpen={(p) => send({ type: 'open', key: p.target.key })}
      />
      {props.mode === 'pin' && (
        <PinPicker
          doc={doc}
          host={host}
          onPick={(element) =>
            annotate(() => ({
              type: 'annotate',
              kind: 'element',
              selectors: describeElement(element, root),
            }))
          }
          onCancel={() => send({ type: 'mode', mode: 'idle' })}
        />
      )}
      {props.mode !== 'pin' && (
        <SelectionButton
          doc={doc}
          host={host}
          onSnag={(range) =>
            annotate(() => ({
              type: 'annotate',
              kind: 'text',
              selectors: describeRange(range, root),
            }))
          }
        />
      )}
    </div>
  );
}

/** The page's selection as selectors, or null when nothing (of the page's) is selected. */
export function selectionSelectors(
  doc: Document,
  host: Element,
): LayerToFrame | null {
  const range = pageSelection(doc, host);
  if (!range) return null;
  return {
    type: 'annotate',
    kind: 'text',
    selectors: describeRange(range, doc.body ?? doc.documentElement),
  };
}
