/**
 * The server's pure pieces: image sniffing, catalogue matching, canonical JSON, CSV defusing
 * and week bucketing.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../server/canonical-json';
import { resolveService } from '../../server/domain/catalogue';
import { defuseFormula } from '../../server/export/csv';
import { sniffImage } from '../../server/image-sniff';
import { buildTrends, weekStart } from '../../server/domain/trends';
import { TINY_PNG } from './support/reports';

describe('sniffImage', () => {
  it('knows PNG, JPEG and WebP by their bytes and nothing else', () => {
    expect(sniffImage(TINY_PNG)).toBe('image/png');
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe(
      'image/jpeg',
    );
    expect(
      sniffImage(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1')),
    ).toBe('image/webp');
    expect(
      sniffImage(Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt ', 'latin1')),
    ).toBeNull();
    expect(sniffImage(Buffer.from('GIF89a'))).toBeNull();
    expect(
      sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')),
    ).toBeNull();
    expect(sniffImage(Buffer.alloc(0))).toBeNull();
  });
});

describe('resolveService', () => {
  const catalogue = [
    { hostname: 'council.gov.uk', pathPrefix: '/', name: 'Council' },
    { hostname: 'www.council.gov.uk', pathPrefix: '/', name: 'Main site' },
    { hostname: 'www.council.gov.uk', pathPrefix: '/parking', name: 'Parking' },
  ];
  it('prefers the longest hostname, then the longest path prefix', () => {
    expect(
      resolveService(
        catalogue,
        'https://www.council.gov.uk/parking/permit',
        '',
      ),
    ).toBe('Parking');
    expect(
      resolveService(catalogue, 'https://www.council.gov.uk/bins', ''),
    ).toBe('Main site');
    expect(
      resolveService(catalogue, 'https://forms.council.gov.uk/x', ''),
    ).toBe('Council');
  });
  it('falls back to the client guess, then the hostname', () => {
    expect(
      resolveService(catalogue, 'https://evilcouncil.gov.uk/', 'Guess'),
    ).toBe('Guess');
    expect(resolveService([], 'https://Example.org/a', '  ')).toBe(
      'example.org',
    );
  });
});

describe('canonicalJson', () => {
  it('ignores key order at every depth but not array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [2, 1] }, b: 1 }),
    );
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });
});

describe('defuseFormula', () => {
  it('prefixes cells a spreadsheet would run', () => {
    expect(defuseFormula('=1+1')).toBe("'=1+1");
    expect(defuseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(defuseFormula('-2')).toBe("'-2");
    expect(defuseFormula('plain = text')).toBe('plain = text');
  });
});

describe('buildTrends', () => {
  it('buckets by ISO week (Monday, UTC) and counts workarounds', () => {
    const now = new Date('2025-03-12T10:00:00Z'); // a Wednesday
    expect(weekStart(now).toISOString()).toBe('2025-03-10T00:00:00.000Z');
    const trends = buildTrends(
      [
        {
          receivedAt: '2025-03-10T00:00:00.000Z',
          service: 'Bins',
          hardToUse: true,
          insecure: false,
          workarounds: [],
        },
        {
          receivedAt: '2025-03-09T23:59:59.000Z',
          service: 'Bins',
          hardToUse: false,
          insecure: true,
          workarounds: ['personal-email'],
        },
        {
          receivedAt: '2025-03-05T12:00:00.000Z',
          service: 'Parking',
          hardToUse: false,
          insecure: true,
          workarounds: ['personal-email', 'shared-account'],
        },
        {
          receivedAt: '2024-01-01T00:00:00.000Z',
          service: 'Old',
          hardToUse: true,
          insecure: false,
          workarounds: [],
        },
      ],
      now,
      2,
    );
    expect(trends.weeks).toEqual(['2025-03-03', '2025-03-10']);
    expect(trends.byService).toEqual([
      { name: 'Bins', counts: [1, 1] },
      { name: 'Parking', counts: [1, 0] },
    ]);
    expect(trends.byProblem).toEqual([
      { name: 'hard-to-use', counts: [0, 1] },
      { name: 'insecure-workaround', counts: [2, 0] },
    ]);
    expect(trends.topWorkarounds).toEqual([
      { workaround: 'personal-email', count: 2 },
      { workaround: 'shared-account', count: 1 },
    ]);
  });
});
