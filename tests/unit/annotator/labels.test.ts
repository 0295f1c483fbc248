import { afterEach, describe, expect, it, vi } from 'vitest';
import { markSpecs } from '@/components/annotator/labels';
import type { Annotation } from '@/protocol/report';

const REPORT = '0190a0a0-0000-7000-8000-00000000003f';
const quote = { type: 'TextQuoteSelector' as const, exact: 'Council tax' };

const note = (id: string, selectors: unknown): Annotation =>
  ({ id, kind: 'text', note: '', selectors }) as Annotation;

describe('markSpecs', () => {
  afterEach(() => vi.restoreAllMocks());

  it('passes selectors the protocol accepts to the layer', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const [mark] = markSpecs([note('a', [quote])], []);
    expect(mark).toEqual({
      key: 'draft:a',
      label: '1',
      selectors: [quote],
      saved: false,
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it('sends no selectors for a list the protocol refuses, and says which mark', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const bad = [{ type: 'TextPositionSelector', start: 9, end: 2 }];
    const marks = markSpecs(
      [note('a', bad)],
      [
        {
          id: REPORT,
          mine: false,
          summary: '',
          annotations: [
            note('b', [{ ...quote, extra: 1 }]),
            note('c', [quote]),
          ],
        },
      ],
    );
    expect(marks.map((m) => [m.key, m.label, m.selectors])).toEqual([
      ['draft:a', '1', []],
      [`${REPORT}:b`, '003F-1', []],
      [`${REPORT}:c`, '003F-2', [quote]],
    ]);
    expect(warn.mock.calls.map((c) => c.at(-1))).toEqual([
      'draft:a',
      `${REPORT}:b`,
    ]);
  });
});
