/**
 * "Sign in with your council account" from the extension, end to end in Chromium: the options
 * page opens Snag's broker with `identity.launchWebAuthFlow`, the person signs in at a real
 * `oidc-provider` on 127.0.0.1, and the device keeps a short-lived access token and a rotating
 * refresh token, renewed after a worker restart and after a browser restart. A denied consent,
 * a closed window and a refused refresh each bring back "Sign in" with the reason.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDP_CLIENT, startIdp, type TestIdp } from '../server/support/oidc-idp';
import { startSnagServer, type SnagServer } from './pages/dashboard-server';
import { credentialsIn } from './pages/credentials';
import { axeViolations, useExtensionSession } from './support/session';

const session = useExtensionSession();
let idp: TestIdp;
let server: SnagServer;

const SIGN_IN = 'Sign in with your council account';

beforeAll(async () => {
  idp = await startIdp();
  server = await startSnagServer({
    SNAG_OIDC_ISSUER: idp.issuer,
    SNAG_OIDC_CLIENT_ID: IDP_CLIENT.id,
    SNAG_OIDC_CLIENT_SECRET: IDP_CLIENT.secret,
  });
  idp.serve([`${server.url}/auth/oidc/callback`]);
  idp.setAccount('sam', { name: 'Sam Reporter' });
});

afterAll(async () => {
  await server?.stop();
  await idp?.close();
});

/** The options page with the server address typed in. */
async function optionsFor(serverUrl: string): Promise<Page> {
  const page = await session.browser.openExtensionPage('options.html');
  await page.getByLabel('Server address').fill(serverUrl);
  return page;
}

/** Clicks "Sign in with your council account" and answers the sign-in window. */
async function startSignIn(options: Page): Promise<Page> {
  const opened = session.browser.context.waitForEvent('page');
  await options.getByRole('button', { name: SIGN_IN, exact: true }).click();
  const window = await opened;
  await window.getByRole('heading', { name: 'Test provider' }).waitFor();
  return window;
}

/** Whether the server takes `token` as a bearer token. */
async function accepted(token: string): Promise<boolean> {
  const res = await fetch(`${server.url}/api/v1/me`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return res.ok;
}

/** Waits until the stored refresh token is no longer `previous`, and answers the new record. */
async function renewedFrom(page: Page, previous: string) {
  await expect
    .poll(async () => (await credentialsIn(page))?.refreshToken, {
      timeout: 90_000,
      interval: 1000,
    })
    .not.toBe(previous);
  return (await credentialsIn(page))!;
}

/** Stops the extension's service worker, as Chrome does when it is idle. */
async function stopWorker(page: Page): Promise<void> {
  const cdp = await session.browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

describe('signing the extension in with a council account', () => {
  it('says why when the person refuses at the provider', async () => {
    const options = await optionsFor(server.url);
    const window = await startSignIn(options);
    await window.getByRole('button', { name: 'Cancel' }).click();
    await options
      .getByRole('alert')
      .filter({ hasText: 'You did not give permission' })
      .waitFor();
    await options.getByRole('button', { name: SIGN_IN }).waitFor();
    expect(await credentialsIn(options)).toBeNull();
    await options.close();
  });

  it('says why when the sign-in window is closed', async () => {
    const options = await optionsFor(server.url);
    const window = await startSignIn(options);
    await window.close();
    await options
      .getByRole('alert')
      .filter({
        hasText:
          'The sign-in window was closed before you finished signing in.',
      })
      .waitFor();
    expect(await credentialsIn(options)).toBeNull();
    await options.close();
  });

  it('signs in, and stays signed in across a worker restart and a browser restart', async () => {
    let options = await optionsFor(server.url);
    expect(await axeViolations(options)).toEqual([]);
    const window = await startSignIn(options);
    await window.getByLabel('Account').fill('sam');
    await window.getByRole('button', { name: 'Sign in' }).click();
    await options
      .getByRole('status')
      .filter({ hasText: 'Connected as Sam Reporter' })
      .waitFor();
    const first = (await credentialsIn(options))!;
    expect(first).toMatchObject({ kind: 'sso', serverUrl: server.url });
    expect(await accepted(first.accessToken)).toBe(true);
    expect(await axeViolations(options)).toEqual([]);

    // The access token has expired when the worker starts again: it renews it.
    await credentialsIn(options, { accessExpiresAt: 0 });
    await stopWorker(options);
    await session.browser.openExtensionPage('popup.html');
    const second = await renewedFrom(options, first.refreshToken!);
    expect(second.deviceId).toBe(first.deviceId);
    expect(await accepted(second.accessToken)).toBe(true);

    // And after the browser restarts.
    await credentialsIn(options, { accessExpiresAt: 0 });
    const restarted = await session.restart();
    options = await restarted.openExtensionPage('options.html');
    const third = await renewedFrom(options, second.refreshToken!);
    expect(third.deviceId).toBe(first.deviceId);
    expect(await accepted(third.accessToken)).toBe(true);
    await options
      .locator('.notice')
      .filter({ hasText: 'Connected as Sam Reporter' })
      .waitFor();
    await options.close();
  });

  it('brings back Sign in with the reason when the refresh is refused', async () => {
    const admin = await server.addUser('Ada Admin', 'admin');
    let options = await session.browser.openExtensionPage('options.html');
    const held = (await credentialsIn(options))!;
    const res = await fetch(`${server.url}/api/v1/devices/${held.deviceId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(res.ok).toBe(true);

    await credentialsIn(options, { accessExpiresAt: 0 });
    await stopWorker(options);
    await options.close();
    await session.browser.openExtensionPage('popup.html');
    options = await session.browser.openExtensionPage('options.html');
    await options
      .getByText('You are signed out. This device has been signed out.')
      .waitFor({ timeout: 90_000 });
    await options.getByRole('button', { name: SIGN_IN }).waitFor();
    expect(await credentialsIn(options)).toBeNull();
    expect(await axeViolations(options)).toEqual([]);
    await options.close();
  });
});
