// Builders for what frames measure, so that each test states only what matters to it.
import type {
  DocMeasure,
  EmbedMeasure,
} from '@/utils/screenshot/frame-measure';
import type { MeasuredFrame } from '@/utils/screenshot/frame-layout';
import type { Box } from '@/utils/screenshot/geometry';

/** A document of `width` × `height` with the given private boxes, text and embeds. */
export function doc(
  width: number,
  height: number,
  parts: Partial<Omit<DocMeasure, 'viewport'>> = {},
): DocMeasure {
  return {
    index: 0,
    viewport: { width, height },
    boxes: [],
    texts: [],
    embeds: [],
    ...parts,
  };
}

/**
 * An iframe with its border box at `rect`, a 2px border and 3px padding, holding a document
 * of the matching content size (5px in from each side); `doc` when its parent may read it.
 */
export function embed(
  src: string,
  rect: Box,
  parts: Partial<EmbedMeasure> = {},
): EmbedMeasure {
  return {
    src,
    rect,
    layout: { width: rect.width, height: rect.height },
    border: [2, 2, 2, 2],
    padding: [3, 3, 3, 3],
    rendered: true,
    doc: null,
    ...parts,
  };
}

/** The content size of an `embed` built above. */
export const inner = (rect: Box) => ({
  width: rect.width - 10,
  height: rect.height - 10,
});

/** A frame that measured itself. */
export function frame(
  token: string,
  href: string,
  root: DocMeasure,
  parts: Partial<MeasuredFrame> = {},
): MeasuredFrame {
  return {
    nested: false,
    token,
    href,
    top: false,
    devicePixelRatio: 1,
    visualScale: 1,
    doc: root,
    stamp: `stamp-${token}`,
    invalidSelectors: [],
    ...parts,
  };
}

/** The tab's top frame. */
export function topFrame(
  root: DocMeasure,
  parts: Partial<MeasuredFrame> = {},
): MeasuredFrame {
  return frame('top', 'https://council.example/case', root, {
    top: true,
    ...parts,
  });
}
