/**
 * The JSON-LD context of the Web Annotation export: the W3C's own context
 * (https://www.w3.org/TR/annotation-model/, §3.1) for every term of the model, and a small
 * inline context of our own for what only Snag knows (a report's triage status, its service,
 * the export's summary). Snag's terms are compact IRIs under one namespace, so JSON-LD tools
 * expand them, in safe mode too, without fetching anything but the W3C's context; docs/api.md
 * lists them.
 */

/** The Web Annotation JSON-LD context, which every Annotation and Collection must name. */
export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/**
 * The namespace of Snag's own terms. `.invalid` can never resolve (RFC 2606), so no one else
 * can ever own it; the terms are described in docs/api.md rather than at the address.
 */
export const SNAG_NAMESPACE = 'https://snag.invalid/ns#';

/** The prefix Snag's terms are written with: `snag:status` is `${SNAG_NAMESPACE}status`. */
export const SNAG_PREFIX = 'snag';

/**
 * Snag's own terms as they appear in the export, each with what it means. Terms whose value
 * is an IRI say so, so that JSON-LD reads `urn:uuid:…` as a resource rather than as text.
 */
export const SNAG_TERMS = {
  'snag:report': {
    iri: true,
    about: 'The report the annotation belongs to (`urn:uuid:` + report id).',
  },
  'snag:status': {
    iri: false,
    about: 'The report’s triage status: new, triaged, in-progress, fixed…',
  },
  'snag:service': {
    iri: false,
    about: 'The council service the page belongs to (from the catalogue).',
  },
  'snag:summary': {
    iri: false,
    about: 'On the collection: what the export read, and what it left out.',
  },
  'snag:reportsRead': {
    iri: false,
    about: 'How many stored reports the export read.',
  },
  'snag:leftOut': {
    iri: false,
    about: 'How many reports or annotations were left out, each with a note.',
  },
  'snag:adjusted': {
    iri: false,
    about: 'How many were exported after a repair, each with a note.',
  },
  'snag:notes': {
    iri: false,
    about: 'One entry per report or annotation left out or repaired.',
  },
  'snag:notesNotListed': {
    iri: false,
    about: 'Notes beyond the first hundred, counted but not listed.',
  },
  'snag:position': {
    iri: false,
    about: 'Which report of the export a note is about, counting from 0.',
  },
  'snag:annotation': {
    iri: true,
    about: 'The annotation a note is about, when it has a usable id.',
  },
  'snag:outcome': {
    iri: false,
    about: '`left out` or `adjusted`.',
  },
  'snag:reason': { iri: false, about: 'Why, in words.' },
} as const;

/** One of Snag's own terms. */
export type SnagTerm = keyof typeof SNAG_TERMS;

/** The inline context that defines Snag's terms. */
export const SNAG_CONTEXT: Record<string, unknown> = {
  [SNAG_PREFIX]: SNAG_NAMESPACE,
  ...Object.fromEntries(
    Object.entries(SNAG_TERMS)
      .filter(([, term]) => term.iri)
      .map(([name]) => [name, { '@type': '@id' }]),
  ),
};

/** The `@context` of the exported collection. */
export const EXPORT_CONTEXT: readonly [string, Record<string, unknown>] = [
  ANNOTATION_CONTEXT,
  SNAG_CONTEXT,
];
