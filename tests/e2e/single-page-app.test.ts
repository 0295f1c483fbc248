// Marks on a single-page app, end to end in real Chromium: the test app's "apply" route
// renders its content 1.5 s after each visit, "help" at once and has no report, "renew"
// renders twice. Whichever way the route changes (a link, history.back() and forward(),
// opening on another route first, a hash-routed app), each mark comes back over its own text,
// and a probe looking every 50 ms never sees a mark over the wrong content.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useExtensionSession } from './support/session';
import { startRouteProbe, type ProbeResult } from './support/route-probe';
import { AnnotatorPage } from './pages/annotator';

const APPLY = 'you must upload a utility bill each time you apply';
const RENEW = 'Renewals open thirty days before the permit ends';
const APPLY_HEADING = 'Apply for a resident parking permit';
const RENEW_NOTICE = 'Service update: payments by card are back';

const session = useExtensionSession();

/** Each saved report's mark name, and the text it marks. */
const quotes: Record<string, string> = {};

/** Opens `path` on the test site in a fresh tab at the front. */
async function openPage(path: string): Promise<Page> {
  const page = await session.browser.context.newPage();
  await page.goto(`${session.site.url}${path}`);
  await page.bringToFront();
  return page;
}

/** Highlights `quote` and saves a report on it; answers its mark's name. */
async function saveReportOn(
  annotator: AnnotatorPage,
  quote: string,
): Promise<string> {
  await annotator.highlight('main', quote);
  await annotator.note(1).fill('A chore every time');
  await annotator.fillReport({
    trying: 'Get a parking permit',
    whatHappened: 'The same proof again and again',
  });
  await annotator.saveButton.click();
  await expect.poll(() => annotator.status.textContent()).toBe('Report saved');
  let name = '';
  await expect
    .poll(async () => {
      const marks = await annotator.marks();
      name = marks.find((m) => m.name.startsWith('Report '))?.name ?? '';
      return name;
    })
    .toMatch(/^Report [0-9A-F]{4}(-1)?$/);
  quotes[name] = quote;
  return name;
}

/** Waits until exactly the marks named `names` are drawn. */
async function expectMarks(annotator: AnnotatorPage, names: string[]) {
  await expect
    .poll(async () => (await annotator.marks()).map((m) => m.name).sort(), {
      timeout: 8000,
    })
    .toEqual([...names].sort());
}

/** Follows the app's own link to `route`, as the person would. */
async function follow(page: Page, route: string) {
  await page.locator(`[data-route="${route}"]`).click();
}

/** Asserts the probe looked often, never saw a wrong mark, and saw each of `names` right. */
function expectOnlyRightMarks(seen: ProbeResult, names: string[]) {
  expect(seen.wrong).toEqual([]);
  expect(seen.samples).toBeGreaterThan(20);
  for (const name of names) expect(seen.right[name]).toBeGreaterThan(0);
}

/** Lets the probe look a few more times at what is drawn now. */
const settle = (page: Page) => page.waitForTimeout(300);

describe('marks on a single-page app', () => {
  let applyMark = '';
  let renewMark = '';

  // The later checks look for these two reports' marks.
  it('saves reports on a late route and on one reached by a link, marked over their text', async () => {
    const page = await openPage('/app/apply');
    await page.getByText(APPLY_HEADING).waitFor();
    const annotator = await AnnotatorPage.open(session.browser, page);
    applyMark = await saveReportOn(annotator, APPLY);
    await follow(page, 'renew');
    await page.getByText(RENEW_NOTICE).waitFor();
    renewMark = await saveReportOn(annotator, RENEW);
    const probe = await startRouteProbe(session.browser, page, quotes);
    await follow(page, 'apply');
    await expectMarks(annotator, [applyMark]);
    await settle(page);
    expectOnlyRightMarks(await probe.stop(), [applyMark]);
    await page.close();
  });

  it('comes back over its own text there and back by link, and never lingers on a route without it', async () => {
    const page = await openPage('/app/apply');
    const annotator = await AnnotatorPage.open(session.browser, page);
    await expectMarks(annotator, [applyMark]);
    const probe = await startRouteProbe(session.browser, page, quotes);

    await follow(page, 'help');
    await expectMarks(annotator, []);
    await settle(page);
    await follow(page, 'apply');
    await expectMarks(annotator, [applyMark]);
    await settle(page);
    // Twice over, so the second return is not helped by anything the first one left.
    await follow(page, 'help');
    await expectMarks(annotator, []);
    await follow(page, 'apply');
    await expectMarks(annotator, [applyMark]);
    await settle(page);

    expectOnlyRightMarks(await probe.stop(), [applyMark]);
    await page.close();
  });

  it('follows history.back() and history.forward()', async () => {
    const page = await openPage('/app/apply');
    const annotator = await AnnotatorPage.open(session.browser, page);
    await expectMarks(annotator, [applyMark]);
    const probe = await startRouteProbe(session.browser, page, quotes);

    await follow(page, 'help');
    await expectMarks(annotator, []);
    await page.evaluate(() => history.back());
    await expectMarks(annotator, [applyMark]);
    await settle(page);
    await page.evaluate(() => history.forward());
    await expectMarks(annotator, []);
    await settle(page);
    await page.evaluate(() => history.back());
    await expectMarks(annotator, [applyMark]);
    await settle(page);

    expectOnlyRightMarks(await probe.stop(), [applyMark]);
    await page.close();
  });

  it('finds the marks of a route visited after opening on another one', async () => {
    const page = await openPage('/app/help');
    const annotator = await AnnotatorPage.open(session.browser, page);
    const probe = await startRouteProbe(session.browser, page, quotes);
    // Nothing to mark on "help": an empty list must not end the search on the next route.
    await settle(page);
    expect(await annotator.marks()).toEqual([]);

    await follow(page, 'apply');
    await expectMarks(annotator, [applyMark]);
    await settle(page);
    await follow(page, 'renew');
    await expectMarks(annotator, [renewMark]);
    await settle(page);

    expectOnlyRightMarks(await probe.stop(), [applyMark, renewMark]);
    await page.close();
  });

  it('moves with content that renders twice, and is never drawn where it was', async () => {
    const page = await openPage('/app/help');
    const annotator = await AnnotatorPage.open(session.browser, page);
    const probe = await startRouteProbe(session.browser, page, quotes);

    for (let visit = 0; visit < 2; visit++) {
      await follow(page, 'renew');
      // The second render puts a notice above the text, moving it down.
      await page.getByText(RENEW_NOTICE).waitFor();
      await expectMarks(annotator, [renewMark]);
      await settle(page);
      await follow(page, 'help');
      await expectMarks(annotator, []);
    }

    expectOnlyRightMarks(await probe.stop(), [renewMark]);
    await page.close();
  });

  it('follows a hash-routed app there and back', async () => {
    const page = await openPage('/spa-app.html#/apply');
    await page.getByText(APPLY_HEADING).waitFor();
    const annotator = await AnnotatorPage.open(session.browser, page);
    const hashMark = await saveReportOn(annotator, APPLY);
    const probe = await startRouteProbe(session.browser, page, quotes);

    await follow(page, 'help');
    await expectMarks(annotator, []);
    await follow(page, 'apply');
    await expectMarks(annotator, [hashMark]);
    await settle(page);
    await page.evaluate(() => history.back());
    await expectMarks(annotator, []);
    await page.evaluate(() => history.forward());
    await expectMarks(annotator, [hashMark]);
    await settle(page);

    expectOnlyRightMarks(await probe.stop(), [hashMark]);
    await page.close();
  });
});
