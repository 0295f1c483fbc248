/**
 * What an assertion of the Web Annotation model is, and running a list of them on a document.
 */
import { isRecord, type Json } from './values';

/** How binding an assertion is. */
export type AssertionLevel = 'must' | 'should';

/** One assertion of the model. */
export interface Assertion {
  /** The W3C test suite's id for it. */
  id: string;
  level: AssertionLevel;
  /** What it requires, in words. */
  says: string;
  /** True when `doc` meets it. */
  holds(doc: Json): boolean;
}

/** The outcome of one assertion on one document. */
export interface AssertionResult {
  id: string;
  level: AssertionLevel;
  says: string;
  passed: boolean;
}

/** A MUST of the model: a document that fails it is not a conforming one. */
export function must(
  id: string,
  says: string,
  holds: (doc: Json) => boolean,
): Assertion {
  return { id, level: 'must', says, holds };
}

/** A SHOULD of the model: reported, never a failure. */
export function should(
  id: string,
  says: string,
  holds: (doc: Json) => boolean,
): Assertion {
  return { id, level: 'should', says, holds };
}

/**
 * What one run of `checkAll` has already worked out about the objects of the document: each
 * assertion walks the same bodies, targets and selectors, and asking again what kind of
 * resource each is would dominate an export's time. Kept only for the run, so a document
 * changed between runs is judged afresh.
 */
let memo: WeakMap<object, Map<string, unknown>> | null = null;

/**
 * `work`'s answer about `o`, worked out once per run of `checkAll`; outside a run, worked
 * out every time.
 */
export function remembered<T>(o: object, what: string, work: () => T): T {
  if (!memo) return work();
  let known = memo.get(o);
  if (!known) {
    known = new Map();
    memo.set(o, known);
  }
  if (known.has(what)) return known.get(what) as T;
  const value = work();
  known.set(what, value);
  return value;
}

/** Runs `assertions` on `doc`; a document that is not an object fails every one. */
export function checkAll(
  assertions: readonly Assertion[],
  doc: unknown,
): AssertionResult[] {
  const outer = memo;
  memo ??= new WeakMap();
  try {
    return assertions.map(({ id, level, says, holds }) => {
      let passed = false;
      if (isRecord(doc)) {
        try {
          passed = holds(doc);
        } catch {
          // A check that cannot read the document has not been met.
          passed = false;
        }
      }
      return { id, level, says, passed };
    });
  } finally {
    memo = outer;
  }
}

/** The ids of the MUSTs `doc` fails. */
export function failedMusts(
  assertions: readonly Assertion[],
  doc: unknown,
): string[] {
  return checkAll(
    assertions.filter((a) => a.level === 'must'),
    doc,
  )
    .filter((r) => !r.passed)
    .map((r) => r.id);
}
