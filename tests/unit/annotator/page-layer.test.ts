// Snag's in-page layer (plain DOM in a shadow root): marks, the element picker and "Snag this",
// their names and classes, trusted-input checks and what they tell the frame. happy-dom has no
// layout, so boxes are stubbed, and it has no trusted events, so tests mark their own.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createPageLayer,
  selectionSelectors,
  type PageLayer,
} from '@/components/annotator/page-layer';
import { describeElement, describeRange } from '@/utils/anchoring';
import type { LayerToFrame, MarkSpec } from '@/utils/frame-link';

const BOX = { left: 30, top: 200, width: 100, height: 20 };

/** A client rectangle at `box`. */
const rect = (box = BOX) =>
  ({
    ...box,
    x: box.left,
    y: box.top,
    right: box.left + box.width,
    bottom: box.top + box.height,
    toJSON: () => box,
  }) as DOMRect;

/** `event` as the browser would mark a user's own input. */
function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

const click = (e: Element, isTrusted = true) => {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true });
  e.dispatchEvent(isTrusted ? trusted(event) : event);
  return event;
};
const key = (e: Element, name: string, isTrusted = true) => {
  const event = new KeyboardEvent('keydown', {
    key: name,
    bubbles: true,
    cancelable: true,
  });
  e.dispatchEvent(isTrusted ? trusted(event) : event);
  return event;
};

/** Lets mutation records and settled promises arrive. */
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

let host: HTMLElement;
let shadow: ShadowRoot;
let sent: LayerToFrame[];
let layer: PageLayer;

const $ = (selector: string) => shadow.querySelector<HTMLElement>(selector);
const $$ = (selector: string) =>
  Array.from(shadow.querySelectorAll<HTMLElement>(selector));
const h1 = () => document.querySelector('h1')!;
const para = () => document.querySelector('p')!;

/** The paragraph's text as a range, and as the page's selection. */
function selectParagraph(): Range {
  const range = document.createRange();
  range.selectNodeContents(para().firstChild!);
  document.getSelection()!.removeAllRanges();
  document.getSelection()!.addRange(range);
  return range;
}

beforeEach(() => {
  const doc = new DOMParser().parseFromString(
    '<main><h1>Bin collections</h1><p>Put your bins out by 7am.</p><button>Book</button></main>',
    'text/html',
  );
  document.body.replaceChildren(
    document.importNode(doc.body.firstChild!, true),
  );
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue(rect());
  vi.spyOn(Range.prototype, 'getClientRects').mockReturnValue([
    rect(),
  ] as unknown as DOMRectList);
  host = document.createElement('snag-annotator');
  host.setAttribute('data-snag-ui', '');
  shadow = host.attachShadow({ mode: 'open' });
  const container = document.createElement('div');
  shadow.append(container);
  document.documentElement.append(host);
  sent = [];
  layer = createPageLayer({
    doc: document,
    host,
    container,
    send: (m) => sent.push(m),
  });
});

afterEach(() => {
  layer.destroy();
  host.remove();
  document.getSelection()?.removeAllRanges();
});

