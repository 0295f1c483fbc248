/**
 * Managed settings in real Chromium: a policy file in `/etc/chromium/policies/managed/`
 * gives the extension (loaded unpacked with the fixed ID from the manifest's `key`) its
 * server address and `signIn: sso`; the options page shows the address locked, "Set by your
 * organisation", and Sign in with nothing to type. The file is there only while the browser
 * starts and the page is checked, because every Chromium on the machine reads it.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_PUBLIC_KEY } from '../../protocol/extension-identity';
import { chromeExtensionId } from '../../server/domain/deploy';
import {
  launchWithExtension,
  newProfile,
  removeProfile,
} from './support/browser';
import { axeViolations } from './support/session';

const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = join(POLICY_DIR, `snag-e2e-${process.pid}.json`);
const SERVER = 'https://snag.example-council.gov.uk';

describe('settings set by policy', () => {
  it('shows the server address locked and Sign in with nothing to type', async () => {
    const id = chromeExtensionId(EXTENSION_PUBLIC_KEY);
    // Made here if missing, and then removed again with the file.
    const made = existsSync(POLICY_DIR)
      ? null
      : mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(
      POLICY_FILE,
      JSON.stringify({
        '3rdparty': {
          extensions: {
            [id]: {
              serverUrl: SERVER,
              signIn: 'sso',
              lockServer: true,
              keepQueryParams: ['step'],
            },
          },
        },
      }),
    );
    const profile = newProfile();
    try {
      const extension = await launchWithExtension(profile);
      try {
        expect(extension.extensionId).toBe(id);
        const options = await extension.openExtensionPage('options.html');
        const address = options.getByLabel('Server address');
        // Chromium loads the policy a moment after it starts; the page follows it.
        await expect
          .poll(() => address.inputValue(), { timeout: 30_000 })
          .toBe(SERVER);
        // The other sections read policy when the page opens.
        await options.reload();
        await expect.poll(() => address.inputValue()).toBe(SERVER);
        expect(await address.getAttribute('readonly')).not.toBeNull();
        expect(await address.getAttribute('aria-describedby')).toBe(
          'server-url-locked',
        );
        expect(await options.locator('#server-url-locked').textContent()).toBe(
          'Set by your organisation',
        );
        await options
          .getByRole('button', {
            name: 'Sign in with your council account',
            exact: true,
          })
          .waitFor();
        expect(await options.getByLabel('Access token').count()).toBe(0);
        // The kept query parameters are policy's too.
        const allow = options.getByLabel('Web address parameters to keep');
        expect(await allow.inputValue()).toBe('step');
        expect(await allow.getAttribute('readonly')).not.toBeNull();
        expect(await axeViolations(options)).toEqual([]);
      } finally {
        await extension.close();
      }
    } finally {
      rmSync(POLICY_FILE, { force: true });
      if (made) rmSync(made, { recursive: true, force: true });
      removeProfile(profile);
    }
  });
});
