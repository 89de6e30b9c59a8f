import { defineConfig } from 'vitest/config';

// Tests take the desk database key from the environment, as the command-line tools do
// (a test about the key file or a wrong key sets its own).
const COLLECTDESK_DB_KEY = process.env.COLLECTDESK_DB_KEY ?? '5e'.repeat(32);

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'node-shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/src/**/*.test.ts', 'hub/**/*.test.ts'],
          environment: 'node',
          env: { COLLECTDESK_DB_KEY },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          env: { COLLECTDESK_DB_KEY },
          setupFiles: ['tests/fixtures/cleanup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Files each open real SQLite files and child processes: keep the 2-core machine calm.
          maxWorkers: 2,
          // vitest 4 runs projects with different worker limits in separate groups.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
