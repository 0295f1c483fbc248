/**
 * Masking a screenshot before it is stored (docs/privacy.md): which parts of the page are private,
 * where they fall on the captured image, and painting opaque boxes over them. Only the masked
 * image is ever kept, so everything here works on rectangles and never on the unmasked pixels.
 */
import type { Rect } from '@/protocol/report';

/** The colour of every mask: opaque black, never a blur, so nothing can be recovered. */
export const MASK_COLOUR = '#000000';

/** The same colour as RGBA bytes, for checking pixels. */
export const MASK_RGBA: readonly [number, number, number, number] = [
  0, 0, 0, 255,
];

/**
 * Elements whose content may be personal: form fields (password fields among them), editable
 * regions and anything the page marks `data-snag-private`. Buttons carry no data of their own.
 */
export const PRIVATE_SELECTOR = [
  'input:not([type="hidden" i]):not([type="submit" i]):not([type="button" i]):not([type="reset" i]):not([type="image" i])',
  'textarea',
  'select',
  '[contenteditable]:not([contenteditable="false" i])',
  '[data-snag-private]',
].join(',');

/** A rectangle in CSS pixels relative to the viewport, as `getBoundingClientRect` gives it. */
export interface ViewportBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A redaction and where it came from: found automatically, or drawn by the reporter. */
export interface Redaction extends Rect {
  /** Automatic boxes cover private fields; removing one needs a warning first. */
  source: 'auto' | 'user';
}

/** Image size in pixels. */
export interface ImageSize {
  width: number;
  height: number;
}

/**
 * How many image pixels one CSS pixel covers. The capture's own width is the truth: it is the
 * viewport times the device pixel ratio, including any zoom, so measure rather than trust
 * `devicePixelRatio` alone.
 */
export function captureScale(
  imageWidth: number,
  viewportWidth: number,
  devicePixelRatio = 1,
): number {
  if (viewportWidth > 0 && imageWidth > 0) return imageWidth / viewportWidth;
  return devicePixelRatio > 0 ? devicePixelRatio : 1;
}

/**
 * A viewport box in image pixels, grown outwards to whole pixels (a mask must never leave a
 * half-covered edge) and clipped to the image; null when nothing of it is in the image.
 */
export function toImageRect(
  box: ViewportBox,
  scale: number,
  image: ImageSize,
): Rect | null {
  if (![box.left, box.top, box.width, box.height, scale].every(Number.isFinite))
    return null;
  const left = Math.max(0, Math.floor(box.left * scale));
  const top = Math.max(0, Math.floor(box.top * scale));
  const right = Math.min(
    image.width,
    Math.ceil((box.left + box.width) * scale),
  );
  const bottom = Math.min(
    image.height,
    Math.ceil((box.top + box.height) * scale),
  );
  if (right <= left || bottom <= top) return null;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The elements under `root` to mask, leaving out Snag's own UI. */
export function privateElements(
  root: ParentNode,
  isOwnUi: (element: Element) => boolean = (e) =>
    e.closest('[data-snag-ui]') !== null,
): Element[] {
  return Array.from(root.querySelectorAll(PRIVATE_SELECTOR)).filter(
    (element) => !isOwnUi(element),
  );
}

/**
 * The automatic redactions for a capture: every private element's boxes that show in the
 * image. An element split over lines (an inline contenteditable) gives one box per line.
 */
export function autoRedactions(
  boxes: readonly ViewportBox[],
  scale: number,
  image: ImageSize,
): Redaction[] {
  const out: Redaction[] = [];
  for (const box of boxes) {
    if (box.width <= 0 || box.height <= 0) continue;
    const rect = toImageRect(box, scale, image);
    if (rect) out.push({ ...rect, source: 'auto' });
  }
  return out;
}

/** The rectangle spanned by a drag from one point to another, clipped to the image. */
export function rectFromDrag(
  from: { x: number; y: number },
  to: { x: number; y: number },
  image: ImageSize,
): Rect | null {
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  const x1 = clamp(Math.min(from.x, to.x), image.width);
  const y1 = clamp(Math.min(from.y, to.y), image.height);
  const x2 = clamp(Math.max(from.x, to.x), image.width);
  const y2 = clamp(Math.max(from.y, to.y), image.height);
  const rect = {
    x: Math.floor(x1),
    y: Math.floor(y1),
    width: Math.ceil(x2) - Math.floor(x1),
    height: Math.ceil(y2) - Math.floor(y1),
  };
  return rect.width > 0 && rect.height > 0 ? rect : null;
}

/**
 * A rectangle moved by (dx, dy) and grown by (dw, dh), kept inside the image and at least one
 * pixel in size: the keyboard's way of drawing a box.
 */
export function adjustRect(
  rect: Rect,
  change: { dx?: number; dy?: number; dw?: number; dh?: number },
  image: ImageSize,
): Rect {
  const width = Math.min(
    Math.max(1, rect.width + (change.dw ?? 0)),
    image.width,
  );
  const height = Math.min(
    Math.max(1, rect.height + (change.dh ?? 0)),
    image.height,
  );
  const x = Math.min(
    Math.max(0, rect.x + (change.dx ?? 0)),
    image.width - width,
  );
  const y = Math.min(
    Math.max(0, rect.y + (change.dy ?? 0)),
    image.height - height,
  );
  return { x, y, width, height };
}

/** The part of a 2D context that painting masks needs. */
export type MaskPainter = Pick<
  CanvasRenderingContext2D,
  'fillStyle' | 'fillRect'
>;

/** Paints every redaction as an opaque box of the mask colour. */
export function paintRedactions(
  ctx: MaskPainter,
  redactions: readonly Rect[],
): void {
  ctx.fillStyle = MASK_COLOUR;
  for (const r of redactions) ctx.fillRect(r.x, r.y, r.width, r.height);
}

/** Where a numbered pin is drawn on the image. */
export interface PinMarker {
  number: number;
  x: number;
  y: number;
}

/**
 * Markers for the annotations in view: each at the top-left corner of its first box, in image
 * pixels, and only when that corner shows in the image.
 */
export function pinMarkers(
  pins: readonly { number: number; box: ViewportBox | null }[],
  scale: number,
  image: ImageSize,
): PinMarker[] {
  return pins.flatMap(({ number, box }) => {
    if (!box) return [];
    const x = Math.round(box.left * scale);
    const y = Math.round(box.top * scale);
    if (x < 0 || y < 0 || x >= image.width || y >= image.height) return [];
    return [{ number, x, y }];
  });
}

/** The stored form of the redactions: plain rectangles, without where each came from. */
export function storedRedactions(redactions: readonly Redaction[]): Rect[] {
  return redactions.map(({ x, y, width, height }) => ({ x, y, width, height }));
}
