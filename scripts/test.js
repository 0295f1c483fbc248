#!/usr/bin/env node
// `npm test`: typecheck, lint, the size limits (scripts/sizes.ts), the Firefox build's addons-linter check, the check that the
// committed server build is current, then the unit, server and end-to-end suites. Every step runs even when an earlier one fails, so one run shows all
// that is wrong; the last line sums every suite as "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const tmp = mkdtempSync(join(tmpdir(), 'snag-test-'));
const results = [];

function run(name, command, args, env = {}) {
  const started = Date.now();
  console.log(`\n▶ ${name}: ${[command, ...args].join(' ')}`);
  const child = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: child.status === 0, seconds };
}

function check(name, command, args) {
  const { ok, seconds } = run(name, command, args);
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, seconds });
}

function suite(project) {
  const out = join(tmp, `${project}.json`);
  const { ok, seconds } = run(project, 'npx', [
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  let passed = 0;
  let failed = 0;
  try {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed = report.numPassedTests;
    failed = report.numFailedTests;
  } catch {
    // No report means the suite could not start; count that as a failure.
  }
  // A suite that exits non-zero with no failed test (a crash in setup, say) still failed.
  if (!ok && failed === 0) failed = 1;
  results.push({ name: project, passed, failed, seconds });
}

const only = process.argv.slice(2);
const want = (step) => only.length === 0 || only.includes(step);

if (want('typecheck'))
  check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
if (want('lint')) check('lint', 'npm', ['run', '--silent', 'lint']);
if (want('sizes'))
  check('sizes', 'npx', [
    'tsx',
    'scripts/sizes.ts',
    ...['entrypoints', 'components', 'utils', 'protocol', 'server', 'scripts'],
  ]);
if (want('firefox')) {
  const built = run('firefox build', 'npm', [
    'run',
    '--silent',
    'build:firefox',
  ]);
  if (built.ok) {
    check('web-ext lint', 'npx', [
      'web-ext',
      'lint',
      '--source-dir',
      '.output/firefox-mv3',
      '--no-config-discovery',
    ]);
  } else {
    results.push({
      name: 'firefox build',
      passed: 0,
      failed: 1,
      seconds: built.seconds,
    });
  }
}
if (want('build')) check('server build', 'node', ['scripts/check-build.js']);
if (want('unit')) suite('unit');
if (want('server')) suite('server');
if (want('e2e')) suite('e2e');

rmSync(tmp, { recursive: true, force: true });

console.log('\nSummary');
for (const r of results) {
  console.log(
    `  ${r.failed ? '✗' : '✓'} ${r.name.padEnd(14)} ${r.passed} passed, ${r.failed} failed (${r.seconds} s)`,
  );
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
