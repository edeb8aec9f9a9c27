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
