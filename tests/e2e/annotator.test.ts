// The in-page annotator, end to end in real Chromium: pins and highlights that come back
// after a reload, orphans when the page changes, masked screenshots, the keyboard-only pin
// flow, hostile pages, and axe-core over the annotator's own UI.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, useExtensionSession } from './support/session';
import { AnnotatorPage } from './pages/annotator';
import { PopupPage } from './pages/popup';

const ORPHAN = 'The page has changed here — possibly fixed, please re-check';
const QUOTE = 'must renew every twelve months';

const session = useExtensionSession();

const annotatorViolations = (page: Page) =>
  axeViolations(page, 'snag-annotator');

/** How many drafts in the extension's IndexedDB keep a masked screenshot. */
function draftScreenshots(): Promise<number> {
  return session.browser.worker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const open = indexedDB.open('snag');
      open.onsuccess = () => done(open.result);
      open.onerror = () => fail(open.error);
    });
    const drafts = await new Promise<{ screenshot?: Blob }[]>((done, fail) => {
      const get = db.transaction('drafts').objectStore('drafts').getAll();
      get.onsuccess = () => done(get.result as { screenshot?: Blob }[]);
      get.onerror = () => fail(get.error);
    });
    db.close();
    return drafts.filter((d) => d.screenshot instanceof Blob).length;
  });
}

/**
 * What the device stored as report screenshots, read in the service worker: how many, the
 * first one's type and size, how many pixels inside `box` are not the opaque mask, and how
 * many light pixels its heading area has.
 */
function storedScreenshotPixels(box: {
  x: number;
  y: number;
  width: number;
  height: number;
}) {
  return session.browser.worker.evaluate(async ({ x, y, width, height }) => {
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const open = indexedDB.open('snag');
      open.onsuccess = () => done(open.result);
      open.onerror = () => fail(open.error);
    });
    const records = await new Promise<{ blob: Blob }[]>((done) => {
      const get = db
        .transaction('screenshots')
        .objectStore('screenshots')
        .getAll();
      get.onsuccess = () => done(get.result as { blob: Blob }[]);
    });
    db.close();
    const blob = records[0]!.blob;
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const inside = ctx.getImageData(x, y, width, height).data;
    let notMask = 0;
    for (let i = 0; i < inside.length; i += 4) {
      if (inside[i] !== 0 || inside[i + 1] !== 0 || inside[i + 2] !== 0)
        notMask++;
    }
    // The heading area is not masked: the image is a real capture, not a black sheet.
    const heading = ctx.getImageData(0, 0, bitmap.width, 60).data;
    let light = 0;
    for (let i = 0; i < heading.length; i += 4) if (heading[i]! > 200) light++;
    return {
      type: blob.type,
      count: records.length,
      notMask,
      light,
      size: [bitmap.width, bitmap.height],
    };
  }, box);
}

/** Where a pin sits on the page, rounded, to compare across reloads. */
async function placeOf(annotator: AnnotatorPage, name: string | RegExp) {
  const box = await annotator.pin(name).boundingBox();
  if (!box) throw new Error(`No pin named ${String(name)}`);
  return { x: Math.round(box.x), y: Math.round(box.y) };
}

