import { describe, expect, it } from 'vitest';
import {
  FIELD_ATTRIBUTE,
  selectedRange,
} from '@/server/web/src/components/Redaction';

/** A field shown as the report view shows it, and a selection over `from`–`to` of its text. */
function select(
  text: string,
  from: number,
  to: number,
  field = 'whatHappened',
) {
  document.body.replaceChildren();
  const p = document.createElement('p');
  p.setAttribute(FIELD_ATTRIBUTE, field);
  p.textContent = text;
  document.body.append(p);
  const node = p.firstChild;
  if (!node) throw new Error('no text');
  const range = document.createRange();
  range.setStart(node, from);
  range.setEnd(node, to);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  return selection;
}

describe('selectedRange', () => {
  it('turns a selection inside a field into the offsets the server redacts', () => {
    const text = 'Call Jo Bloggs on 07700 900123 today';
    expect(selectedRange(select(text, 18, 30))).toEqual({
      field: 'whatHappened',
      start: 18,
      end: 30,
    });
  });

  it('answers nothing for an empty selection or text outside a field', () => {
    expect(selectedRange(select('Some text', 3, 3))).toBeNull();
    expect(selectedRange(select('Some text', 0, 4, 'environment'))).toBeNull();
  });
});
