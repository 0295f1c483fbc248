/**
 * How a report's notes anchored when someone last had its page open: the extension finds each
 * note again on the live page and tells the server how well, so the dashboard can say whether
 * the text a note points at has changed or gone. It is an observation, not an edit of the
 * report: recording one changes no version and notifies nobody.
 */
import * as z from 'zod/mini';
import { MAX_ANNOTATIONS } from './constants';
import { annotation, itemId } from './report';

/**
 * How a note was found: the very same text where its context agrees (`exact`), text that
 * changed slightly (`fuzzy`), the same text known only by its surroundings (`contextual`), or
 * not at all (`missing`: the page has changed there, possibly because it was fixed).
 */
export const ANCHOR_QUALITIES = [
  'exact',
  'fuzzy',
  'contextual',
  'missing',
] as const;
export type AnchorQuality = (typeof ANCHOR_QUALITIES)[number];

/** `PUT /reports/:id/anchoring` body: how each note named was found, by annotation id. */
export const anchoringInput = z.strictObject({
  annotations: z
    .record(itemId, z.enum(ANCHOR_QUALITIES))
    .check(
      z.refine(
        (r) => Object.keys(r).length <= MAX_ANNOTATIONS,
        `At most ${MAX_ANNOTATIONS} notes`,
      ),
    ),
});
export type AnchoringInput = z.infer<typeof anchoringInput>;

/** `PUT /reports/:id/anchoring` query: a reporter names the page, as for reading a colleague's. */
export const anchoringQuery = z.object({
  url: z.optional(z.string().check(z.maxLength(2048))),
});

/** The latest observation of one note, with the server's time of recording it. */
export const lastSeen = z.object({
  quality: z.enum(ANCHOR_QUALITIES),
  at: z.string(),
});
export type LastSeen = z.infer<typeof lastSeen>;

/** A note as a report's full view shows it: with its latest observation, once there is one. */
export const annotationSeen = z.extend(annotation, {
  lastSeen: z.optional(lastSeen),
});
export type AnnotationSeen = z.infer<typeof annotationSeen>;

/** The most a body of `PUT /reports/:id/anchoring` may be: 50 ids and words, with room. */
export const MAX_ANCHORING_BYTES = 16 * 1024;
