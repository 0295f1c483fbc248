// Sync end to end: reports filed while the server is down wait, reach it within one alarm
// tick once it is back, exactly once, and a reviewer's change comes back to the reporter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createUser,
  startServer,
  type ServerProcess,
} from '../support/server-process';
import {
  launchWithExtension,
  newProfile,
  removeProfile,
  type ExtensionBrowser,
} from './support/browser';
import { axeViolations, useExtensionSession } from './support/session';
import { PopupPage } from './pages/popup';
import { OptionsPage } from './pages/options';
import { AnnotatorPage } from './pages/annotator';

const session = useExtensionSession();
let server: ServerProcess;
let port: number;
let dataDir: string;
let alice: { id: string; token: string };
let reviewer: { token: string };

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port: p } = probe.address() as { port: number };
  await new Promise((done) => probe.close(done));
  return p;
}

const api = async (path: string, token: string, init: RequestInit = {}) => {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...init.headers,
    },
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
  };
};

beforeAll(async () => {
  port = await freePort();
  // Our own folder, so that it outlives a server stop and the restart finds the same data.
  dataDir = mkdtempSync(join(tmpdir(), 'snag-e2e-sync-'));
  server = await startServer({ dataDir, env: { PORT: String(port) } });
  alice = await createUser(server, 'Alice Reporter', 'reporter');
  reviewer = await createUser(server, 'Rhys Reviewer', 'reviewer', 'it');
});

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('sync', () => {
  it('connects from the options page and says who you are', async () => {
    const options = new OptionsPage(
      await session.browser.openExtensionPage('options.html'),
    );
    expect(await options.connect(server.url, alice.token)).toContain(
      'Connected as Alice Reporter',
    );
    await options.page.close();
  });

  it('refuses a wrong token with a clear reason, keeping the working connection', async () => {
    const options = new OptionsPage(
      await session.browser.openExtensionPage('options.html'),
    );
    expect(await options.connect(server.url, 'wrong-token')).toContain(
      'does not recognise',
    );
    await options.page.reload();
    await expect
      .poll(() => options.page.getByText('Connected as Alice Reporter').count())
      .toBe(1);
    expect(
      await options.page
        .getByRole('button', { name: 'Sign out of this server' })
        .count(),
    ).toBe(1);
    await options.page.close();
  });

  it('opts in to “You said, we did” from the options page, and the server keeps it', async () => {
    const options = await session.browser.openExtensionPage('options.html');
    const address = options.getByLabel('Email address');
    await address.waitFor();
    await options
      .getByLabel(
        'Email me when a report of mine is fixed (“You said, we did”)',
      )
      .check();
    await options.getByRole('button', { name: 'Save email settings' }).click();
    // No address yet: nothing is sent, and the field says why.
    await options
      .getByRole('alert')
      .filter({ hasText: 'Give an email address to receive email.' })
      .waitFor();
    await address.fill('alice.reporter@example-council.gov.uk');
    await options.getByLabel('Cymraeg').check();
    await options.getByRole('button', { name: 'Save email settings' }).click();
    await options.getByText('Email settings saved').waitFor();
    expect(await axeViolations(options)).toEqual([]);
    const kept = await api('/me/notifications', alice.token);
    expect(kept).toEqual({
      status: 200,
      body: {
        email: 'alice.reporter@example-council.gov.uk',
        language: 'cy',
        digest: 'off',
        youSaidWeDid: true,
      },
    });
    // Read back from the server when the page opens again.
    await options.reload();
    await expect
      .poll(() => options.getByLabel('Email address').inputValue())
      .toBe('alice.reporter@example-council.gov.uk');
    expect(
      await options
        .getByLabel(
          'Email me when a report of mine is fixed (“You said, we did”)',
        )
        .isChecked(),
    ).toBe(true);
    await options.close();
  });

  it('keeps reports waiting while the server is down, then sends each exactly once', async () => {
    await server.stop();
    const council = await session.browser.context.newPage();
    await council.goto(`${session.site.url}/council-start.html`);
    const tabId = await session.browser.tabIdOf(council);
    const popup = new PopupPage(
      await session.browser.openExtensionPage(`popup.html?tabId=${tabId}`),
    );
    for (const n of [1, 2, 3]) {
      await popup.fillReport({
        trying: `Task ${n}`,
        whatHappened: `Offline problem ${n}`,
      });
      await popup.save();
      await expect
        .poll(() => popup.reports.getByText(`Offline problem ${n}`).count())
        .toBe(1);
    }
    await expect
      .poll(() => popup.reports.getByText('Waiting to send').count())
      .toBe(3);

    server = await startServer({ dataDir, env: { PORT: String(port) } });
    // One alarm tick in the e2e build is 30 seconds.
    await expect
      .poll(() => popup.reports.getByText('Sent', { exact: true }).count(), {
        timeout: 45_000,
        interval: 1000,
      })
      .toBe(3);
    const mine = await api('/reports?mine=1', alice.token);
    expect(mine.body.total).toBe(3);
    await popup.page.close();
    await council.close();
  });

  it('shows the reporter a status a reviewer set', async () => {
    const list = await api('/reports?mine=1', alice.token);
    const target = (
      list.body.reports as {
        id: string;
        version: number;
        whatHappened: string;
      }[]
    ).find((r) => r.whatHappened === 'Offline problem 2')!;
    const patched = await api(`/reports/${target.id}/triage`, reviewer.token, {
      method: 'PATCH',
      body: JSON.stringify({ baseVersion: target.version, status: 'fixed' }),
    });
    expect(patched.status).toBe(200);
    const popup = new PopupPage(
      await session.browser.openExtensionPage('popup.html'),
    );
    const item = popup.reports
      .getByRole('listitem')
      .filter({ hasText: 'Offline problem 2' });
    await expect
      .poll(() => item.textContent(), { timeout: 45_000, interval: 1000 })
      .toContain('Fixed');
    expect(await item.textContent()).toContain(
      'A reviewer marked this as fixed',
    );
    await popup.page.close();
  });
});

