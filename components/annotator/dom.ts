/**
 * The few DOM helpers Snag's in-page layer is built with. The layer is plain DOM inside a
 * closed shadow root: no framework, so the script every page carries stays small. Text is
 * only ever set with `textContent`.
 */

/** A new element of `doc` with a class and attributes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className = '',
  attributes: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (className) e.className = className;
  for (const [name, value] of Object.entries(attributes))
    e.setAttribute(name, value);
  return e;
}

/** Sets an element's fixed position, and its size when given. */
export function position(
  e: HTMLElement,
  box: { left: number; top: number; width?: number; height?: number },
): void {
  e.style.left = `${box.left}px`;
  e.style.top = `${box.top}px`;
  if (box.width !== undefined) e.style.width = `${box.width}px`;
  if (box.height !== undefined) e.style.height = `${box.height}px`;
}

/** Sets `e`'s text, touching the DOM only when it changed. */
export function setText(e: Node, text: string): void {
  if (e.textContent !== text) e.textContent = text;
}

/** Listens for trusted events only: a page can dispatch events at anything, never trusted ones. */
export function onTrusted<E extends Event>(
  target: EventTarget,
  type: string,
  listener: (event: E) => void,
): void {
  target.addEventListener(type, (event) => {
    if (event.isTrusted) listener(event as E);
  });
}
