// Mutation cases for anchoring on form pages built from govuk-frontend markup and on a
// Wikipedia page: an annotation is described on the page as it was, the page is changed in one
// of a fixed set of ways, and the annotation is anchored again. Each outcome is right (the same
// text or element), orphan (null) or wrong (anything else). Shared by the unit test, which runs
// a modest count, and bench/anchoring-mutations.bench.ts, which runs thousands per page.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { Selector } from '@/protocol/selectors';
import { anchor, describeElement, describeRange } from '@/utils/anchoring';
import {
  buildTextModel,
  offsetsOfRange,
  pointAt,
  rangeFromOffsets,
  type TextModel,
} from '@/utils/anchoring/text-model';
import { COUNCIL_PAGES, SHARED_PAGES } from './fixture-pages';

/** The pages, by name, and their files. */
export const MUTATION_PAGES: Record<string, string> = {
  'govuk-permit': path.join(COUNCIL_PAGES, 'govuk-permit-form.html'),
  'govuk-council-tax': path.join(COUNCIL_PAGES, 'govuk-council-tax-form.html'),
  'govuk-report-bins': path.join(COUNCIL_PAGES, 'govuk-report-bins-form.html'),
  wikipedia: path.join(SHARED_PAGES, 'wikipedia-regression-testing.html'),
};

