#!/usr/bin/env node
// `npm run pack:server`: builds the server and the dashboard, then writes a release archive,
// snag-server-<version>.tgz, holding only what runs in production: the compiled server, the
// built dashboard, package.json and package-lock.json. Unpacked anywhere with Node 20,
//   npm ci --omit=dev && npx snag-server serve
// runs it with no TypeScript compiler, no tsx and no build step.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const FILES = [
  'package.json',
  'package-lock.json',
  'README.md',
  'docs/operations.md',
  'scripts/postinstall.js',
  'server/bin/snag-server.js',
  'server/dist',
  'server/web/dist',
];

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('npm', ['run', '--silent', 'build:server']);
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const name = `snag-server-${version}`;
const staging = mkdtempSync(join(tmpdir(), 'snag-pack-'));
const root = join(staging, name);
for (const file of FILES) {
  mkdirSync(join(root, file, '..'), { recursive: true });
  cpSync(file, join(root, file), { recursive: true });
}
const archive = resolve(process.argv[2] ?? `${name}.tgz`);
run('tar', ['-czf', archive, '-C', staging, name]);
rmSync(staging, { recursive: true, force: true });
console.log(`Wrote ${archive}`);
