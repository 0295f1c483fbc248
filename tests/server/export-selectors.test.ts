/**
 * Converting Snag's stored selectors to the W3C model's shapes and back: exact where it
 * converts, and a refusal rather than a wrong selector where it cannot.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Selector } from '../../protocol/selectors';
import {
  BODY_XPATH,
  fromW3CSelectors,
  toW3CSelector,
  toW3CSelectors,
} from '../../server/export/w3c-selectors';

const step = fc
  .tuple(
    fc.constantFrom(
      'div',
      'p',
      'main',
      'section',
      'td',
      'tr',
      'tbody',
      'span',
      'h2',
    ),
    fc.integer({ min: 1, max: 40 }),
  )
  .map(([tag, n]) => `/${tag}[${n}]`);
const ourXPath = fc
  .array(step, { maxLength: 6 })
  .map((steps) => steps.join(''));
const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/);
const ourCss = fc.oneof(
  name.map((n) => `#${n}`),
  name.map((n) => `.${n}`),
  fc.tuple(name, name).map(([a, b]) => `#${a} .${b}`),
  fc
    .array(name, { minLength: 1, maxLength: 4 })
    .map((ns) => `:scope > ${ns.join(' > ')}`),
  fc.constant(':scope'),
  name.map((n) => `[data-testid="${n}"]`),
);
const offset = fc.integer({ min: 0, max: 100_000 });
const storedSelector: fc.Arbitrary<Selector> = fc.oneof(
  fc.record(
    {
      type: fc.constant('TextQuoteSelector' as const),
      exact: fc.string({ maxLength: 40 }),
      prefix: fc.string({ maxLength: 32 }),
      suffix: fc.string({ maxLength: 32 }),
    },
    { requiredKeys: ['type', 'exact'] },
  ),
  fc.tuple(offset, offset).map(([a, b]) => ({
    type: 'TextPositionSelector' as const,
    start: Math.min(a, b),
    end: Math.max(a, b),
  })),
  ourCss.map((value) => ({ type: 'CssSelector' as const, value })),
  ourXPath.map((value) => ({ type: 'XPathSelector' as const, value })),
  fc
    .tuple(ourXPath, offset, ourXPath, offset)
    .map(([startContainer, startOffset, endContainer, endOffset]) => ({
      type: 'RangeSelector' as const,
      startContainer,
      startOffset,
      endContainer,
      endOffset,
    })),
);

describe('Snag selectors in the W3C shapes', () => {
  it('read back to exactly what was stored', () => {
    fc.assert(
      fc.property(
        fc.array(storedSelector, { minLength: 1, maxLength: 6 }),
        (stored) => {
          const { selectors, dropped } = toW3CSelectors(stored);
          expect(dropped).toBe(0);
          expect(fromW3CSelectors(selectors)).toEqual(stored);
        },
      ),
    );
  });

  it('write a RangeSelector as XPaths from the document root refined by text positions', () => {
    expect(
      toW3CSelector({
        type: 'RangeSelector',
        startContainer: '/main[1]/p[2]',
        startOffset: 3,
        endContainer: '/main[1]/table[1]/tbody[1]/tr[2]/td[1]',
        endOffset: 0,
      }),
    ).toEqual({
      type: 'RangeSelector',
      startSelector: {
        type: 'XPathSelector',
        value: '/html[1]/body[1]/main[1]/p[2]',
        refinedBy: { type: 'TextPositionSelector', start: 3, end: 3 },
      },
      endSelector: {
        type: 'XPathSelector',
        value: '/html[1]/body[1]/main[1]/table[1]/tbody[1]/tr[2]/td[1]',
        refinedBy: { type: 'TextPositionSelector', start: 0, end: 0 },
      },
    });
  });

  it('write the body itself, and body-relative CSS, so that the document matches the same', () => {
    expect(toW3CSelector({ type: 'XPathSelector', value: '' })).toEqual({
      type: 'XPathSelector',
      value: BODY_XPATH,
    });
    const css = (value: string) =>
      toW3CSelector({ type: 'CssSelector', value });
    expect(css(':scope')).toEqual({ type: 'CssSelector', value: 'body' });
    expect(css(':scope > main > p')).toEqual({
      type: 'CssSelector',
      value: 'body > main > p',
    });
    expect(css('#email')).toEqual({
      type: 'CssSelector',
      value: 'body #email',
    });
  });

  it('refuse what they cannot say exactly, rather than say something else', () => {
    const refused: Selector[] = [
      { type: 'XPathSelector', value: "//div[@id='x']" },
      { type: 'XPathSelector', value: 'div[1]' },
      { type: 'CssSelector', value: '#a, #b' },
      { type: 'CssSelector', value: '> p' },
      { type: 'CssSelector', value: ':scope p' },
      { type: 'CssSelector', value: 'main :scope' },
      {
        type: 'RangeSelector',
        startContainer: '/p[1]',
        startOffset: 0,
        endContainer: '//p',
        endOffset: 1,
      },
    ];
    for (const selector of refused)
      expect(toW3CSelector(selector), selector.type).toBeNull();
  });

  it('leave out and count stored entries that are not selectors at all', () => {
    const { selectors, dropped } = toW3CSelectors([
      { type: 'TextQuoteSelector', exact: 'Continue' },
      { type: 'FragmentSelector', value: 'para5' },
      { type: 'TextPositionSelector', start: 9, end: 3 },
      'CssSelector',
      null,
    ]);
    expect(selectors).toEqual([
      { type: 'TextQuoteSelector', exact: 'Continue' },
    ]);
    expect(dropped).toBe(4);
    // A lone selector stored without its list is still read.
    expect(
      toW3CSelectors({ type: 'CssSelector', value: '#a' }).selectors,
    ).toEqual([{ type: 'CssSelector', value: 'body #a' }]);
    expect(toW3CSelectors(undefined)).toEqual({ selectors: [], dropped: 0 });
  });
});
