/**
 * A small History API router: real URLs, so every view can be bookmarked and shared, and the
 * server answers any of them with the app (SPA fallback).
 */
import { useEffect, useState } from 'preact/hooks';

/** Where the app is: the path and query string of the current URL. */
export interface Location {
  /** Path, e.g. `/reports/0190…`. */
  path: string;
  /** Query string with its leading `?`, or empty. */
  search: string;
}

type Listener = (location: Location) => void;
const listeners = new Set<Listener>();

/** The current location of `win`. */
export function currentLocation(
  win: Pick<Window, 'location'> = window,
): Location {
  return { path: win.location.pathname, search: win.location.search };
}

function notify(): void {
  const location = currentLocation();
  for (const listener of listeners) listener(location);
}

/** Goes to an in-app URL without reloading the page. */
export function navigate(
  to: string,
  options: { replace?: boolean } = {},
): void {
  const target = new URL(to, window.location.href);
  const next = target.pathname + target.search + target.hash;
  const current =
    window.location.pathname + window.location.search + window.location.hash;
  if (next !== current) {
    if (options.replace) window.history.replaceState(null, '', next);
    else window.history.pushState(null, '', next);
  }
  notify();
}

/** The current location, re-rendering the caller whenever it changes. */
export function useLocation(): Location {
  const [location, setLocation] = useState(currentLocation);
  useEffect(() => {
    listeners.add(setLocation);
    const onPop = () => setLocation(currentLocation());
    window.addEventListener('popstate', onPop);
    return () => {
      listeners.delete(setLocation);
      window.removeEventListener('popstate', onPop);
    };
  }, []);
  return location;
}

/**
 * Routes plain clicks on in-app links through {@link navigate}, so links stay ordinary `<a>`
 * elements (open in a new tab, copy address) while in-app navigation needs no reload.
 * Returns a function that stops it.
 */
export function interceptLinks(doc: Document = document): () => void {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, doc.baseURI);
    if (url.origin !== window.location.origin) return;
    // API links (exports, screenshots) are files, not views; sign-in pages leave the app.
    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/auth/'))
      return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  };
  doc.addEventListener('click', onClick);
  return () => doc.removeEventListener('click', onClick);
}

/** Matches `/reports/:id`, returning the id. */
export function matchReportPath(path: string): string | null {
  const match = /^\/reports\/([^/]+)\/?$/.exec(path);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}
