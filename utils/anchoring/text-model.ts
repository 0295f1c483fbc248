/**
 * The text model that every selector's offsets refer to: the data of the text nodes under a
 * root, in document order, leaving out text the reader never sees as page content (scripts,
 * styles, templates) and Snag's own UI. Built in one pass so that 100k-node pages stay cheap,
 * and read back with binary search.
 */

/** Elements whose text is not page content. Upper case, as `tagName` gives it for HTML. */
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

/** Attribute that marks the host elements of Snag's own UI, which the text model ignores. */
export const SNAG_UI_ATTRIBUTE = 'data-snag-ui';

// DOM constants, spelled out because `Node` and `NodeFilter` need not exist as globals
// (a jsdom document used from plain Node has neither).
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;
const FILTER_ACCEPT = 1;
const FILTER_REJECT = 2;
const FILTER_SKIP = 3;
const DOCUMENT_POSITION_FOLLOWING = 4;
const DOCUMENT_POSITION_CONTAINED_BY = 16;

/** The text of a root, with the text nodes it came from. */
export interface TextModel {
  /** The root the model was built from. */
  readonly root: Element;
  /** All the text, concatenated; TextPositionSelector offsets index into this. */
  readonly text: string;
  /** The non-empty text nodes, in document order. */
  readonly nodes: readonly Text[];
  /** `starts[i]` is where `nodes[i]` begins in `text`. */
  readonly starts: readonly number[];
  /** Index of each node in `nodes`. */
  readonly indexOf: ReadonlyMap<Text, number>;
}

/** A point in the DOM, as a Range boundary. */
export interface DomPoint {
  node: Node;
  offset: number;
}

/**
 * True for elements whose subtree the text model leaves out. The UI attribute is looked up
 * without a namespace, as CSS's `[data-snag-ui]` and a MutationObserver's `attributeFilter`
 * see it, so that the observer guarding a cached model reports every change that matters.
 */
export function isSkippedElement(element: Element): boolean {
  return (
    SKIPPED_TAGS.has(element.tagName.toUpperCase()) ||
    element.hasAttributeNS(null, SNAG_UI_ATTRIBUTE)
  );
}

/**
 * Builds the text model of `root` with a TreeWalker from `root.ownerDocument`.
 * Rejecting skipped elements in the filter prunes their whole subtree in one step.
 */
export function buildTextModel(root: Element): TextModel {
  const nodes: Text[] = [];
  const starts: number[] = [];
  const indexOf = new Map<Text, number>();
  const parts: string[] = [];
  if (isSkippedElement(root)) {
    return { root, text: '', nodes, starts, indexOf };
  }
  const walker = root.ownerDocument.createTreeWalker(
    root,
    SHOW_ELEMENT | SHOW_TEXT,
    {
      acceptNode(node: Node): number {
        if (node.nodeType === TEXT_NODE) return FILTER_ACCEPT;
        return isSkippedElement(node as Element) ? FILTER_REJECT : FILTER_SKIP;
      },
    },
  );
  let length = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = (node as Text).data;
    if (data.length === 0) continue;
    indexOf.set(node as Text, nodes.length);
    nodes.push(node as Text);
    starts.push(length);
    parts.push(data);
    length += data.length;
  }
  return { root, text: parts.join(''), nodes, starts, indexOf };
}

/** A model kept for a root, and the observer that tells us when it no longer holds. */
interface CachedModel {
  readonly model: TextModel;
  /** The document the root belonged to when the model was built. */
  readonly doc: Document;
  readonly observer: MutationObserver;
}

const cachedModels = new WeakMap<Element, CachedModel>();

/**
 * Everything that can change a model: text nodes coming and going or changing their data
 * anywhere under the root, and the UI attribute appearing or disappearing on the root or an
 * element under it. Skipped tags cannot change without a node being inserted or removed.
 */
const MODEL_CHANGES: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: [SNAG_UI_ATTRIBUTE],
};

function forget(root: Element, entry: CachedModel): void {
  entry.observer.disconnect();
  if (cachedModels.get(root) === entry) cachedModels.delete(root);
}

