// Builders of valid reports for unit tests.
import type { ReportInput } from '@/protocol/report';
import { v7 } from 'uuid';

/** A complete, valid report; override any field. */
export function sampleReport(
  overrides: Partial<ReportInput> = {},
): ReportInput {
  const now = new Date('2026-11-20T10:00:00Z').toISOString();
  return {
    id: v7(),
    schemaVersion: 1,
    createdAt: now,
    updatedAt: now,
    page: {
      url: 'https://www.example-council.gov.uk/apply/blue-badge',
      title: 'Apply for a Blue Badge',
      service: 'www.example-council.gov.uk',
    },
    problems: [
      { kind: 'hard-to-use', usabilityCategories: ['too-many-steps'] },
    ],
    whoIsAffected: 'residents',
    frequency: 'daily',
    trying: 'Renew a Blue Badge for a resident',
    whatHappened: 'The upload step rejects every photo',
    annotations: [],
    environment: {
      browser: 'Chrome',
      version: '130.0',
      os: 'Windows',
      viewport: { width: 1280, height: 800 },
      language: 'en-GB',
      extensionVersion: '0.1.0',
    },
    ...overrides,
  };
}
