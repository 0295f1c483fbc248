/**
 * Anchoring (DESIGN §4): describing what a reporter pointed at as W3C selectors, and finding
 * it again later, on a page that may have changed. Pure functions of a root element that
 * work from `root.ownerDocument`, so they run the same in the page, in jsdom and in happy-dom.
 */
export { anchorAllValidated, type Anchored } from './anchor';
export { anchor, anchorAll } from './checked';
export {
  describeElement,
  describeOffsets,
  describeRange,
  MAX_ELEMENT_QUOTE_LENGTH,
  MAX_QUOTE_LENGTH,
} from './describe';
export { cssEscape, cssSelectorFor, isStableName } from './css-selector';
export {
  collapseWhitespace,
  matchQuote,
  type QuoteMatch,
  type QuoteQuery,
} from './quote-match';
export {
  buildTextModel,
  CONTEXT_LENGTH,
  offsetOfPoint,
  offsetsOfElement,
  offsetsOfRange,
  pointAt,
  quoteContext,
  rangeFromOffsets,
  SNAG_UI_ATTRIBUTE,
  textModelOf,
  textOf,
  type DomPoint,
  type TextModel,
} from './text-model';
export { elementFromXPath, SameTagPositions, xpathFromElement } from './xpath';
