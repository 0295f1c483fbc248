/**
 * What Snag measures in each frame of a tab before a masked capture, and the two functions
 * that measure it there. Both run through `scripting.executeScript({ func })` over all frames,
 * which sends a function's source without its module: each uses nothing from outside its own
 * body, and reports plain numbers and strings. All the reasoning about those numbers (where a
 * frame sits, what shows, which pixels to paint) happens in the worker, in pure modules.
 *
 * The first pass (`measureFrame`) runs before the capture. It measures every private element
 * and embedded frame, and collects the text that `findPersonalData` will read; it keeps the
 * text nodes in the content script's own world (out of the page's reach) for the second pass.
 * The second pass (`measureFoundText`), after the capture, measures the boxes of the text the
 * worker found, and reports whether the frame scrolled or resized in between.
 */
import type { Box, Edges } from './geometry';

/** What the first pass is told. */
export interface MeasureArgs {
  /** Selector for the elements always masked (form fields, `[data-snag-private]`, …). */
  selector: string;
  /** More selectors to mask, set by the organisation; each is checked on its own. */
  extraSelectors: readonly string[];
  /** The attribute marking Snag's own elements, which are left out. */
  uiAttribute: string;
  /** The extension's own origin with a trailing slash: its frames are Snag's, left out. */
  ownOrigin: string;
}

/** An embedded frame (`iframe`, `frame`, `object`, `embed`) as its parent measured it. */
export interface EmbedMeasure {
  /**
   * The address of the embedded document when the parent may read it; otherwise the
   * element's own `src` (or `data`), which a navigation inside the frame makes stale.
   */
  src: string;
  /** Border box in the viewport of the document holding the element. */
  rect: Box;
  /** Layout size before transforms (`offsetWidth`, `offsetHeight`). */
  layout: { width: number; height: number };
  border: Edges;
  padding: Edges;
  /** False when nothing of it is painted (`display: none`, `visibility: hidden`). */
  rendered: boolean;
  /** The embedded document, measured by the parent because it may read it (same origin). */
  doc: DocMeasure | null;
}

/** One document as measured: its own viewport, private boxes, text and embedded frames. */
export interface DocMeasure {
  /** Index within its frame's documents, used by the second pass. */
  index: number;
  /** `innerWidth` and `innerHeight` of its window, CSS px. */
  viewport: { width: number; height: number };
  /** Client rects of every private element, in this document's viewport. */
  boxes: Box[];
  /**
   * The text of its text nodes in tree order, one list per tree: the document, then each
   * shadow root. Text is never joined across trees, which the page does not show in order.
   */
  texts: string[][];
  embeds: EmbedMeasure[];
}

/** A frame's answer to the first pass. */
export type FrameMeasure =
  | {
      /** This frame's document is same-origin with its parent's, which measured it. */
      nested: true;
    }
  | {
      nested: false;
      /** Names this measurement to the second pass. */
      token: string;
      href: string;
      /** Whether this is the tab's top frame. */
      top: boolean;
      devicePixelRatio: number;
      /** `visualViewport.scale`: pinch zoom. */
      visualScale: number;
      /** The frame's own document first; same-origin embedded ones inside it. */
      doc: DocMeasure;
      /** Scroll positions and viewport sizes, compared after the capture. */
      stamp: string;
      /** Extra selectors the browser could not parse. */
      invalidSelectors: string[];
      /** Set when measuring failed; nothing else is then to be trusted. */
      failed?: string;
    };

/**
 * A piece of found text: which document and tree, and from which node and offset to which
 * (the end offset is one past the last character).
 */
export type TextSpanRef = readonly [
  doc: number,
  tree: number,
  startNode: number,
  startOffset: number,
  endNode: number,
  endOffset: number,
];

/** What the second pass is told: the spans to measure, by the token of the first pass. */
export interface FoundTextArgs {
  spans: Record<string, readonly TextSpanRef[]>;
}

/** A frame's answer to the second pass; null when it had no first pass to finish. */
export type FoundTextMeasure = {
  token: string;
  /** As in the first pass, now: the frame did not move if they are equal. */
  stamp: string;
  /** For each span asked for, its client rects in its document's viewport; null if gone. */
  rects: (Box[] | null)[];
} | null;

/**
 * The first pass, run in each frame. A frame whose parent may read it answers `nested` and
 * leaves the measuring to the parent, which knows exactly where it put the frame.
 */
