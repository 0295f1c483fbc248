/**
 * The geometry of a masked capture: where boxes measured in one document fall in the top
 * view, what of them shows, and which image pixels cover them. Pure functions over plain
 * rectangles, so every rule is tested without a browser.
 */
import type { ImageSize } from './mask';

export type { ImageSize };

/** A rectangle: CSS pixels in some viewport, or image pixels once scaled. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Four edge widths in CSS pixels, in CSS order: top, right, bottom, left. */
export type Edges = readonly [number, number, number, number];

/** How an embedding element (an iframe, say) was measured in the document that holds it. */
export interface EmbedBox {
  /** Its border box in that document's viewport, as `getBoundingClientRect` gives it. */
  rect: Box;
  /** Its layout size before any transform (`offsetWidth` and `offsetHeight`). */
  layout: { width: number; height: number };
  border: Edges;
  padding: Edges;
}

/** Where a document's viewport sits in the top view, and what of it shows there. */
export interface Placement {
  /** The top-view position of the document's viewport origin. */
  offset: { x: number; y: number };
  /** The part of the top view through which the document shows; null when none does. */
  clip: Box | null;
}

/** How far, in CSS pixels, two sizes may differ and still be taken as the same. */
export const SIZE_TOLERANCE = 1;

/** Whether a box has any area (and no NaN or infinite side). */
export function hasArea(box: Box): boolean {
  return (
    [box.x, box.y, box.width, box.height].every(Number.isFinite) &&
    box.width > 0 &&
    box.height > 0
  );
}

/** The overlap of two boxes; null when they do not overlap. */
export function intersect(a: Box, b: Box): Box | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  const box = { x, y, width: right - x, height: bottom - y };
  return hasArea(box) ? box : null;
}

/** A box moved by an offset. */
export function translate(box: Box, by: { x: number; y: number }): Box {
  return { ...box, x: box.x + by.x, y: box.y + by.y };
}

/**
 * The content box of an embedding element, where its document's viewport begins: the border
 * box less the border and the padding. An iframe's document starts inside both.
 */
export function contentBox(embed: EmbedBox): Box {
  const [bt, br, bb, bl] = embed.border;
  const [pt, pr, pb, pl] = embed.padding;
  return {
    x: embed.rect.x + bl + pl,
    y: embed.rect.y + bt + pt,
    width: embed.rect.width - bl - br - pl - pr,
    height: embed.rect.height - bt - bb - pt - pb,
  };
}

/**
 * Whether the element is drawn at another size than it was laid out (a CSS transform or
 * zoom): its document is then scaled or turned in the top view, and offsets no longer add up.
 */
export function isTransformed(embed: EmbedBox): boolean {
  return (
    Math.abs(embed.rect.width - embed.layout.width) > 0.5 ||
    Math.abs(embed.rect.height - embed.layout.height) > 0.5
  );
}

/** Whether two sizes are the same, within `SIZE_TOLERANCE`. */
export function sameSize(
  a: { width: number; height: number },
  b: { width: number; height: number },
): boolean {
  return (
    Math.abs(a.width - b.width) <= SIZE_TOLERANCE &&
    Math.abs(a.height - b.height) <= SIZE_TOLERANCE
  );
}

/** The placement of the top document: at the origin, showing through its whole viewport. */
export function topPlacement(viewport: {
  width: number;
  height: number;
}): Placement {
  const view = { x: 0, y: 0, ...viewport };
  return { offset: { x: 0, y: 0 }, clip: hasArea(view) ? view : null };
}

/**
 * The placement of a document embedded by `embed` in a document placed at `parent`: its
 * viewport starts at the element's content box, and it shows only where that box and
 * everything around it show.
 */
export function childPlacement(parent: Placement, embed: EmbedBox): Placement {
  const content = translate(contentBox(embed), parent.offset);
  return {
    offset: { x: content.x, y: content.y },
    clip: parent.clip && intersect(parent.clip, content),
  };
}

/** A box measured in a placed document, in top-view CSS pixels, cut to what shows; or null. */
export function placeBox(box: Box, placement: Placement): Box | null {
  if (!placement.clip || !hasArea(box)) return null;
  return intersect(translate(box, placement.offset), placement.clip);
}

