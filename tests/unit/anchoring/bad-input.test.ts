// Selectors come back from storage and pages can be hostile: anchoring validates its input and
// answers null rather than throwing or guessing.
import { describe, expect, it } from 'vitest';
import {
  anchor,
  anchorAll,
  describeElement,
  describeRange,
} from '@/utils/anchoring';
import type { Selector } from '@/protocol/selectors';

function page(html: string): HTMLElement {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  document.body.replaceWith(document.importNode(doc.body, true));
  return document.body;
}

const BODY =
  '<p id="intro">Renew your parking permit online before it runs out.</p>';

describe('anchor on bad input', () => {
  const bad: unknown[] = [
    null,
    undefined,
    42,
    'TextQuoteSelector',
    [],
    [{}],
    [{ type: 'TextQuoteSelector' }],
    [{ type: 'TextQuoteSelector', exact: 7 }],
    [{ type: 'TextPositionSelector', start: 10, end: 2 }],
    [{ type: 'TextPositionSelector', start: -1, end: 2 }],
    [{ type: 'CssSelector', value: 'p', extra: true }],
    [{ type: 'FragmentSelector', value: 'x' }],
    [{ type: 'TextQuoteSelector', exact: 'x'.repeat(5001) }],
    new Array(11).fill({ type: 'TextQuoteSelector', exact: 'parking' }),
  ];

  it.each(bad.map((value) => [JSON.stringify(value)?.slice(0, 60), value]))(
    'returns null for %s',
    (_label, value) => {
      const root = page(BODY);
      expect(anchor(root, value as Selector[])).toBeNull();
    },
  );

  it('returns null for a root that is not an element', () => {
    const selectors: Selector[] = [
      { type: 'TextQuoteSelector', exact: 'parking permit' },
    ];
    expect(anchor(null as unknown as Element, selectors)).toBeNull();
    expect(anchor({} as Element, selectors)).toBeNull();
    expect(anchorAll(null as unknown as Element, [selectors])).toEqual([null]);
  });

  it('returns null for a CSS selector that does not parse', () => {
    const root = page(BODY);
    expect(anchor(root, [{ type: 'CssSelector', value: 'p[[[' }])).toBeNull();
  });

  it('returns null for a position alone, which cannot be checked', () => {
    const root = page(BODY);
    expect(
      anchor(root, [{ type: 'TextPositionSelector', start: 0, end: 5 }]),
    ).toBeNull();
  });

  it('treats quotes holding markup as text', () => {
    const root = page(
      '<p>Type &lt;b&gt;bold&lt;/b&gt; to make text bold in your message.</p>',
    );
    const result = anchor(root, [
      {
        type: 'TextQuoteSelector',
        exact: '<b>bold</b>',
        prefix: 'Type ',
        suffix: ' to make',
      },
    ]);
    expect(result?.range?.toString()).toBe('<b>bold</b>');
    expect(root.querySelector('b')).toBeNull();
  });

  it('ignores text in scripts, styles, templates and Snag UI', () => {
    const root = page(
      '<p>Pay your council tax online.</p><script>var t = "council tax";</script>' +
        '<style>.tax{}</style><div data-snag-ui>council tax</div>',
    );
    const selectors = describeRange(
      (() => {
        const r = document.createRange();
        r.selectNodeContents(root.querySelector('p')!);
        return r;
      })(),
      root,
    );
    expect(selectors.find((s) => s.type === 'TextPositionSelector')).toEqual({
      type: 'TextPositionSelector',
      start: 0,
      end: 'Pay your council tax online.'.length,
    });
    expect(
      anchor(root, [{ type: 'TextQuoteSelector', exact: 'council tax' }])
        ?.range,
    ).toBeDefined();
  });

  it('describes nothing for an element outside root', () => {
    const root = page(BODY);
    const stray = document.createElement('p');
    expect(describeElement(stray, root)).toEqual([]);
  });
});

describe('ambiguity and short quotes', () => {
  it('returns null when a repeated quote has no context to tell its copies apart', () => {
    const root = page('<p>Contact us</p><p>Contact us</p>');
    expect(
      anchor(root, [{ type: 'TextQuoteSelector', exact: 'Contact us' }]),
    ).toBeNull();
  });

  it('picks the copy whose context agrees', () => {
    const root = page(
      '<p>For bins, contact us by phone.</p><p>For parking permits, contact us by phone.</p>',
    );
    const result = anchor(root, [
      {
        type: 'TextQuoteSelector',
        exact: 'contact us',
        prefix: 'For parking permits, ',
        suffix: ' by phone.',
      },
    ]);
    expect(result?.quality).toBe('exact');
    expect(result?.range?.startContainer.parentElement).toBe(
      root.querySelectorAll('p')[1],
    );
  });

  it('anchors a short quote only where both sides of its context agree', () => {
    const root = page('<p>The fee is £45 for one car.</p>');
    const wrongContext: Selector[] = [
      {
        type: 'TextQuoteSelector',
        exact: '£45',
        prefix: 'second car costs ',
        suffix: ' a year',
      },
    ];
    expect(anchor(root, wrongContext)).toBeNull();
  });

  it('finds a quote with one word changed, and orphans a rewritten one', () => {
    const quote: Selector = {
      type: 'TextQuoteSelector',
      exact: 'the identity check times out after ten minutes',
      prefix: "on the resident's behalf because ",
      suffix: '. Staff then start again',
    };
    const changed = page(
      "<p>They sign in on the resident's behalf because the identity check times out after five minutes. Staff then start again.</p>",
    );
    const found = anchor(changed, [quote]);
    expect(found?.quality).toBe('fuzzy');
    expect(found?.range?.toString()).toContain(
      'identity check times out after',
    );
    const rewritten = page(
      '<p>The identity service now keeps your session open while you look for your documents.</p>',
    );
    expect(anchor(rewritten, [quote])).toBeNull();
  });

  it('re-finds a pinned element by its text when its CSS selector breaks', () => {
    const root = page(
      '<main><button class="govuk-button" id="go">Apply for a permit</button></main>',
    );
    const button = root.querySelector('button')!;
    const selectors = describeElement(button, root);
    expect(selectors[0]).toEqual({ type: 'CssSelector', value: 'button#go' });
    button.id = 'css-8f3k2q';
    const result = anchor(root, selectors);
    expect(result?.element).toBe(button);
  });

  it('orphans a pinned element whose text has gone', () => {
    const root = page(
      '<main><button id="go">Apply for a permit</button></main>',
    );
    const selectors = describeElement(root.querySelector('button')!, root);
    root.querySelector('button')!.textContent = 'Pay a penalty charge';
    expect(anchor(root, selectors)).toBeNull();
  });
});
