// Lint, including the layering of ../shared/DESIGN.md as import rules:
//   shared <- electron/core <- electron/main ; shared <- renderer ; shared <- hub
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'events', 'stream', 'worker_threads', 'zlib'];
const noRenderer = { group: ['**/renderer/**', '**/renderer'], message: 'Only the build imports the renderer.' };
const noHub = { group: ['**/hub/**', '**/hub'], message: 'Share code with the hub only through shared/.' };
const noElectronDirs = { group: ['**/electron/**'], message: 'Reach the desk only through shared/contract.ts.' };

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'test-results/**', 'playwright-report/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Type-aware rules: each TS file is checked with the tsconfig that includes it (tsconfig.json references both).
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'], // in neither tsconfig (vitest only)
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A switch over a union names every member (a `default:` does not count): a new member is flagged, not silently defaulted.
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron', 'better-sqlite3', ...nodeBuiltins],
        patterns: [{ group: ['node:*'], message: 'shared/ runs in the renderer too: no Node.' }, noRenderer, noHub, noElectronDirs],
      }],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'electron/core is plain Node: it never imports electron.' }],
        patterns: [noRenderer, noHub, { group: ['**/main/**', '**/preload/**', '**/web-host/**'], message: 'core is imported by the hosts, never the other way.' }],
      }],
    },
  },
  {
    // The hosts may start the hub in-process (a lead's desk hosting the team hub), through its entry only.
    files: ['electron/main/**/*.ts', 'electron/web-host/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [noRenderer, { group: ['**/hub/**', '!**/hub/server', '**/hub/server/**'], message: 'Hosts use the hub only through hub/server.' }],
      }],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noRenderer, noHub] }] },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron', 'better-sqlite3', ...nodeBuiltins],
        patterns: [{ group: ['node:*'], message: 'The renderer never sees Node.' }, noElectronDirs, noHub],
      }],
    },
  },
  {
    files: ['hub/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron'],
        patterns: [noRenderer, noElectronDirs],
      }],
    },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs}', '*.config.{ts,mjs}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noRenderer] }] },
  },
);