/**
 * The text model of `root`, the same as `buildTextModel(root)` would build now, but kept
 * between calls while the root's subtree stays unchanged. A MutationObserver from the root's
 * own window guards each kept model: any record it holds, or has already delivered, means
 * the model is built again. Without a MutationObserver (a document with no window) nothing
 * is kept. The model returned must not be modified.
 */
export function textModelOf(root: Element): TextModel {
  const doc = root.ownerDocument;
  const cached = cachedModels.get(root);
  if (cached) {
    // takeRecords() returns what has been queued but not yet delivered; once delivered, the
    // callback has already dropped the entry.
    if (cached.doc === doc && cached.observer.takeRecords().length === 0) {
      return cached.model;
    }
    forget(root, cached);
  }
  const model = buildTextModel(root);
  const Observer = doc.defaultView?.MutationObserver;
  if (typeof Observer !== 'function') return model;
  try {
    const observer: MutationObserver = new Observer(() => forget(root, entry));
    const entry: CachedModel = { model, doc, observer };
    observer.observe(root, MODEL_CHANGES);
    cachedModels.set(root, entry);
  } catch {
    // An observer we cannot set up guards nothing: use the model once.
  }
  return model;
}

/** The text of `root` as the anchoring model sees it. */
export function textOf(root: Element): string {
  return textModelOf(root).text;
}

