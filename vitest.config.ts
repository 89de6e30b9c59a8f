import { defineConfig } from 'vitest/config';
import { LongFirstSequencer } from './tests/fixtures/sequencer';

// Tests take the desk database key from the environment, as the command-line tools do
// (a test about the key file or a wrong key sets its own).
const COLLECTDESK_DB_KEY = process.env.COLLECTDESK_DB_KEY ?? '5e'.repeat(32);

/** Integration tests: real SQLite files, real hubs, child processes. */
const integration = {
  environment: 'node',
  env: { COLLECTDESK_DB_KEY },
  setupFiles: ['tests/fixtures/cleanup.ts'],
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // Files each open real SQLite files and child processes: keep the 2-core machine calm.
  maxWorkers: 2,
  // vitest 4 runs projects with different worker limits in separate groups.
  sequence: { groupOrder: 1 },
  include: ['tests/integration/**/*.test.ts'],
};

/** Files that vi.mock modules: a mock must not outlive its file, so these run in a fresh registry. */
const MOCKING = ['tests/integration/electron-main.test.ts'];

export default defineConfig({
  test: {
    sequence: { sequencer: LongFirstSequencer },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'node-shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/src/**/*.test.ts', 'renderer/build/**/*.test.ts', 'hub/**/*.test.ts'],
          environment: 'node',
          env: { COLLECTDESK_DB_KEY },
        },
      },
      {
        test: {
          ...integration,
          name: 'integration',
          exclude: MOCKING,
          // A worker runs file after file in one module registry: node_modules and our modules load
          // once per worker, not once per file (the whole vitest run: 323 s to 250 s). Files must
          // therefore leave no module-level state behind (each makes its own desks and hubs in temp
          // folders); a file that mocks modules runs isolated below.
          isolate: false,
        },
      },
      {
        test: { ...integration, name: 'integration-mocked', include: MOCKING, isolate: true },
      },
    ],
  },
});
