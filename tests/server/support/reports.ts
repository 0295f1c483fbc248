/**
 * Valid report bodies for server tests, varied by seed so lists and filters have something to
 * tell apart.
 */
import { v7 as uuidv7, v4 as uuidv4 } from 'uuid';
import { SCHEMA_VERSION, type ReportInput } from '../../../protocol/report';

/** A valid `PUT /reports/:id` body; `overrides` replace top-level fields. */
export function makeReport(
  overrides: Partial<ReportInput> = {},
  seed = 0,
): ReportInput {
  const at = new Date(Date.UTC(2025, 0, 1) + seed * 60_000).toISOString();
  return {
    id: uuidv7(),
    schemaVersion: SCHEMA_VERSION,
    createdAt: at,
    updatedAt: at,
    page: {
      url: `https://www.example-council.gov.uk/${seed % 2 ? 'parking' : 'bins'}/apply`,
      title: seed % 2 ? 'Apply for a parking permit' : 'Report a missed bin',
      service: '',
    },
    problems:
      seed % 3 === 0
        ? [
            { kind: 'hard-to-use', usabilityCategories: ['too-many-steps'] },
            {
              kind: 'insecure-workaround',
              workarounds: ['personal-email'],
              dataInvolved: 'personal',
            },
          ]
        : [
            {
              kind: 'hard-to-use',
              usabilityCategories: ['confusing-content', 'slow'],
            },
          ],
    whoIsAffected: 'residents',
    frequency: 'daily',
    trying: `Trying to finish the form, attempt ${seed}`,
    whatHappened: 'The page timed out and lost what I had typed.',
    annotations: [
      {
        id: uuidv4(),
        kind: 'text',
        note: 'This button does nothing',
        selectors: [
          {
            type: 'TextQuoteSelector',
            exact: 'Continue',
            prefix: 'Save and ',
            suffix: '',
          },
        ],
      },
    ],
    environment: {
      browser: 'Chrome',
      version: '130',
      os: 'Windows',
      viewport: { width: 1280, height: 800 },
      language: 'en-GB',
      extensionVersion: '0.1.0',
    },
    ...overrides,
  };
}

/** The smallest valid PNG (1×1), for screenshot uploads. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
