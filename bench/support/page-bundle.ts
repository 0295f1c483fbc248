// What the benchmarks that run in headless Chromium share: our modules bundled into one
// script for the page, and a page served alone with every other request cut off.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BrowserContext } from 'playwright-core';

const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

/** Bundles `entry` (a path under bench/support/) as one script for a page. */
export async function bundleForPage(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(repoRoot, 'bench/support', entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'error',
    // The `@/` alias of tsconfig.json, spelled out so the bundle does not depend on how
    // esbuild reads the extended WXT config.
    alias: { '@': repoRoot },
  });
  const code = result.outputFiles[0]?.text;
  if (!code) throw new Error(`The bundle of ${entry} is empty`);
  return code;
}

/** Answers `url` with `html` in `context`, and cuts off every other request. */
export async function servePageOnly(
  context: BrowserContext,
  url: string,
  html: string,
): Promise<void> {
  await context.route('**/*', (route) =>
    route.request().url() === url
      ? route.fulfill({ body: html, contentType: 'text/html' })
      : route.abort(),
  );
}
