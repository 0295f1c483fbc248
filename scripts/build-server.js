#!/usr/bin/env node
// `npm run build:server`: compiles the server's TypeScript into server/dist/, so a production
// install runs plain JavaScript with no TypeScript compiler or tsx. esbuild bundles our own
// modules (server/ and protocol/) and leaves every package in node_modules as an import; the
// CLI's commands load what they need on demand, in chunks, so that `user list` does not pay
// for the web server. Type checking stays with `npm run typecheck`.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

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
  packages: 'external',
  sourcemap: true,
  // Chunks sit next to cli.js: `server/server-dir.ts` finds server/ as the parent of dist/.
  chunkNames: '[name]-[hash]',
  logLevel: 'warning',
});
console.log(`Built the server into ${OUT}/`);
