// Sync end to end: reports filed while the server is down wait, reach it within one alarm
// tick once it is back, exactly once, and a reviewer's change comes back to the reporter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { createUser, startServer, type ServerProcess } from '../support/server-process';
import { launchWithExtension, newProfile, removeProfile, type ExtensionBrowser } from './support/browser';
import { startStaticServer, type StaticServer } from './support/static-server';
import { PopupPage } from './pages/popup';
import { OptionsPage } from './pages/options';

let site: StaticServer;
let server: ServerProcess;
let port: number;
let dataDir: string;
let profile: string;
let browser: ExtensionBrowser;
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
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  site = await startStaticServer();
  port = await freePort();
  server = await startServer({ env: { PORT: String(port) } });
  dataDir = server.dataDir;
  alice = await createUser(server, 'Alice Reporter', 'reporter');
  reviewer = await createUser(server, 'Rhys Reviewer', 'reviewer', 'it');
  profile = newProfile();
  browser = await launchWithExtension(profile);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await site?.close();
  removeProfile(profile);
});

describe('sync', () => {
  it('connects from the options page and says who you are', async () => {
    const options = new OptionsPage(await browser.openExtensionPage('options.html'));
    expect(await options.connect(server.url, alice.token)).toContain('Connected as Alice Reporter');
    await options.page.close();
  });

  it('refuses a wrong token with a clear reason, keeping the working connection', async () => {
    const options = new OptionsPage(await browser.openExtensionPage('options.html'));
    expect(await options.connect(server.url, 'wrong-token')).toContain('does not recognise');
    await options.page.reload();
    expect(await options.page.getByText('Connected as Alice Reporter').count()).toBe(1);
    expect(await options.page.getByRole('button', { name: 'Sign out of this server' }).count()).toBe(1);
    await options.page.close();
  });

  it('keeps reports waiting while the server is down, then sends each exactly once', async () => {
    await server.stop();
    const council = await browser.context.newPage();
    await council.goto(`${site.url}/council-start.html`);
    const tabId = await browser.tabIdOf(council);
    const popup = new PopupPage(await browser.openExtensionPage(`popup.html?tabId=${tabId}`));
    for (const n of [1, 2, 3]) {
      await popup.fillReport({ trying: `Task ${n}`, whatHappened: `Offline problem ${n}` });
      await popup.save();
      await expect.poll(() => popup.reports.getByText(`Offline problem ${n}`).count()).toBe(1);
    }
    await expect.poll(() => popup.reports.getByText('Waiting to send').count()).toBe(3);

    server = await startServer({ dataDir, env: { PORT: String(port) } });
    // One alarm tick in the e2e build is 30 seconds.
    await expect
      .poll(() => popup.reports.getByText('Sent', { exact: true }).count(), { timeout: 45_000, interval: 1000 })
      .toBe(3);
    const mine = await api('/reports?mine=1', alice.token);
    expect(mine.body.total).toBe(3);
    await popup.page.close();
    await council.close();
  });

  it('shows the reporter a status a reviewer set', async () => {
    const list = await api('/reports?mine=1', alice.token);
    const target = (list.body.reports as { id: string; version: number; whatHappened: string }[]).find(
      (r) => r.whatHappened === 'Offline problem 2',
    )!;
    const patched = await api(`/reports/${target.id}/triage`, reviewer.token, {
      method: 'PATCH',
      body: JSON.stringify({ baseVersion: target.version, status: 'fixed' }),
    });
    expect(patched.status).toBe(200);
    const popup = new PopupPage(await browser.openExtensionPage('popup.html'));
    const item = popup.reports.getByRole('listitem').filter({ hasText: 'Offline problem 2' });
    await expect.poll(() => item.textContent(), { timeout: 45_000, interval: 1000 }).toContain('Fixed');
    expect(await item.textContent()).toContain('A reviewer marked this as fixed');
    await popup.page.close();
  });
});
