import { describe, expect, it } from 'vitest';
import { reportInput, storedReport } from '@/protocol/report';
import { selector } from '@/protocol/selectors';
import { sampleReport } from './fixtures';

describe('report schema', () => {
  it('accepts a complete report', () => {
    expect(reportInput.safeParse(sampleReport()).success).toBe(true);
  });

  it('requires at least one problem kind', () => {
    const result = reportInput.safeParse(sampleReport({ problems: [] }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['problems']);
  });

  it('refuses the same problem kind twice', () => {
    const p = { kind: 'hard-to-use' as const, usabilityCategories: [] };
    expect(
      reportInput.safeParse(sampleReport({ problems: [p, p] })).success,
    ).toBe(false);
  });

  it('refuses unknown categories, workarounds and data kinds', () => {
    const bad = [
      { kind: 'hard-to-use', usabilityCategories: ['annoying'] },
      {
        kind: 'insecure-workaround',
        workarounds: ['fax'],
        dataInvolved: 'none',
      },
      { kind: 'insecure-workaround', workarounds: [], dataInvolved: 'secret' },
    ];
    for (const problem of bad) {
      expect(
        reportInput.safeParse({ ...sampleReport(), problems: [problem] })
          .success,
      ).toBe(false);
    }
  });

  it('refuses unknown fields rather than dropping them', () => {
    expect(
      reportInput.safeParse({ ...sampleReport(), status: 'fixed' }).success,
    ).toBe(false);
  });

  it('limits free text to 5,000 characters and requires an answer', () => {
    expect(
      reportInput.safeParse(sampleReport({ trying: 'x'.repeat(5000) })).success,
    ).toBe(true);
    expect(
      reportInput.safeParse(sampleReport({ trying: 'x'.repeat(5001) })).success,
    ).toBe(false);
    expect(
      reportInput.safeParse(sampleReport({ whatHappened: '   ' })).success,
    ).toBe(false);
  });

  it('requires a UUIDv7 id', () => {
    expect(
      reportInput.safeParse(sampleReport({ id: '../../etc/passwd' })).success,
    ).toBe(false);
    expect(
      reportInput.safeParse(
        sampleReport({ id: '3b241101-e2bb-4255-8caf-4136c566a962' }),
      ).success,
    ).toBe(false);
  });

  it('keeps the optional fields optional', () => {
    const { whoIsAffected: _w, frequency: _f, ...rest } = sampleReport();
    expect(reportInput.safeParse(rest).success).toBe(true);
  });

  it('validates selectors, including the position order', () => {
    expect(
      selector.safeParse({ type: 'TextPositionSelector', start: 4, end: 2 })
        .success,
    ).toBe(false);
    expect(
      selector.safeParse({ type: 'CssSelector', value: '#main' }).success,
    ).toBe(true);
    expect(
      selector.safeParse({ type: 'FragmentSelector', value: 'x' }).success,
    ).toBe(false);
  });

  it('describes the server copy as the report plus triage fields', () => {
    const stored = {
      ...sampleReport(),
      serverSeq: 4,
      receivedAt: '2026-11-20T10:00:01.000Z',
      author: { id: 'u1', name: 'Sam' },
      status: 'new',
      usabilitySeverity: null,
      securityRisk: 3,
      assignee: null,
      duplicateOf: null,
      version: 1,
      votes: 0,
      comments: [],
    };
    expect(storedReport.safeParse(stored).success).toBe(true);
    expect(
      storedReport.safeParse({ ...stored, status: 'closed' }).success,
    ).toBe(false);
  });
});
