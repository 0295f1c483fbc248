#!/usr/bin/env node
// `npm start`: builds the extension, the review dashboard and the compiled server, then runs
// that build on the embedded SQLite store, as a production install would. The first run
// creates an administrator and prints its token once.
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

function step(label, args) {
  console.log(`\n▶ ${label}`);
  const child = spawnSync('npm', ['run', '--silent', ...args], {
    stdio: 'inherit',
  });
  if (child.status !== 0) {
    console.error(
      `\n✗ ${label} failed (exit ${child.status}). Nothing was started.`,
    );
    process.exit(child.status ?? 1);
  }
}

step('Building the extension for Chrome and Edge', ['build']);
step('Building the extension for Firefox', ['build:firefox']);
step('Building the review dashboard and the server', ['build:server']);

console.log(`
The extension is built. Load it unpacked:
  Chrome or Edge: open chrome://extensions (edge://extensions), turn on Developer mode,
                  choose "Load unpacked" and pick
                  ${resolve('.output/chrome-mv3')}
  Firefox:        open about:debugging#/runtime/this-firefox, choose "Load Temporary Add-on…"
                  and pick ${resolve('.output/firefox-mv3/manifest.json')}
`);

console.log('▶ Starting the Snag server (Ctrl+C stops it)\n');
const server = spawn(process.execPath, ['server/bin/snag-server.js', 'serve'], {
  stdio: 'inherit',
  env: { ...process.env, SNAG_SERVER_BUILD: '1' },
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code) => process.exit(code ?? 0));
