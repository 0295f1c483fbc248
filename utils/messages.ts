/**
 * Looks up a message whose name is built at run time (enum values such as
 * `category_too_many_steps`), which the typed `t()` cannot check statically.
 */
import { t } from './i18n';

/** The localised string for a computed message name, or the name itself if it is missing. */
export function msg(name: string, ...substitutions: string[]): string {
  // Casting because the name is computed; every enum value has a message (checked in tests).
  return t(name as Parameters<typeof t>[0], ...substitutions) || name;
}
