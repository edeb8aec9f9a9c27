import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/db/schema/tables.js';
import { migrateToLatest } from '../src/db/migrator.js';

/*
 * A fresh PGlite database costs an initdb plus all migrations: measured here 2–5 s on a quiet machine and 15–25 s on
 * a loaded one, paid by every createTestApp call. Instead the suite migrates one database, keeps its data directory
 * as a tarball and starts every test database from that copy (about a tenth of the time). The tarball's name carries
 * a hash of PGlite's version and of the migration sources, so a changed migration builds a new one.
 */

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const cacheDir = path.join(serverDir, '..', 'node_modules', '.cache', 'ratsmappe');
const pgliteDist = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));

async function templateKey(): Promise<string> {
  const hash = createHash('sha256');
  hash.update(await readFile(path.join(pgliteDist, '..', 'package.json')));
  const migrationsDir = path.join(serverDir, 'src', 'db', 'migrations');
  const sources = [
    path.join(serverDir, 'src', 'db', 'migrator.ts'),
    ...(await readdir(migrationsDir)).sort().map((name) => path.join(migrationsDir, name)),
  ];
  for (const source of sources) {
    hash.update(source);
    hash.update(await readFile(source));
  }
  return hash.digest('hex').slice(0, 16);
}

/** The tarball's path, built first if no earlier run left one for these migrations. */
export async function ensurePgliteTemplate(): Promise<string> {
  const file = path.join(cacheDir, `pglite-template-${await templateKey()}.tar`);
  try {
    await access(file);
    return file;
  } catch {
    // not built yet
  }
  const pglite = new PGlite(await compiledModules());
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool(createPgConfig(pglite)) }) });
  try {
    await migrateToLatest(db);
    const dump = await pglite.dumpDataDir('none');
    await mkdir(cacheDir, { recursive: true });
    // Written under a unique name and renamed: test workers building it at the same time never read half a file.
    const partial = `${file}.${randomBytes(4).toString('hex')}.partial`;
    await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
    await rename(partial, file);
  } finally {
    await db.destroy();
    await pglite.close();
  }
  return file;
}

/** Node's global; TypeScript declares it only in the DOM library, which the server does not use. */
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<object> };

let modules: Promise<PGliteOptions> | undefined;

/** PGlite's WebAssembly compiled once per test worker instead of once per database. */
function compiledModules(): Promise<PGliteOptions> {
  modules ??= (async () => {
    const [pgliteWasmModule, initdbWasmModule, bundle] = await Promise.all([
      readFile(path.join(pgliteDist, 'pglite.wasm')).then((bytes) => WebAssembly.compile(bytes)),
      readFile(path.join(pgliteDist, 'initdb.wasm')).then((bytes) => WebAssembly.compile(bytes)),
      readFile(path.join(pgliteDist, 'pglite.data')),
    ]);
    return { pgliteWasmModule, initdbWasmModule, fsBundle: new Blob([bundle]) };
  })();
  return modules;
}

let template: Promise<PGliteOptions> | undefined;

/** Options that start an in-memory PGlite as a copy of the migrated template. */
export function pgliteFromTemplate(): Promise<PGliteOptions> {
  template ??= (async () => {
    const [compiled, file] = await Promise.all([compiledModules(), ensurePgliteTemplate()]);
    return { ...compiled, loadDataDir: new Blob([await readFile(file)]) };
  })();
  return template;
}
