// CSS selectors for pinned elements: built from names people chose, unique under the root.
import { describe, expect, it } from 'vitest';
import {
  cssEscape,
  cssSelectorFor,
  isStableName,
} from '@/utils/anchoring/css-selector';
import { councilPage } from './fixture-pages';

describe('isStableName', () => {
  it.each([
    'password',
    'full-name',
    'govuk-button',
    'main-content',
    'section-2',
    'navItem',
  ])('keeps %s', (name) => expect(isStableName(name)).toBe(true));
  it.each([
    'css-1x2y3z',
    'sc-bdVaJa',
    'jsx-3912049542',
    'emotion-0',
    'ember123',
    'a1b2c3',
    'x7Kq9Lm',
    'is-active',
    'govuk-input--error',
    '',
  ])('rejects %s', (name) => expect(isStableName(name)).toBe(false));
});

describe('cssEscape', () => {
  it('escapes as CSS.escape does', () => {
    expect(cssEscape('1st')).toBe('\\31 st');
    expect(cssEscape('a.b#c')).toBe('a\\.b\\#c');
    expect(cssEscape('-')).toBe('\\-');
    expect(cssEscape('-2x')).toBe('-\\32 x');
    expect(cssEscape('café')).toBe('café');
  });
});

describe('cssSelectorFor on the council form', () => {
  it('prefers ids, test ids and names, and never uses generated classes', () => {
    const root = councilPage('council-form.html').body;
    expect(cssSelectorFor(root.querySelector('#password')!, root)).toBe(
      'input#password',
    );
    expect(
      cssSelectorFor(root.querySelector('[data-testid="sign-in"]')!, root),
    ).toBe('button[data-testid="sign-in"]');
    for (const element of Array.from(root.querySelectorAll('*'))) {
      const selector = cssSelectorFor(element, root)!;
      expect(selector).not.toMatch(/jsx-|css-1x2y3z|sc-bdVaJa/);
      const found = root.querySelectorAll(selector);
      expect(found).toHaveLength(1);
      expect(found[0]).toBe(element);
    }
  });
});
