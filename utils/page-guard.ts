/**
 * Keeps a page's own event listeners from breaking Snag's UI. A page can listen on its
 * `window` in the capture phase before the annotator is injected; such a listener runs before
 * any of ours, and if it calls `stopImmediatePropagation` or `preventDefault` on every click
 * or key press, our buttons never hear the click and our text fields never get the typing.
 * Listener order cannot be changed after the fact, so instead the page's own world is given
 * versions of those methods that do nothing for events aimed at Snag's UI (the element
 * carrying `attribute`, and everything in its shadow root). Events anywhere else behave as
 * before.
 *
 * This runs in the page's main world through `scripting.executeScript({ world: 'MAIN' })`,
 * which sends the function's source without its module: it must use nothing from outside
 * its own body.
 */
export function guardSnagUiEvents(attribute: string): void {
  const installed = Symbol.for('snag.ui-event-guard');
  const scope = globalThis as typeof globalThis & Record<symbol, unknown>;
  if (scope[installed]) return;
  scope[installed] = true;

  const proto = scope.Event.prototype;
  const aimedAtSnag = (event: Event): boolean => {
    try {
      return event.composedPath().some(
        (node) =>
          (node as Node).nodeType === 1 &&
          // As the text model and CSS see it: with no namespace.
          (node as Element).hasAttributeNS(null, attribute),
      );
    } catch {
      return false;
    }
  };
  const methods = [
    'stopImmediatePropagation',
    'stopPropagation',
    'preventDefault',
  ] as const;
  for (const name of methods) {
    const original = proto[name];
    Object.defineProperty(proto, name, {
      configurable: true,
      writable: true,
      value: function (this: Event) {
        if (!aimedAtSnag(this)) original.call(this);
      },
    });
  }
  // The old spellings of the same calls: `cancelBubble = true` and `returnValue = false`.
  for (const name of ['cancelBubble', 'returnValue'] as const) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    const set = descriptor?.set;
    if (!descriptor || !set) continue;
    Object.defineProperty(proto, name, {
      ...descriptor,
      set(this: Event, value: boolean) {
        if (!aimedAtSnag(this)) set.call(this, value);
      },
    });
  }
}
