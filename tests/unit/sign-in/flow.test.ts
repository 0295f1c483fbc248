// The extension's side of the broker: PKCE and state on the way out, and every answer on the
// way back read into a sign-in or a reason.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TokenAnswer, TokenRequest } from '@/protocol/auth';
import {
  base64Url,
  signInWithCouncilAccount,
  type SignInDeps,
} from '@/utils/sign-in/flow';
import type { Outcome } from '@/utils/sync';

const SERVER = 'https://snag.example-council.gov.uk';
const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

const answer: TokenAnswer = {
  access_token: 'access',
  token_type: 'Bearer',
  expires_in: 3600,
  refresh_token: 'refresh',
  refresh_expires_in: 86400,
  device_id: 'device',
  user: { id: 'u1', name: 'Sam Reporter', role: 'reporter' },
};

/** Deps whose sign-in window answers `reply(authoriseUrl)`. */
function deps(
  reply: (url: URL) => Promise<string | undefined>,
  token: Outcome<TokenAnswer> = { kind: 'ok', status: 200, value: answer },
) {
  let counter = 0;
  const asked: TokenRequest[] = [];
  const opened: URL[] = [];
  const d: SignInDeps = {
    launchWebAuthFlow: async ({ url }) => {
      opened.push(new URL(url));
      return reply(new URL(url));
    },
    redirectUrl: REDIRECT,
    token: async (input) => {
      asked.push(input);
      return token;
    },
    deviceName: 'Chrome on Linux',
    random: (n) => new Uint8Array(n).fill(++counter),
    sha256: async (data) =>
      new Uint8Array(createHash('sha256').update(data).digest()).buffer,
  };
  return { d, asked, opened };
}

const back = (url: URL, params: Record<string, string>) => {
  const to = new URL(REDIRECT);
  for (const [k, v] of Object.entries(params)) to.searchParams.set(k, v);
  return to.href;
};

describe('signing in with a council account', () => {
  it('sends PKCE and state, and trades the code with the verifier', async () => {
    const { d, asked, opened } = deps(async (url) =>
      back(url, {
        code: 'c'.repeat(43),
        state: url.searchParams.get('state')!,
      }),
    );
    expect(await signInWithCouncilAccount(SERVER, d)).toEqual({
      ok: true,
      answer,
    });
    const url = opened[0]!;
    expect(url.origin + url.pathname).toBe(`${SERVER}/auth/authorize`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    const request = asked[0]!;
    expect(request.grant_type).toBe('authorization_code');
    if (request.grant_type !== 'authorization_code') return;
    // The challenge is BASE64URL(SHA-256(verifier)) (RFC 7636 §4.2).
    expect(url.searchParams.get('code_challenge')).toBe(
      base64Url(createHash('sha256').update(request.code_verifier).digest()),
    );
    expect(request.code_verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).not.toBe(request.code_verifier);
  });

  it('refuses an answer whose state is not ours', async () => {
    const { d, asked } = deps(async (url) =>
      back(url, { code: 'c'.repeat(43), state: 'someone-elses-state-0000' }),
    );
    expect(await signInWithCouncilAccount(SERVER, d)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(asked).toEqual([]);
  });

  it('gives the broker’s reason for a denied consent', async () => {
    const { d } = deps(async (url) =>
      back(url, {
        error: 'access_denied',
        snag_reason: 'denied',
        state: url.searchParams.get('state')!,
      }),
    );
    expect(await signInWithCouncilAccount(SERVER, d)).toEqual({
      ok: false,
      reason: 'denied',
    });
  });

  it('says the window was closed, or the server unreachable', async () => {
    const closed = deps(async () => {
      throw new Error('The user did not approve access.');
    });
    expect(await signInWithCouncilAccount(SERVER, closed.d)).toEqual({
      ok: false,
      reason: 'cancelled',
    });
    const down = deps(async () => {
      throw new Error('Authorization page could not be loaded.');
    });
    expect(await signInWithCouncilAccount(SERVER, down.d)).toEqual({
      ok: false,
      reason: 'unreachable',
    });
  });

  it('says the sign-in took too long when the code is refused', async () => {
    const { d } = deps(
      async (url) =>
        back(url, {
          code: 'c'.repeat(43),
          state: url.searchParams.get('state')!,
        }),
      { kind: 'http', status: 400, code: 'invalid_grant', message: 'used' },
    );
    expect(await signInWithCouncilAccount(SERVER, d)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });
});
