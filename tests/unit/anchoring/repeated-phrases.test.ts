// @vitest-environment jsdom
// A council form repeats its phrases: the error summary links to each field with the words of
// the field's own error message, and headings and labels stand alone between whitespace.
import { beforeEach, describe, expect, it } from 'vitest';
import { anchor, describeElement, describeRange } from '@/utils/anchoring';

const FORM = `
  <main>
    <div class="govuk-error-summary">
      <h2 class="govuk-error-summary__title">There is a problem</h2>
      <ul class="govuk-error-summary__list">
        <li><a href="#bin-out">Select yes if your bin was out by 7am</a></li>
        <li><a href="#street">Enter your street name</a></li>
      </ul>
    </div>
    <form>
      <section>
        <h2 class="govuk-heading-m">Your collection</h2>
        <div class="govuk-form-group govuk-form-group--error">
          <fieldset class="govuk-fieldset">
            <legend>Was your bin out by 7am?</legend>
            <p class="govuk-error-message" id="bin-error">
              Error: Select yes if your bin was out by 7am
            </p>
          </fieldset>
        </div>
      </section>
      <section>
        <h2 class="govuk-heading-m">Your address</h2>
        <label for="street">Street name</label>
      </section>
    </form>
  </main>`;

function textRange(element: Element, quote: string): Range {
  const node = Array.from(element.childNodes).find(
    (n): n is Text => n.nodeType === 3 && (n as Text).data.includes(quote),
  );
  if (!node) throw new Error(`"${quote}" is not in the element`);
  const start = node.data.indexOf(quote);
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, start + quote.length);
  return range;
}

const $ = (selector: string) => {
  const found = document.querySelector(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
};

beforeEach(() => {
  const parsed = new DOMParser().parseFromString(FORM, 'text/html');
  document.body.replaceWith(document.importNode(parsed.body, true));
});

describe('phrases that repeat on a form', () => {
  it('orphans a quote cut out of its error message, never taking the summary’s copy', () => {
    const message = $('#bin-error');
    const selectors = describeRange(
      textRange(message, 'if your bin was'),
      document.body,
    );
    const text = message.firstChild as Text;
    text.data = text.data.replace('if your bin was', '');
    expect(anchor(document.body, selectors)).toBeNull();
  });

  it('still finds the quote in its error message while the summary holds a copy', () => {
    const message = $('#bin-error');
    const selectors = describeRange(
      textRange(message, 'if your bin was'),
      document.body,
    );
    message.before(document.createElement('p'));
    const found = anchor(document.body, selectors);
    expect(found?.range?.toString()).toBe('if your bin was');
    expect(message.contains(found?.range?.startContainer ?? null)).toBe(true);
  });

  it('finds a heading that gained words around it in its own element', () => {
    const heading = $('section:nth-of-type(2) h2');
    const selectors = describeRange(
      textRange(heading, 'Your address'),
      document.body,
    );
    heading.prepend('Update: ');
    heading.append(' (revised)');
    const found = anchor(document.body, selectors);
    expect(found?.range?.toString()).toBe('Your address');
    expect(heading.contains(found?.range?.startContainer ?? null)).toBe(true);
    expect(found?.quality).not.toBe('exact');
  });

  it('finds a pinned heading that gained words around it', () => {
    const heading = $('section:nth-of-type(2) h2');
    const selectors = describeElement(heading, document.body);
    heading.prepend('Update: ');
    heading.append(' (revised)');
    expect(anchor(document.body, selectors)?.element).toBe(heading);
  });

  it('orphans a heading whose element now says something else, though a copy stands elsewhere', () => {
    const heading = $('section:nth-of-type(2) h2');
    const selectors = describeRange(
      textRange(heading, 'Your address'),
      document.body,
    );
    heading.textContent = 'Where you live';
    $('label').before(
      Object.assign(document.createElement('p'), {
        textContent: 'Your address',
      }),
    );
    expect(anchor(document.body, selectors)).toBeNull();
  });

  it('finds a whole heading whose section moved, by its shape, though its neighbours changed', () => {
    const heading = $('section:nth-of-type(2) h2');
    const selectors = describeRange(
      textRange(heading, 'Your address'),
      document.body,
    );
    // The section moves above the first: the recorded path now leads to the other heading.
    const moved = heading.closest('section')!;
    moved.parentElement!.prepend(moved);
    $('li:nth-of-type(2) a').textContent = 'Your address';
    const found = anchor(document.body, selectors);
    expect(found?.range?.toString()).toBe('Your address');
    expect(heading.contains(found?.range?.startContainer ?? null)).toBe(true);
  });

  it('orphans a heading that went with its section, though another heading says the same', () => {
    const heading = $('section:nth-of-type(2) h2');
    const selectors = describeRange(
      textRange(heading, 'Your address'),
      document.body,
    );
    const other = document.createElement('h2');
    other.textContent = 'Your address';
    $('.govuk-error-summary').after(other);
    heading.closest('section')!.remove();
    expect(anchor(document.body, selectors)).toBeNull();
  });
});
