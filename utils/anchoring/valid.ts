/**
 * Where stored selectors enter anchoring: a structural check with the same rules as the
 * protocol's schema (`protocol/selectors.ts`), written out by hand so that the code running in
 * the page does not carry the schema library. A list that fails gives an orphan, never an
 * exception. `tests/unit/anchoring/valid.test.ts` keeps the two in agreement.
 */
import type { Selector } from '@/protocol/selectors';

const MAX_QUOTE = 5000;
const MAX_CONTEXT = 200;
const MAX_PATH = 2000;
const MAX_SELECTORS = 10;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOnly(value: Record<string, unknown>, keys: readonly string[]) {
  return Object.keys(value).every((key) => keys.includes(key));
}

function text(value: unknown, max: number): boolean {
  return typeof value === 'string' && value.length <= max;
}

function optionalText(value: unknown, max: number): boolean {
  return value === undefined || text(value, max);
}

function offset(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isSelector(value: unknown): value is Selector {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'TextQuoteSelector':
      return (
        hasOnly(value, ['type', 'exact', 'prefix', 'suffix']) &&
        text(value.exact, MAX_QUOTE) &&
        optionalText(value.prefix, MAX_CONTEXT) &&
        optionalText(value.suffix, MAX_CONTEXT)
      );
    case 'TextPositionSelector':
      return (
        hasOnly(value, ['type', 'start', 'end']) &&
        offset(value.start) &&
        offset(value.end) &&
        (value.end as number) >= (value.start as number)
      );
    case 'CssSelector':
    case 'XPathSelector':
      return hasOnly(value, ['type', 'value']) && text(value.value, MAX_PATH);
    case 'RangeSelector':
      return (
        hasOnly(value, [
          'type',
          'startContainer',
          'startOffset',
          'endContainer',
          'endOffset',
        ]) &&
        text(value.startContainer, MAX_PATH) &&
        offset(value.startOffset) &&
        text(value.endContainer, MAX_PATH) &&
        offset(value.endOffset)
      );
    default:
      return false;
  }
}

/** Whether `value` is a list of selectors the protocol accepts. */
export function isSelectorList(value: unknown): value is Selector[] {
  try {
    return (
      Array.isArray(value) &&
      value.length >= 1 &&
      value.length <= MAX_SELECTORS &&
      value.every(isSelector)
    );
  } catch {
    // Hostile objects (throwing getters, proxies) are not selectors.
    return false;
  }
}
