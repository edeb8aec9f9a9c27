// Applies pending migrations to the configured database and exits. The server also migrates at start-up; this is
// for operators who want to migrate before switching traffic (PostgreSQL) or check a data directory.
import path from 'node:path';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrator.js';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pg') });
try {
  const applied = await migrateToLatest(database.db, database.schema);
  console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'database is up to date');
} finally {
  await database.close();
}
