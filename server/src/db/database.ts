import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema/tables.js';

// `date` columns stay `yyyy-mm-dd` strings: a JS Date would shift them by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
// bigint (int8) stays a string: change sequence numbers may exceed 2^53 in a long-lived installation.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => value);

export type DatabaseBackend = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  backend: DatabaseBackend;
  /** The schema everything lives in when not the default (`public`); the migrator must know it. */
  schema: string | undefined;
  /** PGlite never autovacuums (tech.md §2.3); call after bulk imports so the planner sees real statistics. */
  maintainAfterBulkImport(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  /** Directory for the embedded database; `undefined` keeps it in memory (tests). */
  pgliteDir?: string | undefined;
  /** Schema to put on the search path (tests isolate each file in its own schema on PostgreSQL). */
  searchPath?: string | undefined;
  /** Extra PGlite options, e.g. a migrated data directory to start from (the test suite's template). */
  pglite?: PGliteOptions | undefined;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
    });
    // A client that loses its server (PostgreSQL restarted) must not crash the process. The pool listens only while a
    // client is idle; checked out (inside a transaction, between two queries) an 'error' event without a listener of
    // its own is thrown (node-postgres#1324). Its next query then fails, and the pool drops it on release.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      backend: 'postgres',
      schema: options.searchPath,
      async maintainAfterBulkImport() {
        await sql`analyze`.execute(db);
      },
      close: () => db.destroy(),
    };
  }

  if (options.pgliteDir) await mkdir(path.dirname(path.resolve(options.pgliteDir)), { recursive: true });
  const pglite = new PGlite({ ...options.pglite, ...(options.pgliteDir ? { dataDir: options.pgliteDir } : {}) });
  await pglite.waitReady;
  // One connection only: a query issued outside a running transaction would wait forever for it. The timeout turns
  // such a bug (or a truly stuck transaction) into an error instead of a hung server.
  const pool = new pg.Pool({ ...createPgConfig(pglite), connectionTimeoutMillis: 30_000 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    backend: 'pglite',
    schema: undefined,
    async maintainAfterBulkImport() {
      await sql`vacuum analyze`.execute(db);
    },
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}
