/**
 * The outcome of reading a value from a request: the value, or a message naming what was wrong
 * (rules return it; the HTTP edge turns a failure into a 400).
 */

/** A value read, or which part of the request was wrong and why. */
export type Read<T> = { ok: true; value: T } | { ok: false; message: string };
