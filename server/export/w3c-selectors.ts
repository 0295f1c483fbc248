/**
 * Snag's stored selectors in the shapes the W3C Web Annotation Data Model gives them
 * (https://www.w3.org/TR/annotation-model/#selectors), and back again.
 *
 * The extension describes what a reporter pointed at relative to the page's body (docs/architecture.md, "Anchoring"):
 * XPaths such as `/div[3]/p[2]` counted from the body, a Hypothesis-style RangeSelector whose
 * `startContainer`/`startOffset` fields the model does not define, and CSS selectors matched
 * among the body's descendants. Reports keep that form; the export converts it:
 * - XPaths start from the document root, `/html[1]/body[1]/…` (model §4.2.3);
 * - a RangeSelector is a `startSelector` and an `endSelector`, each an XPathSelector for the
 *   element holding the boundary, refined by a zero-length TextPositionSelector at the
 *   boundary's offset into that element's text (model §4.2.8, §4.2.9);
 * - a CSS selector is scoped to the body, so that matched from the document it still picks
 *   only what it picked among the body's descendants (model §4.2.2).
 * Quote and position selectors are the same in both. Offsets count characters as the
 * extension's text model does: UTF-16 code units of the body's text, leaving out `script`,
 * `style`, `noscript` and `template`.
 */
import {
  selector as storedSelector,
  type Selector,
} from '../../protocol/selectors';

/** A TextQuoteSelector (model §4.2.4). */
export interface W3CTextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
}

/** A TextPositionSelector (model §4.2.5). */
export interface W3CTextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** A CssSelector, matched against the whole document (model §4.2.2). */
export interface W3CCssSelector {
  type: 'CssSelector';
  value: string;
}

/** An XPathSelector from the document root, optionally narrowed to a text position. */
export interface W3CXPathSelector {
  type: 'XPathSelector';
  value: string;
  refinedBy?: W3CTextPositionSelector;
}

/** A RangeSelector: from the start of `startSelector` up to the start of `endSelector`. */
export interface W3CRangeSelector {
  type: 'RangeSelector';
  startSelector: W3CXPathSelector;
  endSelector: W3CXPathSelector;
}

/** Any selector the export writes. */
export type W3CSelector =
  | W3CTextQuoteSelector
  | W3CTextPositionSelector
  | W3CCssSelector
  | W3CXPathSelector
  | W3CRangeSelector;

/** The XPath of an HTML document's body from the document root; HTML parsers always make it. */
export const BODY_XPATH = '/html[1]/body[1]';

/** The XPaths the extension writes: element steps with positions, from the body. */
const OUR_XPATH = /^(?:\/[A-Za-z][\w.-]*\[\d{1,6}\])*$/;

/** `value` from the document root, or null when it is not an XPath of the extension's form. */
function xpathFromRoot(value: string): string | null {
  // The extension reads '', '/' and '.' as the body itself.
  if (value === '' || value === '/' || value === '.') return BODY_XPATH;
  return OUR_XPATH.test(value) ? BODY_XPATH + value : null;
}

/** True when `value` has a comma outside quotes and brackets: a list of selectors. */
function isSelectorList(value: string): boolean {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i];
    if (char === '\\') {
      i += 1;
    } else if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '(' || char === '[') {
      depth += 1;
    } else if (char === ')' || char === ']') {
      depth -= 1;
    } else if (char === ',' && depth === 0) {
      return true;
    }
  }
  return false;
}

/**
 * A body-relative CSS selector as one to match from the document, or null when it cannot be
 * scoped exactly. The extension matches among the body's descendants, so `X` becomes
 * `body X`; its `:scope` (the body itself) becomes `body`.
 */
function cssFromRoot(value: string): string | null {
  const rest = value.startsWith(':scope') ? value.slice(':scope'.length) : null;
  const body = rest === null ? value : rest;
  // `:scope` anywhere else, or a list, would mean something else once prefixed.
  if (body.includes(':scope') || isSelectorList(value)) return null;
  if (rest === null)
    return value.trim() === '' || /^\s*[>+~]/.test(value)
      ? null
      : `body ${value}`;
  if (rest === '' || /^\s*[>+~]/.test(rest)) return `body${rest}`;
  return null;
}

function boundary(container: string, offset: number): W3CXPathSelector | null {
  const value = xpathFromRoot(container);
  if (value === null) return null;
  return {
    type: 'XPathSelector',
    value,
    refinedBy: { type: 'TextPositionSelector', start: offset, end: offset },
  };
}

