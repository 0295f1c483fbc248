import { describe, expect, it } from 'vitest';
import { maskImage } from '@/utils/screenshot/mask-image';
import { MASK_RGBA } from '@/utils/screenshot/mask';
import { FakeImage, pixelDeps } from './pixels';

describe('painting masks on a capture', () => {
  it('paints every mask opaque in the mask colour over the drawn capture, as a PNG', async () => {
    const deps = pixelDeps();
    const image = new FakeImage(20, 10);
    const blob = await maskImage(
      image,
      [
        { x: 2, y: 1, width: 3, height: 2 },
        { x: 15, y: 8, width: 10, height: 10 },
      ],
      deps,
    );
    const canvas = deps.canvases[0]!;
    expect(blob.type).toBe('image/png');
    expect(canvas.encodedAs).toBe('image/png');
    // Inside both masks, the mask colour; around them, the capture.
    for (const [x, y] of [
      [2, 1],
      [4, 2],
      [15, 8],
      [19, 9],
    ] as const)
      expect(canvas.at(x, y)).toEqual([...MASK_RGBA]);
    for (const [x, y] of [
      [1, 1],
      [5, 1],
      [2, 3],
      [14, 9],
    ] as const)
      expect(canvas.at(x, y)).toEqual([200, 220, 240, 255]);
  });

  it('lets go of the decoded capture once masked, and when masking fails', async () => {
    const image = new FakeImage(4, 4);
    await maskImage(image, [], pixelDeps());
    expect(image.closed).toBe(true);

    const failing = new FakeImage(4, 4);
    await expect(
      maskImage(failing, [], {
        ...pixelDeps(),
        canvas: () => ({
          getContext: () => null,
          convertToBlob: async () => new Blob(),
        }),
      }),
    ).rejects.toThrow('No 2D canvas');
    expect(failing.closed).toBe(true);
  });
});
