import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const serverOnPostgres = process.env.TEST_DATABASE_URL
  ? [
      {
        extends: './server/vitest.config.ts',
        root: './server',
        test: { name: 'server (postgres)', env: { RATSMAPPE_TEST_DB: 'postgres' } },
      },
    ]
  : [];

export default defineConfig({
  test: {
    // Vitest leaves one core to its main process, which on a 2-core CI machine means one test file at a time; the
    // main process is nearly idle and half of a server file's time is spent waiting on its database, so use them all.
    maxWorkers: Math.max(2, availableParallelism()),
    // The JSON report feeds the one-line summary that .ci/run prints (scripts/test-summary.mjs).
    reporters: ['default', 'json'],
    outputFile: { json: 'node_modules/.test-results/unit.json' },
    projects: [
      'shared',
      'client',
      {
        extends: './server/vitest.config.ts',
        root: './server',
        test: { name: 'server (pglite)', env: { RATSMAPPE_TEST_DB: 'pglite' } },
      },
      ...serverOnPostgres,
    ],
  },
});
