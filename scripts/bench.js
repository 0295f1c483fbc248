#!/usr/bin/env node
// `npm run bench`: runs every benchmark in bench/ in turn (or those named on the command
// line). Each prints its own table and writes bench/results/NAME.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';

mkdirSync('bench/results', { recursive: true });
// The dashboard benchmark serves the built dashboard.
spawnSync('npm', ['run', '--silent', 'build:web'], { stdio: 'inherit' });
const names = process.argv.slice(2);
const files = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter(
    (f) => names.length === 0 || names.includes(f.replace('.bench.ts', '')),
  )
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n▶ bench/${file}`);
  const child = spawnSync('npx', ['tsx', `bench/${file}`], {
    stdio: 'inherit',
  });
  if (child.status !== 0) {
    failed++;
    console.error(`✗ bench/${file} exited with ${child.status}`);
  }
}
process.exit(failed ? 1 : 0);
