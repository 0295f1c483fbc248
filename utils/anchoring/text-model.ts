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

/** True for elements whose subtree the text model leaves out. */
export function isSkippedElement(element: Element): boolean {
  return (
    SKIPPED_TAGS.has(element.tagName.toUpperCase()) ||
    element.hasAttribute(SNAG_UI_ATTRIBUTE)
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

/** The text of `root` as the anchoring model sees it. */
export function textOf(root: Element): string {
  return buildTextModel(root).text;
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
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
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