describe('me too', () => {
  let bobProfile: string;
  let bob: ExtensionBrowser | undefined;
  let reportId: string;

  afterAll(async () => {
    await bob?.close();
    if (bobProfile) removeProfile(bobProfile);
  });

  it('shows a colleague’s pin, takes a "me too", and tells the reporter', async () => {
    // Alice pins a note on the page and saves; it reaches the server.
    const page = await session.browser.context.newPage();
    await page.goto(`${session.site.url}/council-start.html`);
    const annotator = await AnnotatorPage.open(session.browser, page);
    await annotator.pinWithMouse('h1');
    await annotator
      .note(1)
      .fill('The heading promises an online form that does not exist');
    await annotator.fillReport({
      trying: 'Apply online',
      whatHappened: 'Only a phone number is offered',
    });
    await annotator.saveButton.click();
    const ids = async () =>
      (
        (await api('/reports?mine=1', alice.token)).body.reports as {
          id: string;
          whatHappened: string;
        }[]
      )
        .filter((r) => r.whatHappened === 'Only a phone number is offered')
        .map((r) => r.id);
    await expect.poll(ids, { timeout: 45_000, interval: 1000 }).toHaveLength(1);
    [reportId] = (await ids()) as [string];
    await page.close();

    // Bob, in his own browser profile, sees Alice's pin on the same page and adds his voice.
    const bobUser = await createUser(server, 'Bob Colleague', 'reporter');
    bobProfile = newProfile();
    bob = await launchWithExtension(bobProfile);
    const options = new OptionsPage(
      await bob.openExtensionPage('options.html'),
    );
    expect(await options.connect(server.url, bobUser.token)).toContain(
      'Connected as Bob Colleague',
    );
    const bobPage = await bob.context.newPage();
    await bobPage.goto(`${session.site.url}/council-start.html`);
    const bobAnnotator = await AnnotatorPage.open(bob, bobPage);
    // Alice's report is listed in Bob's frame by its code, and opens there.
    await bobAnnotator
      .frame()
      .getByRole('button', { name: /^Report [0-9A-F]{4}:/ })
      .first()
      .click();
    const meToo = bobAnnotator.frame().getByRole('button', { name: /^Me too/ });
    await meToo.click();
    await expect.poll(() => meToo.getAttribute('aria-pressed')).toBe('true');
    // Bob's frame told the server how Alice's pin was found on his page; a reviewer reads it.
    await expect
      .poll(
        async () => {
          const { body } = await api(`/reports/${reportId}`, reviewer.token);
          const [note] = body.annotations as {
            lastSeen?: { quality: string };
          }[];
          return note?.lastSeen?.quality;
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe('exact');
    await expect
      .poll(
        async () => (await api(`/reports/${reportId}`, alice.token)).body.votes,
      )
      .toBe(1);

    // Alice's popup shows the vote after its next sync.
    const popup = new PopupPage(
      await session.browser.openExtensionPage('popup.html'),
    );
    const item = popup.reports
      .getByRole('listitem')
      .filter({ hasText: 'Only a phone number is offered' });
    await expect
      .poll(() => item.textContent(), { timeout: 45_000, interval: 1000 })
      .toContain('Colleagues who said “me too”: 1');
    await popup.page.close();
  });

  it('opens a dashboard link on a council site at the report, without a click', async () => {
    const options = await session.browser.openExtensionPage('options.html');
    await options.getByLabel('Council site addresses').fill(session.site.url);
    await options.getByRole('button', { name: 'Save council sites' }).click();
    await options.getByText('Saved 1 council sites').waitFor();
    await options.close();
    const page = await session.browser.context.newPage();
    await page.goto(`${session.site.url}/council-start.html#snag=${reportId}`);
    // The frame opens at the report; its text shows in the frame and never in the page.
    const annotator = new AnnotatorPage(page, session.browser);
    await annotator.ready();
    await annotator
      .frame()
      .getByRole('heading', { name: /Your report/ })
      .waitFor();
    expect(
      await annotator
        .frame()
        .getByText('Only a phone number is offered')
        .count(),
    ).toBeGreaterThan(0);
    expect(await page.getByText('Only a phone number is offered').count()).toBe(
      0,
    );
    await page.close();
  });
});
