// The page-side check of stored selectors accepts exactly what the protocol's schema accepts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectorList } from '@/protocol/selectors';
import { isSelectorList } from '@/utils/anchoring/valid';

const TYPES = [
  'TextQuoteSelector',
  'TextPositionSelector',
  'CssSelector',
  'XPathSelector',
  'RangeSelector',
  'FragmentSelector',
];
const KEYS = [
  'exact',
  'prefix',
  'suffix',
  'start',
  'end',
  'value',
  'startContainer',
  'startOffset',
  'endContainer',
  'endOffset',
  'extra',
];

const field = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('x'.repeat(201), 'x'.repeat(2001), 'x'.repeat(5001)),
  fc.integer({ min: -3, max: 40 }),
  fc.constantFrom(1.5, Number.NaN, Infinity, 2 ** 60, null, undefined, true),
);

const selectorLike = fc.record(
  {
    type: fc.constantFrom(...TYPES),
    ...Object.fromEntries(KEYS.map((k) => [k, field])),
  },
  { requiredKeys: ['type'] },
);

describe('isSelectorList', () => {
  it('agrees with the protocol schema', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.array(selectorLike, { maxLength: 11 }), fc.anything()),
        (value) => {
          expect(isSelectorList(value)).toBe(
            selectorList.safeParse(value).success,
          );
        },
      ),
      { seed: 14, numRuns: 3000 },
    );
  });

  it('accepts what describing a page produces', () => {
    const list = [
      { type: 'TextQuoteSelector', exact: 'Apply', prefix: 'a', suffix: '' },
      { type: 'TextPositionSelector', start: 3, end: 8 },
      { type: 'CssSelector', value: '#main > p' },
      {
        type: 'RangeSelector',
        startContainer: '/p[1]',
        startOffset: 0,
        endContainer: '/p[1]',
        endOffset: 4,
      },
    ];
    expect(isSelectorList(list)).toBe(true);
    expect(selectorList.safeParse(list).success).toBe(true);
  });
});
