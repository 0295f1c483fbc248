import { describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import cy from '../../public/_locales/cy/messages.json';
import {
  DATA_INVOLVED,
  FREQUENCIES,
  STATUSES,
  USABILITY_CATEGORIES,
  WHO_IS_AFFECTED,
  WORKAROUNDS,
} from '@/protocol/report';
import { SIGN_IN_PROBLEM_CODES } from '@/protocol/auth';

const key = (prefix: string, value: string) =>
  `${prefix}_${value.replace(/-/g, '_')}`;

describe('locales', () => {
  it('has the same messages in Welsh as in English', () => {
    expect(Object.keys(cy).sort()).toEqual(Object.keys(en).sort());
  });

  it('has a message for every value the form and list show', () => {
    const needed = [
      ...USABILITY_CATEGORIES.map((v) => key('category', v)),
      ...WORKAROUNDS.map((v) => key('workaround', v)),
      ...DATA_INVOLVED.map((v) => key('data', v)),
      ...WHO_IS_AFFECTED.map((v) => key('who', v)),
      ...FREQUENCIES.map((v) => key('frequency', v)),
      ...STATUSES.map((v) => key('status', v)),
      ...[...SIGN_IN_PROBLEM_CODES, 'unreachable'].map((v) =>
        key('signInProblem', v),
      ),
      ...[
        'nhs-number',
        'ni-number',
        'email',
        'phone',
        'postcode',
        'card-number',
      ].map((v) => key('finding', v)),
    ];
    const missing = needed.filter((k) => !(k in en));
    expect(missing).toEqual([]);
  });

  it('uses only names Chrome accepts, and no empty messages', () => {
    for (const [name, value] of Object.entries({ ...en, ...cy })) {
      expect(name).toMatch(/^[A-Za-z0-9_]+$/);
      expect((value as { message: string }).message.trim()).not.toBe('');
    }
  });
});
