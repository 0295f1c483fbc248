import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  childPlacement,
  contains,
  contentBox,
  fitBoxes,
  imageScale,
  intersect,
  isTransformed,
  placeBox,
  sameSize,
  toImagePixels,
  topPlacement,
  wholeEmbed,
  type Box,
  type EmbedBox,
} from '@/utils/screenshot/geometry';

/** An iframe's measurements: border box at (x, y), with a border and padding on every side. */
function iframe(
  x: number,
  y: number,
  width: number,
  height: number,
  border = 0,
  padding = 0,
): EmbedBox {
  return {
    rect: { x, y, width, height },
    layout: { width, height },
    border: [border, border, border, border],
    padding: [padding, padding, padding, padding],
  };
}

const view = { width: 1280, height: 900, devicePixelRatio: 1, visualScale: 1 };

describe('screenshot geometry', () => {
  it('overlaps boxes, and finds none where they only touch or miss', () => {
    expect(
      intersect(
        { x: 0, y: 0, width: 10, height: 10 },
        { x: 5, y: 6, width: 10, height: 10 },
      ),
    ).toEqual({ x: 5, y: 6, width: 5, height: 4 });
    expect(
      intersect(
        { x: 0, y: 0, width: 10, height: 10 },
        { x: 10, y: 0, width: 5, height: 5 },
      ),
    ).toBeNull();
    expect(
      intersect(
        { x: 0, y: 0, width: 10, height: 10 },
        { x: NaN, y: 0, width: 5, height: 5 },
      ),
    ).toBeNull();
  });

  it('starts an embedded document inside its element’s border and padding', () => {
    const box = iframe(16, 318, 480, 170, 4, 6);
    expect(contentBox(box)).toEqual({ x: 26, y: 328, width: 460, height: 150 });
    // Uneven edges, in CSS order: top, right, bottom, left.
    expect(
      contentBox({
        ...box,
        border: [1, 2, 3, 4],
        padding: [5, 6, 7, 8],
      }),
    ).toEqual({ x: 28, y: 324, width: 460, height: 154 });
  });

  it('tells a transformed element by its drawn size differing from its layout size', () => {
    expect(isTransformed(iframe(0, 0, 300, 150))).toBe(false);
    expect(
      isTransformed({
        ...iframe(0, 0, 150, 75),
        layout: { width: 300, height: 150 },
      }),
    ).toBe(true);
    expect(
      sameSize({ width: 300, height: 150 }, { width: 301, height: 149 }),
    ).toBe(true);
    expect(
      sameSize({ width: 300, height: 150 }, { width: 302, height: 150 }),
    ).toBe(false);
  });

  it('composes offsets through nested frames, each cut to what its parent shows', () => {
    const top = topPlacement({ width: 800, height: 600 });
    // A frame near the right edge, and inside it a frame that runs past its parent's box.
    const outer = childPlacement(top, iframe(700, 100, 200, 100, 2, 3));
    expect(outer.offset).toEqual({ x: 705, y: 105 });
    expect(outer.clip).toEqual({ x: 705, y: 105, width: 95, height: 90 });
    const inner = childPlacement(outer, iframe(10, 50, 100, 100, 1, 0));
    expect(inner.offset).toEqual({ x: 716, y: 156 });
    expect(inner.clip).toEqual({ x: 716, y: 156, width: 84, height: 39 });
    // A field inside the inner frame, placed in the top view and cut at the view's edge.
    expect(placeBox({ x: 0, y: 0, width: 200, height: 20 }, inner)).toEqual({
      x: 716,
      y: 156,
      width: 84,
      height: 20,
    });
  });

  it('places nothing from a document that does not show', () => {
    const top = topPlacement({ width: 800, height: 600 });
    const offscreen = childPlacement(top, iframe(900, 0, 100, 100));
    expect(offscreen.clip).toBeNull();
    expect(
      placeBox({ x: 0, y: 0, width: 10, height: 10 }, offscreen),
    ).toBeNull();
    // Scrolled within its frame to above the frame's box: not shown either.
    const frame = childPlacement(top, iframe(0, 100, 100, 100));
    expect(placeBox({ x: 0, y: -50, width: 10, height: 40 }, frame)).toBeNull();
  });

  it('covers an element whole by its border box, cut to what shows', () => {
    const top = topPlacement({ width: 800, height: 600 });
    expect(wholeEmbed(iframe(700, 550, 200, 100, 4, 6), top)).toEqual({
      x: 700,
      y: 550,
      width: 100,
      height: 50,
    });
  });

  it('takes the device pixel ratio as the scale when the capture is the view at that ratio', () => {
    expect(imageScale(view, { width: 1280, height: 900 })).toBe(1);
    expect(
      imageScale(
        { ...view, devicePixelRatio: 2 },
        { width: 2560, height: 1800 },
      ),
    ).toBe(2);
    // Page zoom at 150 %: innerWidth is a whole 533 for a true 533.33.
    expect(
      imageScale(
        { width: 533, height: 342, devicePixelRatio: 1.5, visualScale: 1 },
        { width: 800, height: 513 },
      ),
    ).toBe(1.5);
  });

  it('refuses a capture that is not the view at its pixel ratio', () => {
    // Device emulation reporting a ratio of 2 while the capture is at 1.
    expect(
      imageScale(
        { ...view, devicePixelRatio: 2 },
        { width: 1280, height: 900 },
      ),
    ).toBeNull();
    // The window changed size between measuring and capturing.
    expect(imageScale(view, { width: 1280, height: 880 })).toBeNull();
    // Pinch zoom: the capture shows part of the page, enlarged.
    expect(
      imageScale({ ...view, visualScale: 2 }, { width: 1280, height: 900 }),
    ).toBeNull();
    expect(
      imageScale({ ...view, devicePixelRatio: 0 }, { width: 0, height: 0 }),
    ).toBeNull();
    expect(
      imageScale(
        { ...view, devicePixelRatio: NaN },
        { width: 1280, height: 900 },
      ),
    ).toBeNull();
  });

  it('turns a box into whole image pixels, grown outwards and padded, inside the image', () => {
    const image = { width: 200, height: 100 };
    expect(
      toImagePixels({ x: 10.4, y: 5.6, width: 20.2, height: 10 }, 2, image, 0),
    ).toEqual({ x: 20, y: 11, width: 42, height: 21 });
    expect(
      toImagePixels({ x: 10, y: 10, width: 10, height: 10 }, 1, image),
    ).toEqual({ x: 9, y: 9, width: 12, height: 12 });
    expect(
      toImagePixels({ x: -5, y: 90, width: 20, height: 50 }, 1, image),
    ).toEqual({ x: 0, y: 89, width: 16, height: 11 });
    expect(
      toImagePixels({ x: 300, y: 0, width: 10, height: 10 }, 1, image),
    ).toBeNull();
  });

  it('covers every pixel a box touches, at any scale', () => {
    fc.assert(
      fc.property(
        fc.record({
          x: fc.double({ min: -50, max: 250, noNaN: true }),
          y: fc.double({ min: -50, max: 150, noNaN: true }),
          width: fc.double({ min: 0.01, max: 100, noNaN: true }),
          height: fc.double({ min: 0.01, max: 100, noNaN: true }),
        }),
        fc.constantFrom(1, 1.25, 1.5, 2, 3),
        (box, scale) => {
          const image = { width: 400, height: 300 };
          const mask = toImagePixels(box, scale, image);
          // Every image pixel the scaled box reaches into must be inside the mask.
          const x0 = Math.max(0, Math.floor(box.x * scale));
          const y0 = Math.max(0, Math.floor(box.y * scale));
          const x1 = Math.min(
            image.width,
            Math.ceil((box.x + box.width) * scale),
          );
          const y1 = Math.min(
            image.height,
            Math.ceil((box.y + box.height) * scale),
          );
          // Nothing of it in the image: nothing to cover (the padding may still reach in).
          if (x1 <= x0 || y1 <= y0) return true;
          return (
            mask !== null &&
            contains(mask, { x: x0, y: y0, width: x1 - x0, height: y1 - y0 })
          );
        },
      ),
    );
  });

  it('drops boxes inside others and keeps to the limit without uncovering anything', () => {
    const boxes: Box[] = [
      { x: 0, y: 0, width: 100, height: 100 },
      { x: 10, y: 10, width: 5, height: 5 },
      { x: 200, y: 0, width: 10, height: 10 },
    ];
    expect(fitBoxes(boxes, 10)).toEqual([
      { x: 0, y: 0, width: 100, height: 100 },
      { x: 200, y: 0, width: 10, height: 10 },
    ]);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.integer({ min: 0, max: 500 }),
            y: fc.integer({ min: 0, max: 500 }),
            width: fc.integer({ min: 1, max: 50 }),
            height: fc.integer({ min: 1, max: 50 }),
          }),
          { maxLength: 60 },
        ),
        fc.integer({ min: 1, max: 20 }),
        (input, max) => {
          const out = fitBoxes(input, max);
          return (
            out.length <= max &&
            input.every((box) => out.some((o) => contains(o, box)))
          );
        },
      ),
    );
  });
});
