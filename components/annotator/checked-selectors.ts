/**
 * The page's stand-in for anchoring's selector check (`utils/anchoring/valid.ts`), swapped in
 * by the in-page script's build only (wxt.config.ts). Every list the layer anchors comes from
 * Snag's frame, which sends a mark's selectors only when the protocol accepts them and an
 * empty list otherwise (`markSpecs` in ./labels.ts, which logs why); an empty or missing
 * list is still refused here, so such a mark is an orphan as before.
 */
import type { Selector } from '@/protocol/selectors';

/** Whether `value` is a list the frame has checked (anything else is refused). */
export function isSelectorList(value: unknown): value is Selector[] {
  return Array.isArray(value) && value.length > 0;
}
