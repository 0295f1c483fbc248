/**
 * Single sign-on end to end in Chromium: a real Snag server child process whose identity
 * provider is `oidc-provider` on 127.0.0.1. A reviewer signs in with their council account and
 * lands where they were heading; someone who cancels is back at "Sign in" with the reason; an
 * admin finds the deployment pack and the signed-in devices. axe-core checks each page.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_PUBLIC_KEY } from '../../protocol/extension-identity';
import { chromeExtensionId } from '../../server/domain/deploy';
import { IDP_CLIENT, startIdp, type TestIdp } from '../server/support/oidc-idp';
import { startSnagServer, type SnagServer } from './pages/dashboard-server';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  launchWithExtension,
  newProfile,
  removeProfile,
} from './support/browser';
import { axeViolations } from './support/session';

let idp: TestIdp;
let server: SnagServer;
let browser: Browser;

beforeAll(async () => {
  idp = await startIdp();
  server = await startSnagServer({
    SNAG_OIDC_ISSUER: idp.issuer,
    SNAG_OIDC_CLIENT_ID: IDP_CLIENT.id,
    SNAG_OIDC_CLIENT_SECRET: IDP_CLIENT.secret,
    SNAG_OIDC_REVIEWER_ROLES: 'Snag.Reviewer',
    SNAG_OIDC_ADMIN_ROLES: 'Snag.Admin',
  });
  idp.serve([`${server.url}/auth/oidc/callback`]);
  idp.setAccount('rita', { name: 'Rita Reviewer', roles: ['Snag.Reviewer'] });
  idp.setAccount('ada', { name: 'Ada Admin', roles: ['Snag.Admin'] });
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await idp?.close();
});

/** Signs in at the provider's own page, as a person would. */
async function signInAtProvider(page: Page, account: string) {
  await page.getByRole('heading', { name: 'Test provider' }).waitFor();
  await page.getByLabel('Account').fill(account);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('signing in to the dashboard with a council account', () => {
  it('takes a reviewer through the provider and back to where they were heading', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/reports?status=new`);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');
    const button = page.getByRole('button', {
      name: 'Sign in with your council account',
      exact: true,
    });
    await button.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // The access token form is still there, for emergencies.
    await page.getByLabel('Access token').waitFor();

    await button.focus();
    await page.keyboard.press('Enter');
    await signInAtProvider(page, 'rita');
    await page.getByRole('heading', { name: 'All reports' }).waitFor();
    const url = new URL(page.url());
    expect(url.origin + url.pathname + url.search).toBe(
      `${server.url}/reports?status=new`,
    );
    await expect
      .poll(() => page.getByText('Rita Reviewer').first().isVisible())
      .toBe(true);
    await context.close();
  });

  it('says why when the person cancels at the provider', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page
      .getByRole('button', { name: 'Sign in with your council account' })
      .click();
    await page.getByRole('heading', { name: 'Test provider' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page
      .getByText(
        'You did not give permission at your council’s sign-in page, so you are not signed in.',
      )
      .waitFor();
    expect(new URL(page.url()).search).toBe('?reason=denied');
    await page
      .getByRole('button', { name: 'Sign in with your council account' })
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows an admin the deployment pack and the redirect URI to register', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/admin`);
    await page
      .getByRole('button', { name: 'Sign in with your council account' })
      .click();
    await signInAtProvider(page, 'ada');
    await page.getByRole('heading', { name: 'Deploy' }).waitFor();
    await page.getByRole('heading', { name: 'Signed-in devices' }).waitFor();
    await page
      .getByText(`${server.url}/auth/oidc/callback`, { exact: true })
      .waitFor();
    await page.getByText('Single sign-on works.').waitFor();
    const chrome = await page
      .locator('dt', { hasText: 'Chrome and Edge extension ID' })
      .locator('xpath=following-sibling::dd')
      .textContent();
    expect(chrome?.trim()).toBe(chromeExtensionId(EXTENSION_PUBLIC_KEY));
    await page.getByRole('button', { name: 'Copy Chrome policy' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('the extension identity', () => {
  it('is the ID the deployment pack names, in real Chromium', async () => {
    const profile = newProfile();
    const extension = await launchWithExtension(profile);
    try {
      expect(extension.extensionId).toBe(
        chromeExtensionId(EXTENSION_PUBLIC_KEY),
      );
      const pack = await fetch(`${server.url}/api/v1/deploy`, {
        headers: {
          authorization: `Bearer ${(await server.addUser('Deployer', 'admin')).token}`,
        },
      });
      const body = (await pack.json()) as {
        extensionId: { chrome: string };
        extensionRedirects: string[];
      };
      expect(body.extensionId.chrome).toBe(extension.extensionId);
      expect(body.extensionRedirects).toContain(
        `https://${extension.extensionId}.chromiumapp.org/`,
      );
    } finally {
      await extension.close();
      removeProfile(profile);
    }
  });
});
