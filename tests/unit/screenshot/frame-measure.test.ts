import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  measureFoundText,
  measureFrame,
  type FrameMeasure,
  type MeasureArgs,
} from '@/utils/screenshot/frame-measure';
import { PRIVATE_SELECTOR } from '@/utils/screenshot/mask';

const ARGS: MeasureArgs = {
  selector: PRIVATE_SELECTOR,
  extraSelectors: [],
  uiAttribute: 'data-snag-ui',
  ownOrigin: 'chrome-extension://snag-id/',
};

/** Replaces the test page's body with fixed markup, parsed rather than assigned as HTML. */
function setBody(html: string): void {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes));
}

/**
 * Gives every element matching `selector` a client rect of its own (happy-dom lays nothing
 * out): the n-th one sits at x = 10n, so the answer tells which elements were measured.
 */
function layOut(selector: string): void {
  document.querySelectorAll(selector).forEach((element, n) => {
    const rect = { left: n * 10, top: 5, width: 8, height: 4 };
    Object.defineProperty(element, 'getClientRects', {
      value: () => [rect],
      configurable: true,
    });
  });
}

/** The first pass's answer for a frame that measured itself. */
function measured(args: MeasureArgs = ARGS) {
  const answer: FrameMeasure = measureFrame(args);
  if (answer.nested) throw new Error('Expected the frame to measure itself');
  return answer;
}

afterEach(() => {
  // Leave no first pass behind for the next test.
  measureFoundText({ spans: {} });
});

