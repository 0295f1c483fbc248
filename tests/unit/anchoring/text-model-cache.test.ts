// The text model is kept between calls while the page stays the same. Whatever changes in
// between, the model handed out must be the one a fresh build gives, in happy-dom (this
// file's environment) and in jsdom alike.
import fc from 'fast-check';
import { Window as HappyWindow } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { anchor, describeRange, SNAG_UI_ATTRIBUTE } from '@/utils/anchoring';
import {
  buildTextModel,
  rangeFromOffsets,
  textModelOf,
  type TextModel,
} from '@/utils/anchoring/text-model';

interface Jsdom {
  window: Window & typeof globalThis;
}
const jsdomModule = 'jsdom';
const { JSDOM } = (await import(jsdomModule)) as {
  JSDOM: new (html: string) => Jsdom;
};

const PAGE = `
  <main>
    <h1>Council tax discount</h1>
    <p id="first">You may get a discount if you live alone.</p>
    <p id="second">Apply online with your <b>account number</b> to hand.</p>
    <ul><li>Single person</li><li>Student</li><li>Carer</li></ul>
    <p id="third">We will write to you within <i>ten</i> working days.</p>
  </main>
  <aside id="aside">Related: parking permits</aside>
`;

/** PAGE as a body of `doc`'s own. */
function pageBody(doc: Document): HTMLElement {
  const parsed = new DOMParser().parseFromString(
    `<!DOCTYPE html><body>${PAGE}</body>`,
    'text/html',
  );
  return doc.importNode(parsed.body, true);
}

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
      const body = pageBody(document);
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

/** True when two models hold the same text from the very same nodes. */
function sameModel(a: TextModel, b: TextModel): boolean {
  return (
    a.root === b.root &&
    a.text === b.text &&
    a.nodes.length === b.nodes.length &&
    a.nodes.every((node, i) => node === b.nodes[i]) &&
    a.starts.every((start, i) => start === b.starts[i]) &&
    a.indexOf.size === a.nodes.length &&
    a.nodes.every((node, i) => a.indexOf.get(node) === i)
  );
}

/** Asserts that the model handed out now is a fresh build's, and returns it. */
function expectFresh(root: Element): TextModel {
  const model = textModelOf(root);
  expect(sameModel(model, buildTextModel(root))).toBe(true);
  return model;
}

function textNodeOf(root: Element, selector: string): Text {
  return root.querySelector(selector)!.firstChild as Text;
}

