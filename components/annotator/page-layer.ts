import { describeElement, describeRange } from '@/utils/anchoring';
import type {
  LayerMode,
  LayerToFrame,
  MarkFound,
  MarkSpec,
} from '@/utils/frame-link';
import { el } from './dom';
import { createMarks } from './marks';
import { createPinPicker } from './pin-picker';
import { createSelectionButton, pageSelection } from './selection-button';
import {
  placeAll,
  stillThere,
  watchPage,
  type MarkTarget,
  type Placed,
} from './placement';
import { watchViewport } from './viewport';

/** How long, after a change of address, to wait for the frame's marks before anchoring. */
const NEW_MARKS_WAIT_MS = 5000;

/** Options of what Snag keeps in the page: marks, the element picker and "Snag this". */
export interface PageLayerOptions {
  /** The page's document. */
  doc: Document;
  /** Snag's host element in the page. */
  host: Element;
  /** Where the layer's `.snag-root` goes (inside Snag's closed shadow root). */
  container: Element;
  /** Tells the frame; only ever called after trusted input (or with what was found). */
  send: (message: LayerToFrame) => void;
  /** Test seam: how long orphans are retried after load or navigation, in ms. */
  retryForMs?: number;
}

/** The layer's side of the frame's orders. */
export interface PageLayer {
  /** Draw these marks (replacing the ones drawn). */
  setMarks(marks: MarkSpec[]): void;
  /** Start or stop picking. */
  setMode(mode: LayerMode): void;
  /** Bring a mark into view. */
  scrollTo(key: string): void;
  /** Takes everything away and stops watching the page. */
  destroy(): void;
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
    annotation: { id: m.key, kind: 'text', note: '', selectors: m.selectors },
    ...(m.saved ? { reportId: m.key } : {}),
  }));
}

/** The tool shown beside the marks: the picker in pin mode, "Snag this" otherwise. */
interface Tool {
  pin: boolean;
  draw(): void;
  destroy(): void;
}

/** The tool for `mode`, put in `root` (after the marks). */
function toolFor(
  mode: LayerMode,
  options: PageLayerOptions,
  root: HTMLElement,
  emit: (m: LayerToFrame) => void,
): Tool {
  const { doc, host } = options;
  // Describing can fail on an odd page; the frame then leaves pick mode and says so.
  const annotate = (make: () => LayerToFrame) => {
    try {
      emit(make());
    } catch {
      emit({ type: 'mode', mode: 'idle' });
    }
  };
  const body = doc.body ?? doc.documentElement;
  if (mode !== 'pin') {
    const button = createSelectionButton({
      doc,
      host,
      parent: root,
      onSnag: (range) =>
        annotate(() => ({
          type: 'annotate',
          kind: 'text',
          selectors: describeRange(range, body),
        })),
    });
    return { pin: false, ...button };
  }
  const picker = createPinPicker({
    doc,
    host,
    onPick: (element) =>
      annotate(() => ({
        type: 'annotate',
        kind: 'element',
        selectors: describeElement(element, body),
      })),
    onCancel: () => emit({ type: 'mode', mode: 'idle' }),
  });
  root.append(...picker.nodes);
  picker.button.focus();
  const destroy = () => picker.nodes.forEach((n) => n.remove());
  return { pin: true, draw: picker.draw, destroy };
}

/**
 * After a change of address, the frame answers with the new route's marks; until then
 * nothing is anchored, so an old or empty list never counts as settled. `next` answers a
 * promise that settles when `arrived` is next called, or after a while without an answer.
 */
function marksWaiter() {
  let resolve: (() => void) | null = null;
  return {
    arrived() {
      resolve?.();
      resolve = null;
    },
    next: () =>
      new Promise<void>((done) => {
        resolve = done;
        setTimeout(done, NEW_MARKS_WAIT_MS);
      }),
  };
}

/** Brings the mark `key` into view. */
function scrollToMark(placed: readonly Placed[], key: string): void {
  const a = placed.find((q) => q.target.key === key)?.anchored;
  const at = a?.element ?? a?.range?.startContainer.parentElement;
  at?.scrollIntoView({ block: 'center' });
}

/**
 * Everything Snag shows in the page, inside its closed shadow root: numbered marks, the
 * element picker and the "Snag this" button. It holds numbers, positions and selectors only,
 * never report text, and it acts only on trusted input (a page can dispatch synthetic events
 * at the host, never trusted ones).
 */
export function createPageLayer(options: PageLayerOptions): PageLayer {
  const { doc } = options;
  const body = doc.body ?? doc.documentElement;
  const root = el(doc, 'div', 'snag-root');
  let targets: MarkTarget[] = [];
  let placed: Placed[] = [];
  let tool: Tool | null = null;
  const waiter = marksWaiter();

  const marks = createMarks(doc, (p) =>
    emit({ type: 'open', key: p.target.key }),
  );
  const place = (next: Placed[]) => {
    placed = next;
    marks.draw(placed);
    options.send({ type: 'placed', found: foundOf(next) });
    return next;
  };
  // What the layer says changes its own mode first: a pin or a snag ends picking.
  const emit = (m: LayerToFrame) => {
    if (m.type === 'mode') setMode(m.mode);
    if (m.type === 'annotate') setMode('idle');
    options.send(m);
  };
  const setMode = (mode: LayerMode) => {
    if (tool && tool.pin === (mode === 'pin')) return;
    tool?.destroy();
    tool = toolFor(mode, options, root, emit);
  };

  const watch = watchPage({
    root: body,
    retryForMs: options.retryForMs,
    reanchor: () =>
      place(placeAll(body, targets)).every((p) => p.anchored !== null),
    anyGone: () => placed.some((p) => !stillThere(p)),
    onNavigate: () => {
      // The previous route's marks go at once.
      place([]);
      const arrived = waiter.next();
      options.send({ type: 'navigated' });
      return arrived;
    },
  });
  const stopViewport = watchViewport(doc, () => {
    marks.draw(placed);
    tool?.draw();
  });

  const setMarks = (list: MarkSpec[]) => {
    waiter.arrived();
    targets = targetsOf(list);
    place(placeAll(body, targets));
    // A list that arrives after the watcher started (or changes) is retried while the page
    // is still rendering: it may be waiting for content that comes late.
    watch.listChanged();
  };

  root.append(marks.element);
  options.container.append(root);
  setMode('idle');
  setMarks([]);
  return {
    setMarks,
    setMode,
    scrollTo: (key) => scrollToMark(placed, key),
    destroy() {
      watch();
      stopViewport();
      tool?.destroy();
      root.remove();
    },
  };
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
