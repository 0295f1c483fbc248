/**
 * UI strings come from `_locales` (English and Welsh) through the browser's i18n API, so the
 * extension speaks the browser's language.
 */
import { browser } from 'wxt/browser';

type MessageName = Parameters<typeof browser.i18n.getMessage>[0];

/** The localised string for `name`, with `$1`… substitutions. */
export function t(name: MessageName, ...substitutions: string[]): string {
  return browser.i18n.getMessage(name, substitutions);
}
