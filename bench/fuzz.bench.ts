/**
 * The full fuzz run: FUZZ_RUNS (10,000 by default) seeded requests across every API route, on
 * SQLite and, when `DATABASE_URL` is set, PostgreSQL. Prints a table, writes
 * bench/results/fuzz.json, and exits non-zero on any 5xx or failed store check.
 *
 *   npm run fuzz        (or: npm run bench fuzz)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  FUZZ_SEED,
  fuzzApp,
  storeProblems,
} from '../tests/server/support/fuzz';
import { openTestApp, STORE_KINDS } from '../tests/server/support/harness';

const runs = Number(process.env.FUZZ_RUNS ?? 10_000);
const results = [];
let failed = false;
for (const kind of STORE_KINDS) {
  const t = await openTestApp(kind);
  try {
    const outcome = await fuzzApp(t, runs);
    const problems = await storeProblems(t);
    failed ||= outcome.failures.length > 0 || problems.length > 0;
    results.push({
      store: kind,
      seed: FUZZ_SEED,
      runs: outcome.runs,
      ...outcome.byClass,
      failures: outcome.failures.length,
      storeChecks: problems.length === 0 ? 'pass' : problems.join('; '),
    });
    for (const failure of outcome.failures.slice(0, 5))
      console.error(
        `${kind}: ${failure.status}`,
        JSON.stringify(failure.request).slice(0, 500),
      );
  } finally {
    await t.close();
  }
}
console.table(results);
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/fuzz.json',
  `${JSON.stringify(results, null, 2)}\n`,
);
process.exit(failed ? 1 : 0);
