// @vitest-environment jsdom
// describe → anchor on random ranges and on every element of the fixture pages: on an
// unchanged page each annotation must come back exactly where it was.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchor, describeElement, describeRange } from '@/utils/anchoring';
import {
  buildTextModel,
  offsetsOfRange,
  rangeFromOffsets,
} from '@/utils/anchoring/text-model';
import { COUNCIL_PAGE_NAMES, councilPage, sharedPage } from './fixture-pages';

const pages: [string, () => Document][] = [
  [
    'wikipedia-regression-testing.html',
    () => sharedPage('wikipedia-regression-testing.html'),
  ],
  ...COUNCIL_PAGE_NAMES.map((name): [string, () => Document] => [
    name,
    () => councilPage(name),
  ]),
];

describe.each(pages)('round trip on %s', (_name, load) => {
  it('anchors random text ranges exactly where they were described', () => {
    const root = load().body;
    const model = buildTextModel(root);
    const length = model.text.length;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: length - 1 }),
        fc.integer({ min: 1, max: 400 }),
        (start, span) => {
          const end = Math.min(length, start + span);
          const selectors = describeRange(
            rangeFromOffsets(model, start, end),
            root,
          );
          const result = anchor(root, selectors);
          expect(result?.quality).toBe('exact');
          expect(offsetsOfRange(model, result!.range!)).toEqual({ start, end });
          const quote = selectors.find((s) => s.type === 'TextQuoteSelector');
          expect(quote).toMatchObject({ exact: model.text.slice(start, end) });
        },
      ),
      { seed: 42, numRuns: 150 },
    );
  });

  it('anchors every element with a CSS selector back to that element', () => {
    const root = load().body;
    const elements = Array.from(root.querySelectorAll('*')).filter(
      (el) => !['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(el.tagName),
    );
    // Bounded so the large page stays quick; the sample is spread across the page.
    const step = Math.max(1, Math.floor(elements.length / 120));
    let checked = 0;
    for (let i = 0; i < elements.length; i += step) {
      const element = elements[i]!;
      const selectors = describeElement(element, root);
      expect(selectors[0]?.type).toBe('CssSelector');
      const result = anchor(root, selectors);
      expect(result?.element).toBe(element);
      expect(result?.quality).toBe('exact');
      checked += 1;
    }
    expect(checked).toBeGreaterThan(20);
  });
});
