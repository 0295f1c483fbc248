/**
 * Starts the first page's API request while the app is still booting, in parallel with the
 * session check, so a shared list link shows its reports one round trip sooner.
 */
import { request } from './api';

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };
const early = new Map<string, Promise<Settled>>();
const ready = new Map<string, unknown>();

/** Starts fetching `path` now; a later {@link takePrefetched} of the same path reuses it. */
export function prefetch(path: string): void {
  if (early.has(path)) return;
  early.set(
    path,
    request<unknown>(path).then(
      (value): Settled => {
        ready.set(path, value);
        return { ok: true, value };
      },
      (error: unknown): Settled => {
        // A failed early request (a 401 before sign-in) is forgotten, so a later ask
        // makes a fresh request rather than reusing a stale refusal.
        early.delete(path);
        return { ok: false, error };
      },
    ),
  );
}

/** The early answer for `path`, once, or undefined if none was started. */
export function takePrefetched<T>(path: string): Promise<T> | undefined {
  const pending = early.get(path);
  if (!pending) return undefined;
  early.delete(path);
  ready.delete(path);
  return pending.then((settled) => {
    if (settled.ok) return settled.value as T;
    throw settled.error;
  });
}

/**
 * The early answer for `path` if it has already arrived, so the first render can show it
 * without waiting for an effect; it is then used up.
 */
export function takeArrived<T>(path: string): T | undefined {
  if (!ready.has(path)) return undefined;
  const value = ready.get(path) as T;
  ready.delete(path);
  early.delete(path);
  return value;
}

/** Forgets every early answer, when the session changes and they no longer apply. */
export function clearPrefetched(): void {
  early.clear();
  ready.clear();
}
