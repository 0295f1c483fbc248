/**
 * Keeps the annotator usable on pages that intercept clicks and key presses in the capture
 * phase. Events aimed at Snag's UI are stopped at the window, in the capture phase, so the
 * page's own listeners on the document and below never see them, and a copy is dispatched
 * again inside the shadow root without `composed`, so it can never leave it. Events anywhere
 * else are left alone. The page's own capture listeners on the window were added before this
 * one and still run first; `guardSnagUiEvents` (utils/page-guard.ts) makes their stopping
 * calls harmless for our events.
 */

/** Event types the page might intercept on their way to our UI. */
const SHIELDED = [
  'click',
  'dblclick',
  'auxclick',
  'contextmenu',
  'mousedown',
  'mouseup',
  'pointerdown',
  'pointerup',
  'pointermove',
  'keydown',
  'keyup',
  'keypress',
] as const;

/** Elements whose click has a native action of its own. */
const NATIVE_ACTION =
  'input, label, select, textarea, summary, a[href], button[type="submit"], button:not([type])';

function mouseInit(e: MouseEvent): MouseEventInit {
  return {
    bubbles: e.bubbles,
    cancelable: e.cancelable,
    composed: false,
    view: e.view,
    detail: e.detail,
    screenX: e.screenX,
    screenY: e.screenY,
    clientX: e.clientX,
    clientY: e.clientY,
    ctrlKey: e.ctrlKey,
    shiftKey: e.shiftKey,
    altKey: e.altKey,
    metaKey: e.metaKey,
    button: e.button,
    buttons: e.buttons,
    relatedTarget: e.relatedTarget,
  };
}

/** A copy of `e` that stays inside the shadow root it is dispatched in. */
function copyOf(e: Event): Event {
  if (typeof PointerEvent !== 'undefined' && e instanceof PointerEvent) {
    return new PointerEvent(e.type, {
      ...mouseInit(e),
      pointerId: e.pointerId,
      pointerType: e.pointerType,
      isPrimary: e.isPrimary,
      width: e.width,
      height: e.height,
      pressure: e.pressure,
    });
  }
  if (e instanceof MouseEvent) return new MouseEvent(e.type, mouseInit(e));
  if (e instanceof KeyboardEvent) {
    return new KeyboardEvent(e.type, {
      bubbles: e.bubbles,
      cancelable: e.cancelable,
      composed: false,
      view: e.view,
      key: e.key,
      code: e.code,
      location: e.location,
      repeat: e.repeat,
      isComposing: e.isComposing,
      ctrlKey: e.ctrlKey,
      shiftKey: e.shiftKey,
      altKey: e.altKey,
      metaKey: e.metaKey,
    });
  }
  return new Event(e.type, {
    bubbles: e.bubbles,
    cancelable: e.cancelable,
    composed: false,
  });
}

/**
 * Shields events aimed at `shadow`; answers a function that removes the shield. `win` is the
 * page's window.
 */
export function shieldEvents(
  shadow: ShadowRoot,
  win: Window = window,
): () => void {
  const ours = new WeakSet<Event>();
  const onEvent = (e: Event) => {
    if (ours.has(e)) return;
    const [target] = e.composedPath();
    if (!(target instanceof Node) || target.getRootNode() !== shadow) return;
    e.stopImmediatePropagation();
    // Controls with a native action (toggling a checkbox, submitting a form, following a
    // label) keep the original click: their action runs and reports back through `change`
    // and `submit`, which are not composed and so never reach the page. A copy would run the
    // action a second time.
    if (
      e.type === 'click' &&
      target instanceof Element &&
      target.closest(NATIVE_ACTION) !== null
    )
      return;
    const copy = copyOf(e);
    ours.add(copy);
    target.dispatchEvent(copy);
    if (copy.defaultPrevented) e.preventDefault();
  };
  // Events the copy sets off (a label's click on its control, a button's click from Enter)
  // are composed again; they pass through here once more and are copied in turn.
  for (const type of SHIELDED) win.addEventListener(type, onEvent, true);
  return () => {
    for (const type of SHIELDED) win.removeEventListener(type, onEvent, true);
  };
}
