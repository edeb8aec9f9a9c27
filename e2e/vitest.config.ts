import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/**/*.spec.ts'],
    testTimeout: 60_000,
    // Starting the server runs migrations and seeds demo data on an empty PGlite database.
    hookTimeout: 120_000,
    // Seeds the demo data once; each spec's server starts from a copy (fixtures/server.ts).
    globalSetup: ['./global-setup.ts'],
    // Each spec starts its own server and browser; in parallel they would fight over two CPU cores.
    fileParallelism: false,
    // The JSON report feeds the one-line summary that .ci/run prints (scripts/test-summary.mjs).
    reporters: ['default', 'json'],
    outputFile: { json: '../node_modules/.test-results/e2e.json' },
  },
});
