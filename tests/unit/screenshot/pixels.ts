// A capture and a canvas in memory, so that tests see the pixels masking paints.
import type {
  DecodedImage,
  MaskImageDeps,
  MaskingCanvas,
} from '@/utils/screenshot/mask-image';

/** A decoded capture filled with one colour, that remembers being closed. */
export class FakeImage implements DecodedImage {
  closed = false;
  constructor(
    readonly width: number,
    readonly height: number,
    readonly rgba: readonly number[] = [200, 220, 240, 255],
  ) {}
  close() {
    this.closed = true;
  }
}

/** A canvas over an RGBA buffer: enough of `OffscreenCanvas` to see what was painted. */
export class PixelCanvas implements MaskingCanvas {
  readonly pixels: Uint8ClampedArray;
  encodedAs = '';
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Uint8ClampedArray(width * height * 4);
  }
  private paint(
    x: number,
    y: number,
    w: number,
    h: number,
    rgba: readonly number[],
  ) {
    for (let row = Math.max(0, y); row < Math.min(this.height, y + h); row++) {
      for (let col = Math.max(0, x); col < Math.min(this.width, x + w); col++) {
        this.pixels.set(rgba, (row * this.width + col) * 4);
      }
    }
  }
  getContext() {
    let fill: readonly number[] = [255, 0, 255, 255];
    return {
      get fillStyle() {
        return '';
      },
      set fillStyle(colour: string) {
        const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
        if (!hex) throw new Error(`Not a solid colour: ${colour}`);
        fill = [...hex.slice(1).map((h) => parseInt(h, 16)), 255];
      },
      drawImage: (image: never) => {
        const img = image as FakeImage;
        this.paint(0, 0, img.width, img.height, img.rgba);
      },
      fillRect: (x: number, y: number, w: number, h: number) =>
        this.paint(x, y, w, h, fill),
    };
  }
  async convertToBlob({ type }: { type: string }) {
    this.encodedAs = type;
    return new Blob([this.pixels as BlobPart], { type });
  }
  at(x: number, y: number): number[] {
    return Array.from(
      this.pixels.subarray(
        (y * this.width + x) * 4,
        (y * this.width + x) * 4 + 4,
      ),
    );
  }
}

/** Image deps that draw on `PixelCanvas`es, kept for inspection. */
export function pixelDeps(
  image: () => FakeImage = () => new FakeImage(1, 1),
): MaskImageDeps & { canvases: PixelCanvas[] } {
  const canvases: PixelCanvas[] = [];
  return {
    canvases,
    decode: async () => image(),
    canvas: (w, h) => {
      const c = new PixelCanvas(w, h);
      canvases.push(c);
      return c;
    },
  };
}
