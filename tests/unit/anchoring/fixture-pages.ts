// Loads the fixture pages the anchoring tests run on: another client's baseline pages
// (tests/fixtures/baseline) and the council pages (tests/fixtures/pages).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../..',
);

/** Folder of the baseline pages and their captured Hypothesis annotations. */
export const SHARED_PAGES = path.resolve(repoRoot, 'tests/fixtures/baseline');
/** Folder of the council pages. */
export const COUNCIL_PAGES = path.resolve(repoRoot, 'tests/fixtures/pages');

/** The council pages by file name. */
export const COUNCIL_PAGE_NAMES = [
  'council-start.html',
  'council-form.html',
  'council-summary.html',
  'council-guidance.html',
] as const;

/**
 * Loads HTML into the test environment's own document, replacing what was there, and returns
 * that document. happy-dom's Range only works on nodes of the window's document (on a
 * DOMParser document `setEnd` collapses the range), so pages are moved into it. Stylesheet
 * links are dropped first: the test environments do not fetch them.
 */
export function loadPage(html: string): Document {
  const withoutLinks = html.replace(/<link\b[^>]*>/gi, '');
  const parsed = new DOMParser().parseFromString(withoutLinks, 'text/html');
  const doc = document;
  doc.head.replaceWith(doc.importNode(parsed.head, true));
  doc.body.replaceWith(doc.importNode(parsed.body, true));
  return doc;
}

/**
 * Puts a fresh copy of `body` in place of the document's body and returns it, so that a test
 * can change the page without parsing it again.
 */
export function freshBody(body: HTMLElement): HTMLElement {
  const copy = body.cloneNode(true) as HTMLElement;
  document.body.replaceWith(copy);
  return copy;
}

/** A shared baseline page, parsed. */
export function sharedPage(name: string): Document {
  return loadPage(readFileSync(path.join(SHARED_PAGES, name), 'utf8'));
}

/** A council page, parsed. */
export function councilPage(name: string): Document {
  return loadPage(readFileSync(path.join(COUNCIL_PAGES, name), 'utf8'));
}

/** One annotation of a baseline file: its id and selectors. */
export interface BaselineAnnotation {
  id: string;
  selectors: unknown[];
}

/** The annotations captured for a shared baseline page (Hypothesis's JSON shape). */
export function baselineAnnotations(name: string): BaselineAnnotation[] {
  const json = JSON.parse(
    readFileSync(path.join(SHARED_PAGES, name), 'utf8'),
  ) as {
    rows: { id: string; target: { selector: unknown[] }[] }[];
  };
  return json.rows.flatMap((row) =>
    row.target.map((target) => ({ id: row.id, selectors: target.selector })),
  );
}