describe('marks', () => {
  const marks = (): MarkSpec[] => [
    {
      key: 'draft:a',
      label: '1',
      selectors: describeElement(h1(), document.body),
      saved: false,
    },
    {
      key: 'r1',
      label: 'K7Q',
      selectors: describeRange(selectParagraph(), document.body),
      saved: true,
    },
  ];

  it('draws a named pin and boxes for each mark found, and tells the frame how each was found', () => {
    sent = [];
    layer.setMarks(marks());
    expect(sent).toEqual([
      { type: 'placed', found: { 'draft:a': 'exact', r1: 'exact' } },
    ]);
    const pins = $$('.snag-root > .snag-marks button.snag-pin');
    expect(pins.map((p) => p.getAttribute('aria-label'))).toEqual([
      'Note 1',
      'Report K7Q',
    ]);
    expect(pins.map((p) => p.textContent)).toEqual(['1', 'K7Q']);
    expect(pins.map((p) => p.className)).toEqual([
      'snag-pin',
      'snag-pin saved',
    ]);
    expect(pins[0]!.style.left).toBe('18px');
    expect(pins[0]!.style.top).toBe('188px');
    expect($('.snag-outline')?.style.width).toBe('100px');
    expect($('.snag-highlight.saved')).not.toBeNull();
  });

  it('reports an orphan as not found and draws nothing for it', () => {
    sent = [];
    const gone = marks()[0]!;
    h1().remove();
    layer.setMarks([gone]);
    expect(sent).toEqual([{ type: 'placed', found: { 'draft:a': null } }]);
    expect($$('button.snag-pin')).toHaveLength(0);
  });

  it('opens a mark on the user’s click only, never on a page’s synthetic one', () => {
    layer.setMarks(marks());
    sent = [];
    const pin = $$('button.snag-pin')[1]!;
    click(pin, false);
    expect(sent).toEqual([]);
    click(pin);
    expect(sent).toEqual([{ type: 'open', key: 'r1' }]);
  });

  it('keeps each pin’s element (and its focus) while the page changes, and drops a mark whose element went', async () => {
    layer.setMarks(marks());
    const pin = $$('button.snag-pin')[0]!;
    pin.focus();
    document.body.append(document.createElement('div'));
    await flush();
    expect($$('button.snag-pin')[0]).toBe(pin);
    expect(shadow.activeElement).toBe(pin);
    h1().remove();
    await flush();
    expect($$('button.snag-pin').map((p) => p.textContent)).toEqual(['K7Q']);
  });

  it('brings a mark into view when the frame asks', () => {
    layer.setMarks(marks());
    const scroll = vi.fn();
    h1().scrollIntoView = scroll;
    layer.scrollTo('draft:a');
    layer.scrollTo('draft:a');
    expect(scroll).toHaveBeenCalledTimes(2);
    expect(scroll).toHaveBeenCalledWith({ block: 'center' });
  });
});

