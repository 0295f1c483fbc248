import type {
  LayerMode,
  LayerToFrame,
  MarkFound,
  MarkSpec,
} from '@/utils/frame-link';
import { el, onTrusted } from './dom';
import { createMarks } from './marks';
import type { Caught, ToolBox, ToolContext, ToolView } from './picker-tools';
import { pageSelection } from './selection-button';
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

/**
 * Pin mode before the picker's code is here: a glass over the page already catches the
 * pointer, so the page gets no click meant for Snag, and a trusted click made meanwhile pins
 * the element under it once the picker is shown. Answers a function that takes it away.
 */
function catchPointer(doc: Document, root: HTMLElement, caught: Caught) {
  const glass = el(doc, 'div', 'snag-glass');
  const at = (e: MouseEvent) =>
    (caught.pointer = { x: e.clientX, y: e.clientY });
  onTrusted(glass, 'pointermove', at);
  glass.addEventListener('click', (e) => {
    e.preventDefault();
    if (!e.isTrusted) return;
    at(e);
    caught.clicked = true;
  });
  root.append(glass);
  return () => glass.remove();
}

/**
 * Before "Snag this" is here, only the selection is watched: once the page's text is
 * selected, `load` runs. Answers a function that stops watching.
 */
function awaitSelection(doc: Document, host: Element, load: () => void) {
  const stop = () => doc.removeEventListener('selectionchange', onChange);
  const onChange = () => {
    if (!pageSelection(doc, host)) return;
    stop();
    load();
  };
  doc.addEventListener('selectionchange', onChange);
  onChange();
  return stop;
}

/**
 * The tool for `mode`, put in `root` (after the marks): shown at once when the tools are
 * here, otherwise once they have loaded, which pin mode asks for at once and "Snag this"
 * when the page's text is first selected.
 */
function toolFor(
  mode: LayerMode,
  options: PageLayerOptions,
  root: HTMLElement,
  emit: (m: LayerToFrame) => void,
  tools: ToolBox,
): Tool {
  const { doc, host } = options;
  const pin = mode === 'pin';
  const ctx: ToolContext = { doc, host, root, emit, caught: {} };
  let shown: ToolView | null = null;
  let gone = false;
  let stopWaiting = () => undefined as void;
  const load = () =>
    tools.use(
      (t) => {
        if (gone) return;
        stopWaiting();
        shown = pin ? t.showPicker(ctx) : t.showSnagThis(ctx);
        // A click caught while loading pins at once, which ends pin mode.
        if (gone) shown.destroy();
      },
      () => pin && !gone && emit({ type: 'mode', mode: 'idle' }),
    );
  if (tools.now()) load();
  else if (pin) {
    stopWaiting = catchPointer(doc, root, ctx.caught);
    load();
  } else stopWaiting = awaitSelection(doc, host, load);
  return {
    pin,
    draw: () => shown?.draw(),
    destroy() {
      gone = true;
      stopWaiting();
      shown?.destroy();
    },
  };
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
 * Where the marks are: found by the first look, and by the full search where it is here.
 * Where it is not, it is loaded, and the marks are placed again when it comes (or, should it
 * fail, shown as not found). The frame hears how marks were found only once all are settled,
 * so a mark waiting for the search never shows as "not found" for a moment.
 */
function placements(
  body: Element,
  tools: ToolBox,
  draw: (placed: readonly Placed[]) => void,
  send: (message: LayerToFrame) => void,
) {
  let targets: MarkTarget[] = [];
  let placed: Placed[] = [];
  let searchAsked = false;
  const place = (next: Placed[]) => {
    placed = next;
    draw(placed);
    if (!next.some((p) => p.pending))
      send({ type: 'placed', found: foundOf(next) });
    return next;
  };
  const again = (): Placed[] => {
    const next = placeAll(body, targets, tools.now()?.anchorAll ?? null);
    if (next.some((p) => p.pending) && !searchAsked) {
      searchAsked = true;
      tools.use(
        () => {
          searchAsked = false;
          again();
        },
        () => {
          searchAsked = false;
          place(placed.map(({ pending: _, ...p }) => p));
        },
      );
    }
    return place(next);
  };
  return {
    placed: () => placed,
    /** Places these targets, replacing the ones placed. */
    set(list: MarkTarget[]) {
      targets = list;
      return again();
    },
    /** Places the same targets again, after the page changed. */
    again,
    /** Takes every mark away (the address changed). */
    clear: () => place([]),
  };
}

/**
 * Everything Snag shows in the page, inside its closed shadow root: numbered marks, the
 * element picker and the "Snag this" button. It holds numbers, positions and selectors only,
 * never report text, and it acts only on trusted input (a page can dispatch synthetic events
 * at the host, never trusted ones).
 */
export function createLayer(
  options: PageLayerOptions,
  tools: ToolBox,
): PageLayer {
  const { doc } = options;
  const body = doc.body ?? doc.documentElement;
  const root = el(doc, 'div', 'snag-root');
  let tool: Tool | null = null;
  const waiter = marksWaiter();

  const marks = createMarks(doc, (p) =>
    emit({ type: 'open', key: p.target.key }),
  );
  const at = placements(body, tools, marks.draw, options.send);
  // What the layer says changes its own mode first: a pin or a snag ends picking.
  const emit = (m: LayerToFrame) => {
    if (m.type === 'mode') setMode(m.mode);
    if (m.type === 'annotate') setMode('idle');
    options.send(m);
  };
  const setMode = (mode: LayerMode) => {
    if (tool && tool.pin === (mode === 'pin')) return;
    tool?.destroy();
    tool = toolFor(mode, options, root, emit, tools);
  };

  const watch = watchPage({
    root: body,
    retryForMs: options.retryForMs,
    reanchor: () => at.again().every((p) => p.anchored !== null),
    anyGone: () => at.placed().some((p) => !stillThere(p)),
    onNavigate: () => {
      // The previous route's marks go at once.
      at.clear();
      const arrived = waiter.next();
      options.send({ type: 'navigated' });
      return arrived;
    },
  });
  const stopViewport = watchViewport(doc, () => {
    marks.draw(at.placed());
    tool?.draw();
  });

  const setMarks = (list: MarkSpec[]) => {
    waiter.arrived();
    at.set(targetsOf(list));
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
    scrollTo: (key) => scrollToMark(at.placed(), key),
    destroy() {
      watch();
      stopViewport();
      tool?.destroy();
      root.remove();
    },
  };
}
