import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/src/**/*.test.ts', 'hub/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
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
