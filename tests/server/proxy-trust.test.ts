import { describe, expect, it } from 'vitest';
import { configFromEnv, readTrustProxy } from '../../server/config';
import { openTestApp } from './support/harness';

/** Asks `/health` four times from `remoteAddress`, with a different forwarded chain each time. */
async function rotate(
  trustProxy: ReturnType<typeof readTrustProxy>,
  remoteAddress: string,
  chain: (i: number) => string,
): Promise<number[]> {
  const t = await openTestApp('sqlite', { trustProxy, rateLimitPerIp: 3 });
  try {
    const codes: number[] = [];
    for (let i = 1; i <= 4; i++) {
      const res = await t.app.inject({
        url: '/api/v1/health',
        remoteAddress,
        headers: { 'x-forwarded-for': chain(i) },
      });
      codes.push(res.statusCode);
    }
    return codes;
  } finally {
    await t.close();
  }
}

describe('SNAG_TRUST_PROXY', () => {
  it('reads hops, lists of addresses and ranges, and refuses anything else', () => {
    expect(readTrustProxy(undefined)).toBe(false);
    expect(readTrustProxy('0')).toBe(false);
    expect(readTrustProxy('1')).toBe(1);
    expect(readTrustProxy('127.0.0.1, 10.0.0.0/8,::1,fd00::/8')).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
    ]);
    expect(readTrustProxy('loopback')).toEqual(['loopback']);
    expect(() => readTrustProxy('true')).toThrow(/SNAG_TRUST_PROXY/);
    expect(() => readTrustProxy('10.0.0.0/33')).toThrow(/10\.0\.0\.0\/33/);
    expect(() => readTrustProxy('proxy.example')).toThrow(/neither/);
    expect(configFromEnv({ SNAG_TRUST_PROXY: '1' }).trustProxy).toBe(1);
  });

  it('trusts one hop by default: a rotated X-Forwarded-For does not escape the per-address limit', async () => {
    const codes = await rotate(
      1,
      '127.0.0.1',
      (i) => `198.51.100.${i}, 203.0.113.7`,
    );
    expect(codes).toEqual([200, 200, 200, 429]);
  });

  it('trusts only the listed proxies: the first untrusted hop is the client', async () => {
    const codes = await rotate(
      ['127.0.0.1', '10.0.0.0/8'],
      '127.0.0.1',
      (i) => `198.51.100.${i}, 203.0.113.7, 10.1.2.3`,
    );
    expect(codes).toEqual([200, 200, 200, 429]);
  });

  it('ignores the header from a peer that is not a listed proxy', async () => {
    const codes = await rotate(
      ['10.0.0.0/8'],
      '192.0.2.9',
      (i) => `198.51.100.${i}`,
    );
    expect(codes).toEqual([200, 200, 200, 429]);
  });

  it('still tells clients apart behind a trusted proxy', async () => {
    const codes = await rotate(1, '127.0.0.1', (i) => `203.0.113.${i}`);
    expect(codes).toEqual([200, 200, 200, 200]);
  });
});
