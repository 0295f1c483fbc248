// @vitest-environment jsdom
// jsdom, unlike happy-dom, has the setters of the old `cancelBubble` and `returnValue`.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guardSnagUiEvents } from '@/utils/page-guard';

const PATCHED = [
  'stopImmediatePropagation',
  'stopPropagation',
  'preventDefault',
  'cancelBubble',
  'returnValue',
] as const;
const FLAG = Symbol.for('snag.ui-event-guard');
const scope = globalThis as typeof globalThis & Record<symbol, unknown>;

let saved: [string, PropertyDescriptor | undefined][] = [];
let removers: (() => void)[] = [];

/** A capture listener on the window that does what a hostile page does to every click. */
function pageInterceptor(stop: (e: Event) => void) {
  window.addEventListener('click', stop, true);
  removers.push(() => window.removeEventListener('click', stop, true));
}

/** A listener on the window registered after the page's, as the annotator's shield is. */
function laterListener(): { heard: number } {
  const seen = { heard: 0 };
  const listener = () => {
    seen.heard += 1;
  };
  window.addEventListener('click', listener, true);
  removers.push(() => window.removeEventListener('click', listener, true));
  return seen;
}

function snagUi() {
  const host = document.createElement('snag-annotator');
  host.setAttribute('data-snag-ui', '');
  const shadow = host.attachShadow({ mode: 'open' });
  const button = document.createElement('button');
  shadow.append(button);
  const pageButton = document.createElement('button');
  document.body.append(host, pageButton);
  return { button, pageButton };
}

const click = (target: Element) => {
  const event = new MouseEvent('click', {
    bubbles: true,
    cancelable: true,
    composed: true,
  });
  target.dispatchEvent(event);
  return event;
};

beforeEach(() => {
  saved = PATCHED.map((name) => [
    name,
    Object.getOwnPropertyDescriptor(Event.prototype, name),
  ]);
  guardSnagUiEvents('data-snag-ui');
});

afterEach(() => {
  for (const remove of removers) remove();
  removers = [];
  for (const [name, descriptor] of saved) {
    if (descriptor) Object.defineProperty(Event.prototype, name, descriptor);
  }
  delete scope[FLAG];
  document.body.replaceChildren();
});

describe('guardSnagUiEvents', () => {
  it('lets an event aimed at Snag’s UI past a page listener that stops and cancels it', () => {
    const { button } = snagUi();
    pageInterceptor((e) => {
      e.stopImmediatePropagation();
      e.stopPropagation();
      e.preventDefault();
    });
    const ours = laterListener();
    const event = click(button);
    expect(ours.heard).toBe(1);
    expect(event.defaultPrevented).toBe(false);
  });

  it('ignores the old spellings too: cancelBubble and returnValue', () => {
    const { button } = snagUi();
    pageInterceptor((e) => {
      e.cancelBubble = true;
      e.returnValue = false;
    });
    let inside = 0;
    button.addEventListener('click', () => (inside += 1));
    const event = click(button);
    expect(inside).toBe(1);
    expect(event.defaultPrevented).toBe(false);
  });

  it('leaves events on the page’s own elements as the page wants them', () => {
    const { pageButton } = snagUi();
    pageInterceptor((e) => {
      e.stopImmediatePropagation();
      e.preventDefault();
    });
    const ours = laterListener();
    const event = click(pageButton);
    expect(ours.heard).toBe(0);
    expect(event.defaultPrevented).toBe(true);
  });

  it('installs once, however often the annotator asks', () => {
    const patched = Event.prototype.stopImmediatePropagation;
    guardSnagUiEvents('data-snag-ui');
    expect(Event.prototype.stopImmediatePropagation).toBe(patched);
  });
});