/**
 * One stored selector in the model's shape, or null when it cannot be said exactly (an XPath
 * or CSS selector not of the form the extension writes).
 */
export function toW3CSelector(selector: Selector): W3CSelector | null {
  switch (selector.type) {
    case 'TextQuoteSelector': {
      const out: W3CTextQuoteSelector = {
        type: 'TextQuoteSelector',
        exact: selector.exact,
      };
      if (selector.prefix !== undefined) out.prefix = selector.prefix;
      if (selector.suffix !== undefined) out.suffix = selector.suffix;
      return out;
    }
    case 'TextPositionSelector':
      return {
        type: 'TextPositionSelector',
        start: selector.start,
        end: selector.end,
      };
    case 'CssSelector': {
      const value = cssFromRoot(selector.value);
      return value === null ? null : { type: 'CssSelector', value };
    }
    case 'XPathSelector': {
      const value = xpathFromRoot(selector.value);
      return value === null ? null : { type: 'XPathSelector', value };
    }
    case 'RangeSelector': {
      const start = boundary(selector.startContainer, selector.startOffset);
      const end = boundary(selector.endContainer, selector.endOffset);
      return start && end
        ? { type: 'RangeSelector', startSelector: start, endSelector: end }
        : null;
    }
  }
}

/** What `toW3CSelectors` made of a stored list. */
export interface ConvertedSelectors {
  selectors: W3CSelector[];
  /** How many entries were left out: invalid, or not expressible exactly. */
  dropped: number;
}

/**
 * A stored selector list, read from storage as it is (old or odd entries included), in the
 * model's shapes. Entries that fail the protocol's selector schema, or cannot be said exactly,
 * are left out and counted.
 */
export function toW3CSelectors(stored: unknown): ConvertedSelectors {
  const list = Array.isArray(stored)
    ? stored
    : stored === undefined || stored === null
      ? []
      : [stored];
  const selectors: W3CSelector[] = [];
  let dropped = 0;
  for (const entry of list) {
    const parsed = storedSelector.safeParse(entry);
    const converted = parsed.success ? toW3CSelector(parsed.data) : null;
    if (converted) selectors.push(converted);
    else dropped += 1;
  }
  return { selectors, dropped };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function xpathFromBody(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (value === BODY_XPATH) return '';
  return value.startsWith(`${BODY_XPATH}/`)
    ? value.slice(BODY_XPATH.length)
    : null;
}

function cssFromBody(value: string): string {
  if (value === 'body') return ':scope';
  if (/^body\s*[>+~]/.test(value)) return `:scope${value.slice('body'.length)}`;
  return value.startsWith('body ') ? value.slice('body '.length) : value;
}

function pointFrom(
  value: unknown,
): { container: string; offset: number } | null {
  if (!isRecord(value) || value.type !== 'XPathSelector') return null;
  const container = xpathFromBody(value.value);
  const refined = value.refinedBy;
  if (
    container === null ||
    !isRecord(refined) ||
    refined.type !== 'TextPositionSelector' ||
    typeof refined.start !== 'number'
  )
    return null;
  return { container, offset: refined.start };
}

/**
 * The inverse of `toW3CSelector` for what the export writes: model-shaped selectors read back
 * into the form the extension stores and anchors, relative to the body. Entries it does not
 * recognise are left out; the caller validates what remains (as `anchor` does).
 */
export function fromW3CSelectors(selectors: unknown): Selector[] {
  const list = Array.isArray(selectors) ? selectors : [selectors];
  const out: Selector[] = [];
  for (const entry of list) {
    if (!isRecord(entry)) continue;
    switch (entry.type) {
      case 'TextQuoteSelector':
      case 'TextPositionSelector': {
        const parsed = storedSelector.safeParse(entry);
        if (parsed.success) out.push(parsed.data);
        break;
      }
      case 'CssSelector':
        if (typeof entry.value === 'string')
          out.push({ type: 'CssSelector', value: cssFromBody(entry.value) });
        break;
      case 'XPathSelector': {
        const value = xpathFromBody(entry.value);
        if (value !== null) out.push({ type: 'XPathSelector', value });
        break;
      }
      case 'RangeSelector': {
        const start = pointFrom(entry.startSelector);
        const end = pointFrom(entry.endSelector);
        if (start && end)
          out.push({
            type: 'RangeSelector',
            startContainer: start.container,
            startOffset: start.offset,
            endContainer: end.container,
            endOffset: end.offset,
          });
        break;
      }
    }
  }
  return out;
}
