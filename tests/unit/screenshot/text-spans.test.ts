import { describe, expect, it } from 'vitest';
import { findTextSpans, type TextSpan } from '@/utils/screenshot/text-spans';

/** The text a span covers, read back from the nodes it names. */
function covered(texts: readonly string[], span: TextSpan): string {
  if (span.startNode === span.endNode)
    return texts[span.startNode]!.slice(span.startOffset, span.endOffset);
  let out = texts[span.startNode]!.slice(span.startOffset);
  for (let n = span.startNode + 1; n < span.endNode; n++) out += texts[n];
  return out + texts[span.endNode]!.slice(0, span.endOffset);
}

describe('personal identifiers shown as text', () => {
  it('finds an NHS number in one node, with its offsets in that node', () => {
    const texts = ['NHS number', ' ', 'Resident: 943 476 5919 (verified)'];
    const spans = findTextSpans(texts);
    expect(spans).toEqual([
      {
        kind: 'nhs-number',
        startNode: 2,
        startOffset: 10,
        endNode: 2,
        endOffset: 22,
      },
    ]);
    expect(covered(texts, spans[0]!)).toBe('943 476 5919');
  });

  it('does not flag a number whose check digit is wrong', () => {
    expect(findTextSpans(['Old reference 943 476 5918'])).toEqual([]);
  });

  it('finds a number split over inline elements', () => {
    // <b>943</b> 476 <i>5919</i>
    const texts = ['943', ' 476 ', '5919'];
    const spans = findTextSpans(texts);
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({
      kind: 'nhs-number',
      startNode: 0,
      startOffset: 0,
      endNode: 2,
      endOffset: 4,
    });
  });

  it('reads white space as the page shows it', () => {
    const texts = ['\n      943\n      476\u00a05919\n    '];
    const spans = findTextSpans(texts);
    expect(spans).toHaveLength(1);
    expect(covered(texts, spans[0]!)).toBe('943\n      476\u00a05919');
  });

  it('still finds a number that the next cell would run into', () => {
    // Two table cells, <td>943 476 5919</td><td>12</td>: run together, the digits go on.
    const texts = ['943 476 5919', '12'];
    const spans = findTextSpans(texts);
    expect(spans.map((s) => covered(texts, s))).toEqual(['943 476 5919']);
  });

  it('finds every kind the privacy check knows, each mapped back to its own text', () => {
    // One line each, with the white space between block elements that markup has.
    const texts = [
      'Email jo.bloggs@example.org',
      'NI QQ 12 34 56 C is not valid, AB 12 34 56 C is',
      'Card 4111 1111 1111 1111',
      'Call 01632 960 123',
      'Postcode SW1A 1AA',
    ].flatMap((line) => [line, '\n  ']);
    const spans = findTextSpans(texts);
    expect(spans.map((s) => [s.kind, covered(texts, s)]).sort()).toEqual(
      [
        ['email', 'jo.bloggs@example.org'],
        ['ni-number', 'AB 12 34 56 C'],
        ['card-number', '4111 1111 1111 1111'],
        ['phone', '01632 960 123'],
        ['postcode', 'SW1A 1AA'],
      ].sort(),
    );
  });

  it('covers more rather than less when blocks with no space between them run together', () => {
    // <div>…@example.org</div><div>NI …</div> with no white space between: read together,
    // the address runs on into the next block; read apart, it does not. Both are masked.
    const texts = ['Email jo.bloggs@example.org', 'NI number'];
    const found = findTextSpans(texts).map((s) => covered(texts, s));
    expect(found).toContain('jo.bloggs@example.org');
    expect(found).toContain('jo.bloggs@example.orgNI');
  });

  it('names each finding once, whichever reading found it', () => {
    const texts = ['943 476 5919'];
    expect(findTextSpans(texts)).toHaveLength(1);
  });

  it('finds nothing in empty text', () => {
    expect(findTextSpans([])).toEqual([]);
    expect(findTextSpans(['', ' '])).toEqual([]);
  });

  it('keeps a finding that the checker places over a separator out of the answer', () => {
    // A checker that claims the whole reading: its ends fall on separators or nothing.
    const spans = findTextSpans(['a', 'b'], (text) => [
      { kind: 'email', start: 0, end: text.length },
    ]);
    // Read apart: "a\0b" ends in a node, starts in one; read together: "ab".
    expect(spans.every((s) => s.startNode >= 0 && s.endNode >= 0)).toBe(true);
    expect(
      findTextSpans(['a', 'b'], () => [{ kind: 'email', start: 1, end: 2 }]),
    ).toEqual([
      // "a\0b"[1] is the separator: left out. "ab"[1] is "b".
      {
        kind: 'email',
        startNode: 1,
        startOffset: 0,
        endNode: 1,
        endOffset: 1,
      },
    ]);
  });
});
