// Snag on a hostile page, in real Chromium, with a real server: the page's own script (see
// support/hostile-probe.ts) watches, reads and pokes at everything Snag puts in the page
// during a full pin, highlight, screenshot and save, and while a colleague's report is open.
// It must see no report text and no screenshot pixel, and make Snag do nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createUser,
  startServer,
  type ServerProcess,
} from '../support/server-process';
import { sampleReport } from '../unit/fixtures';
import { useExtensionSession } from './support/session';
import { hostilePage, readProbe } from './support/hostile-probe';
import { AnnotatorPage } from './pages/annotator';
import { OptionsPage } from './pages/options';

const session = useExtensionSession();
let server: ServerProcess;
let dataDir: string;

const MINE = {
  pin: 'The heading hides the deadline',
  highlight: 'Fourteen days is not enough when post is slow',
  trying: 'Pay a parking fine before the deadline',
  whatHappened: 'The deadline is buried in the second paragraph',
};
const THEIRS = 'Card payments fail for residents with a foreign postcode';

/** How many reports the device keeps. */
function storedReports(): Promise<number> {
  return session.browser.worker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const open = indexedDB.open('snag');
      open.onsuccess = () => done(open.result);
      open.onerror = () => fail(open.error);
    });
    const n = await new Promise<number>((done) => {
      const count = db.transaction('reports').objectStore('reports').count();
      count.onsuccess = () => done(count.result);
    });
    db.close();
    return n;
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'snag-e2e-hostile-'));
  server = await startServer({ dataDir });
});

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a hostile page', () => {
  it('sees no report text or screenshot pixel, and cannot make Snag act', async () => {
    const url = `${session.site.url}/hostile-probe.html`;
    await session.browser.context.route(url, (route) =>
      route.fulfill({ contentType: 'text/html', body: hostilePage() }),
    );
    // A colleague's report on this page, on the server.
    const colleague = await createUser(server, 'Cai Colleague', 'reporter');
    const theirs = sampleReport({
      page: { url, title: 'Pay a parking fine', service: new URL(url).host },
      whatHappened: THEIRS,
      annotations: [
        {
          id: '0190a000-0000-7000-8000-000000000001',
          kind: 'text',
          note: 'Their private note about the card field',
          selectors: [
            { type: 'TextQuoteSelector', exact: 'pay by card online' },
          ],
        },
      ],
    });
    const put = await fetch(`${server.url}/api/v1/reports/${theirs.id}`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${colleague.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(theirs),
    });
    expect(put.status).toBeLessThan(300);
    const me = await createUser(server, 'Alice Reporter', 'reporter');
    const options = new OptionsPage(
      await session.browser.openExtensionPage('options.html'),
    );
    expect(await options.connect(server.url, me.token)).toContain(
      'Connected as',
    );
    await options.page.close();

    const page = await session.browser.context.newPage();
    await page.goto(url);
    await page.bringToFront();
    const before = await storedReports();
    const annotator = await AnnotatorPage.open(session.browser, page);
    const ui = annotator.frame();

    await annotator.pinWithMouse('h1');
    await annotator.note(1).fill(MINE.pin);
    await annotator.highlight('main', 'within 14 days');
    await annotator.note(2).fill(MINE.highlight);
    await annotator.screenshotButton.click();
    await ui.getByRole('button', { name: 'Use this screenshot' }).click();
    await ui
      .getByRole('img', { name: 'Masked screenshot of the page' })
      .waitFor();
    await annotator.fillReport(MINE);
    await annotator.saveButton.click();
    await expect
      .poll(() => annotator.status.textContent())
      .toBe('Report saved');

    // The colleague's report opens in the frame; the page keeps poking for a while.
    await ui.getByRole('button', { name: new RegExp(THEIRS) }).click();
    await ui.getByRole('button', { name: /^Me too/ }).waitFor();
    await page.waitForTimeout(1500);

    const probe = await readProbe(page);
    for (const text of [...Object.values(MINE), THEIRS, 'Their private note'])
      expect(probe.text).not.toContain(text);
    // The page has no canvas of its own, and Snag put none (nor any image) in the page.
    expect(probe.canvases).toBe(0);
    expect(probe.pixels).toBe(0);
    expect(probe.images).toEqual([]);
    expect(probe.frameReads).toBe(0);
    // It watched: it saw Snag's host arrive in the page. And it tried, at that host, often.
    expect(probe.text).toContain('snag-annotator');
    expect(probe.synthetic).toBeGreaterThan(5);
    // Nothing it dispatched saved, voted or captured: one report, ours; no vote on theirs.
    expect(await storedReports()).toBe(before + 1);
    const read = await fetch(`${server.url}/api/v1/reports/${theirs.id}`, {
      headers: { authorization: `Bearer ${colleague.token}` },
    });
    expect(((await read.json()) as { votes: number }).votes).toBe(0);
    expect(
      await ui
        .getByRole('button', { name: /^Me too/ })
        .getAttribute('aria-pressed'),
    ).toBe('false');
    await page.close();
  });
});