/**
 * The whole of an embedding element as the top view shows it (its border box, cut to what
 * shows): what is painted over when its document cannot be measured or placed.
 */
export function wholeEmbed(embed: EmbedBox, parent: Placement): Box | null {
  return placeBox(embed.rect, parent);
}

/** The top view as measured in the page, to check a capture against. */
export interface ViewMetrics {
  /** `innerWidth` and `innerHeight`: the layout viewport, scroll bars included, CSS px. */
  width: number;
  height: number;
  /** `devicePixelRatio`, page zoom included. */
  devicePixelRatio: number;
  /** `visualViewport.scale`: pinch zoom, 1 when there is none. */
  visualScale: number;
}

/**
 * Image pixels per CSS pixel for a capture of the view, or null when the capture is not the
 * view at its device pixel ratio. Then no mask can be placed exactly: device emulation that
 * reports a ratio the capture does not have, a pinch zoom (the image shows part of the
 * page, enlarged), or a window that changed size. `innerWidth` and `innerHeight` are whole
 * CSS pixels, so under page zoom they may be half a pixel off the true viewport; the
 * tolerance allows for that and for the image's own rounding, and nothing more.
 */
export function imageScale(view: ViewMetrics, image: ImageSize): number | null {
  const ratio = view.devicePixelRatio;
  if (!(ratio > 0) || !Number.isFinite(ratio)) return null;
  if (!(Math.abs(view.visualScale - 1) <= 1e-3)) return null;
  const tolerance = ratio / 2 + 1;
  const fits = (measured: number, imagePixels: number) =>
    measured > 0 && Math.abs(imagePixels - measured * ratio) <= tolerance;
  return fits(view.width, image.width) && fits(view.height, image.height)
    ? ratio
    : null;
}

/**
 * A top-view box in image pixels: scaled, grown outwards to whole pixels and by `pad` more
 * on every side (the browser snaps what it paints to device pixels, so a mask that only just
 * meets an edge could leave a line of it showing), then cut to the image. Null when nothing of
 * it is in the image.
 */
export function toImagePixels(
  box: Box,
  scale: number,
  image: ImageSize,
  pad = 1,
): Box | null {
  if (!hasArea(box) || !(scale > 0)) return null;
  const left = Math.max(0, Math.floor(box.x * scale) - pad);
  const top = Math.max(0, Math.floor(box.y * scale) - pad);
  const right = Math.min(
    image.width,
    Math.ceil((box.x + box.width) * scale) + pad,
  );
  const bottom = Math.min(
    image.height,
    Math.ceil((box.y + box.height) * scale) + pad,
  );
  if (right <= left || bottom <= top) return null;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** Whether `outer` covers all of `inner`. */
export function contains(outer: Box, inner: Box): boolean {
  return (
    outer.x <= inner.x &&
    outer.y <= inner.y &&
    outer.x + outer.width >= inner.x + inner.width &&
    outer.y + outer.height >= inner.y + inner.height
  );
}

/** The smallest box that covers both. */
export function union(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

/**
 * At most `max` boxes that cover everything `boxes` cover. Boxes inside others are dropped
 * first; if too many remain (a page full of fields or identifiers), neighbours in reading
 * order are joined into their bounding box, which covers more than was asked and never less.
 * The report keeps a bounded number of rectangles, and the reporter needs room for their own.
 */
export function fitBoxes(boxes: readonly Box[], max: number): Box[] {
  const sorted = [...boxes]
    .filter(hasArea)
    .sort((a, b) => b.width * b.height - a.width * a.height);
  const kept: Box[] = [];
  for (const box of sorted) {
    if (!kept.some((k) => contains(k, box))) kept.push(box);
  }
  kept.sort((a, b) => a.y - b.y || a.x - b.x);
  if (kept.length <= max || max < 1) return max < 1 ? [] : kept;
  // Join runs of neighbours in reading order into as many groups as there may be boxes.
  const size = Math.ceil(kept.length / max);
  const joined: Box[] = [];
  for (let i = 0; i < kept.length; i += size) {
    joined.push(kept.slice(i, i + size).reduce(union));
  }
  return joined;
}
