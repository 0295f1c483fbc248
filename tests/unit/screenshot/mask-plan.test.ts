import { describe, expect, it } from 'vitest';
import {
  findFrameText,
  planMasks,
  type FrameReading,
} from '@/utils/screenshot/mask-plan';
import type { MeasuredFrame } from '@/utils/screenshot/frame-layout';
import type { Box } from '@/utils/screenshot/geometry';
import { doc, embed, frame, inner, topFrame } from './measures';

const PAY = 'https://pay.example/card';
const BOX = { x: 100, y: 50, width: 310, height: 160 };
const IMAGE = { width: 800, height: 600 };
const PASSWORD = { x: 20, y: 30, width: 200, height: 24 };

/**
 * A frame's readings with its second pass settled: same token and stamp, and `rects` for its
 * found text (one list per span, in order).
 */
function reading(
  first: MeasuredFrame,
  rects: (Box[] | null)[] = [],
  second: Partial<NonNullable<FrameReading['second']>> = {},
): FrameReading {
  return {
    first,
    text: findFrameText(first),
    second: { token: first.token, stamp: first.stamp, rects, ...second },
  };
}

/** The card frame, holding one field, and a top document whose iframe holds it. */
function cardAndTop(cardParts: Partial<MeasuredFrame> = {}) {
  const card = frame(
    'card',
    PAY,
    doc(300, 150, { boxes: [{ x: 10, y: 40, width: 200, height: 30 }] }),
    cardParts,
  );
  const top = topFrame(
    doc(800, 600, { boxes: [PASSWORD], embeds: [embed(PAY, BOX)] }),
  );
  return { card, top };
}

