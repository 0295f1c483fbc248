/**
 * Splits comment text into plain runs and web links, so the view can render links as `<a>`
 * elements and everything else as text nodes. Nothing here produces markup.
 */

/** A run of comment text: plain, or a link to an http(s) address. */
export type TextPart =
  { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// Trailing punctuation usually ends the sentence rather than the address.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/gi;
const TRAILING = /[.,;:!?)\]}'"]+$/;

/** Splits `text` into parts; only `http:` and `https:` addresses become links. */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    let candidate = match[0];
    const trailing = TRAILING.exec(candidate);
    if (trailing)
      candidate = candidate.slice(0, candidate.length - trailing[0].length);
    const href = safeHref(candidate);
    if (!href) continue;
    if (start > last)
      parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: candidate, href });
    last = start + candidate.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** The normalised address if `raw` is an http(s) URL, or null. */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:'
      ? url.href
      : null;
  } catch {
    return null;
  }
}