/** A macrotask later: the observer's callback has run and its records are gone. */
function afterDelivery(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

describe.each(environments)(
  'the cached text model in $name',
  ({ page, otherDocument }) => {
    it('hands out the same model while nothing changes', () => {
      const root = page();
      const model = expectFresh(root);
      expect(textModelOf(root)).toBe(model);
      expect(model.text).toContain('You may get a discount');
    });

    const changes: [
      string,
      (root: HTMLElement) => void,
      (text: string) => void,
    ][] = [
      [
        'a text node’s data is set',
        (root) => {
          textNodeOf(root, '#first').data = 'You may get money back.';
        },
        (text) => expect(text).toContain('You may get money back.'),
      ],
      [
        'a text node is edited in place',
        (root) => {
          textNodeOf(root, '#first').replaceData(0, 3, 'They');
          textNodeOf(root, '#third').appendData('about ');
        },
        (text) => {
          expect(text).toContain('They may get');
          expect(text).toContain('within about ten working days');
        },
      ],
      [
        'a text node is emptied',
        (root) => {
          textNodeOf(root, '#first').data = '';
        },
        (text) => expect(text).not.toContain('discount if'),
      ],
      [
        'a text node is split',
        (root) => {
          textNodeOf(root, '#first').splitText(8);
        },
        (text) => expect(text).toContain('You may get a discount'),
      ],
      [
        'a paragraph is inserted',
        (root) => {
          const p = root.ownerDocument.createElement('p');
          p.textContent = 'Bins are collected on Tuesdays.';
          root.querySelector('main')!.prepend(p);
        },
        (text) => expect(text).toContain('Bins are collected on Tuesdays.'),
      ],
      [
        'a paragraph is removed',
        (root) => root.querySelector('#second')!.remove(),
        (text) => expect(text).not.toContain('account number'),
      ],
      [
        'a paragraph is moved',
        (root) =>
          root.querySelector('main')!.append(root.querySelector('#first')!),
        (text) =>
          expect(text.indexOf('live alone')).toBeGreaterThan(
            text.indexOf('working days'),
          ),
      ],
      [
        'a script is inserted',
        (root) => {
          const script = root.ownerDocument.createElement('script');
          script.type = 'text/plain';
          script.textContent = 'window.tracking = true;';
          root.querySelector('#first')!.append(script);
        },
        (text) => expect(text).not.toContain('tracking'),
      ],
      [
        'an element is marked as Snag’s UI',
        (root) =>
          root.querySelector('#second')!.setAttribute(SNAG_UI_ATTRIBUTE, ''),
        (text) => expect(text).not.toContain('account number'),
      ],
      [
        'the root itself is marked as Snag’s UI',
        (root) => root.setAttribute(SNAG_UI_ATTRIBUTE, ''),
        (text) => expect(text).toBe(''),
      ],
      [
        'a whole subtree is replaced',
        (root) => {
          const li = root.ownerDocument.createElement('li');
          li.textContent = 'Severe mental impairment';
          root.querySelector('ul')!.replaceChildren(li);
        },
        (text) => {
          expect(text).toContain('Severe mental impairment');
          expect(text).not.toContain('Carer');
        },
      ],
    ];

    it.each(changes)(
      'builds the model again after %s',
      (_change, change, check) => {
        const root = page();
        const before = expectFresh(root);
        change(root);
        const after = expectFresh(root);
        expect(after).not.toBe(before);
        check(after.text);
        // And it is kept again from then on.
        expect(textModelOf(root)).toBe(after);
      },
    );

    it.each(changes)(
      'builds the model again after %s once the observer has been notified',
      async (_change, change, check) => {
        const root = page();
        const before = expectFresh(root);
        change(root);
        await afterDelivery();
        const after = expectFresh(root);
        expect(after).not.toBe(before);
        check(after.text);
      },
    );

    it('notices Snag’s UI attribute going away again', () => {
      const root = page();
      const second = root.querySelector('#second')!;
      second.setAttribute(SNAG_UI_ATTRIBUTE, '');
      expect(expectFresh(root).text).not.toContain('account number');
      second.removeAttribute(SNAG_UI_ATTRIBUTE);
      expect(expectFresh(root).text).toContain('account number');
    });

    it('agrees with a fresh build about a namespaced UI attribute', () => {
      // An observer's attributeFilter only reports attributes without a namespace.
      const root = page();
      expectFresh(root);
      root
        .querySelector('#second')!
        .setAttributeNS('urn:example', SNAG_UI_ATTRIBUTE, '');
      expect(expectFresh(root).text).toContain('account number');
    });

    it('is not thrown away by attributes the model does not read', () => {
      const root = page();
      const model = expectFresh(root);
      root.querySelector('#first')!.setAttribute('class', 'highlighted');
      root.querySelector('#second')!.setAttribute('data-snag-uix', '');
      expect(textModelOf(root)).toBe(model);
      expect(sameModel(model, buildTextModel(root))).toBe(true);
    });

    it('keeps a model per root, each thrown away only by changes under it', () => {
      const root = page();
      const main = root.querySelector('main')!;
      const whole = expectFresh(root);
      const part = expectFresh(main);
      expect(part).not.toBe(whole);
      root.querySelector('#aside')!.firstChild!.textContent = 'Related: bins';
      expect(textModelOf(main)).toBe(part);
      expect(sameModel(part, buildTextModel(main))).toBe(true);
      expect(expectFresh(root)).not.toBe(whole);
      textNodeOf(main, '#third').data = 'Replies take a fortnight.';
      expect(expectFresh(main)).not.toBe(part);
    });

    it('stays right when the root itself is moved', () => {
      const root = page();
      const main = root.querySelector('main')!;
      expectFresh(main);
      root.querySelector('#aside')!.append(main);
      expectFresh(main);
      textNodeOf(main, '#first').data = 'Moved and changed.';
      expect(expectFresh(main).text).toContain('Moved and changed.');
    });

    it('stays right when the root moves to another document', () => {
      const root = page();
      const main = root.querySelector('main')!;
      const before = expectFresh(main);
      const other = otherDocument();
      other.body.append(other.adoptNode(main));
      // Built again, under the watch of the new document's own window.
      const after = expectFresh(main);
      expect(after).not.toBe(before);
      textNodeOf(main, '#first').data = 'Adopted and changed.';
      const changed = expectFresh(main);
      expect(changed.text).toContain('Adopted and changed.');
      const council = changed.text.indexOf('Council');
      expect(rangeFromOffsets(changed, council, council + 7).toString()).toBe(
        'Council',
      );
    });

    it('describes and anchors against the page as it is now', () => {
      const root = page();
      const model = textModelOf(root);
      const start = model.text.indexOf('working days');
      const before = describeRange(
        rangeFromOffsets(model, start, start + 12),
        root,
      );
      textNodeOf(root, '#first').data =
        'You may get a discount of a quarter if you live on your own.';
      const now = textModelOf(root);
      const moved = now.text.indexOf('working days');
      expect(moved).toBeGreaterThan(start);
      const after = describeRange(
        rangeFromOffsets(now, moved, moved + 12),
        root,
      );
      expect(after).toContainEqual({
        type: 'TextPositionSelector',
        start: moved,
        end: moved + 12,
      });
      const found = anchor(root, before);
      expect(found?.range?.toString()).toBe('working days');
    });

    it('matches a fresh build after any sequence of changes', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.tuple(
              fc.constantFrom(
                'data',
                'empty',
                'split',
                'insert',
                'remove',
                'move',
                'script',
                'ui-on',
                'ui-off',
                'ui-namespaced',
                'normalize',
              ),
              fc.nat(),
              fc.nat(),
            ),
            { minLength: 1, maxLength: 12 },
          ),
          fc.boolean(),
          async (steps, wait) => {
            const root = page();
            const doc = root.ownerDocument;
            expectFresh(root);
            for (const [kind, a, b] of steps) {
              const elements = Array.from(root.querySelectorAll('*'));
              const texts = buildTextModel(root).nodes;
              const element = elements[a % Math.max(1, elements.length)];
              const other = elements[b % Math.max(1, elements.length)];
              const text = texts[a % Math.max(1, texts.length)];
              switch (kind) {
                case 'data':
                  if (text) text.data = `changed ${b}`;
                  break;
                case 'empty':
                  if (text) text.data = '';
                  break;
                case 'split':
                  if (text && text.data.length > 1)
                    text.splitText(1 + (b % (text.data.length - 1)));
                  break;
                case 'insert': {
                  const p = doc.createElement('p');
                  p.textContent = `inserted ${b}`;
                  (element ?? root).append(p);
                  break;
                }
                case 'remove':
                  element?.remove();
                  break;
                case 'move':
                  if (element && other && !other.contains(element))
                    element.append(other);
                  break;
                case 'script': {
                  const script = doc.createElement('script');
                  script.type = 'text/plain';
                  script.textContent = `hidden ${b}`;
                  (element ?? root).append(script);
                  break;
                }
                case 'ui-on':
                  element?.setAttribute(SNAG_UI_ATTRIBUTE, '');
                  break;
                case 'ui-off':
                  root
                    .querySelector(`[${SNAG_UI_ATTRIBUTE}]`)
                    ?.removeAttribute(SNAG_UI_ATTRIBUTE);
                  break;
                case 'ui-namespaced':
                  element?.setAttributeNS('urn:example', SNAG_UI_ATTRIBUTE, '');
                  break;
                case 'normalize':
                  (element ?? root).normalize();
                  break;
              }
              // Sometimes look between changes, so that later changes hit a kept model.
              if ((a + b) % 3 === 0) expectFresh(root);
            }
            if (wait) await afterDelivery();
            expectFresh(root);
          },
        ),
        { numRuns: 60 },
      );
    });
  },
);

describe('without a MutationObserver', () => {
  it('builds the model on every call', () => {
    const dom = new JSDOM(`<!DOCTYPE html><body>${PAGE}</body>`);
    Object.defineProperty(dom.window, 'MutationObserver', { value: undefined });
    const root = dom.window.document.body;
    const first = textModelOf(root);
    const second = textModelOf(root);
    expect(second).not.toBe(first);
    expect(sameModel(second, first)).toBe(true);
    (root.querySelector('#first')!.firstChild as Text).data = 'Changed.';
    expect(textModelOf(root).text).toContain('Changed.');
  });

  it('builds the model on every call for a document with no window', () => {
    const doc = document.implementation.createHTMLDocument('');
    doc.body.replaceWith(pageBody(doc));
    expect(doc.defaultView).toBeNull();
    const first = textModelOf(doc.body);
    expect(textModelOf(doc.body)).not.toBe(first);
    (doc.querySelector('#first')!.firstChild as Text).data = 'Changed.';
    expect(textModelOf(doc.body).text).toContain('Changed.');
  });
});
