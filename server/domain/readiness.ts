/**
 * Why the server is not ready, in words an operator can act on, from the error a test write
 * gave. The words are safe to show without sign-in: they name a condition, never a path.
 */

/** How long the test write may take before the store counts as not answering. */
export const READY_TIMEOUT_MS = 5_000;

const FULL = new Set(['SQLITE_FULL', 'ENOSPC', '53100', 'EDQUOT']);
const READ_ONLY = new Set(['EROFS', 'EACCES', 'EPERM', '25006']);
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  '57P01',
  '57P03',
]);

/** The reason the store cannot take writes, from the error of its test write. */
export function notReadyReason(error: unknown): string {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (FULL.has(code)) return 'The disk that holds the data is full';
  if (READ_ONLY.has(code) || code.startsWith('SQLITE_READONLY'))
    return 'The data directory or database is read-only';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN'))
    return 'The data files cannot be written';
  if (code === 'timeout')
    return `The store did not answer within ${READY_TIMEOUT_MS / 1000} seconds`;
  if (UNREACHABLE.has(code) || code.startsWith('08'))
    return 'The database cannot be reached';
  return 'The store cannot save changes; the server log says why';
}

/** `probe()`, or a rejection with code `timeout` once `ms` have passed. */
export function withTimeout(
  probe: () => Promise<void>,
  ms = READY_TIMEOUT_MS,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(Object.assign(new Error('timeout'), { code: 'timeout' })),
      ms,
    );
    timer.unref?.();
    probe().then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
