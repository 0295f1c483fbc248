// Settings set by policy: read leniently, shown locked, and the plain-http rule.
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import ServerSettings from '@/components/ServerSettings';
import {
  effectiveServerUrl,
  effectiveUrlAllowList,
  managedSettingsNow,
  setupManagedSettingsCopy,
  parseManagedSettings,
  plainHttpRefused,
  readManagedSettings,
  serverLocked,
} from '@/utils/managed-settings';
import {
  managedSettingsCopyStorage,
  serverUrlStorage,
  urlAllowListStorage,
} from '@/utils/settings';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { connectToServer } from '@/utils/sync';

const granted = {
  contains: async () => true,
  request: async () => true,
};

describe('managed settings', () => {
  it('keeps the valid keys, normalises the address and drops what does not fit', () => {
    expect(
      parseManagedSettings({
        serverUrl: 'https://snag.example-council.gov.uk/path',
        signIn: 'sso',
        lockServer: 'yes',
        extraMaskSelectors: ['.case-note'],
        somethingElse: true,
      }),
    ).toEqual({
      serverUrl: 'https://snag.example-council.gov.uk',
      signIn: 'sso',
      extraMaskSelectors: ['.case-note'],
    });
  });

  it('reads none when the browser refuses (Firefox without a policy)', async () => {
    const area = {
      get: async () => {
        throw new Error('Managed storage manifest not found');
      },
    };
    expect(await readManagedSettings(area)).toEqual({});
    expect(await readManagedSettings(undefined)).toEqual({});
  });

  it('locks the address that policy sets, unless lockServer is false', async () => {
    const url = 'https://snag.example-council.gov.uk';
    expect(serverLocked({ serverUrl: url })).toBe(true);
    expect(serverLocked({ serverUrl: url, lockServer: false })).toBe(false);
    await serverUrlStorage.setValue('https://elsewhere.example');
    expect(await effectiveServerUrl({ serverUrl: url })).toBe('');
    expect(
      await effectiveServerUrl({ serverUrl: url, lockServer: false }),
    ).toBe('https://elsewhere.example');
  });
});

describe('policy’s kept query parameters', () => {
  it('override the user’s list, read from the worker’s copy of policy', async () => {
    await urlAllowListStorage.setValue(['page']);
    expect(await effectiveUrlAllowList()).toEqual(['page']);
    Object.assign(fakeBrowser.storage, {
      managed: { get: async () => ({ keepQueryParams: ['step'] }) },
    });
    setupManagedSettingsCopy();
    await waitFor(async () =>
      expect(await managedSettingsCopyStorage.getValue()).toEqual({
        keepQueryParams: ['step'],
      }),
    );
    expect(await effectiveUrlAllowList()).toEqual(['step']);
  });
});

describe('the worker’s read of policy', () => {
  it('reads storage.managed once, shared by every caller, and again when IT changes it', async () => {
    let reads = 0;
    let policy: Record<string, unknown> = { extraMaskSelectors: ['.case'] };
    Object.assign(fakeBrowser.storage, {
      managed: {
        get: async () => {
          reads++;
          return policy;
        },
      },
    });
    setupManagedSettingsCopy();
    // Whatever an earlier setup read is dropped by the change.
    await fakeBrowser.storage.onChanged.trigger({}, 'managed');
    const before = reads;
    const answers = await Promise.all([
      managedSettingsNow(),
      managedSettingsNow(),
      managedSettingsNow(),
    ]);
    expect(answers).toEqual([
      { extraMaskSelectors: ['.case'] },
      { extraMaskSelectors: ['.case'] },
      { extraMaskSelectors: ['.case'] },
    ]);
    expect(reads - before).toBeLessThanOrEqual(1);

    policy = { extraMaskSelectors: ['.note'] };
    await fakeBrowser.storage.onChanged.trigger({}, 'managed');
    expect(await managedSettingsNow()).toEqual({
      extraMaskSelectors: ['.note'],
    });
    await waitFor(async () =>
      expect(await managedSettingsCopyStorage.getValue()).toEqual({
        extraMaskSelectors: ['.note'],
      }),
    );
  });
});

