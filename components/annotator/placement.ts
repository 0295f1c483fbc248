/**
 * Finding annotations on the page again and keeping them found: anchoring each one from its
 * stored selectors, checking that what was found is still there after the page changes, and
 * retrying the ones not found while a page that loads late settles.
 */
import type { Annotation } from '@/protocol/report';
// The selectors come from the background, which validated them when it read them, so the
// page does not carry the validator.
import { anchorAllValidated, type Anchored } from '@/utils/anchoring/anchor';

/** One annotation to show, from the draft or from a saved report. */
export interface MarkTarget {
  /** Unique among everything shown. */
  key: string;
  /** The number shown on the pin. */
  label: string;
  annotation: Annotation;
  /** The saved report it belongs to; absent for the draft's own annotations. */
  reportId?: string;
}

/** A target and where it was found; `anchored` null means an orphan. */
export interface Placed {
  target: MarkTarget;
  anchored: Anchored | null;
  /** The text found, to notice when the page later takes it away. */
  text?: string;
}

/** Anchors each target under `root`. */
export function placeAll(
  root: Element,
  targets: readonly MarkTarget[],
): Placed[] {
  // One call for all, so the page's text is read once however many marks there are.
  const found = anchorAllValidated(
    root,
    targets.map((t) => t.annotation.selectors),
  );
  return targets.map((target, i) => {
    const anchored = found[i] ?? null;
    return {
      target,
      anchored,
      ...(anchored?.range ? { text: anchored.range.toString() } : {}),
    };
  });
}

/** Whether what was found is still in the page as it was. */
export function stillThere(placed: Placed): boolean {
  const a = placed.anchored;
  if (!a) return true;
  if (a.element) return a.element.isConnected;
  if (a.range) {
    return (
      !a.range.collapsed &&
      a.range.startContainer.isConnected &&
      a.range.toString() === placed.text
    );
  }
  return false;
}

/** Options of the watcher. */
export interface WatchOptions {
  /** What to observe: the page's body. */
  root: Element;
  /** Re-anchors; answers true when everything is anchored. */
  reanchor: () => boolean;
  /** Whether anything found earlier has since gone. */
  anyGone: () => boolean;
  /** Called when the page's address changes without a load (single-page apps). */
  onNavigate?: () => void;
  /** Quiet time before reacting to a burst of changes. */
  debounceMs?: number;
  /** How long to keep retrying orphans after load or navigation. */
  retryForMs?: number;
  /** Test seam: the clock. */
  now?: () => number;
}

/**
 * Watches the page for changes and navigation, debounced. Orphans are retried until all is
 * anchored or `retryForMs` has passed; after that, a change only re-anchors when something
 * found earlier has gone, so a removed quote turns into an orphan instead of vanishing.
 * Answers a function that stops watching.
 */
export function watchPage(options: WatchOptions): () => void {
  const {
    root,
    debounceMs = 250,
    retryForMs = 10_000,
    now = () => Date.now(),
  } = options;
  const win = root.ownerDocument.defaultView;
  let deadline = now() + retryForMs;
  let settled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let href = win?.location.href;

  const run = () => {
    timer = undefined;
    if (win && win.location.href !== href) {
      href = win.location.href;
      deadline = now() + retryForMs;
      settled = false;
      options.onNavigate?.();
    }
    if ((!settled && now() < deadline) || options.anyGone()) {
      settled = options.reanchor();
    }
  };
  const schedule = () => {
    if (timer === undefined) timer = setTimeout(run, debounceMs);
  };
  const observer = new MutationObserver(schedule);
  observer.observe(root, {
    childList: true,
    subtree: true,
    characterData: true,
  });
  // History navigation inside a single-page app changes the address without a load; the
  // isolated world cannot see pushState, so the address is also checked now and then.
  win?.addEventListener('popstate', schedule);
  win?.addEventListener('hashchange', schedule);
  const poll = win
    ? setInterval(() => {
        if (win.location.href !== href) schedule();
      }, 1000)
    : undefined;
  return () => {
    observer.disconnect();
    win?.removeEventListener('popstate', schedule);
    win?.removeEventListener('hashchange', schedule);
    if (poll !== undefined) clearInterval(poll);
    if (timer !== undefined) clearTimeout(timer);
  };
}

/** The viewport boxes to draw for a placed annotation. */
export function boxesOf(placed: Placed): DOMRect[] {
  const a = placed.anchored;
  if (!a) return [];
  if (a.range)
    return Array.from(a.range.getClientRects()).filter(
      (r) => r.width > 0 && r.height > 0,
    );
  if (a.element) {
    const r = a.element.getBoundingClientRect();
    return r.width > 0 || r.height > 0 ? [r] : [];
  }
  return [];
}
