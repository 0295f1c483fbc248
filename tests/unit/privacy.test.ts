import { describe, expect, it } from 'vitest';
import { emptyDraft, findPersonalDataInDraft } from '@/utils/report-draft';
import {
  cleanUrl,
  findPersonalData,
  isValidNhsNumber,
  parseAllowList,
  passesLuhn,
  type FindingKind,
} from '@/utils/privacy';

const kinds = (text: string): FindingKind[] =>
  findPersonalData(text).map((f) => f.kind);

describe('findPersonalData', () => {
  it.each([
    ['NHS number 943 476 5919 on the form', 'nhs-number', '943 476 5919'],
    ['nhs 9434765919.', 'nhs-number', '9434765919'],
    ['NI number JK 12 34 56 C', 'ni-number', 'JK 12 34 56 C'],
    ['ni AB123456D here', 'ni-number', 'AB123456D'],
    [
      'email jo.bloggs+tax@example.gov.uk please',
      'email',
      'jo.bloggs+tax@example.gov.uk',
    ],
    ['call 020 7946 0958 today', 'phone', '020 7946 0958'],
    ['mobile +44 7700 900123', 'phone', '+44 7700 900123'],
    ['lives at SW1A 1AA', 'postcode', 'SW1A 1AA'],
    ['postcode cf10 1ep', 'postcode', 'cf10 1ep'],
    ['card 4111 1111 1111 1111 was used', 'card-number', '4111 1111 1111 1111'],
    ['card 5555-5555-5555-4444', 'card-number', '5555-5555-5555-4444'],
  ])('finds %s', (text, kind, match) => {
    const found = findPersonalData(text);
    expect(found).toHaveLength(1);
    expect(found[0]?.kind).toBe(kind);
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe(match);
  });

  it.each([
    ['an NHS number with a bad check digit', 'ref 943 476 5918'],
    ['a card number failing Luhn', 'card 4111 1111 1111 1112'],
    ['a ten-digit case reference with a bad check digit', 'case 1234567890'],
    ['an NI number with a prefix never issued', 'BG 12 34 56 A'],
    ['an NI number with a bad suffix', 'AB 12 34 56 E'],
    ['the specimen NI number, whose prefix is never issued', 'QQ 12 34 56 C'],
    ['a price', 'it cost £1,234.56'],
    ['a date', 'on 27/11/2026'],
    ['an email-like word without a domain dot', 'user@localhost'],
    ['a short number', 'step 3 of 12'],
    ['a too-short phone number', 'call 0207 946'],
  ])('does not flag %s', (_, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it('reports several findings in order, with offsets into the text', () => {
    const text = 'Email a@b.co.uk, NHS 943 476 5919, postcode SW1A 1AA.';
    const found = findPersonalData(text);
    expect(found.map((f) => f.kind)).toEqual([
      'email',
      'nhs-number',
      'postcode',
    ]);
    for (const f of found) expect(f.end).toBeGreaterThan(f.start);
  });

  it('never lets one number count as two kinds', () => {
    // A valid NHS number is also ten digits that a phone pattern could read.
    const found = findPersonalData('0123456789 9434765919');
    const spans = found.map((f) => [f.start, f.end]);
    for (let i = 1; i < spans.length; i++)
      expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]!);
  });
});

describe('checksums', () => {
  it('checks NHS numbers with modulus 11', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('9434765918')).toBe(false);
    expect(isValidNhsNumber('943476591')).toBe(false);
  });

  it('checks card numbers with Luhn', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
  });
});

describe('cleanUrl', () => {
  it('drops the query string and fragment by default', () => {
    expect(
      cleanUrl('https://council.example/apply?name=Jo&nhs=9434765919#step-2'),
    ).toBe('https://council.example/apply');
  });

  it('keeps allow-listed parameters only', () => {
    expect(
      cleanUrl('https://council.example/a?page=2&email=x%40y.z&step=3', [
        'page',
        'step',
      ]),
    ).toBe('https://council.example/a?page=2&step=3');
  });

  it('removes credentials', () => {
    expect(cleanUrl('https://user:secret@council.example/')).toBe(
      'https://council.example/',
    );
  });

  it('answers null for something that is not a URL', () => {
    expect(cleanUrl('not a url')).toBeNull();
  });

  it('parses the allow-list as typed', () => {
    expect(parseAllowList('page, step\nlang  page')).toEqual([
      'page',
      'step',
      'lang',
    ]);
  });
});

describe('the personal-data check over a whole draft', () => {
  it('covers the page title, the URL path and the text around a quote', () => {
    const draft = {
      ...emptyDraft(),
      annotations: [
        {
          id: 'a1',
          kind: 'text' as const,
          note: '',
          selectors: [
            {
              type: 'TextQuoteSelector' as const,
              exact: 'Housing benefit',
              prefix: 'Resident jo.bloggs@example.com ',
              suffix: '',
            },
          ],
        },
      ],
    };
    const found = findPersonalDataInDraft(draft, {
      title: 'Case 943 476 5919 – Housing',
      url: 'https://crm.example-council.gov.uk/cases/AB123456C/notes',
    });
    expect(found.map((f) => [f.where, f.kind])).toEqual([
      ['pageTitle', 'nhs-number'],
      ['pagePath', 'ni-number'],
      ['context-1', 'email'],
    ]);
  });
});
