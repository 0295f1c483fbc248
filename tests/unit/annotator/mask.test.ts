import { describe, expect, it } from 'vitest';
import {
  adjustRect,
  autoRedactions,
  captureScale,
  MASK_COLOUR,
  paintRedactions,
  pinMarkers,
  privateElements,
  rectFromDrag,
  storedRedactions,
  toImageRect,
} from '@/utils/screenshot';

/** Replaces the test page's body with fixed markup, parsed rather than assigned as HTML. */
function setBody(html: string): void {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes));
}

const image = { width: 200, height: 100 };

describe('screenshot masking', () => {
  it('measures the scale from the capture itself', () => {
    expect(captureScale(2560, 1280, 1)).toBe(2);
    expect(captureScale(0, 1280, 1.5)).toBe(1.5);
  });

  it('grows boxes outwards to whole pixels and clips them to the image', () => {
    expect(
      toImageRect({ left: 10.4, top: 5.6, width: 20.2, height: 10 }, 2, image),
    ).toEqual({ x: 20, y: 11, width: 42, height: 21 });
    expect(
      toImageRect({ left: -5, top: 90, width: 20, height: 50 }, 1, image),
    ).toEqual({ x: 0, y: 90, width: 15, height: 10 });
    expect(
      toImageRect({ left: 300, top: 0, width: 10, height: 10 }, 1, image),
    ).toBeNull();
    expect(
      toImageRect({ left: NaN, top: 0, width: 10, height: 10 }, 1, image),
    ).toBeNull();
  });

  it('finds form fields, password fields, editable regions and private elements, but not buttons or our UI', () => {
    setBody(`
      <input id="name"><input id="pw" type="password"><input type="hidden" id="h">
      <input type="submit" id="s"><textarea id="t"></textarea><select id="sel"></select>
      <div contenteditable="true" id="ce"></div><div contenteditable="false" id="no"></div>
      <strong data-snag-private id="ref">NBC-1</strong><button id="b">Go</button>
      <div data-snag-ui><input id="ours"></div>`);
    expect(privateElements(document.body).map((e) => e.id)).toEqual([
      'name',
      'pw',
      't',
      'sel',
      'ce',
      'ref',
    ]);
  });

  it('turns visible boxes into automatic redactions and skips empty ones', () => {
    const boxes = [
      { left: 10, top: 10, width: 30, height: 10 },
      { left: 0, top: 0, width: 0, height: 0 },
      { left: 500, top: 10, width: 30, height: 10 },
    ];
    expect(autoRedactions(boxes, 1, image)).toEqual([
      { x: 10, y: 10, width: 30, height: 10, source: 'auto' },
    ]);
  });

  it('draws boxes from a drag in any direction, inside the image', () => {
    expect(rectFromDrag({ x: 50, y: 40 }, { x: 10.5, y: 300 }, image)).toEqual({
      x: 10,
      y: 40,
      width: 40,
      height: 60,
    });
    expect(rectFromDrag({ x: 5, y: 5 }, { x: 5, y: 50 }, image)).toBeNull();
  });

  it('moves and resizes a box from the keyboard without leaving the image', () => {
    const box = { x: 180, y: 0, width: 15, height: 10 };
    expect(adjustRect(box, { dx: 10 }, image)).toEqual({ ...box, x: 185 });
    expect(adjustRect(box, { dy: -10 }, image)).toEqual(box);
    expect(adjustRect(box, { dw: -50 }, image).width).toBe(1);
  });

  it('paints every redaction opaque in the mask colour', () => {
    const calls: unknown[] = [];
    const ctx = {
      fillStyle: '',
      fillRect: (...args: number[]) => calls.push([ctx.fillStyle, ...args]),
    };
    paintRedactions(ctx as never, [
      { x: 1, y: 2, width: 3, height: 4 },
      { x: 5, y: 6, width: 7, height: 8 },
    ]);
    expect(calls).toEqual([
      [MASK_COLOUR, 1, 2, 3, 4],
      [MASK_COLOUR, 5, 6, 7, 8],
    ]);
    expect(MASK_COLOUR).toBe('#000000');
  });

  it('places pin numbers only for annotations in view', () => {
    expect(
      pinMarkers(
        [
          { number: 1, box: { left: 10, top: 20, width: 5, height: 5 } },
          { number: 2, box: { left: 10, top: -30, width: 5, height: 5 } },
          { number: 3, box: null },
        ],
        2,
        image,
      ),
    ).toEqual([{ number: 1, x: 20, y: 40 }]);
  });

  it('stores plain rectangles, without where each came from', () => {
    expect(
      storedRedactions([{ x: 1, y: 2, width: 3, height: 4, source: 'auto' }]),
    ).toEqual([{ x: 1, y: 2, width: 3, height: 4 }]);
  });
});
