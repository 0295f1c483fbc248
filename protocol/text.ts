/**
 * Text that crosses the wire: which characters are refused, and how malformed UTF-16 is made
 * whole, the same for the extension and for both of the server's stores.
 */

/**
 * Unicode's control characters (category Cc) except tab, line feed and carriage return. No
 * person types them; PostgreSQL cannot store U+0000 at all, so refusing them everywhere keeps
 * both stores answering alike.
 */
const CONTROL_CHARACTER =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** A high surrogate with no low one after it, or a low one with no high one before it. */
const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Deeper JSON than any body of ours; refused before anything walks it recursively. */
export const MAX_JSON_DEPTH = 32;

/**
 * `text` with each lone surrogate replaced by U+FFFD, as a UTF-8 store would keep it. Doing it
 * before comparing a retry with what is stored makes the retry match (a 200, not a 409).
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/** Why a value was refused, with the path to the offending part (`['page', 'title']`). */
export interface TextRefusal {
  path: Array<string | number>;
  message: string;
}

/** The refusal for one string, or null when it may be kept. */
export function controlCharacterIn(text: string): string | null {
  const found = CONTROL_CHARACTER.exec(text);
  if (!found) return null;
  const code = found[0].charCodeAt(0).toString(16).toUpperCase();
  return `Remove the control character U+${code.padStart(4, '0')}; only tab, line feed and carriage return may be sent`;
}

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return (
    typeof value === 'object' && value !== null && !ArrayBuffer.isView(value)
  );
}

/**
 * Walks a parsed JSON value (or a query or path object), refusing control characters in any
 * key or string and nesting deeper than {@link MAX_JSON_DEPTH}, and making every string
 * well-formed in place. Answers the cleaned value, or the first refusal. It never recurses, so a
 * hostile body cannot exhaust the stack.
 */
export function cleanText(
  value: unknown,
): { ok: true; value: unknown } | { ok: false; refusal: TextRefusal } {
  if (typeof value === 'string') {
    const message = controlCharacterIn(value);
    return message
      ? { ok: false, refusal: { path: [], message } }
      : { ok: true, value: wellFormed(value) };
  }
  if (!isContainer(value)) return { ok: true, value };
  const stack: Array<{ node: Container; path: Array<string | number> }> = [
    { node: value, path: [] },
  ];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, path } = item;
    if (path.length >= MAX_JSON_DEPTH)
      return {
        ok: false,
        refusal: { path, message: 'This value is nested too deeply' },
      };
    const entries: Array<[string | number, unknown]> = Array.isArray(node)
      ? node.map((v, i) => [i, v])
      : Object.entries(node);
    for (const [key, child] of entries) {
      const where = [...path, key];
      const keyProblem = typeof key === 'string' && controlCharacterIn(key);
      if (keyProblem)
        return { ok: false, refusal: { path, message: keyProblem } };
      if (typeof child === 'string') {
        const message = controlCharacterIn(child);
        if (message) return { ok: false, refusal: { path: where, message } };
        const whole = wellFormed(child);
        if (whole !== child) (node as Record<string, unknown>)[key] = whole;
      } else if (isContainer(child)) {
        stack.push({ node: child, path: where });
      }
    }
  }
  return { ok: true, value };
}
