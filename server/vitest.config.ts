import { defineProject } from 'vitest/config';

/** Run once on PGlite; the root config adds a second run on PostgreSQL when TEST_DATABASE_URL is set. */
export default defineProject({
  test: {
    name: 'server',
    environment: 'node',
    globalSetup: ['./test/global-setup.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
