import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { checkBlobs } from '../storage/blob-check.js';

const usage = `Checks that every document the database names is stored whole in the blob store.

  node --import tsx server/src/cli/check-blobs.ts [--json]

Reads the database the server uses (DATABASE_URL if set, else embedded PGlite in $DATA_DIR/pg) and the blobs in
$DATA_DIR/blobs; hashes every stored file. Stop a server using the same PGlite directory first. Exits 1 when a row
names content that is missing, of another size or other bytes, or when a file in the store is not named after its
content; stored content that no row names (left by a crash before the commit) is only counted.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pg') });
  try {
    const report = await checkBlobs(database.db, path.join(config.dataDir, 'blobs'));
    if (values.json) console.log(JSON.stringify(report));
    else {
      console.log(`${report.versionRows} file versions, ${report.referenced} distinct contents named by rows`);
      console.log(`${report.stored} files stored, ${report.unreferenced.length} named by no row, ${report.temp} temp`);
      for (const p of report.problems) console.log(`PROBLEM ${p.problem} ${p.sha256}: ${p.detail}`);
      for (const stray of report.strays) console.log(`STRAY ${stray}`);
    }
    return report.problems.length > 0 || report.strays.length > 0 ? 1 : 0;
  } finally {
    await database.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exitCode = 2;
}
