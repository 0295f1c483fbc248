// @vitest-environment jsdom
// The first look (`anchorAllUnchanged`), which the page's script runs before it loads the full
// search: on an unchanged page it finds every annotation itself, and after any change it either
// gives the right place or leaves the annotation to the search; it never answers wrongly, and
// never answers for text that was deleted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorAllUnchanged } from '@/utils/anchoring/unchanged';
import {
  DELETIONS,
  judge,
  MUTATION_PAGES,
  mutate,
  mutationCase,
  prepareCase,
  pristineBody,
} from './mutation-kit';

const CASES: Record<string, number> = { wikipedia: 15 };

describe.each(Object.entries(MUTATION_PAGES))(
  'the first look on %s',
  (name, file) => {
    const cases = () =>
      fc.sample(mutationCase, { seed: 21, numRuns: CASES[name] ?? 60 });

    it('finds every annotation on the unchanged page, exactly', () => {
      const pristine = pristineBody(document, file);
      let seen = 0;
      for (const c of cases()) {
        const prepared = prepareCase(pristine, c);
        if (!prepared) continue;
        const { root, target } = prepared;
        const [found] = anchorAllUnchanged(root, [target.selectors]);
        expect(found?.quality).toBe('exact');
        expect(judge(root, target, found ?? null)).toBe('right');
        seen += 1;
      }
      expect(seen).toBeGreaterThan(10);
    });

    it('after a change, answers only with the right place, and leaves deleted text to the search', () => {
      const pristine = pristineBody(document, file);
      const answered = { right: 0, left: 0 };
      for (const c of cases()) {
        const prepared = prepareCase(pristine, c);
        if (!prepared) continue;
        const { root, target } = prepared;
        if (!mutate(root, target, c)) continue;
        const [found] = anchorAllUnchanged(root, [target.selectors]);
        if (found === undefined) {
          answered.left += 1;
          continue;
        }
        expect(DELETIONS).not.toContain(c.mutation);
        expect({ c, outcome: judge(root, target, found) }).toEqual({
          c,
          outcome: 'right',
        });
        answered.right += 1;
      }
      // Both kinds happen: some changes leave an annotation's place untouched, others do not.
      expect(answered.right).toBeGreaterThan(0);
      expect(answered.left).toBeGreaterThan(0);
    });
  },
);

describe('selector lists the protocol would not accept', () => {
  it('are orphans at once, not left to the search', () => {
    document.body.replaceChildren(document.createElement('p'));
    expect(
      anchorAllUnchanged(document.body, [
        [],
        [{ type: 'TextQuoteSelector' }] as never,
      ]),
    ).toEqual([null, null]);
  });
});
