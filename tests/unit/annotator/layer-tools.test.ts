// The layer as the in-page script builds it: its tools for picking (the element picker,
// "Snag this", the describer) arrive only when first needed. happy-dom has no layout nor
// trusted events, so boxes are stubbed and tests mark their own events as trusted.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLayer, type PageLayer } from '@/components/annotator/layer-core';
import type { PickerTools, ToolBox } from '@/components/annotator/picker-tools';
import { pickerTools } from '@/components/annotator/tools';
import { describeElement, describeRange } from '@/utils/anchoring';
import type { LayerToFrame } from '@/utils/frame-link';

const rect = () =>
  ({
    left: 30,
    top: 200,
    width: 100,
    height: 20,
    right: 130,
    bottom: 220,
    x: 30,
    y: 200,
  }) as DOMRect;

function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** Tools that load when the test says: `arrive` or `fail` settles every pending use. */
function slowTools() {
  let here: PickerTools | null = null;
  const waiting: { use: (t: PickerTools) => void; failed?: () => void }[] = [];
  const box: ToolBox = {
    now: () => here,
    use(use, failed) {
      if (here) use(here);
      else waiting.push({ use, failed });
    },
  };
  return {
    box,
    asked: () => waiting.length,
    arrive() {
      here = pickerTools;
      for (const w of waiting.splice(0)) w.use(pickerTools);
    },
    fail() {
      for (const w of waiting.splice(0)) w.failed?.();
    },
  };
}

let host: HTMLElement;
let shadow: ShadowRoot;
let sent: LayerToFrame[];
let layer: PageLayer;
let tools: ReturnType<typeof slowTools>;
const $ = (selector: string) => shadow.querySelector<HTMLElement>(selector);

beforeEach(() => {
  document.body.replaceChildren();
  const main = document.createElement('main');
  const h1 = document.createElement('h1');
  h1.textContent = 'Bin collections';
  const p = document.createElement('p');
  p.textContent = 'Put your bins out by 7am.';
  const button = document.createElement('button');
  button.textContent = 'Book';
  main.append(h1, p, button);
  document.body.append(main);
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
  tools = slowTools();
  layer = createLayer(
    { doc: document, host, container, send: (m) => sent.push(m) },
    tools.box,
  );
  // What the layer says as it starts (nothing found yet) is not under test here.
  sent = [];
});

afterEach(() => {
  layer.destroy();
  host.remove();
  document.getSelection()?.removeAllRanges();
  vi.restoreAllMocks();
});

describe('the layer before its tools are here', () => {
  it('asks for nothing until the user picks or selects', () => {
    layer.setMarks([]);
    expect(tools.asked()).toBe(0);
    expect($('.snag-glass')).toBeNull();
  });

  it('catches the pointer in pin mode, and pins where the user clicked once the picker shows', () => {
    const button = document.querySelector('main button')!;
    document.elementsFromPoint = () => [host, button, document.documentElement];
    layer.setMode('pin');
    expect(tools.asked()).toBe(1);
    const glass = $('.snag-glass')!;
    const synthetic = new MouseEvent('click', { cancelable: true });
    glass.dispatchEvent(synthetic);
    expect(synthetic.defaultPrevented).toBe(true);
    const click = trusted(
      new MouseEvent('click', { cancelable: true, clientX: 5, clientY: 500 }),
    );
    glass.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(sent).toEqual([]);
    tools.arrive();
    expect(sent).toEqual([
      {
        type: 'annotate',
        kind: 'element',
        selectors: describeElement(button, document.body),
      },
    ]);
    // Pinning ends pick mode: neither the waiting glass nor the picker stays.
    expect($('.snag-glass')).toBeNull();
    expect($('.snag-picker-bar')).toBeNull();
  });

  it('shows the picker, focused on what is under the pointer, without pinning on a move alone', () => {
    const h1 = document.querySelector('h1')!;
    document.elementsFromPoint = () => [h1, document.documentElement];
    layer.setMode('pin');
    $('.snag-glass')!.dispatchEvent(
      trusted(new MouseEvent('pointermove', { clientX: 40, clientY: 210 })),
    );
    tools.arrive();
    expect(sent).toEqual([]);
    expect(shadow.querySelectorAll('.snag-glass')).toHaveLength(1);
    expect($('.snag-picked-label')?.textContent).toBe(
      'heading: Bin collections',
    );
    expect(shadow.activeElement).toBe($('.snag-picker-bar button.primary'));
  });

  it('leaves pin mode when the tools cannot be loaded, and not after pin mode has ended', () => {
    layer.setMode('pin');
    tools.fail();
    expect(sent).toEqual([{ type: 'mode', mode: 'idle' }]);
    expect($('.snag-glass')).toBeNull();
    sent = [];
    layer.setMode('pin');
    layer.setMode('idle');
    tools.fail();
    expect(sent).toEqual([]);
  });

  it('shows nothing once pin mode has ended before the picker arrived', () => {
    layer.setMode('pin');
    layer.setMode('idle');
    tools.arrive();
    expect($('.snag-picker-bar')).toBeNull();
    expect($('.snag-glass')).toBeNull();
  });

  it('loads "Snag this" when the page’s text is first selected, then snags it', async () => {
    document.dispatchEvent(new Event('selectionchange'));
    expect(tools.asked()).toBe(0);
    const range = document.createRange();
    range.selectNodeContents(document.querySelector('p')!.firstChild!);
    document.getSelection()!.addRange(range);
    document.dispatchEvent(new Event('selectionchange'));
    await flush();
    expect(tools.asked()).toBe(1);
    expect($('.snag-this')).toBeNull();
    tools.arrive();
    const snag = $('button.snag-this')!;
    expect(snag.textContent).toBe('Snag this');
    const expected = describeRange(range, document.body);
    snag.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true })));
    expect(sent).toEqual([
      { type: 'annotate', kind: 'text', selectors: expected },
    ]);
  });
});

describe('marks before the full search is here', () => {
  const paragraph = () => document.querySelector('main p')!;
  const textOf = (node: Node) => {
    const range = document.createRange();
    range.selectNodeContents(node.firstChild!);
    return describeRange(range, document.body);
  };
  const spec = (key: string, selectors: ReturnType<typeof textOf>) => ({
    key,
    label: key,
    selectors,
    saved: true,
  });

  it('places marks on an unchanged page at once, without loading anything', () => {
    layer.setMarks([
      spec('a', textOf(paragraph())),
      spec('b', describeElement(document.querySelector('h1')!, document.body)),
    ]);
    expect(tools.asked()).toBe(0);
    expect(sent).toEqual([
      { type: 'placed', found: { a: 'exact', b: 'exact' } },
    ]);
  });

  it('loads the search for a mark the page changed around, and tells the frame only once it has looked', () => {
    const selectors = textOf(paragraph());
    paragraph().textContent = 'Update: put your bins out by 7am.';
    layer.setMarks([
      spec('a', selectors),
      spec('b', describeElement(document.querySelector('h1')!, document.body)),
    ]);
    expect(tools.asked()).toBe(1);
    // Nothing is said while a mark waits: it must never show as "not found" for a moment.
    expect(sent).toEqual([]);
    tools.arrive();
    expect(sent).toEqual([
      { type: 'placed', found: { a: 'fuzzy', b: 'exact' } },
    ]);
  });

  it('shows a mark as not found when the search cannot be loaded', () => {
    const selectors = textOf(paragraph());
    paragraph().remove();
    layer.setMarks([spec('a', selectors)]);
    expect(sent).toEqual([]);
    tools.fail();
    expect(sent).toEqual([{ type: 'placed', found: { a: null } }]);
  });
});
