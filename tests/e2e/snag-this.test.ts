// "Snag this" in real Chromium: text selected on the page brings the button (its code loaded
// on first use), a click on it adds a highlight note in Snag's frame, and a click the page
// itself dispatches at the same place does nothing.
import { describe, expect, it } from 'vitest';
import { useExtensionSession } from './support/session';
import { AnnotatorPage } from './pages/annotator';

const QUOTE = 'must renew every twelve months';

const session = useExtensionSession();

describe('Snag this', () => {
  it('adds a highlight from the text the user selected, on the user’s click only', async () => {
    const council = await session.browser.context.newPage();
    await council.goto(`${session.site.url}/council-start.html`);
    await council.bringToFront();
    const annotator = await AnnotatorPage.open(session.browser, council);
    await annotator.selectText('main', QUOTE);
    await expect.poll(() => annotator.snagThis()).not.toBeNull();
    const at = (await annotator.snagThis())!;

    // The page's own click at the button's place reaches the page, never Snag.
    await council.evaluate(({ x, y }) => {
      const target = document.elementFromPoint(x, y)!;
      target.dispatchEvent(
        new MouseEvent('click', { bubbles: true, clientX: x, clientY: y }),
      );
    }, at);
    expect(await annotator.note(1).count()).toBe(0);

    await council.mouse.click(at.x, at.y);
    await annotator.note(1).waitFor();
    await expect
      .poll(async () => (await annotator.marks()).map((m) => m.name))
      .toEqual(['Note 1']);
    // The selection is used up: the button goes, and the page's text is no longer selected.
    await expect.poll(() => annotator.snagThis()).toBeNull();
    expect(await council.evaluate(() => String(document.getSelection()))).toBe(
      '',
    );
    // The highlight is over the words selected.
    const [mark] = await annotator.marks();
    const words = await council.evaluate((quote) => {
      const p = [...document.querySelectorAll('main p')].find((e) =>
        e.textContent!.includes(quote),
      )!;
      const r = p.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom };
    }, QUOTE);
    expect(mark!.top).toBeGreaterThan(words.top - 30);
    expect(mark!.top).toBeLessThan(words.bottom);
    await council.close();
  });
});
