// Staying signed in: renewing the access token with the rotating refresh token, once at a
// time, and a clear reason when the server signs the device out.
import { describe, expect, it, vi } from 'vitest';
import type { TokenAnswer, TokenRequest } from '@/protocol/auth';
import type { Credentials } from '@/utils/credentials';
import {
  credentialsFromAnswer,
  currentAccessToken,
  renewAccess,
  RENEW_MARGIN_MS,
  singleFlight,
  type RenewDeps,
} from '@/utils/sign-in/session';
import { ServerClient, type Outcome } from '@/utils/sync';

const NOW = Date.parse('2026-12-01T09:00:00.000Z');
const SERVER = 'https://snag.example-council.gov.uk';

const signedIn: Credentials = {
  serverUrl: SERVER,
  kind: 'sso',
  accessToken: 'access-1',
  refreshToken: 'refresh-1',
  accessExpiresAt: NOW - 1000,
  deviceId: '019b0000-0000-7000-8000-000000000001',
};

const answer = (n: number): TokenAnswer => ({
  access_token: `access-${n}`,
  token_type: 'Bearer',
  expires_in: 900,
  refresh_token: `refresh-${n}`,
  refresh_expires_in: 30 * 86400,
  device_id: signedIn.deviceId!,
  user: { id: 'u1', name: 'Sam Reporter', role: 'reporter' },
});

/** Deps over an in-memory credential, answering token requests with `answers` in turn. */
function deps(answers: Outcome<TokenAnswer>[]) {
  let held: Credentials | null = signedIn;
  const asked: TokenRequest[] = [];
  const reasons: string[] = [];
  const d: RenewDeps = {
    read: async () => held,
    write: async (c) => {
      held = c;
    },
    signedOut: async (p) => {
      reasons.push(p);
    },
    token: async (_url, input) => {
      asked.push(input);
      return answers.shift()!;
    },
    now: () => NOW,
  };
  return { d, asked, reasons, held: () => held };
}

describe('renewing the access token', () => {
  it('trades the refresh token for the next pair and keeps it', async () => {
    const { d, asked, held } = deps([
      { kind: 'ok', status: 200, value: answer(2) },
    ]);
    expect(await renewAccess(d)).toBe('access-2');
    expect(asked).toEqual([
      { grant_type: 'refresh_token', refresh_token: 'refresh-1' },
    ]);
    expect(held()).toEqual(credentialsFromAnswer(SERVER, answer(2), NOW));
    expect(held()?.accessExpiresAt).toBe(NOW + 900_000);
  });

  it('forgets the credentials and keeps the reason when the server signs the device out', async () => {
    const { d, reasons, held } = deps([
      {
        kind: 'http',
        status: 401,
        code: 'refresh-expired',
        message: 'signed out',
      },
    ]);
    expect(await renewAccess(d)).toBeNull();
    expect(held()).toBeNull();
    expect(reasons).toEqual(['refresh-expired']);
  });

  it('keeps the refresh token for the next try when the server cannot be reached', async () => {
    const { d, reasons, held } = deps([
      { kind: 'network', cause: 'unreachable', message: 'offline' },
    ]);
    expect(await renewAccess(d)).toBeNull();
    expect(held()).toEqual(signedIn);
    expect(reasons).toEqual([]);
  });

  it('never renews a pasted token', async () => {
    const { d, asked } = deps([]);
    d.read = async () => ({
      serverUrl: SERVER,
      kind: 'token',
      accessToken: 'pasted',
    });
    expect(await renewAccess(d)).toBeNull();
    expect(asked).toEqual([]);
  });

  it('uses the refresh token once when many ask at the same time', async () => {
    const { d, asked } = deps([{ kind: 'ok', status: 200, value: answer(2) }]);
    const shared = singleFlight(() => renewAccess(d));
    const tokens = await Promise.all([shared(), shared(), shared()]);
    expect(tokens).toEqual(['access-2', 'access-2', 'access-2']);
    expect(asked).toHaveLength(1);
  });

  it('renews only when the access token is about to expire', async () => {
    const renew = vi.fn(async () => 'access-2');
    const fresh = { ...signedIn, accessExpiresAt: NOW + RENEW_MARGIN_MS + 1 };
    expect(await currentAccessToken(fresh, renew, NOW)).toBe('access-1');
    expect(renew).not.toHaveBeenCalled();
    expect(await currentAccessToken(signedIn, renew, NOW)).toBe('access-2');
    expect(
      await currentAccessToken(
        { serverUrl: SERVER, kind: 'token', accessToken: 'pasted' },
        renew,
        NOW,
      ),
    ).toBe('pasted');
  });
});

describe('the client of a signed-in device', () => {
  it('renews once after a 401 and sends the request again', async () => {
    const seen: string[] = [];
    const fetchImpl = (async (_url: URL, init: RequestInit) => {
      const auth = (init.headers as Record<string, string>).authorization!;
      seen.push(auth);
      return auth === 'Bearer access-2'
        ? Response.json({ id: 'u1', name: 'Sam', role: 'reporter' })
        : Response.json(
            { error: { code: 'token_expired', message: 'expired' } },
            { status: 401 },
          );
    }) as unknown as typeof fetch;
    const renew = vi.fn(async () => 'access-2');
    const client = new ServerClient(
      { serverUrl: SERVER, token: 'access-1', renew },
      fetchImpl,
    );
    const me = await client.me();
    expect(me.kind).toBe('ok');
    expect(seen).toEqual(['Bearer access-1', 'Bearer access-2']);
    expect(renew).toHaveBeenCalledTimes(1);
  });

  it('answers the 401 when the device can no longer renew', async () => {
    const fetchImpl = (async () =>
      Response.json(
        { error: { code: 'unauthorized', message: 'Sign in again' } },
        { status: 401 },
      )) as unknown as typeof fetch;
    const client = new ServerClient(
      { serverUrl: SERVER, token: 'access-1', renew: async () => null },
      fetchImpl,
    );
    expect(await client.me()).toMatchObject({ kind: 'http', status: 401 });
  });
});
