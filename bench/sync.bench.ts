// Draining 1,000 queued reports to a local server through the sync engine, and their size on
// the wire. The engine runs in Node over fake-indexeddb; the server is a real child process.
import 'fake-indexeddb/auto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { v7 } from 'uuid';
import { createUser, startServer } from '../tests/support/server-process';
import { saveReports } from '../utils/reports';
import { getDb } from '../utils/db';
import { ServerClient, SyncEngine } from '../utils/sync';
import type { ReportInput } from '../protocol/report';

const REPORTS = 1000;
const ROOT = resolve(import.meta.dirname, '..');

function report(i: number): ReportInput {
  const at = new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString();
  return {
    id: v7(),
    schemaVersion: 1,
    createdAt: at,
    updatedAt: at,
    page: {
      url: `https://www.example-council.gov.uk/apply/${i % 50}`,
      title: 'Apply for a permit',
      service: 'www.example-council.gov.uk',
    },
    problems: [
      {
        kind: 'hard-to-use',
        usabilityCategories: ['too-many-steps', 'confusing-content'],
      },
      {
        kind: 'insecure-workaround',
        workarounds: ['copy-to-spreadsheet'],
        dataInvolved: 'personal',
      },
    ],
    whoIsAffected: 'both',
    frequency: 'daily',
    trying: 'Process a permit application for a resident',
    whatHappened:
      'The case system cannot export, so applications are copied into a shared spreadsheet.',
    annotations: [
      {
        id: '6f1c1c1e-9a43-4b5e-9d8e-1f2a3b4c5d6e',
        kind: 'text',
        note: 'This is where the export should be',
        selectors: [
          {
            type: 'TextQuoteSelector',
            exact: 'Download your application',
            prefix: 'When you have finished, ',
            suffix: ' as a PDF',
          },
          { type: 'TextPositionSelector', start: 1200, end: 1226 },
        ],
      },
    ],
    environment: {
      browser: 'Edge',
      version: '130',
      os: 'Windows',
      viewport: { width: 1366, height: 768 },
      language: 'en-GB',
      extensionVersion: '0.1.0',
    },
  };
}

async function main() {
  const server = await startServer();
  try {
    const { token } = await createUser(server, 'Bench Reporter', 'reporter');
    const items = Array.from({ length: REPORTS }, (_, i) => ({
      report: report(i),
    }));
    await saveReports(items);
    let bytes = 0;
    let requests = 0;
    let inFlight = 0;
    let networkMs = 0;
    let since = 0;
    // Wall time with at least one request in flight: the share of the drain spent on HTTP.
    const counting: typeof fetch = async (input, init) => {
      requests++;
      if (typeof init?.body === 'string') bytes += Buffer.byteLength(init.body);
      if (inFlight++ === 0) since = performance.now();
      try {
        return await fetch(input, init);
      } finally {
        if (--inFlight === 0) networkMs += performance.now() - since;
      }
    };
    let cursor = '';
    const engine = new SyncEngine({
      client: new ServerClient({ serverUrl: server.url, token }, counting),
      cursor: { get: async () => cursor, set: async (c) => void (cursor = c) },
    });
    const db = await getDb();
    const started = performance.now();
    let drains = 0;
    while ((await db.count('outbox')) > 0 && drains < 1000) {
      await engine.drain();
      drains++;
    }
    const seconds = (performance.now() - started) / 1000;
    const left = await db.count('outbox');
    const table = [
      {
        measure: `drain ${REPORTS} queued reports (s)`,
        value: Number(seconds.toFixed(2)),
        target: '< 10',
      },
      {
        measure: 'reports per second',
        value: Number((REPORTS / seconds).toFixed(0)),
        target: '',
      },
      { measure: 'drain calls (batches)', value: drains, target: '' },
      {
        measure: 'time waiting on the server (s)',
        value: Number((networkMs / 1000).toFixed(2)),
        target: '',
      },
      { measure: 'requests', value: requests, target: '' },
      {
        measure: 'JSON on the wire, total (KB)',
        value: Number((bytes / 1024).toFixed(1)),
        target: '',
      },
      {
        measure: 'JSON on the wire, per report (bytes)',
        value: Math.round(bytes / REPORTS),
        target: '',
      },
      { measure: 'left in the outbox', value: left, target: '0' },
    ];
    console.table(table);
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(
      join(ROOT, 'bench/results/sync.json'),
      JSON.stringify({ at: new Date().toISOString(), table }, null, 2),
    );
  } finally {
    await server.stop();
  }
}

await main();
