/**
 * The shapes of JSON-LD values the W3C assertions read: a property holding one value or an
 * array of them, types, the model's motivations and its context.
 */
import { ANNOTATION_CONTEXT } from '../context';
import { isDateTime, isIri } from '../values';

/** A JSON object as the assertions read it. */
export type Json = Record<string, unknown>;

/** A JSON object: not null, not an array. */
export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object has `key` as its own property, whatever its value. */
export function has(o: Json, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** The values of a property that may hold one value or an array of them. */
export function valuesOf(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Exactly one value meeting `test`: the value itself, or an array of one. */
export function single(value: unknown, test: (v: unknown) => boolean): boolean {
  if (Array.isArray(value)) return value.length === 1 && test(value[0]);
  return test(value);
}

/** One or more values, each meeting `test`. */
export function oneOrMore(
  value: unknown,
  test: (v: unknown) => boolean,
): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every(test);
  return test(value);
}

/** The property is absent, or `test` holds of its value. */
export function absentOr(o: Json, key: string, test: (v: unknown) => boolean) {
  return !has(o, key) || test(o[key]);
}

/** A string. */
export const isString = (v: unknown): v is string => typeof v === 'string';

/** A whole number, zero or more. */
export const isNonNegativeInteger = (v: unknown) =>
  Number.isInteger(v) && (v as number) >= 0;

/** Exactly one IRI. */
export const singleIri = (v: unknown) => single(v, isIri);

/** Exactly one date-time. */
export const singleDateTime = (v: unknown) => single(v, isDateTime);

/** True when `type` is, or includes, `name`. */
export function typed(o: Json, name: string): boolean {
  return valuesOf(o.type).includes(name);
}

/** The motivations and purposes the model defines (§3.3.5). */
export const MOTIVATIONS = [
  'assessing',
  'bookmarking',
  'classifying',
  'commenting',
  'describing',
  'editing',
  'highlighting',
  'identifying',
  'linking',
  'moderating',
  'questioning',
  'replying',
  'tagging',
] as const;

/** One of the model's motivations. */
export const isMotivation = (v: unknown) =>
  (MOTIVATIONS as readonly unknown[]).includes(v);

/** The document names the Web Annotation context in `@context`. */
export function contextNamesModel(doc: Json): boolean {
  return (
    has(doc, '@context') &&
    valuesOf(doc['@context']).includes(ANNOTATION_CONTEXT)
  );
}
