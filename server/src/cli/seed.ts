import path from 'node:path';
import { parseArgs } from 'node:util';
import { berlinDate } from '@ratsmappe/shared';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrator.js';
import { seedLarge } from '../seed/large-seed.js';
import { SeedConflictError } from '../seed/seed-summary.js';
import { seedTables } from '../seed/write-plan.js';
import { DiskBlobStore } from '../storage/disk-blob-store.js';

const usage = `Seeds a large fictional data set for benchmarks.

  node --import tsx server/src/cli/seed.ts [--bodies 50] [--years 10] [--seed 1] [--today yyyy-mm-dd]

Writes to the database the server uses: DATABASE_URL if set, else embedded PGlite in $DATA_DIR/pg
(default: data/ in the repository), blobs in $DATA_DIR/blobs. Stop a server using the same PGlite directory first.
About 200 papers per body and year: --bodies 50 --years 10 gives roughly 100,000 papers.`;

function positiveInteger(name: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new Error(`--${name} must be an integer from 0 to ${max}`);
  return n;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      bodies: { type: 'string', default: '50' },
      years: { type: 'string', default: '10' },
      seed: { type: 'string', default: '1' },
      today: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const bodies = positiveInteger('bodies', values.bodies, 10_000);
  const years = positiveInteger('years', values.years, 50);
  const seed = positiveInteger('seed', values.seed, 2 ** 32 - 1);
  if (bodies < 1 || years < 1) throw new Error('--bodies and --years must be at least 1');
  const today = values.today ?? berlinDate(new Date());

  const config = loadConfig();
  const started = performance.now();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: path.join(config.dataDir, 'pg'),
  });
  try {
    const applied = await migrateToLatest(database.db, database.schema);
    if (applied.length > 0) console.log(`migrations applied: ${applied.join(', ')}`);
    const blobs = new DiskBlobStore(path.join(config.dataDir, 'blobs'));
    await blobs.init();

    console.log(`seeding ${bodies} bodies × ${years} years (seed ${seed}, today ${today}) into ${database.backend}`);
    const summary = await seedLarge({
      db: database.db,
      blobs,
      today,
      bodies,
      years,
      seed,
      log: (message, data) => console.log(`${message} ${data ? JSON.stringify(data) : ''}`),
    });
    const maintainStarted = performance.now();
    await database.maintainAfterBulkImport();
    const maintainMs = Math.round(performance.now() - maintainStarted);

    console.log('\nrows written:');
    for (const table of seedTables) console.log(`  ${table.padEnd(22)} ${String(summary.counts[table]).padStart(9)}`);
    console.log(`\nseed ${(summary.durationMs / 1000).toFixed(1)} s, maintenance ${(maintainMs / 1000).toFixed(1)} s,`);
    console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s; distinct PDFs ${summary.counts.blob}`);
    return 0;
  } finally {
    await database.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof ConfigError || error instanceof SeedConflictError) {
    console.error(error.message);
    process.exitCode = 2;
  } else if (
    error instanceof Error &&
    (error.message.startsWith('--') || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
  ) {
    console.error(`${error.message}\n\n${usage}`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