describe('a worker that starts again', () => {
  it('answers with the copy its last run kept while the browser is slow, then with the browser’s answer', async () => {
    vi.resetModules();
    const fresh = await import('@/utils/managed-settings');
    await managedSettingsCopyStorage.setValue({
      serverUrl: 'https://kept.example',
    });
    let answer: (policy: Record<string, unknown>) => void = () => {};
    Object.assign(fakeBrowser.storage, {
      managed: { get: () => new Promise((done) => (answer = done)) },
    });
    expect(await fresh.managedSettingsNow()).toEqual({
      serverUrl: 'https://kept.example',
    });
    answer({ serverUrl: 'https://policy.example' });
    await waitFor(async () =>
      expect(await fresh.managedSettingsNow()).toEqual({
        serverUrl: 'https://policy.example',
      }),
    );
    expect(await managedSettingsCopyStorage.getValue()).toEqual({
      serverUrl: 'https://policy.example',
    });
  });

  it('waits for the browser on its very first start, when there is no copy', async () => {
    vi.resetModules();
    const fresh = await import('@/utils/managed-settings');
    await fakeBrowser.storage.local.clear();
    Object.assign(fakeBrowser.storage, {
      managed: { get: async () => ({ allowHttp: true }) },
    });
    expect(await fresh.managedSettingsNow()).toEqual({ allowHttp: true });
  });
});

describe('plain http', () => {
  it('refuses another machine over http unless policy allows it', () => {
    expect(plainHttpRefused('http://snag.council.internal', {})).toBe(true);
    expect(
      plainHttpRefused('http://snag.council.internal', { allowHttp: true }),
    ).toBe(false);
    expect(plainHttpRefused('https://snag.council.internal', {})).toBe(false);
    for (const local of [
      'http://127.0.0.1:8787',
      'http://localhost:8787',
      'http://[::1]:8787',
    ])
      expect(plainHttpRefused(local, {})).toBe(false);
  });

  it('is refused before anything is sent, with the reason in the options', async () => {
    let fetched = false;
    const fetchImpl = (async () => {
      fetched = true;
      return Response.json({});
    }) as unknown as typeof fetch;
    expect(
      await connectToServer('http://10.1.2.3', 'tok', granted, fetchImpl),
    ).toEqual({ ok: false, reason: 'insecure-http' });
    expect(fetched).toBe(false);

    render(
      <ServerSettings
        permissions={granted}
        fetchImpl={fetchImpl}
        managedArea={{ get: async () => ({}) }}
      />,
    );
    const address = await screen.findByLabelText('Server address');
    const signIn = screen.getByRole('button', {
      name: 'Sign in with your council account',
    }) as HTMLButtonElement;
    // Enabled once the policy has been read.
    await waitFor(() => expect(signIn.disabled).toBe(false));
    fireEvent.input(address, { target: { value: 'http://10.1.2.3' } });
    fireEvent.click(signIn);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('plain http:// address');
    expect(fetched).toBe(false);
  });
});

describe('the options page while the browser reads policy', () => {
  it('keeps the address the person typed when the slow read of policy arrives', async () => {
    let answer: (policy: Record<string, unknown>) => void = () => {};
    render(
      <ServerSettings
        permissions={granted}
        managedArea={{ get: () => new Promise((done) => (answer = done)) }}
      />,
    );
    const address = (await screen.findByLabelText(
      'Server address',
    )) as HTMLInputElement;
    fireEvent.input(address, {
      target: { value: 'https://snag.typed.example' },
    });
    answer({});
    const signIn = screen.getByRole('button', {
      name: 'Sign in with your council account',
    }) as HTMLButtonElement;
    await waitFor(() => expect(signIn.disabled).toBe(false));
    expect(address.value).toBe('https://snag.typed.example');
  });
});

describe('the options page under policy', () => {
  it('shows the address locked and only Sign in, with nothing to type', async () => {
    render(
      <ServerSettings
        permissions={granted}
        managedArea={{
          get: async () => ({
            serverUrl: 'https://snag.example-council.gov.uk',
            signIn: 'sso',
          }),
        }}
      />,
    );
    const address = (await screen.findByLabelText(
      'Server address',
    )) as HTMLInputElement;
    await waitFor(() =>
      expect(address.value).toBe('https://snag.example-council.gov.uk'),
    );
    expect(address.readOnly).toBe(true);
    expect(address.getAttribute('aria-describedby')).toBe('server-url-locked');
    expect(screen.getByText('Set by your organisation')).toBeTruthy();
    expect(
      screen.getByRole('button', { name: 'Sign in with your council account' }),
    ).toBeTruthy();
    expect(screen.queryByLabelText('Access token')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Connect' })).toBeNull();
  });

  it('offers only the access token when policy says token', async () => {
    render(
      <ServerSettings
        permissions={granted}
        managedArea={{ get: async () => ({ signIn: 'token' }) }}
      />,
    );
    await screen.findByLabelText('Access token');
    await waitFor(() =>
      expect(
        screen.queryByRole('button', {
          name: 'Sign in with your council account',
        }),
      ).toBeNull(),
    );
    expect(
      (screen.getByLabelText('Server address') as HTMLInputElement).readOnly,
    ).toBe(false);
  });
});
