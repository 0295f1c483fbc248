/**
 * Anchoring (docs/architecture.md, "Anchoring"): describing what a reporter pointed at as W3C selectors, and finding
 * it again later, on a page that may have changed. Pure functions of a root element that
 * work from `root.ownerDocument`, so they run the same in the page, in jsdom and in happy-dom.
 *
 * This is what the extension calls, and what the tests and benches check: `anchor` and
 * `anchorAll` check stored selectors before reading them.
 */
export { anchor, anchorAll, type Anchored } from './anchor';
export { describeElement, describeRange } from './describe';
export { SNAG_UI_ATTRIBUTE } from './text-model';
