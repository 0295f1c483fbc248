/**
 * Painting the masks onto a capture, in the worker, on an `OffscreenCanvas` no page can reach.
 * What leaves is the masked image encoded afresh; the decoded capture is released as soon as
 * it has been drawn.
 */
import { MASK_COLOUR } from './mask';
import type { Box } from './geometry';

/** A decoded capture: only its size and its release are needed here. */
export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  close(): void;
}

/** The part of a 2D context that masking uses. */
export interface MaskingContext {
  fillStyle: string | CanvasGradient | CanvasPattern;
  drawImage(image: never, dx: number, dy: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
}

/** The part of an `OffscreenCanvas` that masking uses. */
export interface MaskingCanvas {
  getContext(type: '2d'): MaskingContext | null;
  convertToBlob(options: { type: string }): Promise<Blob>;
}

/** How images are decoded and canvases made; the worker's own by default. */
export interface MaskImageDeps {
  decode(blob: Blob): Promise<DecodedImage>;
  canvas(width: number, height: number): MaskingCanvas;
}

/** The worker's `createImageBitmap` and `OffscreenCanvas`. */
export const workerImageDeps: MaskImageDeps = {
  decode: (blob) => createImageBitmap(blob),
  canvas: (width, height) =>
    new OffscreenCanvas(width, height) as unknown as MaskingCanvas,
};

/** Decodes a capture. Release it with `close()` once masked. */
export function decodeCapture(
  blob: Blob,
  deps: MaskImageDeps = workerImageDeps,
): Promise<DecodedImage> {
  return deps.decode(blob);
}

/**
 * Draws `image` and paints every mask over it as an opaque box of the mask colour (never a
 * blur, which can be undone), then encodes the result as PNG. The decoded capture is closed
 * whatever happens.
 */
export async function maskImage(
  image: DecodedImage,
  masks: readonly Box[],
  deps: MaskImageDeps = workerImageDeps,
): Promise<Blob> {
  try {
    const canvas = deps.canvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('No 2D canvas to mask the screenshot on');
    // Casting because the context takes whatever image kind the deps decode to.
    ctx.drawImage(image as never, 0, 0);
    ctx.fillStyle = MASK_COLOUR;
    for (const m of masks) ctx.fillRect(m.x, m.y, m.width, m.height);
    return await canvas.convertToBlob({ type: 'image/png' });
  } finally {
    image.close();
  }
}
