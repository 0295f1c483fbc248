/**
 * Seed data for the dashboard tests: valid reports made the way the extension makes them,
 * sent through the real API with a reporter's token.
 */
import { v7 as uuidv7 } from 'uuid';
import type { ReportInput, StoredReport } from '../../../protocol/report';

/** What a test may vary in a seeded report. */
export interface ReportSeed {
  trying?: string;
  whatHappened?: string;
  url?: string;
  title?: string;
  service?: string;
  problems?: ReportInput['problems'];
  note?: string;
  /** Whether the report says a screenshot goes with it. */
  screenshot?: boolean;
}

/** A 1×1 PNG, standing in for a masked screenshot. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** A valid report body, with a fresh UUIDv7 id. */
export function makeReport(seed: ReportSeed = {}): ReportInput {
  const now = new Date().toISOString();
  return {
    id: uuidv7(),
    schemaVersion: 1,
    createdAt: now,
    updatedAt: now,
    page: {
      url:
        seed.url ?? 'https://www.example-council.gov.uk/bins/missed-collection',
      title: seed.title ?? 'Report a missed bin collection',
      service: seed.service ?? 'Waste and recycling',
    },
    problems: seed.problems ?? [
      { kind: 'hard-to-use', usabilityCategories: ['too-many-steps'] },
    ],
    whoIsAffected: 'residents',
    frequency: 'daily',
    trying: seed.trying ?? 'Report a missed bin collection',
    whatHappened:
      seed.whatHappened ?? 'The form asks for the address three times.',
    annotations: [
      {
        id: uuidv7(),
        kind: 'text',
        note: seed.note ?? 'This sentence sends people to the phone line.',
        selectors: [
          {
            type: 'TextQuoteSelector',
            exact: 'call us on the number below',
            prefix: 'If your bin was missed, ',
            suffix: ' during office hours.',
          },
        ],
      },
    ],
    ...(seed.screenshot
      ? {
          screenshot: {
            mediaType: 'image/png' as const,
            width: 1,
            height: 1,
            redactions: [],
          },
        }
      : {}),
    environment: {
      browser: 'Chrome',
      version: '130',
      os: 'Windows 11',
      viewport: { width: 1366, height: 768 },
      language: 'en-GB',
      extensionVersion: '0.1.0',
    },
  };
}

/** A thin API client for the tests, authenticated by bearer token. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {}

  /** Calls the API, answering status and parsed body. */
  async call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(new URL(`/api/v1${path}`, this.baseUrl), {
      method,
      headers: {
        Authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : undefined) as T,
    };
  }

  /** Uploads a report's masked screenshot. */
  async putScreenshot(id: string, png: Buffer = TINY_PNG): Promise<number> {
    const response = await fetch(
      new URL(`/api/v1/reports/${id}/screenshot`, this.baseUrl),
      {
        method: 'PUT',
        headers: {
          Authorization: `Bearer ${this.token}`,
          'Content-Type': 'image/png',
        },
        body: new Uint8Array(png),
      },
    );
    await response.arrayBuffer();
    return response.status;
  }

  /** Sends a report, failing loudly if the server refuses it. */
  async putReport(report: ReportInput): Promise<StoredReport> {
    const { status, body } = await this.call<StoredReport>(
      'PUT',
      `/reports/${report.id}`,
      report,
    );
    if (status >= 300)
      throw new Error(`PUT report: ${status} ${JSON.stringify(body)}`);
    return body;
  }
}
