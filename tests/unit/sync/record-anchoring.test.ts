import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordAnchoring } from '@/entrypoints/background/sync';
import { writeCredentials } from '@/utils/credentials';
import { serverUrlStorage } from '@/utils/settings';

const SERVER = 'https://snag.council.example';
const PAGE = 'https://www.example-council.gov.uk/apply?step=2';
const REPORT = '0190a0a0-0000-7000-8000-00000000000a';
const NOTE = '11111111-1111-4111-8111-111111111111';

async function connect() {
  await serverUrlStorage.setValue(SERVER);
  await writeCredentials(
    { serverUrl: SERVER, kind: 'token', accessToken: 'a'.repeat(43) },
    { announce: false },
  );
}

afterEach(async () => {
  vi.unstubAllGlobals();
  await writeCredentials(null, { announce: false });
});

describe('recordAnchoring in the worker', () => {
  it('sends the observation to the connected server with the user’s token', async () => {
    await connect();
    const fetch = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetch);
    await recordAnchoring(PAGE, REPORT, { [NOTE]: 'missing' });
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] as unknown as [URL, RequestInit];
    expect(String(url)).toBe(
      `${SERVER}/api/v1/reports/${REPORT}/anchoring?url=${encodeURIComponent(PAGE)}`,
    );
    expect(init.method).toBe('PUT');
    expect(new Headers(init.headers).get('authorization')).toBe(
      `Bearer ${'a'.repeat(43)}`,
    );
    expect(JSON.parse(String(init.body))).toEqual({
      annotations: { [NOTE]: 'missing' },
    });
  });

  it('drops it, never throwing, when offline, refused or not connected', async () => {
    const fetch = vi.fn(async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    });
    vi.stubGlobal('fetch', fetch);
    await expect(
      recordAnchoring(PAGE, REPORT, { [NOTE]: 'exact' }),
    ).resolves.toBeUndefined();
    expect(fetch).not.toHaveBeenCalled();
    await connect();
    await expect(
      recordAnchoring(PAGE, REPORT, { [NOTE]: 'exact' }),
    ).resolves.toBeUndefined();
    expect(fetch).toHaveBeenCalled();
    fetch.mockImplementation(async () =>
      Response.json(
        { error: { code: 'not_found', message: 'No report has this id' } },
        { status: 404 },
      ),
    );
    await expect(
      recordAnchoring(PAGE, REPORT, { [NOTE]: 'exact' }),
    ).resolves.toBeUndefined();
  });
});
