/**
 * Screenshots with masking: the pure rectangle logic the annotator uses before it stores an
 * image (docs/privacy.md).
 */
export * from './mask';
