// The annotator, end to end in real Chromium: Snag's frame over the page and its inert marks,
// pins and highlights that come back after a reload, orphans when the page changes, masked
// screenshots shown only in the frame, and axe-core over the page with the frame in it.
import { describe, expect, it } from 'vitest';
import { frameAxeViolations, useExtensionSession } from './support/session';
import { AnnotatorPage } from './pages/annotator';
import { PopupPage } from './pages/popup';

const ORPHAN = 'The page has changed here — possibly fixed, please re-check';
const QUOTE = 'must renew every twelve months';

const session = useExtensionSession();

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
    // Where Snag's frame stands (the right-hand 380 px): the council page's white shows.
    const strip = ctx.getImageData(
      bitmap.width - 300,
      bitmap.height - 200,
      280,
      180,
    ).data;
    let white = 0;
    for (let i = 0; i < strip.length; i += 4) if (strip[i]! > 240) white++;
    let light = 0;
    for (let i = 0; i < heading.length; i += 4) if (heading[i]! > 200) light++;
    return {
      type: blob.type,
      count: records.length,
      notMask,
      light,
      frameArea: white / (strip.length / 4),
      size: [bitmap.width, bitmap.height],
    };
  }, box);
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
    const annotator = new AnnotatorPage(council, session.browser);
    await annotator.ready();
    await AnnotatorPage.open(session.browser, council);
    expect(await annotator.host.count()).toBe(1);
    // The form is in Snag's frame, found by its labels; the page itself holds none of it.
    expect(await annotator.saveButton.count()).toBe(1);
    expect(
      await council.getByRole('button', { name: 'Save report' }).count(),
    ).toBe(0);
    await popup.page.close();
    await council.close();
  });

  it('saves a pin and a highlight with notes, and draws them in the same places after a reload', async () => {
    const council = await session.browser.context.newPage();
    await council.goto(`${session.site.url}/council-start.html`);
    await council.bringToFront();
    const annotator = await AnnotatorPage.open(session.browser, council);
    // Looking creates no draft: the composer waits for the first note.
    expect(await draftCount(`${session.site.url}/council-start.html`)).toBe(0);

    await annotator.pinWithMouse('h1');
    await annotator
      .note(1)
      .fill('The heading does not say it is a renewal too');
    await annotator.highlight('main', QUOTE);
    await annotator
      .note(2)
      .fill('Nobody expects to renew when nothing changed');
    await expect
      .poll(async () => (await annotator.marks()).map((m) => m.name))
      .toEqual(['Note 1', 'Note 2']);
    await annotator.fillReport({
      trying: 'Renew a parking permit',
      whatHappened: 'Renewal every year is a chore',
    });
    await annotator.saveButton.click();
    await expect
      .poll(() => annotator.status.textContent())
      .toBe('Report saved');
    await expect.poll(async () => (await annotator.marks()).length).toBe(2);
    const before = await annotator.marks();
    // Saved reports are named by their id, the same for everyone: "Report 3F2A-1".
    expect(before.map((m) => m.name)).toEqual([
      expect.stringMatching(/^Report [0-9A-F]{4}-1$/),
      expect.stringMatching(/^Report [0-9A-F]{4}-2$/),
    ]);
    const h1 = (await council.locator('h1').boundingBox())!;
    expect(Math.abs(before[0]!.left - (h1.x - 12))).toBeLessThanOrEqual(2);
    expect(Math.abs(before[0]!.top - (h1.y - 12))).toBeLessThanOrEqual(2);

    await council.reload();
    const again = await AnnotatorPage.open(session.browser, council);
    await expect.poll(async () => (await again.marks()).length).toBe(2);
    expect(await again.marks()).toEqual(before);

    // The report opens in the frame, never in the page.
    await again
      .frame()
      .getByRole('button', { name: /^Report [0-9A-F]{4}: Renewal/ })
      .click();
    await again
      .frame()
      .getByRole('heading', { name: /Your report/ })
      .waitFor();
    expect(
      await again
        .frame()
        .getByText('Nobody expects to renew when nothing changed')
        .count(),
    ).toBe(1);
    expect(await council.getByText('Nobody expects to renew').count()).toBe(0);

    // A paragraph added above the quote moves it: the first look no longer finds it where it
    // was, so the layer loads the full search, which does, and the mark follows its text.
    await council.evaluate((quote) => {
      const p = [...document.querySelectorAll('main p')].find((e) =>
        e.textContent!.includes(quote),
      )!;
      const added = document.createElement('p');
      added.textContent = 'Update: from April a permit costs more.';
      p.before(added);
    }, QUOTE);
    await expect
      .poll(async () => (await again.marks())[1]?.top ?? 0)
      .toBeGreaterThan(before[1]!.top + 10);
    expect((await again.marks()).map((m) => m.name)).toEqual(
      before.map((m) => m.name),
    );
    expect(await again.frame().getByText(ORPHAN).count()).toBe(0);

    // The page changes: the highlighted quote deleted; the frame lists it as possibly fixed.
    await council.evaluate((quote) => {
      const p = [...document.querySelectorAll('main p')].find((e) =>
        e.textContent!.includes(quote),
      )!;
      p.remove();
    }, QUOTE);
    await again.frame().getByText(ORPHAN).waitFor();
    await expect.poll(async () => (await again.marks()).length).toBe(1);
    await council.close();
  });
  it('masks a password field in a screenshot shown only in the frame, keeps it through a reload before saving, and stores only the masked image', async () => {
    const council = await session.browser.context.newPage();
    await council.goto(`${session.site.url}/council-form.html`);
    await council.bringToFront();
    await council.locator('#password').fill('correct horse battery staple');
    let annotator = await AnnotatorPage.open(session.browser, council);
    await annotator.screenshotButton.click();
    const dialog = annotator.frame().getByRole('dialog', {
      name: 'Check the screenshot',
    });
    await dialog.waitFor();
    expect(await frameAxeViolations(annotator.frame())).toEqual([]);

    // Removing an automatic box needs a warning first; keep it.
    await dialog
      .getByRole('button', { name: 'Remove Automatic box 1' })
      .click();
    await dialog.getByRole('alert').waitFor();
    await dialog.getByRole('button', { name: 'Keep the box' }).click();
    await dialog.getByRole('button', { name: 'Use this screenshot' }).click();
    let preview = annotator.frame().getByRole('img', {
      name: 'Masked screenshot of the page',
    });
    await preview.waitFor();

    // A reload before saving loses nothing: the masked image comes back with the draft.
    await expect.poll(() => draftScreenshots()).toBe(1);
    await council.reload();
    annotator = await AnnotatorPage.open(session.browser, council);
    preview = annotator.frame().getByRole('img', {
      name: 'Masked screenshot of the page',
    });
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
    // Snag's frame was hidden from the capture: the page's own pixels show where it stood.
    expect(pixels.frameArea).toBeGreaterThan(0.9);
    await council.close();
  });
  it('pins, highlights, takes a screenshot and saves with the keyboard alone, and Esc cancels', async () => {
    const council = await session.browser.context.newPage();
    await council.goto(`${session.site.url}/council-summary.html`);
    await council.bringToFront();
    const annotator = await AnnotatorPage.open(session.browser, council);
    const keys = council.keyboard;
    await expect.poll(() => annotator.focusedName()).toBe('Pin an element');

    await keys.press('Enter');
    // Focus moves to the picker in the page once it has rendered.
    await expect.poll(() => annotator.focusedName()).toMatch(/^Pin this: main/);
    await keys.press('Escape');
    await expect
      .poll(() => annotator.status.textContent())
      .toBe('Pinning cancelled');

    await annotator
      .frame()
      .getByRole('button', { name: 'Pin an element' })
      .focus();
    await keys.press('Enter');
    await expect.poll(() => annotator.focusedName()).toMatch(/^Pin this: /);
    // Down through the layout wrappers to the heading, their first child each time.
    for (let i = 0; i < 6; i++) {
      if (/^Pin this: heading: /.test(await annotator.focusedName())) break;
      await keys.press('ArrowDown');
    }
    expect(await annotator.focusedName()).toMatch(/^Pin this: heading: /);
    await keys.press('Enter');
    await expect.poll(() => annotator.focusedName()).toBe('Note 1');
    await keys.type('The heading does not say what to check');

    // A selection made on the page, then "Highlight text" from the keyboard.
    await annotator.selectText('main', 'Check your answers');
    await annotator.tabTo('Highlight text', true);
    await keys.press('Enter');
    await expect.poll(() => annotator.focusedName()).toBe('Note 2');
    await keys.type('Which answers?');

    await annotator.tabTo('Take screenshot', true);
    await keys.press('Enter');
    // The capture takes a moment; the dialog takes focus when it opens.
    await annotator
      .frame()
      .getByRole('dialog', { name: 'Check the screenshot' })
      .waitFor();
    await annotator.tabTo('Use this screenshot');
    await keys.press('Enter');
    await annotator
      .frame()
      .getByRole('img', { name: 'Masked screenshot of the page' })
      .waitFor();

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
    await expect.poll(async () => (await annotator.marks()).length).toBe(2);
    expect(await frameAxeViolations(annotator.frame())).toEqual([]);
    await council.close();
  });
  it('keeps one draft live in the popup and the frame, and loses nothing when the page removes the frame or navigates', async () => {
    const council = await session.browser.context.newPage();
    await council.goto(`${session.site.url}/council-guidance.html`);
    await council.bringToFront();
    const annotator = await AnnotatorPage.open(session.browser, council);
    await annotator.pinWithMouse('h1');
    await annotator.note(1).fill('Which guidance applies?');
    const trying = () =>
      annotator
        .frame()
        .getByRole('textbox', { name: 'What were you trying to do?' });

    // The popup shows the same draft, and what it types shows in the frame.
    const tabId = await session.browser.tabIdOf(council);
    const popup = await session.browser.openExtensionPage(
      `popup.html?tabId=${tabId}`,
    );
    const popupNote = popup.getByRole('textbox', {
      name: 'Note 1',
      exact: true,
    });
    await expect
      .poll(() => popupNote.inputValue())
      .toBe('Which guidance applies?');
    await popup
      .getByLabel('What were you trying to do?')
      .fill('Find the rules');
    await expect.poll(() => trying().inputValue()).toBe('Find the rules');
    await popup.close();

    // The page removes Snag's host: it comes back, with the draft.
    await council.evaluate(() =>
      document.querySelector('snag-annotator')?.remove(),
    );
    await expect.poll(() => annotator.host.count()).toBe(1);
    await expect
      .poll(() =>
        trying()
          .inputValue()
          .catch(() => ''),
      )
      .toBe('Find the rules');

    // The page navigates away and back: the draft is kept.
    await council.goto(`${session.site.url}/council-start.html`);
    await council.goto(`${session.site.url}/council-guidance.html`);
    const again = await AnnotatorPage.open(session.browser, council);
    await expect
      .poll(() => again.note(1).inputValue())
      .toBe('Which guidance applies?');
    await council.close();
  });
});

/** How many drafts the device keeps for `url`. */
function draftCount(url: string): Promise<number> {
  return session.browser.worker.evaluate(async (key) => {
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const open = indexedDB.open('snag');
      open.onsuccess = () => done(open.result);
      open.onerror = () => fail(open.error);
    });
    const n = await new Promise<number>((done) => {
      const count = db.transaction('drafts').objectStore('drafts').count(key);
      count.onsuccess = () => done(count.result);
    });
    db.close();
    return n;
  }, url);
}
