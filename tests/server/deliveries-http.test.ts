/**
 * Outbound webhook requests: the allow-list and the private-address rule, with names that
 * resolve to loopback and to private addresses; DNS resolved once and connected to; and the
 * bad receivers: one that hangs, one that redirects, one that answers without end.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAllowList, entryProblem } from '../../server/deliveries/allow';
import {
  pickAddress,
  postJson,
  urlProblem,
  type Resolver,
} from '../../server/deliveries/http';
import { startReceiver, type Receiver } from './support/receiver';
import { TEST_NOW } from './support/harness';

const DNS: Record<string, string[]> = {
  'loop.council.test': ['127.0.0.1'],
  'intranet.council.test': ['10.20.1.5'],
  'router.council.test': ['192.168.1.1'],
  'metadata.council.test': ['169.254.169.254'],
  'v6loop.council.test': ['::1'],
  'hooks.partner.test': ['93.184.216.34'],
  'mixed.partner.test': ['93.184.216.34', '10.0.0.7'],
};

/** A resolver over {@link DNS}, counting lookups. */
function fakeDns(): Resolver & { lookups: string[] } {
  const lookups: string[] = [];
  const resolve = (async (host: string) => {
    lookups.push(host);
    const answers = DNS[host];
    if (!answers) throw new Error('ENOTFOUND');
    return answers.map((address) => ({
      address,
      family: address.includes(':') ? 6 : 4,
    }));
  }) as Resolver & { lookups: string[] };
  resolve.lookups = lookups;
  return resolve;
}

describe('which addresses may receive', () => {
  it('refuses hosts that are not on the allow-list', async () => {
    const allow = parseAllowList(['hooks.example.org']);
    const picked = await pickAddress(
      new URL('https://hooks.partner.test/x'),
      allow,
      fakeDns(),
    );
    expect(picked).toEqual({
      refused:
        'hooks.partner.test is not on the allow-list; add it in Admin under Notifications, or to SNAG_WEBHOOK_ALLOW',
    });
  });

  it('accepts a listed public host, by name or by a wildcard', async () => {
    for (const entry of ['hooks.partner.test', '*.partner.test']) {
      const picked = await pickAddress(
        new URL('https://hooks.partner.test/x'),
        parseAllowList([entry]),
        fakeDns(),
      );
      expect(picked).toEqual({ address: '93.184.216.34', family: 4 });
    }
  });

  it.each([
    ['loop.council.test', '127.0.0.1'],
    ['intranet.council.test', '10.20.1.5'],
    ['router.council.test', '192.168.1.1'],
    ['metadata.council.test', '169.254.169.254'],
    ['v6loop.council.test', '::1'],
  ])(
    'refuses %s (resolving to %s) even when its name is listed',
    async (host, address) => {
      const picked = await pickAddress(
        new URL(`https://${host}/hook`),
        parseAllowList([host]),
        fakeDns(),
      );
      expect(picked).toMatchObject({
        refused: expect.stringContaining(
          `resolves to ${address}, a private, loopback or link-local address`,
        ),
      });
    },
  );

  it('accepts a private address that a CIDR range on the list covers', async () => {
    const picked = await pickAddress(
      new URL('https://intranet.council.test/hook'),
      parseAllowList(['10.20.0.0/16']),
      fakeDns(),
    );
    expect(picked).toEqual({ address: '10.20.1.5', family: 4 });
  });

  it('refuses a name with any answer that is not allowed', async () => {
    const picked = await pickAddress(
      new URL('https://mixed.partner.test/hook'),
      parseAllowList(['mixed.partner.test']),
      fakeDns(),
    );
    expect(picked).toMatchObject({
      refused: expect.stringContaining('10.0.0.7'),
    });
  });

  it('refuses literal private addresses in the URL', async () => {
    const picked = await pickAddress(
      new URL('http://[::1]:8080/hook'),
      parseAllowList(['example.org']),
    );
    expect(picked).toMatchObject({ refused: expect.stringContaining('::1') });
  });

  it('explains bad URLs and bad allow-list entries', () => {
    expect(urlProblem('not a url')).toMatch(/not a web address/);
    expect(urlProblem('ftp://example.org/')).toMatch(/https:\/\//);
    expect(urlProblem('https://u:p@example.org/')).toMatch(/password/);
    expect(urlProblem('https://example.org/hook')).toBeNull();
    expect(entryProblem('10.0.0.0/33')).toMatch(/CIDR/);
    expect(entryProblem('exa mple.org')).toMatch(/host name/);
    expect(entryProblem('*.example.org')).toBeNull();
    expect(() => parseAllowList(['10.0.0.0/99'])).toThrow(/CIDR/);
  });
});

describe('the outbound request', () => {
  let receiver: Receiver;
  const options = (dns: Resolver) => ({
    allow: parseAllowList(['127.0.0.0/8']),
    timeoutMs: 300,
    maxBytes: 4096,
    resolve: dns,
  });

  beforeEach(async () => {
    receiver = await startReceiver([], () => TEST_NOW.getTime());
  });
  afterEach(() => receiver.close());

  it('resolves the name once and connects to that address, keeping the Host', async () => {
    const dns = fakeDns();
    const url = `http://loop.council.test:${receiver.port}/hook`;
    const result = await postJson(url, '{}', {}, options(dns));
    expect(result).toMatchObject({ kind: 'answered', status: 400 });
    expect(dns.lookups).toEqual(['loop.council.test']);
    expect(receiver.received[0]?.headers.host).toBe(
      `loop.council.test:${receiver.port}`,
    );
  });

  it('cuts off a receiver that hangs', async () => {
    receiver.script.push('hang');
    const result = await postJson(receiver.url, '{}', {}, options(fakeDns()));
    expect(result).toMatchObject({
      kind: 'failed',
      message: 'The receiver did not answer within 300 ms',
    });
  });

  it('does not follow a redirect', async () => {
    receiver.script.push({ redirect: `${receiver.url}/elsewhere` });
    const result = await postJson(receiver.url, '{}', {}, options(fakeDns()));
    expect(result).toMatchObject({
      kind: 'failed',
      message: expect.stringContaining(
        '302, a redirect, which is not followed',
      ),
    });
    expect(receiver.received).toHaveLength(1);
  });

  it('reads a huge answer only up to the cap, keeping its first 500 bytes', async () => {
    receiver.script.push({ huge: 5_000_000 });
    const result = await postJson(
      receiver.url,
      '{}',
      {},
      {
        ...options(fakeDns()),
        timeoutMs: 10_000,
      },
    );
    expect(result).toMatchObject({ kind: 'answered', status: 200 });
    expect(result.kind === 'answered' && result.body).toBe('x'.repeat(500));
  });

  it('refuses before connecting when the host is not allowed', async () => {
    const result = await postJson(
      `http://intranet.council.test:${receiver.port}/hook`,
      '{}',
      {},
      options(fakeDns()),
    );
    expect(result.kind).toBe('refused');
    expect(receiver.received).toHaveLength(0);
  });
});
