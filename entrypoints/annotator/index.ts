import { browser, type Browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createLayer, type PageLayer } from '@/components/annotator/layer-core';
import { loadedTools } from '@/components/annotator/picker-loader';
import type { ToolBox } from '@/components/annotator/picker-tools';
import { pageSelection } from '@/components/annotator/selection-button';
import { SNAG_UI_ATTRIBUTE } from '@/utils/anchoring';
import {
  FRAME_PAGE,
  FRAME_PORT,
  isFrameUrl,
  type FrameToLayer,
  type LayerToFrame,
  type LayerVisibility,
} from '@/utils/frame-link';
import layerCss from '@/components/annotator/annotator.css?inline';

/** What stays behind in the extension's isolated world, so a second injection reuses it. */
interface Instance {
  show(): void;
  /** For tests, run in this isolated world by the worker: the marks as drawn. */
  inspect(): { label: string; left: number; top: number; name: string }[];
  /** For tests: the name of what has focus inside Snag's layer, or ''. */
  focused(): string;
  /** For tests: the middle of the "Snag this" button, in the page's view, while it shows. */
  snagThis(): { x: number; y: number } | null;
}

const INSTANCE = '__snagAnnotator';
type Scope = typeof globalThis & { [INSTANCE]?: Instance };

/** Waits until the page has painted at least once more. */
const nextPaint = () =>
  new Promise<void>((done) =>
    requestAnimationFrame(() => requestAnimationFrame(() => done())),
  );

/** A `#snag=<id>` link's report id, passed to the frame (the id is already in the page's URL). */
const linkedReport = () =>
  /^#snag=([0-9a-f-]{36})$/i.exec(location.hash)?.[1] ?? null;

/** A stylesheet for Snag's shadow root. */
function sheet(css: string) {
  const style = document.createElement('style');
  style.textContent = css;
  return style;
}

/** Snag's host element, its closed shadow root, the layer's container and Snag's frame. */
function createHost() {
  const host = document.createElement('snag-annotator');
  host.setAttribute(SNAG_UI_ATTRIBUTE, '');
  // Closed: the page's scripts get no handle on what is inside.
  const shadow = host.attachShadow({ mode: 'closed' });
  const container = document.createElement('div');
  const frame = document.createElement('iframe');
  frame.className = 'snag-frame';
  frame.title = browser.i18n.getMessage('extName');
  const linked = linkedReport();
  frame.src = browser.runtime.getURL(
    `${FRAME_PAGE}${linked ? `?report=${linked}` : ''}` as '/annotator-frame.html',
  );
  shadow.append(sheet(layerCss), container, frame);
  return { host, shadow, container, frame };
}

/** Whether a port comes from Snag's own frame, the only one that may drive the layer. */
const isSnagFrame = (p: Browser.runtime.Port) =>
  p.name === FRAME_PORT &&
  p.sender?.id === browser.runtime.id &&
  isFrameUrl(p.sender.url);

/**
 * Listens for the worker hiding or showing Snag's layer while it captures the tab, and
 * answers once the page has painted.
 */
function workerListener(host: Element) {
  return (
    m: unknown,
    sender: Browser.runtime.MessageSender,
    respond: (answer: boolean) => void,
  ) => {
    const v = m as Partial<LayerVisibility>;
    // From the worker only: it has no tab.
    if (
      v?.type !== 'snagLayerHidden' ||
      sender.id !== browser.runtime.id ||
      sender.tab
    )
      return undefined;
    host.toggleAttribute('data-capturing', Boolean(v.hidden));
    void nextPaint().then(() => respond(true));
    return true;
  };
}

/**
 * The page's selection, for the frame's "Highlight text": described once the tools are here,
 * or "nothing selected".
 */
function useSelection(
  host: Element,
  tools: ToolBox,
  send: (m: LayerToFrame) => void,
) {
  const range = pageSelection(document, host)?.cloneRange();
  if (!range) return send({ type: 'noSelection' });
  tools.use(
    (t) => send(t.selectionAnnotation(document, range)),
    () => send({ type: 'noSelection' }),
  );
}

/** The name of what has focus inside Snag's layer, or '' (Snag's frame counts as none). */
function focusedName(shadow: ShadowRoot, frame: HTMLIFrameElement): string {
  const e = shadow.activeElement;
  if (!e || e === frame) return '';
  return (e.getAttribute('aria-label') ?? e.textContent ?? '').trim();
}

/** The marks as drawn: their text, names and positions. */
function drawnMarks(shadow: ShadowRoot): ReturnType<Instance['inspect']> {
  return Array.from(shadow.querySelectorAll('button.snag-pin')).map((b) => {
    const r = b.getBoundingClientRect();
    return {
      label: b.textContent ?? '',
      name: b.getAttribute('aria-label') ?? '',
      left: r.left,
      top: r.top,
    };
  });
}

/**
 * Snag in the page: a closed shadow root holding the inert layer (numbered marks, the
 * element picker, "Snag this") and Snag's frame, an extension page the page cannot read. The
 * layer takes orders only from that frame, over a port the frame opens, and from the worker.
 */
function mount(scope: Scope): Instance {
  const { host, shadow, container, frame } = createHost();
  let port: Browser.runtime.Port | null = null;
  let layer: PageLayer | null = null;
  const send = (m: LayerToFrame) => port?.postMessage(m);
  // The tools' stylesheet joins the layer's when they first load.
  const tools = loadedTools((t) => shadow.prepend(sheet(t.css ?? '')));

  const onFrameMessage = (m: FrameToLayer) => {
    if (!layer) return;
    if (m.type === 'marks') layer.setMarks(m.marks);
    else if (m.type === 'mode') layer.setMode(m.mode);
    else if (m.type === 'scrollTo') layer.scrollTo(m.key);
    else if (m.type === 'expand')
      frame.classList.toggle('expanded', m.expanded);
    else if (m.type === 'useSelection') useSelection(host, tools, send);
    else if (m.type === 'close') teardown();
  };

  const onConnect = (p: Browser.runtime.Port) => {
    if (!isSnagFrame(p)) return;
    port?.disconnect();
    port = p;
    p.onMessage.addListener((m) => onFrameMessage(m as FrameToLayer));
  };

  const onWorker = workerListener(host);

  // A page that removes Snag's host gets it back; the frame reads its draft again.
  const keeper = new MutationObserver(() => {
    if (!host.isConnected) document.documentElement.append(host);
  });

  const teardown = () => {
    keeper.disconnect();
    browser.runtime.onConnect.removeListener(onConnect);
    browser.runtime.onMessage.removeListener(onWorker);
    port?.disconnect();
    layer?.destroy();
    layer = null;
    host.remove();
    delete scope[INSTANCE];
  };

  browser.runtime.onConnect.addListener(onConnect);
  browser.runtime.onMessage.addListener(onWorker);
  document.documentElement.append(host);
  keeper.observe(document.documentElement, { childList: true });
  layer = createLayer({ doc: document, host, container, send }, tools);

  return {
    show() {
      if (!host.isConnected) document.documentElement.append(host);
    },
    focused: () => focusedName(shadow, frame),
    inspect: () => drawnMarks(shadow),
    snagThis: () => {
      const r = shadow
        .querySelector('button.snag-this')
        ?.getBoundingClientRect();
      return r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
    },
  };
}

export default defineUnlistedScript({
  main: () => {
    const scope = globalThis as Scope;
    const existing = scope[INSTANCE];
    if (existing) existing.show();
    else scope[INSTANCE] = mount(scope);
  },
});
