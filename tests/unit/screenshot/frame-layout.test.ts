import { describe, expect, it } from 'vitest';
import { layoutFrames } from '@/utils/screenshot/frame-layout';
import { doc, embed, frame, inner, topFrame } from './measures';

const PAY = 'https://pay.example/card';
const BOX = { x: 100, y: 50, width: 310, height: 160 };

/** Where each placed document's viewport begins, by token and document index. */
const offsets = (layout: ReturnType<typeof layoutFrames>) =>
  layout.placed.map((p) => [p.token, p.doc.index, p.placement.offset]);

describe('laying frames out in the top view', () => {
  it('places the top document over the whole view', () => {
    const layout = layoutFrames([topFrame(doc(800, 600))]);
    expect(layout.placed).toHaveLength(1);
    expect(layout.placed[0]!.placement).toEqual({
      offset: { x: 0, y: 0 },
      clip: { x: 0, y: 0, width: 800, height: 600 },
    });
    expect(layout.covered).toEqual([]);
    expect(layout.lost).toEqual([]);
  });

  it('places a same-origin document inside its element’s border and padding', () => {
    const nested = doc(300, 150, { index: 1 });
    const top = topFrame(
      doc(800, 600, { embeds: [embed('about:srcdoc', BOX, { doc: nested })] }),
    );
    const layout = layoutFrames([top]);
    expect(offsets(layout)).toEqual([
      ['top', 0, { x: 0, y: 0 }],
      ['top', 1, { x: 105, y: 55 }],
    ]);
    expect(layout.placed[1]!.placement.clip).toEqual({
      x: 105,
      y: 55,
      width: 300,
      height: 150,
    });
  });

  it('covers a transformed same-origin document whole instead of placing it', () => {
    const nested = doc(300, 150, { index: 1 });
    const scaled = embed(
      'about:srcdoc',
      { ...BOX, width: 155, height: 80 },
      { layout: { width: 310, height: 160 }, doc: nested },
    );
    const layout = layoutFrames([
      topFrame(doc(800, 600, { embeds: [scaled] })),
    ]);
    expect(offsets(layout)).toEqual([['top', 0, { x: 0, y: 0 }]]);
    expect(layout.covered).toEqual([{ x: 100, y: 50, width: 155, height: 80 }]);
  });

  it('joins a cross-origin frame to the one element that can hold it', () => {
    const card = frame('card', `${PAY}#details`, doc(...size(BOX)));
    const top = topFrame(doc(800, 600, { embeds: [embed(PAY, BOX)] }));
    const layout = layoutFrames([top, card]);
    expect(offsets(layout)).toEqual([
      ['top', 0, { x: 0, y: 0 }],
      ['card', 0, { x: 105, y: 55 }],
    ]);
    expect(layout.covered).toEqual([]);
    expect(layout.lost).toEqual([]);
  });

  it('places frames within frames across origins, offsets added up', () => {
    const adBox = { x: 10, y: 20, width: 110, height: 60 };
    const ad = frame('ad', 'https://ads.example/slot', doc(...size(adBox)));
    const card = frame(
      'card',
      PAY,
      doc(...size(BOX), { embeds: [embed('https://ads.example/slot', adBox)] }),
    );
    const top = topFrame(doc(800, 600, { embeds: [embed(PAY, BOX)] }));
    const layout = layoutFrames([ad, top, card]);
    expect(offsets(layout)).toEqual([
      ['top', 0, { x: 0, y: 0 }],
      ['card', 0, { x: 105, y: 55 }],
      ['ad', 0, { x: 120, y: 80 }],
    ]);
  });

  it('covers both of two frames it cannot tell apart, and places neither', () => {
    const other = { ...BOX, y: 300 };
    const top = topFrame(
      doc(800, 600, { embeds: [embed(PAY, BOX), embed(PAY, other)] }),
    );
    const layout = layoutFrames([
      top,
      frame('a', PAY, doc(...size(BOX))),
      frame('b', PAY, doc(...size(BOX))),
    ]);
    expect(offsets(layout)).toEqual([['top', 0, { x: 0, y: 0 }]]);
    expect(layout.covered).toEqual([BOX, other]);
    expect(layout.lost).toEqual([]);
  });

  it('covers an element whose frame could not be measured at all', () => {
    // No frame answered for it: an error page, or a frame Snag may not enter.
    const top = topFrame(doc(800, 600, { embeds: [embed(PAY, BOX)] }));
    const layout = layoutFrames([top]);
    expect(layout.covered).toEqual([BOX]);
  });

  it('covers a frame that navigated away from its element’s address, and knows it is covered', () => {
    const moved = frame('card', 'https://pay.example/3ds', doc(...size(BOX)));
    const top = topFrame(doc(800, 600, { embeds: [embed(PAY, BOX)] }));
    const layout = layoutFrames([top, moved]);
    expect(layout.covered).toEqual([BOX]);
    expect(offsets(layout)).toEqual([['top', 0, { x: 0, y: 0 }]]);
    expect(layout.lost).toEqual([]);
  });

  it('covers a frame drawn at another pixel ratio, whose boxes would not line up', () => {
    const zoomed = frame('card', PAY, doc(...size(BOX)), {
      devicePixelRatio: 2,
    });
    const top = topFrame(doc(800, 600, { embeds: [embed(PAY, BOX)] }));
    const layout = layoutFrames([top, zoomed]);
    expect(layout.covered).toEqual([BOX]);
    expect(layout.lost).toEqual([]);
  });

  it('reports a frame that no element can be seen to hold as lost', () => {
    const stray = frame('stray', 'https://elsewhere.example/', doc(200, 100));
    const layout = layoutFrames([topFrame(doc(800, 600)), stray]);
    expect(layout.lost).toEqual([stray]);
  });

  it('knows a frame inside a covered frame is covered too', () => {
    const childBox = { x: 0, y: 0, width: 60, height: 40 };
    const a = frame(
      'a',
      PAY,
      doc(...size(BOX), {
        embeds: [embed('https://inner.example/', childBox)],
      }),
    );
    const b = frame('b', PAY, doc(...size(BOX)));
    const grandchild = frame(
      'g',
      'https://inner.example/',
      doc(...size(childBox)),
    );
    const top = topFrame(
      doc(800, 600, {
        embeds: [embed(PAY, BOX), embed(PAY, { ...BOX, y: 300 })],
      }),
    );
    const layout = layoutFrames([top, a, b, grandchild]);
    expect(layout.covered).toHaveLength(2);
    expect(layout.placed.map((p) => p.token)).toEqual(['top']);
    expect(layout.lost).toEqual([]);
  });

  it('neither paints nor loses a frame whose element is not shown', () => {
    const hidden = frame('card', PAY, doc(...size(BOX)));
    const top = topFrame(
      doc(800, 600, { embeds: [embed(PAY, BOX, { rendered: false })] }),
    );
    const layout = layoutFrames([top, hidden]);
    expect(layout.covered).toEqual([]);
    expect(layout.placed.map((p) => p.token)).toEqual(['top']);
    expect(layout.lost).toEqual([]);
  });

  it('cuts what it covers to the view', () => {
    const top = topFrame(
      doc(800, 600, {
        embeds: [
          embed(PAY, { x: 700, y: 500, width: 310, height: 160 }),
          embed(PAY, { x: 900, y: 0, width: 310, height: 160 }),
        ],
      }),
    );
    expect(layoutFrames([top]).covered).toEqual([
      { x: 700, y: 500, width: 100, height: 100 },
    ]);
  });

  it('loses every frame when there is no top frame to place them in', () => {
    const card = frame('card', PAY, doc(300, 150));
    expect(layoutFrames([card]).lost).toEqual([card]);
  });
});

/** The viewport size of the document an `embed` at `box` holds, as arguments to `doc`. */
function size(box: typeof BOX): [number, number] {
  const { width, height } = inner(box);
  return [width, height];
}