describe('the element picker', () => {
  it('shows an outline, its label and a focused, named bar in pin mode', () => {
    layer.setMode('pin');
    const root = $('.snag-root')!;
    expect(Array.from(root.children).map((e) => e.className)).toEqual([
      'snag-marks',
      'snag-glass',
      'snag-picked',
      'snag-picked-label',
      'snag-picker-bar',
    ]);
    const bar = $('.snag-picker-bar')!;
    expect(bar.getAttribute('role')).toBe('group');
    expect(bar.getAttribute('aria-labelledby')).toBe('snag-picker-help');
    expect($('#snag-picker-help')?.textContent).toMatch(/^Point at an element/);
    expect($('.snag-picked-label')?.getAttribute('aria-hidden')).toBe('true');
    expect($('.snag-picked-label')?.textContent).toBe(
      'main: Bin collectionsPut your bins out by 7am.Book',
    );
    const pin = $('.snag-picker-bar button.primary')!;
    expect(shadow.activeElement).toBe(pin);
    expect(pin.textContent).toMatch(/^Pin this: main: Bin collections/);
    expect($$('.snag-picker-bar button')[1]!.textContent).toBe('Stop pinning');
    expect($('.snag-this')).toBeNull();
  });

  it('walks the page with the arrow keys, from the user only, and pins with a click', () => {
    layer.setMode('pin');
    const pin = $('.snag-picker-bar button.primary')!;
    key(pin, 'ArrowDown', false);
    expect($('.snag-picked-label')?.textContent).toMatch(/^main:/);
    const down = key(pin, 'ArrowDown');
    expect(down.defaultPrevented).toBe(true);
    expect($('.snag-picked-label')?.textContent).toBe(
      'heading: Bin collections',
    );
    key(pin, 'ArrowRight');
    expect(pin.textContent).toBe(
      'Pin this: paragraph: Put your bins out by 7am.',
    );
    sent = [];
    click(pin, false);
    expect(sent).toEqual([]);
    click(pin);
    expect(sent).toEqual([
      {
        type: 'annotate',
        kind: 'element',
        selectors: describeElement(para(), document.body),
      },
    ]);
    // Pinning ends pin mode.
    expect($('.snag-glass')).toBeNull();
  });

  it('cancels with Esc or "Stop pinning", from the user only', () => {
    layer.setMode('pin');
    sent = [];
    key($('.snag-picker-bar button.primary')!, 'Escape', false);
    click($$('.snag-picker-bar button')[1]!, false);
    expect(sent).toEqual([]);
    expect(
      key($('.snag-picker-bar button.primary')!, 'Escape').defaultPrevented,
    ).toBe(true);
    expect(sent).toEqual([{ type: 'mode', mode: 'idle' }]);
    expect($('.snag-glass')).toBeNull();
    layer.setMode('pin');
    click($$('.snag-picker-bar button')[1]!);
    expect(sent).toHaveLength(2);
    expect($('.snag-picked')).toBeNull();
  });

  it('pins what is under the pointer, catching every click on the glass', () => {
    const button = document.querySelector('main button')!;
    document.elementsFromPoint = () => [host, button, document.documentElement];
    layer.setMode('pin');
    const glass = $('.snag-glass')!;
    glass.dispatchEvent(
      new MouseEvent('pointermove', { clientX: 5, clientY: 500 }),
    );
    expect($('.snag-picked-label')?.textContent).toBe('button: Book');
    sent = [];
    expect(click(glass, false).defaultPrevented).toBe(true);
    expect(sent).toEqual([]);
    expect(click(glass).defaultPrevented).toBe(true);
    expect(sent[0]).toEqual({
      type: 'annotate',
      kind: 'element',
      selectors: describeElement(button, document.body),
    });
  });

  it('puts its bar at the top when the chosen element is in the lower half of the view', () => {
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue(
      rect({ left: 0, top: innerHeight - 50, width: 50, height: 40 }),
    );
    layer.setMode('pin');
    expect($('.snag-picker-bar')?.className).toBe('snag-picker-bar top');
  });
});

describe('"Snag this"', () => {
  it('shows by the page’s selected text and snags it on the user’s click only', async () => {
    expect($('.snag-this')).toBeNull();
    const range = selectParagraph();
    document.dispatchEvent(new Event('selectionchange'));
    await flush();
    const snag = $('button.snag-this.primary')!;
    expect(snag.textContent).toBe('Snag this');
    expect(snag.style.left).toBe('90px');
    expect(snag.style.top).toBe('226px');
    const down = new MouseEvent('mousedown', { cancelable: true });
    snag.dispatchEvent(down);
    expect(down.defaultPrevented).toBe(true);
    sent = [];
    click(snag, false);
    expect(sent).toEqual([]);
    click(snag);
    expect(sent).toEqual([
      {
        type: 'annotate',
        kind: 'text',
        selectors: describeRange(range, document.body),
      },
    ]);
    expect(document.getSelection()?.rangeCount).toBe(0);
    expect($('.snag-this')).toBeNull();
  });

  it('ignores a selection inside Snag’s own UI', () => {
    const text = document.createElement('span');
    text.textContent = 'Snag';
    shadow.append(text);
    const inside = document.createRange();
    inside.selectNodeContents(host);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(inside);
    document.dispatchEvent(new Event('selectionchange'));
    expect($('.snag-this')).toBeNull();
    expect(selectionSelectors(document, host)).toBeNull();
  });

  it('answers the frame’s "use the selection" with the page’s selection as selectors', () => {
    const range = selectParagraph();
    expect(selectionSelectors(document, host)).toEqual({
      type: 'annotate',
      kind: 'text',
      selectors: describeRange(range, document.body),
    });
  });
});

it('takes everything away when closed', () => {
  layer.setMode('pin');
  layer.destroy();
  expect($('.snag-root')).toBeNull();
});
