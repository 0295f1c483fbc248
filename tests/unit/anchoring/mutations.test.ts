// @vitest-environment jsdom
// Annotations on a page that then changes: the anchor must be right or null, never wrong.
// The annotated text is isolated into its own text nodes first, so that wherever a mutation
// moves it we still know where it is (or that it is gone).
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { anchor, describeRange } from '@/utils/anchoring';
import {
  buildTextModel,
  offsetsOfRange,
  rangeFromOffsets,
} from '@/utils/anchoring/text-model';
import { collapseWhitespace } from '@/utils/anchoring/quote-match';
import { councilPage, freshBody, sharedPage } from './fixture-pages';
import { isolate } from './mutation-kit';

type Mutation =
  | 'insert-before'
  | 'whitespace'
  | 'remove-paragraph-elsewhere'
  | 'change-word-inside'
  | 'delete-quote';

const MUTATIONS: Mutation[] = [
  'insert-before',
  'whitespace',
  'remove-paragraph-elsewhere',
  'change-word-inside',
  'delete-quote',
];

/** Applies a mutation; returns false when the page offers no place to make it. */
function mutate(
  root: Element,
  inside: Text[],
  mutation: Mutation,
  pick: number,
): boolean {
  const doc = root.ownerDocument;
  const first = inside[0]!;
  switch (mutation) {
    case 'insert-before': {
      const p = doc.createElement('p');
      p.append(
        'A new paragraph about recycling collections was added here today.',
      );
      const host = first.parentElement!;
      host.parentElement!.insertBefore(p, host);
      return true;
    }
    case 'whitespace': {
      const model = buildTextModel(root);
      for (const node of model.nodes) {
        node.data = node.data.replace(/\s+/g, (run) =>
          run === ' ' ? '  ' : ' ',
        );
      }
      return true;
    }
    case 'remove-paragraph-elsewhere': {
      const candidates = Array.from(root.querySelectorAll('p, li')).filter(
        (el) =>
          !inside.some((node) => el.contains(node)) &&
          !el.contains(first.parentElement),
      );
      if (candidates.length === 0) return false;
      candidates[pick % candidates.length]!.remove();
      return true;
    }
    case 'change-word-inside': {
      const withWord = inside.filter((node) => /[A-Za-z]{4,}/.test(node.data));
      const node = withWord[pick % Math.max(1, withWord.length)];
      if (!node) return false;
      node.data = node.data.replace(/[A-Za-z]{4,}/, (word) =>
        word === 'zebra' ? 'okapi' : 'zebra',
      );
      return true;
    }
    case 'delete-quote':
      for (const node of inside) node.remove();
      return true;
  }
}

/** Offsets of the first and last non-space characters in a span. */
function wordsSpan(
  text: string,
  span: { start: number; end: number },
): [number, number] {
  const slice = text.slice(span.start, span.end);
  const lead = slice.length - slice.trimStart().length;
  const trail = slice.length - slice.trimEnd().length;
  return [span.start + lead, span.end - trail];
}

interface Tally {
  runs: number;
  anchored: number;
}

const pages: [string, () => Document][] = [
  ['wikipedia', () => sharedPage('wikipedia-regression-testing.html')],
  ['council-guidance', () => councilPage('council-guidance.html')],
];

const tallies = new Map<Mutation, Tally>(
  MUTATIONS.map((m) => [m, { runs: 0, anchored: 0 }]),
);

describe.each(pages)('mutations on %s', (_name, load) => {
  it.each(MUTATIONS)(
    'after %s the anchor is right or null',
    (mutation) => {
      const template = load().body.cloneNode(true) as HTMLElement;
      const text = buildTextModel(template).text;
      const tally = tallies.get(mutation)!;
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: text.length - 1 }),
          fc.integer({ min: 12, max: 160 }),
          fc.nat(),
          (start, span, pick) => {
            const end = Math.min(text.length, start + span);
            const quote = text.slice(start, end);
            // A selection is made of words; ranges of whitespace or one letter are not.
            fc.pre(collapseWhitespace(quote).trim().length >= 8);
            const root = freshBody(template);
            const selectors = describeRange(
              rangeFromOffsets(buildTextModel(root), start, end),
              root,
            );
            const inside = isolate(root, start, end);
            fc.pre(inside.length > 0 && mutate(root, inside, mutation, pick));

            const result = anchor(root, selectors);
            tally.runs += 1;
            if (!result) return;
            tally.anchored += 1;
            expect(mutation).not.toBe('delete-quote');
            const model = buildTextModel(root);
            const got = offsetsOfRange(model, result.range!);
            const expected = {
              start: model.starts[model.indexOf.get(inside[0]!)!]!,
              end:
                model.starts[model.indexOf.get(inside.at(-1)!)!]! +
                inside.at(-1)!.data.length,
            };
            if (mutation === 'change-word-inside') {
              // The quote itself changed, so a match's edges may slide by a few letters.
              const [ws, we] = wordsSpan(model.text, expected);
              const [gs, ge] = wordsSpan(model.text, got);
              const length = we - ws;
              expect(
                Math.min(ge, we) - Math.max(gs, ws),
              ).toBeGreaterThanOrEqual(length * 0.75);
              expect(ge - gs).toBeLessThanOrEqual(length * 1.25 + 3);
            } else {
              // The same words in the same place: whitespace at the edges may differ.
              expect(wordsSpan(model.text, got)).toEqual(
                wordsSpan(model.text, expected),
              );
            }
          },
        ),
        { seed: 42, numRuns: 25 },
      );
    },
    60_000,
  );
});

afterAll(() => {
  // Being never wrong is only useful if harmless changes still anchor nearly always.
  for (const mutation of [
    'insert-before',
    'whitespace',
    'remove-paragraph-elsewhere',
  ] as const) {
    const { runs, anchored } = tallies.get(mutation)!;
    expect(runs).toBeGreaterThan(30);
    expect(anchored / runs).toBeGreaterThanOrEqual(0.95);
  }
  const changed = tallies.get('change-word-inside')!;
  expect(changed.anchored / changed.runs).toBeGreaterThanOrEqual(0.6);
});
