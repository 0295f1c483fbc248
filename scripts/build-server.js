#!/usr/bin/env node
// `npm run build:server`: compiles the server's TypeScript into server/dist/, so a production
// install runs plain JavaScript with no TypeScript compiler or tsx. esbuild bundles our own
// modules (server/ and protocol/) and zod, and leaves every other package as an import; the
// CLI's commands load what they need on demand, in chunks, so that `user list` does not pay
// for the web server. Type checking stays with `npm run typecheck`.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

// zod and uuid are bundled in: loaded from node_modules they are dozens of small modules, and
// resolving and reading them was most of a CLI command's start-up. The rest stay packages.
const BUNDLED = new Set(['zod', 'uuid']);
const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8'));
const external = Object.keys(dependencies)
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`]);

const OUT = 'server/dist';
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
  sourcemap: true,
  // Chunks sit next to cli.js: `server/server-dir.ts` finds server/ as the parent of dist/.
  chunkNames: '[name]-[hash]',
  logLevel: 'warning',
});
console.log(`Built the server into ${OUT}/`);
