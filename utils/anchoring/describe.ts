/**
 * Describing what the reporter pointed at as W3C selectors, so it can be found again after
 * the page has changed.
 */
import type {
  CssSelector,
  RangeSelector,
  Selector,
  TextPositionSelector,
  TextQuoteSelector,
} from '@/protocol/selectors';
import { cssSelectorFor } from './css-selector';
import {
  offsetOfPoint,
  offsetsOfElement,
  offsetsOfRange,
  pointAt,
  quoteContext,
  textModelOf,
  type TextModel,
} from './text-model';
import { SameTagPositions, xpathFromElement } from './xpath';

/** Longest quote the report schema accepts; longer selections are described from their start. */
export const MAX_QUOTE_LENGTH = 5000;
/** Longest quote kept of an element's text, enough to recognise it again. */
export const MAX_ELEMENT_QUOTE_LENGTH = 500;

const TEXT_NODE = 3;

/** The default root: the body of the node's own document (never the global document). */
function bodyOf(node: Node): Element {
  const doc = node.nodeType === 9 ? (node as Document) : node.ownerDocument;
  const root = doc?.body ?? doc?.documentElement;
  if (!root) throw new TypeError('The node is not in a document with a body.');
  return root;
}

/** Quote and position selectors for `[start, end)` of the model's text. */
export function describeOffsets(
  model: TextModel,
  start: number,
  end: number,
): [TextQuoteSelector, TextPositionSelector] {
  const { prefix, suffix } = quoteContext(model.text, start, end);
  return [
    {
      type: 'TextQuoteSelector',
      exact: model.text.slice(start, end),
      prefix,
      suffix,
    },
    { type: 'TextPositionSelector', start, end },
  ];
}

/**
 * Sibling positions remembered for each model. A model is only reused while the DOM under
 * its root is unchanged (see `textModelOf`), and so are the positions kept with it.
 */
const positionsByModel = new WeakMap<TextModel, SameTagPositions>();

function positionsFor(model: TextModel): SameTagPositions {
  let positions = positionsByModel.get(model);
  if (!positions) {
    positions = new SameTagPositions();
    positionsByModel.set(model, positions);
  }
  return positions;
}

/** The element holding a boundary and the boundary's text offset within that element. */
function rangeEnd(
  model: TextModel,
  offset: number,
  side: 'start' | 'end',
): { container: string; offset: number } | null {
  const point = pointAt(model, offset, side);
  const element =
    point.node.nodeType === TEXT_NODE
      ? point.node.parentElement
      : (point.node as Element);
  if (!element) return null;
  const container = xpathFromElement(element, model.root, positionsFor(model));
  if (container === null) return null;
  return { container, offset: offset - offsetOfPoint(model, element, 0) };
}

function rangeSelectorFor(
  model: TextModel,
  start: number,
  end: number,
): RangeSelector | null {
  const from = rangeEnd(model, start, 'start');
  const to = rangeEnd(model, end, 'end');
  if (!from || !to) return null;
  return {
    type: 'RangeSelector',
    startContainer: from.container,
    startOffset: from.offset,
    endContainer: to.container,
    endOffset: to.offset,
  };
}

/**
 * Selectors for a text selection: a TextQuoteSelector (the text with ~32 characters of
 * context each side), a TextPositionSelector and a Hypothesis-style RangeSelector, all
 * relative to `root` (by default the body of the range's document). Offsets count the text
 * model's characters (see `buildTextModel`). Returns `[]` for a range that holds no text;
 * a selection longer than the schema allows is described from its start.
 */
export function describeRange(range: Range, root?: Element): Selector[] {
  const scope = root ?? bodyOf(range.startContainer);
  const model = textModelOf(scope);
  const offsets = offsetsOfRange(model, range);
  const start = offsets.start;
  const end = Math.min(offsets.end, start + MAX_QUOTE_LENGTH);
  if (end <= start) return [];
  const selectors: Selector[] = describeOffsets(model, start, end);
  const rangeSelector = rangeSelectorFor(model, start, end);
  if (rangeSelector) selectors.push(rangeSelector);
  return selectors;
}

/**
 * Selectors for a pinned element: a CssSelector relative to `root` (by default the body of
 * the element's document) built from stable names, plus a TextQuoteSelector and
 * TextPositionSelector of the element's text when it has any, so that the element can be
 * recognised, and found again if the CSS no longer fits. Returns `[]` for an element
 * outside root.
 */
export function describeElement(element: Element, root?: Element): Selector[] {
  const scope = root ?? bodyOf(element);
  if (element !== scope && !scope.contains(element)) return [];
  // The model's sibling positions serve the CSS path too, for as long as the model holds.
  const model = textModelOf(scope);
  const value = cssSelectorFor(element, scope, positionsFor(model));
  if (value === null) return [];
  const css: CssSelector = { type: 'CssSelector', value };
  const selectors: Selector[] = [css];
  const { start, end } = offsetsOfElement(model, element);
  const shown = model.text.slice(start, end);
  if (shown.trim().length > 0) {
    selectors.push(
      ...describeOffsets(
        model,
        start,
        Math.min(end, start + MAX_ELEMENT_QUOTE_LENGTH),
      ),
    );
  }
  return selectors;
}
