import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createApp } from '../src/app.js';
import { systemClock, type Clock, type ManualClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { createContext, type AppContext } from '../src/context.js';
import { openDatabase, type DatabaseHandle } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { pgliteFromTemplate } from './pglite-template.js';
import { testSchemaPrefixVariable } from './test-schemas.js';

export const testPublicUrl = 'http://ratsmappe.test';
export const testOrigin = testPublicUrl;

/** 'postgres' when the suite runs in its PostgreSQL project (CI sets TEST_DATABASE_URL), else in-memory PGlite. */
export function testBackend(): 'postgres' | 'pglite' {
  return process.env.RATSMAPPE_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

/**
 * A fresh database per call: in-memory PGlite, or a new schema on the PostgreSQL server named by
 * TEST_DATABASE_URL, so test files never see each other's rows. The schemas are dropped when the run ends, not when
 * a file closes: Kysely's migrator looks at every schema of the database, and a schema dropped by one test file in
 * the middle of that look made another file's migration fail ("schema … does not exist").
 */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  if (testBackend() === 'pglite') return openDatabase({ pglite: await pgliteFromTemplate() });
  const url = testDatabaseUrl();
  return openDatabase({ databaseUrl: url, searchPath: await createTestSchema(url) });
}

/** The PostgreSQL server of the `server (postgres)` project. */
export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('RATSMAPPE_TEST_DB=postgres needs TEST_DATABASE_URL');
  return url;
}

/** A new, empty schema on that server for one test file (see openTestDatabase). */
export async function createTestSchema(url: string): Promise<string> {
  const prefix = process.env[testSchemaPrefixVariable] ?? 'test_';
  const schema = `${prefix}${randomBytes(6).toString('hex')}`;
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
  });
  try {
    await sql`create schema ${sql.id(schema)}`.execute(admin);
  } finally {
    await admin.destroy();
  }
  return schema;
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  ctx: AppContext;
  clock: Clock;
  /** Requests through the Hono app (no sockets); unsafe methods get our Origin unless the test overrides it. */
  request(path: string, init?: RequestInit & { cookie?: string }): Promise<Response>;
  close(): Promise<void>;
}

export async function createTestApp(
  options: { clock?: ManualClock; env?: Record<string, string>; database?: DatabaseHandle } = {},
): Promise<TestApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ratsmappe-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PUBLIC_URL: testPublicUrl,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    ...options.env,
  });
  const logger = createLogger(config.logLevel);
  const database = options.database ?? (await openTestDatabase());
  const clock = options.clock ?? systemClock;
  const ctx = await createContext(config, { logger, clock, database });
  const app = createApp(ctx);
  return {
    app,
    ctx,
    clock,
    async request(urlPath, init = {}) {
      const headers = new Headers(init.headers);
      const method = (init.method ?? 'GET').toUpperCase();
      if (method !== 'GET' && method !== 'HEAD' && !headers.has('origin')) headers.set('origin', testOrigin);
      if (init.cookie) headers.set('cookie', init.cookie);
      if (typeof init.body === 'string' && !headers.has('content-type'))
        headers.set('content-type', 'application/json');
      return app.request(`${testPublicUrl}${urlPath}`, { ...init, headers });
    },
    async close() {
      await ctx.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
