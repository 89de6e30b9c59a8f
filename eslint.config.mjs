// Lint, including the layering of docs/architecture.md as import rules:
//   shared <- electron/core <- electron/main ; shared <- renderer ; shared <- hub
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Packages that need Node, a database or a server: never in shared/ (it runs in the renderer too) or the renderer. */
const serverPackages = ['better-sqlite3', 'pg', 'fastify', 'pino', 'electron-store', 'electron-log', 'tsx'];
const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'events', 'stream', 'worker_threads', 'zlib'];
const noRenderer = { group: ['**/renderer/**', '**/renderer'], message: 'Only the build imports the renderer.' };
const noHub = { group: ['**/hub/**', '**/hub'], message: 'Share code with the hub only through shared/.' };
const noElectronDirs = { group: ['**/electron/**'], message: 'Reach the desk only through shared/contract.ts.' };
// Through a barrel, a component that only a lazy part (a drawer, the lead view) uses is pulled
// into the first screen's antd chunk (the barrel is there): each component from its own module.
const barrelMessage = "Import each component from its own module (antd/es/table, @ant-design/icons/es/icons/TeamOutlined): through the barrel, what only a lazy part uses lands in the first screen's chunk.";
const rendererImports = {
  paths: ['electron', ...serverPackages, ...nodeBuiltins, { name: 'antd', message: barrelMessage }, { name: '@ant-design/icons', message: barrelMessage }],
  patterns: [{ group: ['node:*'], message: 'The renderer never sees Node.' }, noElectronDirs, noHub],
};

// Renderer features stay apart: renderer/src/features/<a> never imports features/<b>. What two
// features share lives in renderer/src/lib (which imports no feature); renderer/src/app composes
// them. One block per feature folder, read from disk, so a new feature is covered at once.
const featureNames = readdirSync(new URL('./renderer/src/features/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const crossFeature = 'A renderer feature never imports another one: move the shared piece to renderer/src/lib, or compose in renderer/src/app.';
const libUpward = 'renderer/src/lib is shared by the features: it imports neither a feature nor app/.';

/** Import sources matching `source` (a regex) are refused in `files`, static or import(). */
function refuseImports(files, source, message) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { ...rendererImports, patterns: [...rendererImports.patterns, { regex: source, message }] }],
      // no-restricted-imports does not look at import() (the lazy parts): this does
      'no-restricted-syntax': ['error', { selector: `ImportExpression[source.value=/${source.replaceAll('/', '\\/')}/]`, message }],
    },
  };
}

// '../queue/store' from features/notes, '../../features/queue', or any path through features/queue
const reaching = (names) => `^(\\.\\./)+(features/)?(${names})(/|$)|/features/(${names})(/|$)`;
const rendererBlocks = [
  ...featureNames.map((own) =>
    refuseImports([`renderer/src/features/${own}/**/*.{ts,tsx}`], reaching(featureNames.filter((f) => f !== own).join('|')), crossFeature),
  ),
  refuseImports(['renderer/src/lib/**/*.{ts,tsx}'], '^(\\.\\./)+(features|app)(/|$)|/(features|app)/', libUpward),
];

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
        paths: ['electron', ...serverPackages, ...nodeBuiltins],
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
    rules: { 'no-restricted-imports': ['error', rendererImports] },
  },
  ...rendererBlocks,
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
    // Node-only code the desk core and the hub both run (file readers on Node streams).
    files: ['node-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'node-shared/ runs in the hub too: no electron.' }],
        patterns: [noRenderer, noHub, noElectronDirs],
      }],
    },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs}', '*.config.{ts,mjs}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noRenderer] }] },
  },
);
