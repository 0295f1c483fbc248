import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * The layers of docs/architecture.md, as import rules. Each entry names the folders whose
 * files may NOT import the listed layers: imports go one way,
 * `entrypoints → components → utils → protocol`, and `server → protocol`.
 */
const LAYERS = {
  protocol: ['utils', 'components', 'entrypoints', 'server', 'tests', 'bench'],
  utils: ['components', 'entrypoints', 'server', 'tests', 'bench'],
  components: ['entrypoints', 'server', 'tests', 'bench'],
  entrypoints: ['server', 'tests', 'bench'],
  server: ['utils', 'components', 'entrypoints', 'tests', 'bench'],
};

/** An import of one of `layers`, by the `@/` alias or by a relative path that climbs to it. */
function layerImports(layers) {
  const names = layers.join('|');
  return [
    {
      regex: `^[@~]{1,2}/(${names})(/|$)`,
      message: 'Imports go one way between layers (docs/architecture.md).',
    },
    {
      regex: `^(\\.\\./)+(${names})(/|$)`,
      message: 'Imports go one way between layers (docs/architecture.md).',
    },
  ];
}

/** Node's own modules: browser code (the extension and the dashboard) never reaches for them. */
const NODE_ONLY = {
  regex: '^node:',
  message: 'Browser code runs without Node: no Node modules here.',
};

/** Rules for one layer: its forbidden imports, plus anything extra. */
function layer(folder, extraPatterns = []) {
  const forbidden = LAYERS[folder];
  return {
    files: [`${folder}/**/*.{ts,tsx}`],
    ignores: folder === 'server' ? ['server/web/**'] : [],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...layerImports(forbidden), ...extraPatterns] },
      ],
    },
  };
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.output/',
      '.wxt/',
      'data/',
      'bench/results/',
      'server/web/dist/',
      'server/dist/',
      'tests/fixtures/pages/',
      'tests/fixtures/baseline/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        // One tsconfig per runtime (extension, server, dashboard, tests, bench); each file is
        // checked with the one nearest to it.
        projectService: {
          allowDefaultProject: [
            '*.config.ts',
            'scripts/*.ts',
            'server/web/vite.config.ts',
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // A promise nobody awaits loses its error; `void` says the loss is meant.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        // Preact handlers may be async: their promise is handled inside (errors become state).
        { checksVoidReturn: { attributes: false } },
      ],
      'no-restricted-properties': [
        'error',
        {
          property: 'innerHTML',
          message: 'Page-derived text must never reach innerHTML.',
        },
      ],
    },
  },
  {
    files: ['**/*.tsx', 'components/**/*.ts', 'server/web/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  layer('protocol', [NODE_ONLY]),
  layer('utils', [NODE_ONLY]),
  layer('components', [NODE_ONLY]),
  layer('entrypoints', [NODE_ONLY]),
  layer('server'),
  {
    // The dashboard is browser code served by the server: it shares only protocol/.
    files: ['server/web/**/*.{ts,tsx}'],
    ignores: ['server/web/vite.config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...layerImports(['utils', 'components', 'entrypoints']),
            {
              regex: '^(\\.\\./)+(store|routes|domain|export|bin)(/|$)',
              message: 'The dashboard talks to the server over HTTP only.',
            },
            NODE_ONLY,
          ],
        },
      ],
    },
  },
  {
    // Plain JavaScript (scripts, configs) has no types to check against.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
