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

/**
 * The localised string for a message whose name is built at run time (enum values such as
 * `category_too_many_steps`), which `t()` cannot check statically; the name itself if the
 * message is missing.
 */
export function msg(name: string, ...substitutions: string[]): string {
  // Casting because the name is computed; every enum value has a message (checked in tests).
  return t(name as MessageName, ...substitutions) || name;
}