describe('planning the masks of a capture', () => {
  it('masks private boxes in every frame, padded in image pixels', () => {
    const { card, top } = cardAndTop();
    const plan = planMasks([reading(top), reading(card)], IMAGE);
    expect(plan).toEqual({
      ok: true,
      scale: 1,
      masks: [
        { x: 19, y: 29, width: 202, height: 26 },
        { x: 114, y: 94, width: 202, height: 32 },
      ],
      coveredFrames: 0,
      found: [],
    });
  });

  it('scales to image pixels at the device pixel ratio', () => {
    const top = topFrame(doc(800, 600, { boxes: [PASSWORD] }), {
      devicePixelRatio: 2,
    });
    const plan = planMasks([reading(top)], { width: 1600, height: 1200 });
    expect(plan.ok && plan.masks).toEqual([
      { x: 39, y: 59, width: 402, height: 50 },
    ]);
  });

  it('masks personal identifiers shown as text where the second pass found their boxes', () => {
    const top = topFrame(
      doc(800, 600, { texts: [['NHS number: ', '943 476 5919']] }),
    );
    const text = findFrameText(top);
    expect(text).toEqual({
      refs: [[0, 0, 1, 0, 1, 12]],
      kinds: ['nhs-number'],
    });
    const plan = planMasks(
      [reading(top, [[{ x: 120, y: 10, width: 90, height: 18 }]])],
      IMAGE,
    );
    expect(plan).toMatchObject({
      ok: true,
      masks: [{ x: 119, y: 9, width: 92, height: 20 }],
      found: ['nhs-number'],
    });
  });

  it('finds text in every tree of every same-origin document of a frame', () => {
    const nested = doc(300, 150, {
      index: 1,
      texts: [[], ['Email jo@example.org']],
    });
    const top = topFrame(
      doc(800, 600, {
        texts: [['Call 01632 960 123']],
        embeds: [embed('about:srcdoc', BOX, { doc: nested })],
      }),
    );
    expect(findFrameText(top)).toEqual({
      refs: [
        [0, 0, 0, 5, 0, 18],
        [1, 1, 0, 6, 0, 20],
      ],
      kinds: ['phone', 'email'],
    });
  });

  it('refuses a capture that is not the view at its pixel ratio', () => {
    const top = topFrame(doc(800, 600, { boxes: [PASSWORD] }), {
      devicePixelRatio: 2,
    });
    expect(planMasks([reading(top)], IMAGE)).toEqual({
      ok: false,
      reason: 'size',
    });
    const pinched = topFrame(doc(800, 600), { visualScale: 1.5 });
    expect(planMasks([reading(pinched)], IMAGE)).toEqual({
      ok: false,
      reason: 'size',
    });
  });

  it('refuses when the top frame moved, navigated or lost its text between the passes', () => {
    const top = topFrame(doc(800, 600));
    expect(
      planMasks([reading(top, [], { stamp: '0,120,800,600' })], IMAGE),
    ).toEqual({ ok: false, reason: 'moved' });
    expect(planMasks([{ first: top, second: null }], IMAGE)).toEqual({
      ok: false,
      reason: 'moved',
    });
    const withText = topFrame(doc(800, 600, { texts: [['943 476 5919']] }));
    expect(planMasks([reading(withText, [null])], IMAGE)).toEqual({
      ok: false,
      reason: 'moved',
    });
  });

  it('covers a frame whole when it moved between the passes', () => {
    const { card, top } = cardAndTop();
    const plan = planMasks(
      [reading(top), reading(card, [], { stamp: 'scrolled' })],
      IMAGE,
    );
    expect(plan).toMatchObject({
      ok: true,
      coveredFrames: 1,
      masks: [
        { x: 19, y: 29, width: 202, height: 26 },
        { x: 104, y: 54, width: 302, height: 152 },
      ],
    });
  });

  it('covers an element whole when its frame failed to measure', () => {
    const { card, top } = cardAndTop({ failed: 'boom' });
    const plan = planMasks([reading(top), reading(card)], IMAGE);
    expect(plan).toMatchObject({
      ok: true,
      coveredFrames: 1,
      masks: [
        { x: 19, y: 29, width: 202, height: 26 },
        { x: 99, y: 49, width: 312, height: 162 },
      ],
    });
  });

  it('refuses when the top frame could not be measured', () => {
    const { card, top } = cardAndTop();
    expect(planMasks([reading(card)], IMAGE)).toEqual({
      ok: false,
      reason: 'not-measured',
    });
    expect(
      planMasks([reading({ ...top, failed: 'boom' }), reading(card)], IMAGE),
    ).toEqual({ ok: false, reason: 'not-measured' });
  });

  it('refuses when an extra selector does not parse, naming it', () => {
    const top = topFrame(doc(800, 600), { invalidSelectors: ['[data-x'] });
    expect(planMasks([reading(top)], IMAGE)).toEqual({
      ok: false,
      reason: 'invalid-selector',
      selectors: ['[data-x'],
    });
  });

  it('refuses when a frame with something to hide can be neither placed nor seen to be covered', () => {
    const top = topFrame(doc(800, 600));
    const stray = frame(
      'stray',
      'https://elsewhere.example/',
      doc(200, 100, { boxes: [{ x: 0, y: 0, width: 50, height: 20 }] }),
    );
    expect(planMasks([reading(top), reading(stray)], IMAGE)).toEqual({
      ok: false,
      reason: 'lost-frame',
    });
    const strayText = frame(
      'text',
      'https://elsewhere.example/',
      doc(200, 100, { texts: [['943 476 5919']] }),
    );
    expect(planMasks([reading(top), reading(strayText, [[]])], IMAGE)).toEqual({
      ok: false,
      reason: 'lost-frame',
    });
  });

  it('lets a lost frame with nothing to hide be', () => {
    const top = topFrame(doc(800, 600));
    const empty = frame('empty', 'https://elsewhere.example/', doc(200, 100));
    const zeroSized = frame(
      'zero',
      'https://elsewhere.example/',
      doc(0, 0, { boxes: [{ x: 0, y: 0, width: 5, height: 5 }] }),
    );
    expect(
      planMasks([reading(top), reading(empty), reading(zeroSized)], IMAGE),
    ).toMatchObject({ ok: true, masks: [] });
  });

  it('keeps to the number of masks a report allows', () => {
    const boxes = Array.from({ length: 50 }, (_, i) => ({
      x: 10,
      y: i * 11,
      width: 100,
      height: 10,
    }));
    const top = topFrame(doc(800, 600, { boxes }));
    const plan = planMasks([reading(top)], IMAGE, 8);
    expect(plan.ok && plan.masks.length).toBeLessThanOrEqual(8);
  });

  it('counts the viewport of a joined frame from its element', () => {
    // The joined frame's own document is exactly its element's content box.
    const { card, top } = cardAndTop();
    expect(card.doc.viewport).toEqual(inner(BOX));
    expect(planMasks([reading(top), reading(card)], IMAGE).ok).toBe(true);
  });
});
