/**
 * Where the server's own files are, whether it runs from its TypeScript sources (`server/`) or
 * from the compiled build (`server/dist/`), so the dashboard is found in `server/web/dist/`
 * either way.
 */
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `server/` folder, given the `import.meta.url` of a module in it or in its build. */
export function serverDir(moduleUrl: string): string {
  const dir = dirname(fileURLToPath(moduleUrl));
  return basename(dir) === 'dist' ? dirname(dir) : dir;
}
