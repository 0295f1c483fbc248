/**
 * A small, seeded fuzz run over every API route on each store: no 5xx, and the store's checks
 * pass afterwards. `npm run fuzz` runs the full count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzApp, storeProblems } from './support/fuzz';
import { openTestApp, STORE_KINDS, type TestApp } from './support/harness';

const RUNS = 300;

describe.each(STORE_KINDS)('fuzzing every route on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(kind);
  });
  afterAll(() => t.close());

  it(`answers ${RUNS} hostile requests without a 5xx and keeps the store whole`, async () => {
    const outcome = await fuzzApp(t, RUNS);
    expect(outcome.runs).toBe(RUNS);
    expect(outcome.failures).toEqual([]);
    expect(outcome.byClass['4xx']).toBeGreaterThan(0);
    expect(await storeProblems(t)).toEqual([]);
  });
});
