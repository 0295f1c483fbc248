#!/usr/bin/env node
// After `npm ci`: prepares WXT's generated types for development. A production install
// (`npm ci --omit=dev`) has no WXT and needs none, so there this does nothing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (existsSync('node_modules/wxt/package.json')) {
  const result = spawnSync('npx', ['wxt', 'prepare'], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
