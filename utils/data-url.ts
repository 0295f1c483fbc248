/**
 * `data:` URLs and Blobs: how images cross a JSON file (export) or a message (the annotator's
 * masked screenshot), where Blobs cannot go.
 */

/** Encodes a Blob as a base64 `data:` URL. */
export async function blobToDataUrl(
  blob: Blob,
  fallbackType = 'image/png',
): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  // In slices: spreading a whole image into fromCharCode overflows the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return `data:${blob.type || fallbackType};base64,${btoa(binary)}`;
}

/** A base64 `data:` URL, split into its media type and decoded bytes; null if malformed. */
export function parseDataUrl(
  dataUrl: string,
): { type: string; bytes: Uint8Array } | null {
  const match = /^data:([a-z]+\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/=]*)$/i.exec(
    dataUrl,
  );
  if (!match?.[1]) return null;
  const binary = atob(match[2] ?? '');
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { type: match[1].toLowerCase(), bytes };
}
