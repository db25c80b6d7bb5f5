import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** What the pure layers may not import: they take data in and give data out (CONTRIBUTING.md). */
const NO_IO = {
  paths: [
    ...['fs', 'path', 'child_process', 'http', 'os', 'crypto', 'better-sqlite3', 'kysely'].flatMap(
      (name) => [
        { name, message: 'engine and io are pure: no I/O here (CONTRIBUTING.md).' },
        { name: `node:${name}`, message: 'engine and io are pure: no I/O here (CONTRIBUTING.md).' }
      ]
    )
  ],
  patterns: [
    {
      group: ['$app/*', '$env/*', '**/server/**', 'svelte', 'svelte/*'],
      message: 'engine and io are pure: no app, server or UI imports.'
    }
  ]
};

export default ts.config(
  { ignores: ['build/', '.svelte-kit/', 'node_modules/', 'test-results/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig
      }
    }
  },
  {
    rules: {
      // Migrations take Kysely<any> by design (they must not depend on the app's types).
      '@typescript-eslint/no-explicit-any': ['error', { ignoreRestArgs: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true }
      ]
    }
  },
  {
    files: ['db/migrations/**/*.ts', 'src/lib/server/db/migrate.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' }
  },
  {
    files: [
      'src/lib/engine/**/*.ts',
      'src/lib/io/**/*.ts',
      'src/lib/geo/**/*.ts',
      'src/lib/demo-city/**/*.ts',
      'src/lib/plan/**/*.ts'
    ],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', NO_IO] }
  },
  {
    // The engine computes; reading and writing files is io's (CONTRIBUTING.md).
    files: ['src/lib/engine/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...NO_IO,
          patterns: [
            ...NO_IO.patterns,
            {
              group: ['**/io/*', '**/demo-city/*'],
              message: 'the engine imports neither io nor the demo city.'
            }
          ]
        }
      ]
    }
  },
  {
    // Components and pages run in the browser: they take data, never the server's modules (a
    // type they need lives in $lib, beside the data it describes).
    files: ['src/lib/components/**/*.{ts,svelte}', 'src/routes/**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['$lib/server/*', '**/server/**'],
              message: 'components and pages do not import server modules (CONTRIBUTING.md).'
            }
          ]
        }
      ]
    }
  },
  {
    // Repositories read and write rows; services orchestrate them, never the other way round.
    files: ['src/lib/server/repositories/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/services/*'], message: 'repositories do not import services.' }]
        }
      ]
    }
  },
  {
    // A function a reader can hold in mind: at most 120 lines (data tables are not functions).
    files: ['src/lib/**/*.ts'],
    ignores: ['src/lib/**/*.spec.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 120 }] }
  },
  {
    // A service orchestrates; one past 400 lines is doing a repository's or another service's work.
    files: ['src/lib/server/services/**/*.ts'],
    ignores: ['src/lib/server/services/**/*.spec.ts'],
    rules: { 'max-lines': ['error', { max: 400 }] }
  }
);