describe('measuring a frame', () => {
  it('measures every private element, and neither buttons nor Snag’s own UI', () => {
    setBody(`
      <input id="name"><input type="password" id="pw"><input type="hidden" id="h">
      <input type="submit" id="s"><input type="button" id="b"><textarea id="t"></textarea>
      <select id="sel"></select><div contenteditable="true" id="ce"></div>
      <p data-snag-private id="ref">NBC-1</p><button id="go">Go</button>
      <div data-snag-ui><input id="ours"></div>`);
    // Every element gets a box; the answer names them by their x.
    layOut('[id]');
    const ids = Array.from(document.querySelectorAll('[id]'), (e) => e.id);
    const answer = measured();
    expect(answer.top).toBe(true);
    expect(answer.href).toBe(location.href);
    expect(answer.token).not.toBe('');
    expect(answer.doc.boxes.map((b) => ids[b.x / 10])).toEqual([
      'name',
      'pw',
      't',
      'sel',
      'ce',
      'ref',
    ]);
  });

  it('measures what extra selectors name, and reports those that do not parse', () => {
    setBody(`<p class="case-id" id="a">A-1</p><p id="b">B</p>`);
    layOut('[id]');
    const answer = measured({
      ...ARGS,
      extraSelectors: ['.case-id', '[data-x'],
    });
    expect(answer.doc.boxes).toEqual([{ x: 0, y: 5, width: 8, height: 4 }]);
    expect(answer.invalidSelectors).toEqual(['[data-x']);
  });

  it('reads the text the page shows, one list per tree, leaving out scripts and Snag’s UI', () => {
    setBody(`<p>NHS <b>943 476 5919</b></p>
      <script>var hidden = 1</script><style>p{}</style><template><p>t</p></template>
      <div data-snag-ui><p>Snag's panel</p></div><div id="widget"></div>`);
    const shadow = document
      .getElementById('widget')!
      .attachShadow({ mode: 'open' });
    shadow.append(document.createTextNode('In a web component'));
    const answer = measured();
    expect(answer.doc.texts).toEqual([
      // The white space between blocks stays, as one space a node.
      ['NHS ', '943 476 5919', ' ', ' '],
      ['In a web component'],
    ]);
  });

  it('opens the closed shadow root of a custom element as an extension may', () => {
    setBody(`<case-widget id="widget"></case-widget><div id="plain"></div>`);
    const host = document.getElementById('widget')!;
    const closed = host.attachShadow({ mode: 'closed' });
    closed.append(document.createTextNode('Closed text'));
    const asked: string[] = [];
    vi.stubGlobal('chrome', {
      dom: {
        openOrClosedShadowRoot: (e: Element) => {
          asked.push(e.localName);
          return e === host ? closed : null;
        },
      },
    });
    try {
      expect(measured().doc.texts).toEqual([[], ['Closed text']]);
      // Built-in elements are not asked: on a large page that costs seconds.
      expect(asked).toEqual(['case-widget']);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('measures an embedded frame it cannot read by its element, and leaves out Snag’s own', () => {
    setBody(`
      <iframe id="pay" src="https://pay.example/card"
        style="border: 4px solid black; padding: 6px"></iframe>
      <iframe src="chrome-extension://snag-id/frame.html"></iframe>`);
    const pay = document.getElementById('pay')!;
    const rect = { left: 16, top: 300, width: 480, height: 170 };
    pay.getBoundingClientRect = () => ({ ...rect }) as DOMRect;
    const answer = measured();
    expect(answer.doc.embeds).toHaveLength(1);
    expect(answer.doc.embeds[0]).toMatchObject({
      src: 'https://pay.example/card',
      rect: { x: 16, y: 300, width: 480, height: 170 },
      border: [4, 4, 4, 4],
      padding: [6, 6, 6, 6],
      doc: null,
    });
  });

  it('names a sandboxed frame with no address as the frame itself will', () => {
    setBody(
      `<iframe sandbox srcdoc="<p>Notes</p>"></iframe><iframe sandbox></iframe>`,
    );
    expect(measured().doc.embeds.map((e) => e.src)).toEqual([
      'about:srcdoc',
      'about:blank',
    ]);
  });

  it('leaves a frame with a readable parent to that parent', () => {
    // happy-dom has no frameElement; a browser gives the holding element to a same-origin child.
    Object.defineProperty(window, 'frameElement', {
      value: document.createElement('iframe'),
      configurable: true,
    });
    try {
      expect(measureFrame(ARGS)).toEqual({ nested: true });
      // And keeps nothing for a second pass.
      expect(measureFoundText({ spans: {} })).toBeNull();
    } finally {
      delete (window as { frameElement?: unknown }).frameElement;
    }
  });
});

describe('measuring found text after the capture', () => {
  it('measures the spans asked for in the nodes the first pass kept, once', () => {
    setBody(`<p>NHS <b>943 476 5919</b></p>`);
    const first = measured();
    const bold = document.querySelector('b')!.firstChild as Text;
    const seen: [Node, number, Node, number][] = [];
    vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(function (
      this: Range,
    ) {
      seen.push([
        this.startContainer,
        this.startOffset,
        this.endContainer,
        this.endOffset,
      ]);
      return [
        { left: 40, top: 8, width: 90, height: 18 },
        { left: 0, top: 0, width: 0, height: 0 },
      ] as unknown as DOMRectList;
    });
    const second = measureFoundText({
      spans: {
        [first.token]: [[0, 0, 1, 0, 1, 12]],
        other: [[0, 0, 0, 0, 0, 1]],
      },
    });
    expect(seen).toEqual([[bold, 0, bold, 12]]);
    expect(second).toEqual({
      token: first.token,
      stamp: first.stamp,
      rects: [[{ x: 40, y: 8, width: 90, height: 18 }]],
    });
    // The first pass is forgotten: a second call has nothing to finish.
    expect(measureFoundText({ spans: {} })).toBeNull();
  });

  it('answers null for a span whose nodes left the page', () => {
    setBody(`<p>943 476 5919</p>`);
    const first = measured();
    document.querySelector('p')!.remove();
    expect(
      measureFoundText({ spans: { [first.token]: [[0, 0, 0, 0, 0, 12]] } }),
    ).toMatchObject({ rects: [null] });
  });

  it('stamps a scroll between the passes', () => {
    setBody(`<p>Text</p>`);
    const first = measured();
    vi.spyOn(window, 'scrollY', 'get').mockReturnValue(120);
    const second = measureFoundText({ spans: {} });
    expect(second?.stamp).not.toBe(first.stamp);
  });
});