export const MUTATIONS = [
  'add-around',
  'change-word',
  'move-section',
  'delete-quote',
  'delete-block',
  'case-copy',
  'context-copy',
  'whitespace',
  'wrap',
  'siblings-removed',
  'rename',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** Mutations after which the annotated text is gone: the only right answer is an orphan. */
export const DELETIONS: readonly Mutation[] = ['delete-quote', 'delete-block'];

export type Outcome = 'right' | 'wrong' | 'orphan';

/** One generated case: which block, which words of it, which mutation, and a die. */
export interface MutationCase {
  block: number;
  firstWord: number;
  words: number;
  mutation: Mutation;
  pin: boolean;
  pick: number;
}

/** The generator; indices are taken modulo what the page offers. */
export const mutationCase: fc.Arbitrary<MutationCase> = fc.record({
  block: fc.nat(),
  firstWord: fc.nat(),
  words: fc.integer({ min: 2, max: 12 }),
  mutation: fc.constantFrom(...MUTATIONS),
  pin: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  pick: fc.nat(),
});

const BLOCKS =
  'h1, h2, h3, h4, p, li, dt, dd, label, legend, caption, summary, th, td, figcaption, ' +
  'button, .govuk-hint, .govuk-inset-text, .govuk-details__text, .govuk-body';

/** The page's text blocks: elements with two words or more and no block inside. */
export function blocksOf(root: Element): Element[] {
  const all = Array.from(root.querySelectorAll(BLOCKS));
  return all.filter(
    (el) =>
      !el.querySelector(BLOCKS) &&
      (el.textContent ?? '').trim().split(/\s+/).length >= 2 &&
      !el.closest('script, style, noscript, template'),
  );
}

/** Offsets `[start, end)` of each word of a block in the page's text. */
function wordsOf(model: TextModel, block: Element): [number, number][] {
  const start = offsetOfElement(model, block);
  const text = model.text.slice(start.start, start.end);
  return Array.from(text.matchAll(/\S+/g), (m) => [
    start.start + m.index,
    start.start + m.index + m[0].length,
  ]);
}

function offsetOfElement(model: TextModel, element: Element) {
  const range = element.ownerDocument.createRange();
  range.selectNodeContents(element);
  return offsetsOfRange(model, range);
}

/** Splits text nodes at `start` and `end`; returns the (non-empty) text nodes wholly inside. */
export function isolate(root: Element, start: number, end: number): Text[] {
  const before = buildTextModel(root);
  const to = pointAt(before, end, 'end');
  if (to.offset < (to.node as Text).data.length)
    (to.node as Text).splitText(to.offset);
  const from = pointAt(before, start, 'start');
  if (from.offset > 0) (from.node as Text).splitText(from.offset);
  const after = buildTextModel(root);
  return after.nodes.filter((node, i) => {
    const s = after.starts[i]!;
    return s >= start && s + node.data.length <= end && node.data.length > 0;
  });
}

/** What a case annotates: the selectors, and what a right answer is. */
export interface Target {
  selectors: Selector[];
  block: Element;
  /** The quote's text nodes, for text annotations. */
  nodes: Text[];
  pin: boolean;
  /** A range over the quote as it was, for a peer library to describe. */
  range?: Range;
}

/** Annotates the case's words (or pins its block) on `root`; null if the page has no fit. */
export function annotate(root: Element, c: MutationCase): Target | null {
  const blocks = blocksOf(root);
  const block = blocks[c.block % blocks.length];
  if (!block) return null;
  if (c.pin) {
    return {
      selectors: describeElement(block, root),
      block,
      nodes: [],
      pin: true,
    };
  }
  const model = buildTextModel(root);
  const words = wordsOf(model, block);
  const min = c.mutation === 'change-word' ? 4 : 1;
  if (words.length < min) return null;
  const count = Math.max(min, Math.min(c.words, words.length));
  const first = c.firstWord % (words.length - count + 1);
  const start = words[first]![0];
  const end = words[first + count - 1]![1];
  const selectors = describeRange(rangeFromOffsets(model, start, end), root);
  const nodes = isolate(root, start, end);
  const after = buildTextModel(root);
  return {
    selectors,
    block,
    nodes,
    pin: false,
    range: rangeFromOffsets(after, start, end),
  };
}

/** Where the annotated text is now, in the page's current text, or null if it is gone. */
export function expectedSpan(
  root: Element,
  target: Target,
): [number, number] | null {
  const live = target.nodes.filter((n) => n.isConnected && root.contains(n));
  if (live.length === 0 || live.length < target.nodes.length) return null;
  const model = buildTextModel(root);
  const index = (node: Text) => model.nodes.indexOf(node);
  const firstIndex = index(live[0]!);
  const last = live[live.length - 1]!;
  const lastIndex = index(last);
  if (firstIndex < 0 || lastIndex < 0) return null;
  const raw = model.text.slice(
    model.starts[firstIndex]!,
    model.starts[lastIndex]! + last.data.length,
  );
  const lead = raw.length - raw.trimStart().length;
  const trail = raw.length - raw.trimEnd().length;
  return [
    model.starts[firstIndex]! + lead,
    model.starts[lastIndex]! + last.data.length - trail,
  ];
}

/** Judges a text answer against where the text really is. */
export function judgeSpan(
  expected: [number, number] | null,
  found: { start: number; end: number } | null,
  text: string,
): Outcome {
  if (!found) return 'orphan';
  if (!expected) return 'wrong';
  const slice = text.slice(found.start, found.end);
  const start = found.start + (slice.length - slice.trimStart().length);
  const end = found.end - (slice.length - slice.trimEnd().length);
  const overlap = Math.min(end, expected[1]) - Math.max(start, expected[0]);
  const union = Math.max(end, expected[1]) - Math.min(start, expected[0]);
  return union > 0 && overlap / union >= 0.75 ? 'right' : 'wrong';
}

/** Puts a fresh copy of `pristine` in place of the document's body and annotates it. */
export function prepareCase(
  pristine: HTMLElement,
  c: MutationCase,
): { root: HTMLElement; target: Target } | null {
  const doc = pristine.ownerDocument;
  const root = pristine.cloneNode(true) as HTMLElement;
  doc.body.replaceWith(root);
  const target = annotate(root, c);
  return target ? { root, target } : null;
}

/** Judges what anchoring answered for a target after the page changed. */
export function judge(
  root: Element,
  target: Target,
  found: { range?: Range; element?: Element } | null,
): Outcome {
  if (target.pin) {
    if (!found) return 'orphan';
    return target.block.isConnected && found.element === target.block
      ? 'right'
      : 'wrong';
  }
  const model = buildTextModel(root);
  const span = found?.range
    ? offsetsOfRange(model, found.range)
    : found
      ? { start: -1, end: -1 }
      : null;
  return judgeSpan(expectedSpan(root, target), span, model.text);
}

/** Runs one case: annotate, mutate, anchor, judge. Null when the page offers no fit. */
export function runCase(
  pristine: HTMLElement,
  c: MutationCase,
): Outcome | null {
  const prepared = prepareCase(pristine, c);
  if (!prepared) return null;
  const { root, target } = prepared;
  if (!mutate(root, target, c)) return null;
  return judge(root, target, anchor(root, target.selectors));
}

const WORDS = ['licence', 'vehicle', 'council', 'payment', 'window', 'station'];

function other(root: Element, target: Target, pick: number): Element | null {
  const blocks = blocksOf(root).filter(
    (b) =>
      b !== target.block &&
      !b.contains(target.block) &&
      !target.block.contains(b),
  );
  return blocks[pick % Math.max(1, blocks.length)] ?? null;
}

function quoteText(target: Target): string {
  return target.pin
    ? (target.block.textContent ?? '').trim()
    : target.nodes.map((n) => n.data).join('');
}

/** Applies the case's mutation; false when the page offers no place to make it. */
export function mutate(
  root: Element,
  target: Target,
  c: MutationCase,
): boolean {
  const doc = root.ownerDocument;
  const { block, pick } = c;
  const el = target.block;
  switch (c.mutation) {
    case 'add-around':
      el.prepend(doc.createTextNode('Update: '));
      el.append(doc.createTextNode(' (revised)'));
      return true;
    case 'change-word': {
      const texts = target.pin ? textNodesOf(el) : target.nodes;
      const words = texts.flatMap((node) =>
        Array.from(node.data.matchAll(/[A-Za-z]{3,}/g), (m) => ({ node, m })),
      );
      const chosen = words[pick % Math.max(1, words.length)];
      if (!chosen) return false;
      const { node, m } = chosen;
      const replacement = WORDS.find((w) => w !== m[0].toLowerCase())!;
      node.data =
        node.data.slice(0, m.index) +
        replacement +
        node.data.slice(m.index + m[0].length);
      return true;
    }
    case 'move-section': {
      const section = el.closest('section, .govuk-form-group, tr, li') ?? el;
      const parent = section.parentElement;
      const siblings = parent
        ? Array.from(parent.children).filter((s) => s !== section)
        : [];
      if (siblings.length > 0) {
        const at = siblings[pick % siblings.length]!;
        if (pick % 2) at.after(section);
        else at.before(section);
        return true;
      }
      const elsewhere = other(root, target, pick);
      if (!elsewhere) return false;
      elsewhere.before(section);
      return true;
    }
    case 'delete-quote':
      if (target.pin) el.remove();
      else for (const node of target.nodes) node.remove();
      return true;
    case 'delete-block':
      el.remove();
      return true;
    case 'case-copy':
    case 'context-copy': {
      const elsewhere = other(root, target, pick + block);
      if (!elsewhere) return false;
      const quote = quoteText(target);
      const copy = doc.createElement(
        el.tagName.toLowerCase() === 'td' ? 'p' : el.tagName,
      );
      copy.textContent =
        c.mutation === 'case-copy'
          ? pick % 2
            ? quote.toLowerCase()
            : quote.toUpperCase()
          : `Before you start, read this: ${quote}`;
      if (pick % 3 === 0) elsewhere.after(copy);
      else elsewhere.before(copy);
      return true;
    }
    case 'whitespace':
      for (const node of textNodesOf(el)) {
        node.data = node.data.replace(/ /g, () =>
          pick % 2 ? '  ' : '\n      ',
        );
      }
      el.prepend(doc.createTextNode('\n    '));
      return true;
    case 'wrap': {
      const wrapper = doc.createElement(pick % 2 ? 'div' : 'span');
      wrapper.className = 'govuk-!-margin-bottom-4';
      if (target.pin || pick % 3 === 0) {
        el.before(wrapper);
        wrapper.append(el);
      } else {
        const first = target.nodes[0];
        if (!first) return false;
        first.before(wrapper);
        wrapper.append(first);
      }
      return true;
    }
    case 'siblings-removed': {
      const before = el.previousElementSibling;
      const after = el.nextElementSibling;
      if (!before && !after) {
        const parent = el.parentElement;
        const uncles = parent
          ? [parent.previousElementSibling, parent.nextElementSibling]
          : [];
        if (!uncles.some(Boolean)) return false;
        for (const u of uncles) u?.remove();
        return true;
      }
      before?.remove();
      after?.remove();
      return true;
    }
    case 'rename':
      for (const node of Array.from(root.querySelectorAll('[class], [id]'))) {
        const classes = Array.from(node.classList);
        if (classes.length > 0)
          node.className = classes.map((name) => `nbc-${name}`).join(' ');
        if (node.id) node.id = `${node.id}-field`;
      }
      return true;
  }
}

function textNodesOf(el: Element): Text[] {
  const walker = el.ownerDocument.createTreeWalker(el, 4);
  const out: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

/** Counts of outcomes per mutation class. */
export type Table = Record<Mutation, Record<Outcome, number>>;

export function emptyTable(): Table {
  return Object.fromEntries(
    MUTATIONS.map((m) => [m, { right: 0, wrong: 0, orphan: 0 }]),
  ) as Table;
}

/** A page's pristine body, parsed into `doc` (stylesheets dropped, scripts kept inert). */
export function pristineBody(doc: Document, file: string): HTMLElement {
  const html = readFileSync(file, 'utf8').replace(/<link\b[^>]*>/gi, '');
  const parsed = new doc.defaultView!.DOMParser().parseFromString(
    html,
    'text/html',
  );
  doc.head.replaceWith(doc.importNode(parsed.head, true));
  return doc.importNode(parsed.body, true) as HTMLElement;
}
