#!/usr/bin/env node
// `npm run build:server`: compiles the server's TypeScript into server/dist/, so a production
// install runs plain JavaScript with no TypeScript compiler or tsx. esbuild bundles our own
// modules (server/ and protocol/) and zod, and leaves every other package as an import; the
// CLI's commands load what they need on demand, in chunks, so that `user list` does not pay
// for the web server. Type checking stays with `npm run typecheck`.
//
// The build is committed, so that a fresh clone installs for production with
// `npm ci --omit=dev` and runs with no build step; `npm test` checks that it is current
// (scripts/check-build.js). `--out DIR` writes it elsewhere, which is how that check builds.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

// zod and uuid are bundled in: loaded from node_modules they are dozens of small modules, and
// resolving and reading them was most of a CLI command's start-up. The rest stay packages.
const BUNDLED = new Set(['zod', 'uuid']);
const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8'));
const external = Object.keys(dependencies)
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`]);

const outAt = process.argv.indexOf('--out');
const OUT = outAt > 0 ? process.argv[outAt + 1] : 'server/dist';
rmSync(OUT, { recursive: true, force: true });
await build({
  entryPoints: ['server/cli.ts'],
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  // Maps point at the TypeScript sources beside the build rather than carrying copies of them.
  sourcemap: true,
  sourcesContent: false,
  // Chunks sit next to cli.js: `server/server-dir.ts` finds server/ as the parent of dist/.
  chunkNames: '[name]-[hash]',
  logLevel: 'warning',
});
console.log(`Built the server into ${OUT}/`);
