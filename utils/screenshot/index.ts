/**
 * Screenshots with masking: the pure rectangle logic the annotator uses before it stores an
 * image (DESIGN §6).
 */
export * from './mask';
