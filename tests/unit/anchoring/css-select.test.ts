// Path selectors looked up from their first compound must find exactly what
// querySelectorAll finds, in the same order, however the page changes between calls, in
// happy-dom (this file's environment) and in jsdom alike.
import fc from 'fast-check';
import { Window as HappyWindow } from 'happy-dom';
import { describe, expect, it, vi } from 'vitest';
import { describeElement } from '@/utils/anchoring';
import { selectAll, splitFirstCompound } from '@/utils/anchoring/css-select';
import { cssSelectorFor } from '@/utils/anchoring/css-selector';
import { COUNCIL_PAGE_NAMES, councilPage } from './fixture-pages';

interface Jsdom {
  window: Window & typeof globalThis;
}
const jsdomModule = 'jsdom';
const { JSDOM } = (await import(jsdomModule)) as {
  JSDOM: new (html: string) => Jsdom;
};

const PAGE = `
  <main id="main">
    <section><h2>One</h2><p class="lead">a</p><p>b</p></section>
    <section><h2>Two</h2><p class="lead">c</p><p>d <b>e</b></p></section>
    <section data-testid="third"><h2>Three</h2><p>f</p><p>g</p></section>
    <div id="outer"><p>h</p><div><p>i</p></div><p>j</p></div>
    <p aria-label="x y">k</p>
  </main>
  <aside><p class="lead">l</p></aside>
`;

/** A DOM implementation to run the tests in. */
interface Environment {
  name: string;
  /** A fresh body holding PAGE, in a document that has a window. */
  page(): HTMLElement;
  /** Another document of the same implementation, with a window of its own. */
  otherDocument(): Document;
}

const environments: Environment[] = [
  {
    name: 'happy-dom',
    page() {
      const parsed = new DOMParser().parseFromString(
        `<!DOCTYPE html><body>${PAGE}</body>`,
        'text/html',
      );
      const body = document.importNode(parsed.body, true);
      document.body.replaceWith(body);
      return body;
    },
    otherDocument: () => new HappyWindow().document as unknown as Document,
  },
  {
    name: 'jsdom',
    page: () =>
      new JSDOM(`<!DOCTYPE html><body>${PAGE}</body>`).window.document.body,
    otherDocument: () =>
      new JSDOM('<!DOCTYPE html><body></body>').window.document,
  },
];

/** Path selectors of every shape the lookup handles, and some it leaves whole. */
const SELECTORS = [
  'section:nth-of-type(2) > p:nth-of-type(1)',
  'section:nth-of-type(2) > p',
  'section > p.lead',
  'section p b',
  'p.lead > b',
  'main > section > p.lead',
  'main section > p:nth-of-type(2)',
  'body section p',
  'main > p',
  '#outer > p',
  'main#main > section:nth-of-type(3) > p',
  'section[data-testid="third"] p',
  'div > p',
  'div p',
  'body > main > div > div > p',
  'html p.lead',
  'main > p[aria-label="x y"]',
  'main p:nth-of-type(2)',
  'section:nth-of-type(9) > p',
  'section > h2 + p',
  'h2 ~ p, aside p',
  'p',
];

/**
 * What `root.querySelectorAll` finds by the DOM standard: the document's matches that lie
 * under root. Asked of the document, since happy-dom's element querySelectorAll does not
 * let a selector's compounds match root or the elements above it, as browsers do.
 */
function native(root: Element, selector: string): Element[] {
  return Array.from(root.ownerDocument.querySelectorAll(selector)).filter(
    (element) => element !== root && root.contains(element),
  );
}

/** Expects the very same elements in the same order, naming them when they differ. */
function expectSame(found: Element[], wanted: Element[], selector: string) {
  const name = (e: Element) => `${e.tagName}:${e.textContent ?? ''}`;
  expect(found.map(name), selector).toEqual(wanted.map(name));
  expect(found.every((e, i) => e === wanted[i])).toBe(true);
}

/** Expects selectAll to find what querySelectorAll finds for every selector. */
function expectAgreement(root: Element, selectors: readonly string[]) {
  for (const s of selectors) expectSame(selectAll(root, s), native(root, s), s);
}

describe('splitFirstCompound', () => {
  it.each([
    ['section:nth-of-type(2) > p', 'section:nth-of-type(2)', true, 'p', true],
    ['div#a p.b', 'div#a', false, 'p.b', true],
    ['p[aria-label="a > b c"] b', 'p[aria-label="a > b c"]', false, 'b', true],
    ['#\\31 st > p', '#\\31 st', true, 'p', true],
    ['a\\ b p', 'a\\ b', false, 'p', true],
    ['div>p', 'div', true, 'p', true],
    ['main > section p', 'main', true, 'section p', false],
    ['main section > p', 'main', false, 'section > p', false],
    ['main [title="a b"]', 'main', false, '[title="a b"]', true],
  ] as const)('splits %s', (selector, first, child, tail, tailIsCompound) => {
    expect(splitFirstCompound(selector)).toEqual({
      first,
      child,
      tail,
      tailIsCompound,
    });
  });

  it.each([
    'p',
    'p.lead',
    '#\\31 st',
    'a[title="one two"]',
    'h2 + p',
    'h2 ~ p',
    'a p, b',
    ':scope > p',
    'main :scope',
    'p::before',
    'div > ',
    'div p)',
    'div "p',
  ])('leaves %s whole', (selector) => {
    expect(splitFirstCompound(selector)).toBeNull();
  });
});

