import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Three suites, run by `npm test` in turn: extension units (happy-dom + fake browser),
// the server over real stores, and end-to-end in Debian's Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          // Property suites do real work on real pages; on a shared, loaded machine the default
          // 5 s says more about the machine than the code. Speed is measured in bench/.
          testTimeout: 60_000,
          setupFiles: ['tests/unit/setup.ts'],
          mockReset: true,
          restoreMocks: true,
        },
      },
      {
        // Server tests may drive the extension's anchoring code (never the server itself), which
        // imports the protocol through WXT's `@/` alias.
        resolve: {
          alias: { '@': fileURLToPath(new URL('.', import.meta.url)) },
        },
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
