import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import autoImports from './.wxt/eslint-auto-imports.mjs';

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
  autoImports,
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
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
);