describe.each(environments)('selectAll in $name', ({ page, otherDocument }) => {
  it.each(SELECTORS)('finds what querySelectorAll finds for %s', (s) => {
    const root = page();
    expectAgreement(root, [s]);
    // A root inside the page: the first compound may match the root or above it.
    expectAgreement(root.querySelector('section:nth-of-type(2)')!, [s]);
    expectAgreement(root.querySelector('#outer')!, [s]);
  });

  it('gives none for a selector that does not parse', () => {
    const root = page();
    expect(selectAll(root, 'section > > p')).toEqual([]);
    expect(selectAll(root, 'section > p[')).toEqual([]);
  });

  it('looks a first compound up once while nothing changes', () => {
    const root = page();
    const lookUp = vi.spyOn(root, 'querySelectorAll');
    selectAll(root, 'section:nth-of-type(2) > p');
    selectAll(root, 'section:nth-of-type(2) > h2');
    const firsts = lookUp.mock.calls.filter(
      ([s]) => s === 'section:nth-of-type(2)',
    );
    expect(firsts).toHaveLength(1);
  });

  const changes: [string, (root: HTMLElement) => void][] = [
    [
      'a section is inserted before the others',
      (root) => {
        const section = root.ownerDocument.createElement('section');
        section.append(root.ownerDocument.createElement('p'));
        root.querySelector('main')!.prepend(section);
      },
    ],
    ['a section is removed', (root) => root.querySelector('section')!.remove()],
    [
      'a class is added',
      (root) => root.querySelector('b')!.closest('p')!.classList.add('lead'),
    ],
    [
      'a test id moves to another section',
      (root) => {
        root.querySelector('[data-testid]')!.removeAttribute('data-testid');
        root.querySelector('section')!.setAttribute('data-testid', 'third');
      },
    ],
    [
      'an element is moved',
      (root) =>
        root.querySelector('#outer')!.append(root.querySelector('section')!),
    ],
  ];

  it.each(changes)('sees the page as it is after %s', (_name, change) => {
    const root = page();
    for (const s of SELECTORS) selectAll(root, s);
    change(root);
    expectAgreement(root, SELECTORS);
  });

  it('stays right when the root moves to another document', () => {
    const root = page().querySelector('main')!;
    for (const s of SELECTORS) selectAll(root, s);
    const doc = otherDocument();
    const moved = doc.adoptNode(root);
    doc.body.append(moved);
    moved.querySelector('section')!.remove();
    expectAgreement(moved, SELECTORS);
  });
});

// Only in happy-dom: jsdom's selector engine (nwsapi) can keep an element's old position
// among its siblings once others are inserted before it, in querySelectorAll and matches
// alike, so after a run of changes it is no judge of what a browser would find.
describe('selectAll after many changes, in happy-dom', () => {
  const { page } = environments[0]!;

  it('agrees with querySelectorAll after any sequence of changes', async () => {
    const tags = ['section', 'p', 'div', 'b'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.constantFrom('insert', 'remove', 'class', 'move'),
            fc.nat(40),
            fc.nat(40),
            fc.constantFrom(...tags),
          ),
          { minLength: 1, maxLength: 8 },
        ),
        fc.boolean(),
        async (steps, wait) => {
          const root = page();
          for (const [kind, a, b, tag] of steps) {
            const all = Array.from(root.querySelectorAll('*'));
            const one = all[a % all.length];
            const other = all[b % all.length];
            // Everything may have been removed already.
            if (!one || !other) continue;
            if (kind === 'insert')
              one.before(root.ownerDocument.createElement(tag));
            if (kind === 'remove') one.remove();
            if (kind === 'class') one.classList.toggle('lead');
            if (kind === 'move' && !other.contains(one)) one.append(other);
            expectAgreement(root, SELECTORS);
          }
          // Once the observer has been told, what it kept is gone too.
          if (wait) await new Promise((resolve) => setTimeout(resolve, 0));
          expectAgreement(root, SELECTORS);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('describes an element by where it is now, not where it was', () => {
    const root = page();
    const target = root.querySelector('section:nth-of-type(2) > p')!;
    const before = describeElement(target, root)[0];
    expect(before).toEqual({
      type: 'CssSelector',
      value: 'section:nth-of-type(2) > p.lead',
    });
    const section = root.ownerDocument.createElement('section');
    section.append(root.ownerDocument.createElement('p'));
    root.querySelector('main')!.prepend(section);
    const after = describeElement(target, root)[0];
    expect(after).toEqual({
      type: 'CssSelector',
      value: 'section:nth-of-type(3) > p.lead',
    });
    expect(native(root, 'section:nth-of-type(3) > p.lead')).toEqual([target]);
  });
});

describe('without a MutationObserver', () => {
  it('looks every path up afresh', () => {
    const dom = new JSDOM(`<!DOCTYPE html><body>${PAGE}</body>`);
    Object.defineProperty(dom.window, 'MutationObserver', { value: undefined });
    const root = dom.window.document.body;
    const s = 'section:nth-of-type(2) > p';
    expectAgreement(root, [s]);
    root.querySelector('section')!.remove();
    expectAgreement(root, [s]);
  });
});

describe.each(COUNCIL_PAGE_NAMES)('selectors on %s', (name) => {
  it('find each element alone, as querySelectorAll does', () => {
    const root = councilPage(name).body;
    for (const element of Array.from(root.querySelectorAll('*'))) {
      const selector = cssSelectorFor(element, root)!;
      expectSame(selectAll(root, selector), [element], selector);
      expectSame(
        Array.from(root.querySelectorAll(selector)),
        [element],
        selector,
      );
    }
  });
});
