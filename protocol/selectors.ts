/**
 * W3C Web Annotation selectors (https://www.w3.org/TR/annotation-model/#selectors), as stored
 * in reports and validated before anchoring ever reads them.
 */
import * as z from 'zod/mini';

const MAX_QUOTE = 5000;
const text = (max: number) => z.string().check(z.maxLength(max));

/** The quoted text with a little context either side. */
export const textQuoteSelector = z.strictObject({
  type: z.literal('TextQuoteSelector'),
  exact: text(MAX_QUOTE),
  prefix: z.optional(text(200)),
  suffix: z.optional(text(200)),
});

/** Character offsets into the root's text content. */
export const textPositionSelector = z
  .strictObject({
    type: z.literal('TextPositionSelector'),
    start: z.int().check(z.gte(0)),
    end: z.int().check(z.gte(0)),
  })
  .check(z.refine((s) => s.end >= s.start, 'end must not be before start'));

/** A CSS selector relative to the root. */
export const cssSelector = z.strictObject({
  type: z.literal('CssSelector'),
  value: text(2000),
});

/** An XPath relative to the root, kept for interchange with other clients. */
export const xPathSelector = z.strictObject({
  type: z.literal('XPathSelector'),
  value: text(2000),
});

/** A range between two points, each given by an XPath and an offset (Hypothesis-style). */
export const rangeSelector = z.strictObject({
  type: z.literal('RangeSelector'),
  startContainer: text(2000),
  startOffset: z.int().check(z.gte(0)),
  endContainer: text(2000),
  endOffset: z.int().check(z.gte(0)),
});

/** Any selector Snag understands. */
export const selector = z.discriminatedUnion('type', [
  textQuoteSelector,
  textPositionSelector,
  cssSelector,
  xPathSelector,
  rangeSelector,
]);

/** The selectors of one annotation. */
export const selectorList = z
  .array(selector)
  .check(z.minLength(1), z.maxLength(10));

export type TextQuoteSelector = z.infer<typeof textQuoteSelector>;
export type TextPositionSelector = z.infer<typeof textPositionSelector>;
export type CssSelector = z.infer<typeof cssSelector>;
export type XPathSelector = z.infer<typeof xPathSelector>;
export type RangeSelector = z.infer<typeof rangeSelector>;
export type Selector = z.infer<typeof selector>;