/** Index of the last node starting at or before `offset` (binary search). */
function lastNodeStartingAtOrBefore(model: TextModel, offset: number): number {
  let lo = 0;
  let hi = model.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((model.starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The DOM point at a text offset. `side` decides which node a boundary between two nodes
 * belongs to: a range's start goes to the following node and its end to the preceding one,
 * so that the range never takes in a node it holds no text of.
 */
export function pointAt(
  model: TextModel,
  offset: number,
  side: 'start' | 'end',
): DomPoint {
  const { nodes, starts } = model;
  if (nodes.length === 0) return { node: model.root, offset: 0 };
  const clamped = Math.max(0, Math.min(offset, model.text.length));
  let i = lastNodeStartingAtOrBefore(model, clamped);
  if (side === 'end' && i > 0 && starts[i] === clamped) i -= 1;
  const node = nodes[i] as Text;
  const start = starts[i] ?? 0;
  return {
    node,
    offset: Math.min(Math.max(clamped - start, 0), node.data.length),
  };
}

/** A Range over `[start, end)` of the model's text, made by the root's own document. */
export function rangeFromOffsets(
  model: TextModel,
  start: number,
  end: number,
): Range {
  const range = model.root.ownerDocument.createRange();
  if (model.nodes.length === 0) {
    range.selectNodeContents(model.root);
    return range;
  }
  const from = pointAt(model, start, 'start');
  const to = end <= start ? from : pointAt(model, end, 'end');
  // The range is put inside the end node before its boundaries are set. Each setStart and
  // setEnd compares the new boundary with the other end, and jsdom compares points in two
  // different nodes by walking from the later one to the end of the document. From a fresh
  // range (at the document's start) that takes two such walks, one of them over the whole
  // document; in this order it takes one. The range is the same either way.
  range.selectNodeContents(to.node);
  range.setEnd(to.node, to.offset);
  range.setStart(from.node, from.offset);
  return range;
}

/**
 * True when the text node `text` lies at or after the boundary point (`container`, `offset`),
 * in document order. Works for any container: an element, a text node the model skips, or
 * an offset past the last child.
 */
function isAtOrAfter(text: Text, container: Node, offset: number): boolean {
  const children = container.childNodes;
  const isCharacterData =
    container.nodeType !== ELEMENT_NODE &&
    container.nodeType !== 9 &&
    container.nodeType !== 11;
  if (!isCharacterData && offset < children.length) {
    const child = children[offset] as Node;
    return (
      child === text ||
      (child.compareDocumentPosition(text) & DOCUMENT_POSITION_FOLLOWING) !== 0
    );
  }
  if (isCharacterData && offset === 0) {
    return (
      container === text ||
      (container.compareDocumentPosition(text) &
        DOCUMENT_POSITION_FOLLOWING) !==
        0
    );
  }
  // The point sits after all of `container`'s content: only nodes past its subtree follow.
  const position = container.compareDocumentPosition(text);
  return (
    (position & DOCUMENT_POSITION_FOLLOWING) !== 0 &&
    (position & DOCUMENT_POSITION_CONTAINED_BY) === 0
  );
}

/** How many nodes `offsetOfPoint` walks forward before it falls back to binary search. */
const MAX_WALK = 64;

/** The node after `node`'s subtree in document order, or null at the end of its tree. */
function nextOutside(node: Node): Node | null {
  for (let current: Node | null = node; current; current = current.parentNode) {
    if (current.nextSibling) return current.nextSibling;
  }
  return null;
}

/**
 * The index of the first modelled text node at or after the boundary point, found by
 * walking forward through the DOM from the point, or undefined when none turns up within
 * `MAX_WALK` nodes. Membership of `indexOf` decides what is modelled, so the answer is the
 * one the binary search would give.
 */
function firstModelledFrom(
  model: TextModel,
  container: Node,
  offset: number,
): number | undefined {
  const type = container.nodeType;
  const hasChildren = type === ELEMENT_NODE || type === 9 || type === 11;
  // Character data that reaches here is not modelled, so from any offset in it the search
  // goes on after it.
  let node =
    hasChildren && offset < container.childNodes.length
      ? (container.childNodes[offset] ?? null)
      : nextOutside(container);
  for (let steps = 0; node && steps < MAX_WALK; steps += 1) {
    if (node.nodeType === TEXT_NODE) {
      const index = model.indexOf.get(node as Text);
      if (index !== undefined) return index;
    }
    node = node.firstChild ?? nextOutside(node);
  }
  return undefined;
}

/**
 * The text offset of a DOM boundary point. Points inside a modelled text node map directly;
 * any other point maps to the start of the first modelled text that follows it.
 */
export function offsetOfPoint(
  model: TextModel,
  container: Node,
  offset: number,
): number {
  const index =
    container.nodeType === TEXT_NODE
      ? model.indexOf.get(container as Text)
      : undefined;
  if (index !== undefined) {
    const node = model.nodes[index] as Text;
    return (
      (model.starts[index] ?? 0) +
      Math.min(Math.max(offset, 0), node.data.length)
    );
  }
  // Most points lie just before some text (an element's start, its end inside a paragraph):
  // walking there is far cheaper than comparing positions across the document.
  const near = firstModelledFrom(model, container, offset);
  if (near !== undefined) return model.starts[near] ?? 0;
  // Binary search relies on document order being monotone along `nodes`.
  let lo = 0;
  let hi = model.nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isAtOrAfter(model.nodes[mid] as Text, container, offset)) hi = mid;
    else lo = mid + 1;
  }
  return lo < model.nodes.length ? (model.starts[lo] ?? 0) : model.text.length;
}

/** The `[start, end)` text offsets a Range covers; both clamped into the model. */
export function offsetsOfRange(
  model: TextModel,
  range: Range,
): { start: number; end: number } {
  const start = offsetOfPoint(model, range.startContainer, range.startOffset);
  const end = offsetOfPoint(model, range.endContainer, range.endOffset);
  return { start, end: Math.max(start, end) };
}

/** The `[start, end)` text offsets of an element's own text. */
export function offsetsOfElement(
  model: TextModel,
  element: Element,
): { start: number; end: number } {
  const start = offsetOfPoint(model, element, 0);
  const end = offsetOfPoint(model, element, element.childNodes.length);
  return { start, end: Math.max(start, end) };
}

/** How much context `describe` keeps either side of a quote. */
export const CONTEXT_LENGTH = 32;

/** The text either side of `[start, end)`, `length` characters at most each way. */
export function quoteContext(
  text: string,
  start: number,
  end: number,
  length: number = CONTEXT_LENGTH,
): { prefix: string; suffix: string } {
  return {
    prefix: text.slice(Math.max(0, start - length), start),
    suffix: text.slice(end, end + length),
  };
}
