// @vitest-environment jsdom
// Anchoring after each class of mutation on govuk-frontend form pages and the Wikipedia page:
// never a wrong place, deleted text always orphaned, and benign changes mostly found. A modest
// count here; bench/anchoring-mutations.bench.ts runs thousands per page.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DELETIONS,
  emptyTable,
  MUTATION_PAGES,
  mutationCase,
  MUTATIONS,
  pristineBody,
  runCase,
} from './mutation-kit';

/** Fewer on the long Wikipedia page, whose cases are slower. */
const CASES: Record<string, number> = { wikipedia: 15 };

describe.each(Object.entries(MUTATION_PAGES))(
  'mutations on %s',
  (name, file) => {
    it('anchors right or orphans, never wrong, and orphans deleted text', () => {
      const pristine = pristineBody(document, file);
      const table = emptyTable();
      for (const c of fc.sample(mutationCase, {
        seed: 14,
        numRuns: CASES[name] ?? 60,
      })) {
        const outcome = runCase(pristine, c);
        if (outcome) table[c.mutation][outcome] += 1;
      }
      for (const m of MUTATIONS) {
        expect({ m, wrong: table[m].wrong }).toEqual({ m, wrong: 0 });
        if (DELETIONS.includes(m)) expect(table[m].right).toBe(0);
      }
      const benign = MUTATIONS.filter((m) => !DELETIONS.includes(m));
      const right = benign.reduce((n, m) => n + table[m].right, 0);
      const all = benign.reduce(
        (n, m) => n + table[m].right + table[m].orphan,
        0,
      );
      expect(right / all).toBeGreaterThan(0.75);
    });
  },
);
