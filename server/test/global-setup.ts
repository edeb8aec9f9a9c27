import { randomBytes } from 'node:crypto';
import { dropTestSchemas, testSchemaPrefixVariable } from './test-schemas.js';
import { ensurePgliteTemplate } from './pglite-template.js';

/**
 * Builds the migrated PGlite template once before the workers start, so they do not all build it at once; names the
 * PostgreSQL schemas of this run and drops them at its end (see openTestDatabase).
 */
export default async function setup(): Promise<() => Promise<void>> {
  await ensurePgliteTemplate();
  // Both server projects run this file; the first one names the run.
  const prefix = (process.env[testSchemaPrefixVariable] ??= `test_${randomBytes(3).toString('hex')}_`);
  return async () => {
    const url = process.env.TEST_DATABASE_URL;
    if (url) await dropTestSchemas(url, prefix);
  };
}
