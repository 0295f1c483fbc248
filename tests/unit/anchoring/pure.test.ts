// @vitest-environment node
// Anchoring works from root.ownerDocument alone: here there is no global document, window,
// Node or NodeFilter at all, only a jsdom document made in plain Node.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchor, describeElement, describeRange } from '@/utils/anchoring';
import { rangeFromOffsets, buildTextModel } from '@/utils/anchoring/text-model';
import { COUNCIL_PAGES } from './fixture-pages';

interface Jsdom {
  window: { document: Document };
}
const jsdomModule = 'jsdom';
const { JSDOM } = (await import(jsdomModule)) as {
  JSDOM: new (html: string) => Jsdom;
};

describe('without DOM globals', () => {
  it('has none to lean on', () => {
    expect(typeof (globalThis as Record<string, unknown>).document).toBe(
      'undefined',
    );
    expect(typeof (globalThis as Record<string, unknown>).NodeFilter).toBe(
      'undefined',
    );
  });

  it('describes and anchors text and elements of a jsdom page', () => {
    const html = readFileSync(
      path.join(COUNCIL_PAGES, 'council-form.html'),
      'utf8',
    );
    const root = new JSDOM(html).window.document.body;
    const model = buildTextModel(root);
    const start = model.text.indexOf('passes it round on a sticky note');
    const selectors = describeRange(
      rangeFromOffsets(model, start, start + 32),
      root,
    );
    const text = anchor(root, selectors);
    expect(text?.quality).toBe('exact');
    expect(text?.range?.toString()).toBe('passes it round on a sticky note');

    const password = root.querySelector('#password')!;
    const pinned = anchor(root, describeElement(password, root));
    expect(pinned?.element).toBe(password);
  });
});