describe('annotator', () => {
  it('opens from the popup, and a second injection reuses the same UI', async () => {
    const council = await session.browser.context.newPage();
    await council.goto(`${session.site.url}/council-summary.html`);
    const tabId = await session.browser.tabIdOf(council);
    const popup = new PopupPage(
      await session.browser.openExtensionPage(`popup.html?tabId=${tabId}`),
    );
    await popup.reportButton.click();
    const annotator = new AnnotatorPage(council);
    await annotator.pinButton.waitFor();
    await AnnotatorPage.open(session.browser, council);
    expect(await annotator.host.count()).toBe(1);
    expect(
      await council.getByRole('button', { name: 'Save report' }).count(),
    ).toBe(1);
    await popup.page.close();
    await council.close();
  });

  it('saves a pin and a highlight with notes, and draws them in the same places after a reload', async () => {
    const council = await session.browser.context.newPage();
    await council.goto(`${session.site.url}/council-start.html`);
    await council.bringToFront();
    const annotator = await AnnotatorPage.open(session.browser, council);

    await annotator.pinWithMouse('h1');
    await annotator
      .note(1)
      .fill('The heading does not say it is a renewal too');
    await annotator.highlight('main', QUOTE);
    await annotator
      .note(2)
      .fill('Nobody expects to renew when nothing changed');
    expect(
      await council
        .getByRole('button', { name: 'Note 1', exact: true })
        .count(),
    ).toBe(1);
    expect(
      await council
        .getByRole('button', { name: 'Note 2', exact: true })
        .count(),
    ).toBe(1);
    await annotator.fillReport({
      trying: 'Renew a parking permit',
      whatHappened: 'Renewal every year is a chore',
    });
    await annotator.saveButton.click();
    await expect
      .poll(() => annotator.status.textContent())
      .toBe('Report saved');
    await annotator.pin(/^Report A1:/).waitFor();
    const before = {
      a1: await placeOf(annotator, /^Report A1:/),
      a2: await placeOf(annotator, /^Report A2:/),
    };
    const h1 = (await council.locator('h1').boundingBox())!;
    expect(Math.abs(before.a1.x - (h1.x - 12))).toBeLessThanOrEqual(2);
    expect(Math.abs(before.a1.y - (h1.y - 12))).toBeLessThanOrEqual(2);

    await council.reload();
    const again = await AnnotatorPage.open(session.browser, council);
    await again.pin(/^Report A2:/).waitFor();
    expect(await placeOf(again, /^Report A1:/)).toEqual(before.a1);
    expect(await placeOf(again, /^Report A2:/)).toEqual(before.a2);
    expect(await council.getByText(ORPHAN).count()).toBe(0);

    // Clicking a pin opens its report.
    await again.pin(/^Report A2:/).click();
    await council.getByRole('heading', { name: 'Your report' }).waitFor();
    expect(
      await council
        .getByText('Nobody expects to renew when nothing changed')
        .count(),
    ).toBe(1);

    // The page changes: text before the heading, and the highlighted quote deleted.
    await council.evaluate((quote) => {
      const p = [...document.querySelectorAll('main p')].find((e) =>
        e.textContent!.includes(quote),
      )!;
      p.remove();
      const notice = document.createElement('p');
      notice.textContent = 'Service update: permits now last two years.';
      document.querySelector('main h1')!.before(notice);
    }, QUOTE);
    await council.getByText(ORPHAN).waitFor();
    expect(await again.pin(/^Report A2:/).count()).toBe(0);
    await expect
      .poll(async () => (await placeOf(again, /^Report A1:/)).y)
      .toBeGreaterThan(before.a1.y);
    const moved = (await council.locator('h1').boundingBox())!;
    const a1 = await placeOf(again, /^Report A1:/);
    expect(Math.abs(a1.y - (moved.y - 12))).toBeLessThanOrEqual(2);
    await council.close();
  });

  it('masks a password field in the screenshot, keeps it through a reload before saving, and stores only the masked image', async () => {
    const council = await session.browser.context.newPage();
    await council.goto(`${session.site.url}/council-form.html`);
    await council.bringToFront();
    await council.locator('#password').fill('correct horse battery staple');
    let annotator = await AnnotatorPage.open(session.browser, council);
    await annotator.screenshotButton.click();
    const dialog = council.getByRole('dialog', {
      name: 'Check the screenshot',
    });
    await dialog.waitFor();
    expect(await annotatorViolations(council)).toEqual([]);

    // Removing an automatic box needs a warning first; keep it.
    await dialog
      .getByRole('button', { name: 'Remove Automatic box 1' })
      .click();
    await dialog.getByRole('alert').waitFor();
    await dialog.getByRole('button', { name: 'Keep the box' }).click();
    await dialog.getByRole('button', { name: 'Use this screenshot' }).click();
    const preview = council.getByRole('img', {
      name: 'Masked screenshot of the page',
    });
    await preview.waitFor();

    // A reload before saving loses nothing: the masked image comes back with the draft.
    await expect.poll(() => draftScreenshots()).toBe(1);
    await council.reload();
    annotator = await AnnotatorPage.open(session.browser, council);
    await preview.waitFor();
    await annotator.fillReport({
      trying: 'Sign in to the parking account',
      whatHappened: 'The password rules push people to write it down',
    });
    await annotator.saveButton.click();
    await expect
      .poll(() => annotator.status.textContent())
      .toBe('Report saved');

    const box = (await council.locator('#password').boundingBox())!;
    const ratio = await council.evaluate(() => devicePixelRatio);
    const pixels = await storedScreenshotPixels({
      x: Math.ceil(box.x * ratio) + 1,
      y: Math.ceil(box.y * ratio) + 1,
      width: Math.floor(box.width * ratio) - 2,
      height: Math.floor(box.height * ratio) - 2,
    });
    expect(pixels.count).toBe(1);
    // Saved with the report, the draft's copy is gone.
    expect(await draftScreenshots()).toBe(0);
    expect(pixels.type).toBe('image/png');
    expect(pixels.notMask).toBe(0);
    expect(pixels.light).toBeGreaterThan(100);
    await council.close();
  });

  it('pins an element with the keyboard alone, and Esc cancels', async () => {
    const council = await session.browser.context.newPage();
    await council.goto(`${session.site.url}/council-summary.html`);
    await council.bringToFront();
    const annotator = await AnnotatorPage.open(session.browser, council);
    const keys = council.keyboard;
    await expect.poll(() => annotator.focusedName()).toBe('Pin an element');

    await keys.press('Enter');
    // Focus moves once the picker has rendered, a frame or so after the key press.
    await expect.poll(() => annotator.focusedName()).toMatch(/^Pin this: main/);
    await keys.press('Escape');
    await expect
      .poll(() => annotator.status.textContent())
      .toBe('Pinning cancelled');
    expect(
      await council.getByRole('button', { name: /^Pin this/ }).count(),
    ).toBe(0);

    await annotator.tabTo('Pin an element', true);
    await keys.press('Enter');
    await expect.poll(() => annotator.focusedName()).toMatch(/^Pin this: /);
    // Down through the layout wrappers to the heading, their first child each time.
    for (let i = 0; i < 6; i++) {
      if (/^Pin this: heading: /.test(await annotator.focusedName())) break;
      await keys.press('ArrowDown');
    }
    expect(await annotator.focusedName()).toMatch(/^Pin this: heading: /);
    await keys.press('ArrowRight');
    await keys.press('ArrowLeft');
    await keys.press('ArrowUp');
    await keys.press('ArrowDown');
    const chosen = await annotator.focusedName();
    expect(chosen).toMatch(/^Pin this: heading: /);
    await keys.press('Enter');
    await expect.poll(() => annotator.focusedName()).toBe('Note 1');
    await keys.type('The heading does not say what to check');

    await annotator.tabTo('Hard to use', true);
    await keys.press('Space');
    await annotator.tabTo('What were you trying to do?');
    await keys.type('Check my answers');
    await annotator.tabTo('What got in the way?');
    await keys.type('It is not clear what to check');
    await annotator.tabTo('Save report');
    await keys.press('Enter');
    await expect
      .poll(() => annotator.status.textContent())
      .toBe('Report saved');
    await annotator.pin(/^Report A:/).waitFor();
    const h1 = (await council.locator('h1').boundingBox())!;
    const pin = await placeOf(annotator, /^Report A:/);
    expect(Math.abs(pin.y - (h1.y - 12))).toBeLessThanOrEqual(2);
    expect(await annotatorViolations(council)).toEqual([]);
    await council.close();
  });

  it('keeps working on a hostile page: reset styles, capture-phase interceptors on window and document, a 100k-node DOM, iframes', async () => {
    const hostile = `${session.site.url}/hostile.html`;
    await session.browser.context.route(hostile, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><title>Hostile</title>
<style>* { all: unset !important; } body, p, h1, main { display: block !important; }</style>
<script>
  window.intercepted = 0;
  const swallow = (e) => { window.intercepted += 1; e.stopImmediatePropagation(); e.preventDefault(); };
  for (const type of ['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'keydown', 'keyup', 'keypress']) {
    // On the window, before Snag is injected, so these run before any listener of ours.
    window.addEventListener(type, swallow, true);
    document.addEventListener(type, swallow, true);
  }
</script></head><body><main><h1>Pay a parking fine</h1>
<p>Fines must be paid within 14 days of the notice being issued.</p>
<iframe title="Payment" srcdoc="<p>Card details</p>"></iframe>
${'<div><span>filler</span></div>'.repeat(34_000)}
</main></body></html>`,
      }),
    );
    const page = await session.browser.context.newPage();
    await page.goto(hostile);
    await page.bringToFront();
    const annotator = await AnnotatorPage.open(session.browser, page);
    expect(await annotatorViolations(page)).toEqual([]);
    await annotator.pinWithMouse('h1');
    await annotator.note(1).fill('The deadline is hidden');
    await annotator.highlight('main', 'within 14 days');
    await annotator.note(2).waitFor();
    await annotator.fillReport({
      trying: 'Pay a fine',
      whatHappened: 'The deadline is easy to miss',
    });
    expect(
      await page.getByRole('checkbox', { name: 'Hard to use' }).isChecked(),
    ).toBe(true);
    await annotator.saveButton.click();
    await expect
      .poll(() => annotator.status.textContent())
      .toBe('Report saved');
    await annotator.pin(/^Report A1:/).waitFor();
    // The page's interceptors really were in the way all along.
    expect(
      await page.evaluate(
        () => (window as unknown as { intercepted: number }).intercepted,
      ),
    ).toBeGreaterThan(0);
    expect(
      await page.evaluate(() => document.querySelectorAll('*').length),
    ).toBeGreaterThan(68_000);
    await page.close();
  });
});
