/**
 * Finding annotations on the page again and keeping them found: anchoring each one from its
 * stored selectors, checking that what was found is still there after the page changes, and
 * retrying the ones not found while a page that loads late settles.
 */
import type { Annotation } from '@/protocol/report';
import type { Selector } from '@/protocol/selectors';
import { anchorAllUnchanged, type Anchored } from '@/utils/anchoring/unchanged';

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

/**
 * A target and where it was found; `anchored` null means an orphan, or, with `pending`, that
 * the page changed around it and the full search has not run yet.
 */
export interface Placed {
  target: MarkTarget;
  anchored: Anchored | null;
  /** The text found, to notice when the page later takes it away. */
  text?: string;
  /** Waiting for the full search, which is not here yet. */
  pending?: true;
}

/** Anchoring's full search (`anchorAll`), where it is here. */
export type FullSearch = (
  root: Element,
  selectorLists: readonly (readonly Selector[])[],
) => (Anchored | null)[];

/**
 * Anchors each target under `root`: by the first look where the page has not changed around
 * it, and by `search` for the rest, or, while `search` is not here, leaving them pending.
 */
export function placeAll(
  root: Element,
  targets: readonly MarkTarget[],
  search: FullSearch | null,
): Placed[] {
  // One call for all, so the page's text is read once however many marks there are.
  const lists = targets.map((t) => t.annotation.selectors);
  const found = anchorAllUnchanged(root, lists);
  const open = lists.flatMap((list, i) => (found[i] === undefined ? [i] : []));
  if (open.length && search) {
    const searched = search(
      root,
      open.map((i) => lists[i]!),
    );
    open.forEach((at, i) => (found[at] = searched[i] ?? null));
  }
  return targets.map((target, i) => {
    const anchored = found[i] ?? null;
    return {
      target,
      anchored,
      ...(anchored?.range ? { text: anchored.range.toString() } : {}),
      ...(found[i] === undefined ? { pending: true as const } : {}),
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

/** One re-anchoring pass, for measuring what watching costs. */
export interface WatchPass {
  /** Milliseconds the pass took, on the watcher's clock. */
  ms: number;
  /** Whether everything was anchored after it. */
  settled: boolean;
}

/** Options of the watcher. */
export interface WatchOptions {
  /** What to observe: the page's body. */
  root: Element;
  /** Re-anchors; answers true when everything is anchored. */
  reanchor: () => boolean;
  /** Whether anything found earlier has since gone. */
  anyGone: () => boolean;
  /** The list of what to anchor is loading; anchoring waits for it before it can settle. */
  loading?: Promise<unknown>;
  /**
   * Called the moment the page's address changes without a load (single-page apps): drop
   * the previous route's marks and load the new route's list. The new route's anchoring
   * window opens when the answer settles.
   */
  onNavigate?: () => void | Promise<unknown>;
  /** Quiet time that ends a burst of changes. */
  debounceMs?: number;
  /** The longest a pass waits while the page keeps changing. */
  maxWaitMs?: number;
  /** How long to keep retrying orphans once a route's list has loaded. */
  retryForMs?: number;
  /** How often to look at the address when nothing else tells of a change. */
  addressPollMs?: number;
  /** Told of every pass, with its cost. */
  onPass?: (pass: WatchPass) => void;
  /** Test seam: the clock. */
  now?: () => number;
}

/** The address of the page the root is in, or undefined outside a window. */
function addressOf(root: Element): string | undefined {
  return root.ownerDocument.defaultView?.location.href;
}

/**
 * Listens for the page's address changing without a load. The isolated world cannot see
 * pushState, but a route's render changes the DOM (which the watcher checks on every change),
 * the Navigation API tells of every same-document change where the browser has it, and the
 * address is looked at now and then besides. Answers a function that stops listening.
 */
function listenForAddress(
  win: Window | null,
  onChange: () => void,
  checkAddress: () => void,
  pollMs: number,
): () => void {
  if (!win) return () => undefined;
  const navigation = (win as Window & { navigation?: EventTarget }).navigation;
  win.addEventListener('popstate', onChange);
  win.addEventListener('hashchange', onChange);
  navigation?.addEventListener('currententrychange', onChange);
  const poll = setInterval(checkAddress, pollMs);
  return () => {
    win.removeEventListener('popstate', onChange);
    win.removeEventListener('hashchange', onChange);
    navigation?.removeEventListener('currententrychange', onChange);
    clearInterval(poll);
  };
}

/**
 * Calls `onChange` on every change under `root` and every change of address the page's
 * window tells of, and `checkAddress` every `pollMs`. Answers a function that stops both.
 */
function observePage(
  root: Element,
  onChange: () => void,
  checkAddress: () => void,
  pollMs: number,
): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(root, {
    childList: true,
    subtree: true,
    characterData: true,
  });
  const stopListening = listenForAddress(
    root.ownerDocument.defaultView,
    onChange,
    checkAddress,
    pollMs,
  );
  return () => {
    observer.disconnect();
    stopListening();
  };
}

/**
 * A true debounce with a maximum wait: `schedule` runs `run` once `quietMs` pass with no
 * further call, but never later than `maxWaitMs` after the first call of a burst.
 */
function debounce(
  run: () => void,
  quietMs: number,
  maxWaitMs: number,
  now: () => number,
) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstCall: number | undefined;
  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    firstCall = undefined;
  };
  const schedule = (quiet = quietMs) => {
    const at = now();
    firstCall ??= at;
    if (timer !== undefined) clearTimeout(timer);
    const wait = Math.max(0, Math.min(quiet, firstCall + maxWaitMs - at));
    timer = setTimeout(() => {
      timer = undefined;
      firstCall = undefined;
      run();
    }, wait);
  };
  return { schedule, cancel };
}

/** Stops watching; `listChanged` opens a new window for a list that has just arrived. */
export interface PageWatch {
  (): void;
  /**
   * The list to anchor has changed (the reports loaded after the watcher started, say): its
   * orphans are retried for `retryForMs` as the page changes, as on a change of address.
   */
  listChanged(): void;
}

/**
 * Watches the page for changes and navigation. A pass waits for the page to go quiet
 * (`debounceMs`), but never longer than `maxWaitMs` during a burst. Orphans are retried in a
 * window of `retryForMs` that opens only once the list to anchor has loaded, so an empty or
 * out-of-date list never counts as settled; after the window, a change only re-anchors when
 * something found earlier has gone, so a removed quote turns into an orphan instead of
 * vanishing. A change of address is acted on at once: `onNavigate` runs, and anchoring waits
 * for the new route's list. Answers a function that stops watching (`PageWatch`).
 */
export function watchPage(options: WatchOptions): PageWatch {
  const {
    root,
    debounceMs = 150,
    maxWaitMs = 1000,
    retryForMs = 10_000,
  } = options;
  const now = options.now ?? (() => performance.now());
  let href = addressOf(root);
  let deadline = Number.POSITIVE_INFINITY;
  let settled = false;
  let loads = 0;
  let loading = false;
  let stopped = false;
  const { schedule, cancel } = debounce(
    () => run(),
    debounceMs,
    maxWaitMs,
    now,
  );

  /** Opens a new window once `list` has loaded, unless another load began meanwhile. */
  const whenLoaded = (list: Promise<unknown> | undefined) => {
    const load = ++loads;
    loading = true;
    settled = false;
    void Promise.resolve(list)
      .catch(() => undefined)
      .then(() => {
        if (stopped || load !== loads) return;
        loading = false;
        deadline = now() + retryForMs;
        // After the list's own render, which the page's framework may schedule.
        schedule(0);
      });
  };
  const checkAddress = () => {
    const current = addressOf(root);
    if (current === href) return;
    href = current;
    cancel();
    whenLoaded(Promise.resolve(options.onNavigate?.()));
  };
  const run = () => {
    checkAddress();
    if (loading) return;
    if ((!settled && now() < deadline) || options.anyGone()) {
      const started = now();
      settled = options.reanchor();
      options.onPass?.({ ms: now() - started, settled });
    }
  };
  const onChange = () => {
    checkAddress();
    if (!loading) schedule();
  };

  whenLoaded(options.loading);
  const stopObserving = observePage(
    root,
    onChange,
    checkAddress,
    options.addressPollMs ?? 250,
  );
  const stop = () => {
    stopped = true;
    stopObserving();
    cancel();
  };
  return Object.assign(stop, {
    listChanged() {
      if (stopped) return;
      settled = false;
      deadline = now() + retryForMs;
      if (!loading) schedule(0);
    },
  });
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
