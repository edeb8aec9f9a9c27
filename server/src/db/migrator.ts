import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as foundation from './migrations/0001-foundation.js';
import * as jobs from './migrations/0002-jobs.js';
import * as search from './migrations/0003-search.js';
import * as accounts from './migrations/0005-accounts.js';
import * as sync from './migrations/0006-sync.js';
import * as annotations from './migrations/0007-annotations.js';
import * as uploadIdempotency from './migrations/0008-upload-idempotency.js';
import * as editVersions from './migrations/0009-edit-versions.js';
import * as paperSuperordinatedIndex from './migrations/0010-paper-superordinated-index.js';
import type { Database } from './schema/tables.js';

/** Migrations are listed in code, not read from disk, so the same list runs from source, tests and builds. */
const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-jobs': jobs,
  '0003-search': search,
  '0005-accounts': accounts,
  '0006-sync': sync,
  '0007-annotations': annotations,
  '0008-upload-idempotency': uploadIdempotency,
  '0009-edit-versions': editVersions,
  '0010-paper-superordinated-index': paperSuperordinatedIndex,
};

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

export const expectedMigrations = Object.keys(migrations);

export async function migrateToLatest(db: Kysely<Database>, schema?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function pendingMigrations(db: Kysely<Database>, schema?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const all = await migrator.getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
