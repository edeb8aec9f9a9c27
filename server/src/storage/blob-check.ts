import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema/tables.js';
import { sha256Pattern } from './blob-store.js';

export type BlobProblemKind = 'missing' | 'size' | 'hash';

export interface BlobProblem {
  sha256: string;
  problem: BlobProblemKind;
  detail: string;
}

export interface BlobCheckReport {
  /** Distinct sha256 values that `blob` and `file_version` rows name. */
  referenced: number;
  /** `file_version` rows looked at. */
  versionRows: number;
  /** Files in the store's final locations. */
  stored: number;
  /** Rows whose content is not stored whole: missing, another size, or other bytes. */
  problems: BlobProblem[];
  /** Stored content no row names: a crash between storing a blob and committing its rows. Harmless. */
  unreferenced: string[];
  /** Files in the final locations not named after their content: never written by `DiskBlobStore.put`. */
  strays: string[];
  /** Files left in the temp directory (the server removes them when it starts). */
  temp: number;
}

/**
 * Compares the database with a disk blob store rooted at `root`: every sha256 that a row names must be stored whole
 * (its size and its hash), and every file in the final locations must be named after its content. Reads every
 * stored byte once. For operators after a crash or a restore (cli/check-blobs.ts) and for the fault tests.
 */
export async function checkBlobs(db: Kysely<Database>, root: string): Promise<BlobCheckReport> {
  const expected = new Map<string, number>();
  const problems: BlobProblem[] = [];
  const blobRows = await db.selectFrom('blob').select(['sha256', 'size']).execute();
  for (const row of blobRows) expected.set(row.sha256, Number(row.size));
  const versionRows = await db.selectFrom('file_version').select(['sha256', 'size']).execute();
  for (const row of versionRows) {
    const size = expected.get(row.sha256);
    // The foreign key makes a version without a blob row impossible; a size disagreement is not.
    if (size !== undefined && size !== Number(row.size)) {
      problems.push({ sha256: row.sha256, problem: 'size', detail: `blob row ${size}, version row ${row.size}` });
    }
    if (size === undefined) expected.set(row.sha256, Number(row.size));
  }

  const onDisk = new Map<string, { path: string; size: number }>();
  const strays: string[] = [];
  for (const dir of await readdir(root, { withFileTypes: true })) {
    if (dir.name === 'tmp') continue;
    const dirPath = path.join(root, dir.name);
    if (!dir.isDirectory()) {
      strays.push(dir.name);
      continue;
    }
    for (const file of await readdir(dirPath, { withFileTypes: true })) {
      const name = dir.name + file.name;
      const filePath = path.join(dirPath, file.name);
      if (!file.isFile() || !sha256Pattern.test(name)) strays.push(path.join(dir.name, file.name));
      else onDisk.set(name, { path: filePath, size: (await stat(filePath)).size });
    }
  }

  const hashes = new Map<string, string>();
  for (const [name, file] of onDisk) {
    const hash = await sha256Of(file.path);
    hashes.set(name, hash);
    if (hash !== name) strays.push(path.join(name.slice(0, 2), name.slice(2)));
  }
  for (const [sha256, size] of expected) {
    const file = onDisk.get(sha256);
    if (!file) problems.push({ sha256, problem: 'missing', detail: 'no file in the blob store' });
    else if (file.size !== size) problems.push({ sha256, problem: 'size', detail: `row ${size}, file ${file.size}` });
    else if (hashes.get(sha256) !== sha256) {
      problems.push({ sha256, problem: 'hash', detail: `the file hashes to ${hashes.get(sha256)}` });
    }
  }
  const temp = await readdir(path.join(root, 'tmp')).catch(() => [] as string[]);
  return {
    referenced: expected.size,
    versionRows: versionRows.length,
    stored: onDisk.size,
    problems,
    unreferenced: [...onDisk.keys()].filter((sha256) => !expected.has(sha256) && hashes.get(sha256) === sha256),
    strays,
    temp: temp.length,
  };
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
