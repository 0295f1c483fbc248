/**
 * Canonical JSON, so that "the same body" means the same bytes whatever order a client wrote
 * the keys in. Idempotent PUTs compare reports this way.
 */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object')
    return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
  return `{${entries.join(',')}}`;
}

/** SHA-256 (hex) of some text. */
export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}
