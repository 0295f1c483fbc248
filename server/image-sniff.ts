/**
 * Recognises screenshot formats by their magic bytes, because a Content-Type header is only a
 * claim: a file is accepted only when its bytes and its declared type agree.
 */
import type { ScreenshotInfo } from '../protocol/report';

/** The media type the bytes really are, or null if not PNG, JPEG or WebP. */
export function sniffImage(
  bytes: Uint8Array,
): ScreenshotInfo['mediaType'] | null {
  const starts = (sig: readonly number[], at = 0) =>
    sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  // RIFF....WEBP: bytes 4–7 are the chunk size.
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp';
  return null;
}
