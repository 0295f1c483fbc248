#!/usr/bin/env node
// The `snag-server` command. A production install runs the compiled server in server/dist/
// (`npm run build:server`), with no TypeScript compiler or tsx. A development checkout, where
// tsx is installed, runs the TypeScript sources instead, so an old build never runs by
// mistake; SNAG_SERVER_BUILD=1 makes it run the build too (the CLI benchmark does).
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli.js', import.meta.url);
const sources = new URL('../cli.ts', import.meta.url);

function hasTsx() {
  try {
    import.meta.resolve('tsx/esm/api');
    return true;
  } catch {
    return false;
  }
}

if (existsSync(sources) && process.env.SNAG_SERVER_BUILD !== '1' && hasTsx()) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(sources.href);
} else if (existsSync(built)) {
  await import(built.href);
} else {
  process.stderr.write(
    'The Snag server has not been built. Run "npm run build:server" (it needs the development\n' +
      'dependencies: npm ci), or install a release, which carries the build.\n',
  );
  process.exit(1);
}
