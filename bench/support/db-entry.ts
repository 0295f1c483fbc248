// Bundled for the browser by bench/extension.bench.ts: the extension's own store code, exposed
// to the benchmark page so it measures exactly what the popup runs.
import { listReports, saveReport, saveReports } from '@/utils/reports';
import { getDb } from '@/utils/db';

Object.assign(globalThis, {
  snagBench: { listReports, saveReport, saveReports, getDb },
});