export function measureFrame(args: MeasureArgs): FrameMeasure {
  const KEY = Symbol.for('snag.capture.pending');
  const scope = globalThis as typeof globalThis & Record<symbol, unknown>;
  delete scope[KEY];

  // A same-origin parent can reach this document through the element that holds it, and
  // measures it there; across origins `frameElement` is null.
  const readableParent = (() => {
    try {
      return Boolean(window.frameElement);
    } catch {
      return false;
    }
  })();
  if (readableParent) return { nested: true };

  const random = new Uint32Array(4);
  crypto.getRandomValues(random);
  const token = Array.from(random, (n) => n.toString(36)).join('-');
  const invalidSelectors: string[] = [];
  const base = {
    nested: false as const,
    token,
    href: location.href,
    top: window === window.top,
    devicePixelRatio: window.devicePixelRatio,
    visualScale: window.visualViewport?.scale ?? 1,
  };
  try {
    // Extra selectors come from settings: one that does not parse must not hide the others.
    const valid = args.extraSelectors.filter((s) => {
      try {
        document.createDocumentFragment().querySelector(s);
        return true;
      } catch {
        invalidSelectors.push(s);
        return false;
      }
    });
    const privateSelector = [args.selector, ...valid].join(',');
    const uiSelector = `[${args.uiAttribute}]`;
    // Text that is not shown, by its parent's name as HTML (upper case) and SVG give it.
    const SKIPPED = new Set(
      ['HEAD', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TITLE'].flatMap(
        (n) => [n, n.toLowerCase()],
      ),
    );
    // A content script may open closed shadow roots: Chromium through `chrome.dom`, Firefox
    // through the element itself.
    const ext = (
      globalThis as {
        chrome?: {
          dom?: { openOrClosedShadowRoot?(e: Element): ShadowRoot | null };
        };
      }
    ).chrome;
    const shadowOf = (element: Element): ShadowRoot | null => {
      try {
        const firefox = element as Element & {
          openOrClosedShadowRoot?(): ShadowRoot | null;
        };
        return (
          ext?.dom?.openOrClosedShadowRoot?.(element) ??
          firefox.openOrClosedShadowRoot?.() ??
          element.shadowRoot
        );
      } catch {
        return element.shadowRoot;
      }
    };
    const boxOf = (r: DOMRectReadOnly): Box => ({
      x: r.left,
      y: r.top,
      width: r.width,
      height: r.height,
    });
    const px = (v: string) => parseFloat(v) || 0;

    const docs: Document[] = [];
    const textNodes: Text[][][] = [];

    const measureDoc = (doc: Document): DocMeasure => {
      const index = docs.length;
      docs.push(doc);
      const win = doc.defaultView ?? window;
      const trees: (Document | ShadowRoot)[] = [doc];
      const groups: Text[][] = [];
      const embedElements: Element[] = [];
      // Native queries and a plain walker, with no script called back per node: a page of
      // 100,000 nodes pays for every call.
      for (let t = 0; t < trees.length; t++) {
        const tree = trees[t]!;
        // Snag's own elements, and whatever they hold, are left out.
        const ours = Array.from(tree.querySelectorAll(uiSelector));
        const oursSet = new Set(ours);
        const holding = ours.filter((e) => e.firstChild);
        const isOurs = (node: Node) => holding.some((e) => e.contains(node));

        const group: Text[] = [];
        groups.push(group);
        const walker = doc.createTreeWalker(tree, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const parent = n.parentNode as Element | null;
          if (parent && SKIPPED.has(parent.nodeName)) continue;
          if (holding.length > 0 && isOurs(n)) continue;
          group.push(n as Text);
        }

        for (const element of Array.from(tree.querySelectorAll('*'))) {
          if (oursSet.has(element)) continue;
          // Closed roots are asked for on custom elements only, where web components keep
          // them: asking the extension API for every element costs seconds on a large page.
          const shadow =
            element.shadowRoot ??
            (element.localName.includes('-') ? shadowOf(element) : null);
          if (shadow && !(holding.length > 0 && isOurs(element)))
            trees.push(shadow);
        }
        for (const element of Array.from(
          tree.querySelectorAll('iframe, frame, object, embed'),
        )) {
          if (!element.closest(uiSelector)) embedElements.push(element);
        }
      }
      textNodes[index] = groups;

      const boxes: Box[] = [];
      for (const tree of trees) {
        for (const element of Array.from(
          tree.querySelectorAll(privateSelector),
        )) {
          if (element.closest(uiSelector)) continue;
          for (const r of Array.from(element.getClientRects())) {
            if (r.width > 0 && r.height > 0) boxes.push(boxOf(r));
          }
        }
      }

      const embeds: EmbedMeasure[] = [];
      for (const element of embedElements) {
        const el = element as HTMLIFrameElement & HTMLObjectElement;
        // Across origins the browser answers null; a sandboxed or dying frame may throw.
        const child = (() => {
          try {
            return el.contentDocument ?? null;
          } catch {
            return null;
          }
        })();
        const address = (() => {
          try {
            return child?.defaultView?.location.href ?? '';
          } catch {
            return '';
          }
        })();
        // A frame with no address of its own shows `about:srcdoc` or `about:blank`, which is
        // what it reports when a sandbox keeps its parent out.
        const unaddressed = el.hasAttribute('srcdoc')
          ? 'about:srcdoc'
          : 'about:blank';
        const src =
          address ||
          el.src ||
          el.data ||
          (element.localName === 'iframe' || element.localName === 'frame'
            ? unaddressed
            : '');
        if (args.ownOrigin && src.startsWith(args.ownOrigin)) continue;
        const style = win.getComputedStyle(element);
        const edges = (kind: 'border' | 'padding', suffix: string) =>
          ['Top', 'Right', 'Bottom', 'Left'].map((side) =>
            px(
              style.getPropertyValue(`${kind}-${side.toLowerCase()}${suffix}`),
            ),
          ) as unknown as Edges;
        const visible =
          typeof element.checkVisibility === 'function'
            ? element.checkVisibility({ visibilityProperty: true })
            : true;
        embeds.push({
          src,
          rect: boxOf(element.getBoundingClientRect()),
          layout: {
            width: (element as HTMLElement).offsetWidth ?? 0,
            height: (element as HTMLElement).offsetHeight ?? 0,
          },
          border: edges('border', '-width'),
          padding: edges('padding', ''),
          rendered: visible && element.getClientRects().length > 0,
          doc: child?.documentElement ? measureDoc(child) : null,
        });
      }

      return {
        index,
        viewport: { width: win.innerWidth, height: win.innerHeight },
        boxes,
        // Whitespace-only nodes only separate words: one space says as much.
        texts: groups.map((g) => g.map((n) => (n.data.trim() ? n.data : ' '))),
        embeds,
      };
    };

    const stampOf = () =>
      docs
        .map((d) => {
          const w = d.defaultView;
          return w
            ? `${w.scrollX},${w.scrollY},${w.innerWidth},${w.innerHeight}`
            : '-';
        })
        .join(';');

    const doc = measureDoc(document);
    const stamp = stampOf();

    // Kept in the content script's world, which the page cannot reach, for the second pass.
    scope[KEY] = {
      token,
      finish(spans: readonly TextSpanRef[]): NonNullable<FoundTextMeasure> {
        const rects = spans.map(([d, t, sn, so, en, eo]) => {
          const nodes = textNodes[d]?.[t];
          const start = nodes?.[sn];
          const end = nodes?.[en];
          const owner = docs[d];
          if (
            !start ||
            !end ||
            !owner ||
            !start.isConnected ||
            !end.isConnected
          )
            return null;
          try {
            const range = owner.createRange();
            range.setStart(start, so);
            range.setEnd(end, eo);
            return Array.from(range.getClientRects())
              .filter((r) => r.width > 0 && r.height > 0)
              .map(boxOf);
          } catch {
            return null;
          }
        });
        return { token, stamp: stampOf(), rects };
      },
    };

    return { ...base, doc, stamp, invalidSelectors };
  } catch (e) {
    return {
      ...base,
      doc: {
        index: 0,
        viewport: { width: innerWidth, height: innerHeight },
        boxes: [],
        texts: [],
        embeds: [],
      },
      stamp: '',
      invalidSelectors,
      failed: e instanceof Error ? e.message : String(e),
    };
  }
}

/**
 * The second pass, run in each frame after the capture: measures the found text of this
 * frame's first pass (looked up by its token) and forgets the first pass, whatever happens.
 */
export function measureFoundText(args: FoundTextArgs): FoundTextMeasure {
  const KEY = Symbol.for('snag.capture.pending');
  const scope = globalThis as typeof globalThis & Record<symbol, unknown>;
  const pending = scope[KEY] as
    | {
        token: string;
        finish(spans: readonly TextSpanRef[]): FoundTextMeasure;
      }
    | undefined;
  delete scope[KEY];
  if (!pending) return null;
  try {
    return pending.finish(args.spans[pending.token] ?? []);
  } catch {
    return null;
  }
}
