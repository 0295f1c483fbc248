/**
 * Admin → Notifications end to end in Chromium: a bad or refused address is explained before
 * saving, a subscription shows its secret once, a test event reaches a loopback receiver and
 * shows in the delivery log, Redeliver sends it again, and axe finds nothing on the page.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/browser';
import { startSnagServer, type SnagServer } from './pages/dashboard-server';
import { DashboardPage } from './pages/dashboard';

let server: SnagServer;
let browser: Browser;
let receiver: http.Server;
let hookUrl: string;
const received: Array<{ id: string; signature: string }> = [];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push({
        id: String(req.headers['webhook-id']),
        signature: String(req.headers['webhook-signature']),
      });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  server = await startSnagServer({ SNAG_WEBHOOK_ALLOW: '127.0.0.0/8' });
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise<void>((r) => receiver.close(() => r()));
});

describe('Admin notifications', () => {
  it('subscribes, shows the secret once, sends a test event and redelivers it', async () => {
    const admin = await server.addUser('Ada Admin', 'admin');
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
    });
    const d = new DashboardPage(await context.newPage(), server.url);
    await d.signIn(admin.token);
    await d.goto('/admin');
    const page = d.page;
    await page.getByRole('heading', { name: 'Notifications' }).waitFor();

    const url = page.getByLabel('Address (URL)');
    const add = page.getByRole('button', { name: 'Add subscription' });
    await url.fill('hooks example');
    await add.click();
    await expect
      .poll(() => page.locator('#webhook-url-error').textContent())
      .toContain('This is not a web address');
    await url.fill('http://10.9.8.7/hook');
    await add.click();
    await expect
      .poll(() => page.locator('#webhook-url-error').textContent())
      .toContain('private, loopback or link-local');
    expect(
      await page.getByRole('button', { name: /^Send test event/ }).count(),
    ).toBe(0);

    await url.fill(hookUrl);
    await page.getByLabel('Where it goes').selectOption('standard');
    await page.getByLabel('Lowest security risk').selectOption('3');
    await add.click();
    const secret =
      (await page.getByTestId('webhook-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'Copy secret' }).waitFor();

    await page
      .getByRole('button', { name: `Send test event ${hookUrl}` })
      .click();
    await expect
      .poll(
        async () => {
          await page
            .getByRole('button', { name: 'Refresh deliveries' })
            .click();
          return page.getByRole('cell', { name: 'Delivered' }).count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    expect(await page.getByRole('cell', { name: 'thanks' }).count()).toBe(1);
    expect(received).toHaveLength(1);
    expect(received[0]?.signature).toMatch(/^v1,/);

    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id} (${v.nodes.length})`)).toEqual(
      [],
    );

    await page
      .getByRole('button', {
        name: new RegExp(`^Redeliver ${received[0]?.id}`),
      })
      .click();
    await expect.poll(() => received.length, { timeout: 30_000 }).toBe(2);
    expect(received[1]?.id).toBe(received[0]?.id);

    await page.getByRole('button', { name: `Pause ${hookUrl}` }).click();
    await page.getByRole('cell', { name: 'Paused' }).waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: `Delete ${hookUrl}` }).click();
    await page.getByText('No subscriptions yet.').waitFor();
    // Shown once: after a reload the secret is nowhere on the page.
    await page.reload();
    await page.getByRole('heading', { name: 'Notifications' }).waitFor();
    expect(await page.getByTestId('webhook-secret').count()).toBe(0);
    await context.close();
  });
});
