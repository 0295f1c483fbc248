// Builds what the end-to-end tests load: the e2e build of the extension (docs/architecture.md, "The extension") and the
// review dashboard. Set SNAG_E2E_SKIP_BUILD=1 to reuse existing builds while iterating.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function setup(): void {
  if (process.env.SNAG_E2E_SKIP_BUILD === '1') return;
  const run = (script: string) =>
    execFileSync('npm', ['run', '--silent', script], {
      stdio: 'inherit',
      // Vitest sets NODE_ENV=test, which would make these development builds; the tests must
      // run the code that ships.
      env: { ...process.env, NODE_ENV: 'production' },
    });
  run('build:e2e');
  if (existsSync('server/web/vite.config.ts')) run('build:web');
}
