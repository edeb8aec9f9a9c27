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
