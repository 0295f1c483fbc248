/**
 * A fixture page in jsdom, for server tests that make selectors with the extension's real
 * anchoring code and check what the export says about them. The functions here that read
 * text walk the DOM on their own (text nodes in document order, leaving out script, style,
 * noscript and template, as docs/architecture.md, "Anchoring" says anchoring reads a page), so that the tests do not
 * check the anchoring code with itself.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures');
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

/** A fixture page's HTML, by path under tests/fixtures. */
export function fixtureHtml(path: string): string {
  return readFileSync(resolve(FIXTURES, path), 'utf8');
}

/** A fresh document parsed from `html`, as a browser would load it. */
export function loadDocument(html: string): Document {
  return new JSDOM(html).window.document;
}

/** The text nodes under `root` that are page content, in document order. */
export function contentTextNodes(root: Node): Text[] {
  const out: Text[] = [];
  const visit = (node: Node) => {
    if (node.nodeType === 3) {
      out.push(node as Text);
      return;
    }
    if (node.nodeType === 1 && SKIPPED.has((node as Element).tagName)) return;
    for (let child = node.firstChild; child; child = child.nextSibling)
      visit(child);
  };
  visit(root);
  return out;
}

/** The content text under `root`, concatenated. */
export function contentText(root: Node): string {
  return contentTextNodes(root)
    .map((t) => t.data)
    .join('');
}

/** The DOM point `offset` characters into the content text under `root`. */
export function pointAt(
  root: Node,
  offset: number,
): { node: Text; offset: number } {
  let left = offset;
  const nodes = contentTextNodes(root);
  for (const node of nodes) {
    if (left <= node.data.length) return { node, offset: left };
    left -= node.data.length;
  }
  throw new Error(`Offset ${offset} is past the end of the text`);
}

/** A Range over `[start, end)` of the content text under `root`. */
export function rangeOver(root: Element, start: number, end: number): Range {
  const range = root.ownerDocument.createRange();
  const from = pointAt(root, start);
  const to = pointAt(root, end);
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}

/**
 * A Range over the only occurrence of `phrase` in the body's content text, as a reader's
 * selection of it would be. Throws if the phrase is missing or repeated.
 */
export function selectPhrase(doc: Document, phrase: string): Range {
  const text = contentText(doc.body);
  const start = text.indexOf(phrase);
  if (start < 0 || text.indexOf(phrase, start + 1) >= 0)
    throw new Error(`"${phrase}" is not on the page exactly once`);
  return rangeOver(doc.body, start, start + phrase.length);
}

/** The element an XPath picks from the document root, by the DOM's own XPath engine. */
export function evaluateXPath(doc: Document, xpath: string): Element | null {
  const FIRST_ORDERED_NODE_TYPE = 9;
  const found = doc.evaluate(
    xpath,
    doc,
    null,
    FIRST_ORDERED_NODE_TYPE,
    null,
  ).singleNodeValue;
  return found && found.nodeType === 1 ? (found as Element) : null;
}
