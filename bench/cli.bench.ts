/**
 * CLI start-up: how long `snag-server` commands take from process start to exit, for the
 * compiled production build (the target is under 300 ms) and, side by side in the same run,
 * the TypeScript sources through tsx and a bare `node -e 0`. Runs are interleaved so a busy
 * machine slows every row alike; the table gives medians and each row's ratio to bare Node.
 *
 *   npx tsx bench/cli.bench.ts            # or: npm run bench cli
 *
 * Prints a table and writes bench/results/cli.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const TARGET_MS = 300;
const BIN = 'server/bin/snag-server.js';

const build = spawnSync(process.execPath, ['scripts/build-server.js'], {
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(1);

const dataDir = mkdtempSync(join(tmpdir(), 'snag-cli-bench-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  SNAG_DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
};
delete env.DATABASE_URL;

interface Row {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Whether the 300 ms target applies. */
  target: boolean;
  times: number[];
}

const built = { ...env, SNAG_SERVER_BUILD: '1' };
const rows: Row[] = [
  {
    name: 'node -e 0 (bare Node)',
    args: ['-e', '0'],
    env,
    target: false,
    times: [],
  },
  {
    name: 'build: --help',
    args: [BIN, '--help'],
    env: built,
    target: true,
    times: [],
  },
  {
    name: 'build: user list --json',
    args: [BIN, 'user', 'list', '--json'],
    env: built,
    target: true,
    times: [],
  },
  {
    name: 'build: user add --json',
    args: [
      BIN,
      'user',
      'add',
      '--name',
      'Bench',
      '--role',
      'reporter',
      '--json',
    ],
    env: built,
    target: true,
    times: [],
  },
  {
    name: 'sources (tsx): user list --json',
    args: [BIN, 'user', 'list', '--json'],
    env,
    target: false,
    times: [],
  },
];

// One warm-up round fills the file cache and creates the database.
for (const row of rows) spawnSync(process.execPath, row.args, { env: row.env });
for (let i = 0; i < RUNS; i++) {
  for (const row of rows) {
    const started = performance.now();
    const child = spawnSync(process.execPath, row.args, { env: row.env });
    row.times.push(performance.now() - started);
    if (child.status !== 0)
      throw new Error(`${row.name} failed: ${child.stderr.toString()}`);
  }
}
rmSync(dataDir, { recursive: true, force: true });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};
const bare = median(rows[0]?.times ?? []);
const results = rows.map((row) => ({
  command: row.name,
  medianMs: Math.round(median(row.times)),
  minMs: Math.round(Math.min(...row.times)),
  ratioToBareNode: Number((median(row.times) / bare).toFixed(2)),
  underTarget: row.target ? median(row.times) < TARGET_MS : null,
}));

console.log(
  `\nCLI start-up, ${RUNS} interleaved runs each (load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores)`,
);
console.log(
  'command                           median    min   × bare node   < 300 ms',
);
for (const r of results) {
  console.log(
    `${r.command.padEnd(32)} ${String(r.medianMs).padStart(6)} ms ${String(r.minMs).padStart(5)} ms ${String(r.ratioToBareNode).padStart(10)}   ${r.underTarget === null ? '' : r.underTarget ? 'yes' : 'NO'}`,
  );
}
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/cli.json',
  JSON.stringify(
    { runs: RUNS, loadAverage: loadavg()[0], cores: cpus().length, results },
    null,
    2,
  ),
);
