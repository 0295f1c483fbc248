// @vitest-environment jsdom
// Every quote captured by Hypothesis on the shared baseline pages must anchor to the same text.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { anchor } from '@/utils/anchoring';
import { buildTextModel, offsetsOfRange } from '@/utils/anchoring/text-model';
import type { Selector } from '@/protocol/selectors';
import { baselineAnnotations, SHARED_PAGES, sharedPage } from './fixture-pages';

const files = readdirSync(SHARED_PAGES).filter((f) =>
  f.endsWith('.annotations.json'),
);

describe.each(files)('baseline %s', (file) => {
  const page = file.replace('.annotations.json', '.html');
  const annotations = baselineAnnotations(file);

  it('has annotations to check', () => {
    expect(annotations.length).toBeGreaterThan(0);
  });

  it.each(annotations.map((a) => [a.id, a.selectors] as const))(
    'anchors %s to its quote, at its position where the page text agrees',
    (_id, selectors) => {
      const doc = sharedPage(page);
      const quote = selectors.find(
        (s): s is { type: 'TextQuoteSelector'; exact: string } =>
          (s as { type: string }).type === 'TextQuoteSelector',
      );
      const position = selectors.find(
        (
          s,
        ): s is { type: 'TextPositionSelector'; start: number; end: number } =>
          (s as { type: string }).type === 'TextPositionSelector',
      );
      expect(quote).toBeDefined();
      const result = anchor(doc.body, selectors as Selector[]);
      expect(result?.range?.toString()).toBe(quote?.exact);
      expect(result?.quality).toBe('exact');

      // Hypothesis counted script text too; where its offsets still hold the quote in our
      // text model, the anchor must be exactly there.
      const model = buildTextModel(doc.body);
      if (
        position &&
        model.text.slice(position.start, position.end) === quote?.exact
      ) {
        expect(offsetsOfRange(model, result!.range!)).toEqual({
          start: position.start,
          end: position.end,
        });
      }
    },
  );
});
