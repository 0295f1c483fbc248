#!/usr/bin/env node
// Checks that the committed server build (server/dist/) and dashboard build (server/web/dist/)
// are what the sources build today. A fresh clone runs them in production with no build step,
// so a change to the server or the dashboard must come with its rebuilt output. The builds are
// deterministic and their source maps name paths relative to where they are written, so the
// check rebuilds in place and asks git whether anything changed: on a current checkout nothing
// does, and on a stale one the rebuilt files are left ready to commit.
import { spawnSync } from 'node:child_process';

const BUILT = ['server/dist', 'server/web/dist'];

function run(command, args, stdio = 'inherit') {
  return spawnSync(command, args, { stdio, encoding: 'utf8' });
}

if (
  run(
    'npm',
    ['run', '--silent', 'build:server'],
    ['ignore', 'ignore', 'inherit'],
  ).status !== 0
) {
  console.error(
    'The server build failed: run "npm run build:server" to see why.',
  );
  process.exit(1);
}
// Changed or deleted files against what is committed or staged, and any new ones.
const changed = run('git', ['diff', '--name-status', '--', ...BUILT], 'pipe');
const added = run(
  'git',
  ['ls-files', '--others', '--exclude-standard', '--', ...BUILT],
  'pipe',
);
if (changed.status !== 0 || added.status !== 0) {
  console.error(
    `git could not compare the build: ${changed.stderr}${added.stderr}`.trim(),
  );
  process.exit(1);
}
const differences =
  `${changed.stdout}${added.stdout.replace(/^(?=.)/gm, '?\t')}`.trim();
if (differences !== '') {
  console.error(differences);
  console.error(
    '\nThe committed server build did not match the sources. It has been rebuilt in place:' +
      '\ncommit server/dist and server/web/dist with the change that needed it.',
  );
  process.exit(1);
}
console.log('The committed server and dashboard builds match the sources.');
