// @vitest-environment jsdom
// An element whose neighbours went, or that moved within its list or form, has changed context
// on both sides; a copy of a deleted original looks the same. Only the element that still reads
// as the recorded one, in the recorded family, is taken.
import { beforeEach, describe, expect, it } from 'vitest';
import { anchor, describeElement, describeRange } from '@/utils/anchoring';
import { cssAncestors } from '@/utils/anchoring/moved-whole';

const PAGE = `
  <main>
    <h1>Apply for a resident parking permit</h1>
    <p class="govuk-body">Before you start, have these ready.</p>
    <ul class="govuk-list">
      <li>Enter your vehicle registration number</li>
      <li>Upload proof of your address</li>
      <li>Choose when your permit starts</li>
    </ul>
    <form>
      <div class="govuk-form-group">
        <label for="proof">Upload proof of your address</label>
        <div class="govuk-hint">A council tax bill or tenancy agreement</div>
      </div>
      <div class="govuk-form-group">
        <label for="start">Choose when your permit starts</label>
      </div>
    </form>
    <p>Permits are checked by civil enforcement officers on every street in the zone, every day.</p>
    <p>Contact the parking team if your vehicle is not registered at your address.</p>
  </main>`;

const $ = (selector: string) => document.querySelector(selector)!;

function rangeOver(element: Element, quote: string): Range {
  const node = element.firstChild as Text;
  const start = node.data.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" is not in the element`);
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, start + quote.length);
  return range;
}

const found = (result: ReturnType<typeof anchor>) =>
  result?.range?.toString() ?? result?.element?.textContent ?? null;

beforeEach(() => {
  document.body.replaceChildren();
  document.body.append(document.createRange().createContextualFragment(PAGE));
});

describe('an element that lost its neighbours or moved', () => {
  it('finds words in a list item whose neighbours were removed', () => {
    const item = $('li:nth-of-type(2)');
    const selectors = describeRange(
      rangeOver(item, 'proof of your address'),
      document.body,
    );
    item.previousElementSibling!.remove();
    item.nextElementSibling!.remove();
    const result = anchor(document.body, selectors);
    expect(result?.range?.startContainer.parentElement).toBe(item);
    expect(found(result)).toBe('proof of your address');
    expect(result?.quality).toBe('contextual');
  });

  it('finds a label whose form group moved to the end of the form', () => {
    const label = $('label[for="proof"]');
    const selectors = describeRange(
      rangeOver(label, 'Upload proof of your address'),
      document.body,
    );
    const group = label.parentElement!;
    group.querySelector('.govuk-hint')!.remove();
    group.parentElement!.append(group);
    const result = anchor(document.body, selectors);
    expect(result?.range?.startContainer.parentElement).toBe(label);
  });

  it('orphans a deleted list item, though a label elsewhere says the same', () => {
    const item = $('li:nth-of-type(2)');
    const selectors = describeRange(
      rangeOver(item, 'Upload proof of your address'),
      document.body,
    );
    item.remove();
    expect(anchor(document.body, selectors)).toBeNull();
  });

  it('orphans a moved item while another list holds one that reads the same', () => {
    const other = document.createElement('ul');
    other.append(document.createElement('li'));
    other.firstElementChild!.textContent = 'Upload proof of your address';
    $('form').after(other);
    const item = $('li:nth-of-type(2)');
    const selectors = describeRange(
      rangeOver(item, 'Upload proof of your address'),
      document.body,
    );
    item.previousElementSibling!.remove();
    item.nextElementSibling!.remove();
    expect(anchor(document.body, selectors)).toBeNull();
  });

  it('finds a pinned paragraph, long and alone on the page, after it moved', () => {
    const paragraph = $('main > p:nth-of-type(2)');
    const selectors = describeElement(paragraph, document.body);
    paragraph.nextElementSibling!.remove();
    $('h1').after(paragraph);
    expect(anchor(document.body, selectors)?.element).toBe(paragraph);
  });

  it('orphans a pinned element named by an id once the id is gone, though its words stand elsewhere', () => {
    const label = $('label[for="start"]');
    label.id = 'start-label';
    const selectors = describeElement(label, document.body);
    label.remove();
    expect(anchor(document.body, selectors)).toBeNull();
  });
});

describe('the parents of a recorded CSS path', () => {
  it('cuts the path at its combinators, not inside quoted values, nearest parent first', () => {
    const label = $('label[for="proof"]');
    label.setAttribute('data-name', 'a > b #c');
    const path =
      'main > form div.govuk-form-group > label[data-name="a > b #c"]';
    // Two form groups match the nearest parent: only the form is certain.
    expect(cssAncestors(path, document.body)).toEqual([$('form')]);
    const group = label.parentElement!;
    group.id = 'proof-group';
    expect(
      cssAncestors(
        'form > div#proof-group > label[data-name="a > b #c"]',
        document.body,
      ),
    ).toEqual([group, $('form')]);
  });

  it('gives null for an element named by its id, and nothing for sibling steps', () => {
    expect(cssAncestors('form > label#proof-label', document.body)).toBeNull();
    expect(cssAncestors('h1 + p', document.body)).toEqual([]);
  });
});
