/**
 * Retry delays: exponential with full jitter and a cap ("Exponential Backoff And Jitter",
 * AWS Architecture Blog, 2015), so many devices coming back online do not retry in step.
 */

/** First retry is at most this long after a failure. */
export const BASE_DELAY_MS = 5_000;
/** No retry waits longer than this. */
export const MAX_DELAY_MS = 30 * 60_000;

/** The delay before retry number `attempts` (1 = first retry). `random` is in [0, 1). */
export function backoffDelay(
  attempts: number,
  random: () => number = Math.random,
  base = BASE_DELAY_MS,
  cap = MAX_DELAY_MS,
): number {
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, attempts - 1));
  return Math.floor(random() * ceiling);
}
