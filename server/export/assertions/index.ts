/**
 * The W3C's conformance assertions for Web Annotations, Collections and Pages, as our own
 * checks: each says in our words what the Web Annotation Data Model
 * (https://www.w3.org/TR/annotation-model/) requires, and is keyed by the id the W3C's test
 * suite gives the same assertion (`3.2-targetObjectsRecognized`, `4.2.8-rangeSelectorValid`,
 * `5.1-collectionIdValidated`, …), so results can be set side by side with that suite's.
 *
 * Every MUST the suite asserts is here, and its SHOULDs ("implemented" checks: a feature is
 * present and well formed). Where the model is stricter than the suite (a Page needs one or
 * more items; a selector's `refinedBy` is checked at any depth) the check follows the model.
 *
 * The export runs the MUSTs on every annotation before writing it, and the tests run them all
 * on what the API serves.
 */
export {
  checkAll,
  failedMusts,
  type Assertion,
  type AssertionLevel,
  type AssertionResult,
} from './assertion';
export { ANNOTATION_ASSERTIONS } from './annotation';
export { COLLECTION_ASSERTIONS, PAGE_ASSERTIONS } from './collections';
export { MOTIVATIONS } from './values';
