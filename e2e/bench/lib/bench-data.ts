import { existsSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { seedLargeDataDir } from './large-seed.js';

/**
 * The data a benchmark's server starts on: the demo seed (what `pnpm start` shows) or the large seed
 * (`pnpm bench --scale large`: 50 bodies × 10 years), so the same figures can be compared as data grows.
 */
export interface BenchData {
  scale: 'demo' | 'large';
  /** Environment for the server: an existing data directory without the demo seed, or nothing (a fresh demo). */
  serverEnv: Record<string, string>;
  /** Whether the server must leave the data directory in place when it stops (a shared, expensive seed). */
  keepDataDir: boolean;
  /** One line for the report: what the data is, and how long seeding it took. */
  description: string;
}

export const demoData: BenchData = {
  scale: 'demo',
  serverEnv: {},
  keepDataDir: false,
  description: 'demo seed (2 bodies)',
};

const largeSize = {
  bodies: Number(process.env.BENCH_LARGE_BODIES ?? 50),
  years: Number(process.env.BENCH_LARGE_YEARS ?? 10),
};

let largeData: Promise<BenchData> | undefined;

/**
 * The large seed, seeded once per `pnpm bench` run and shared by every benchmark that needs it.
 * BENCH_LARGE_DATA_DIR reuses a seeded directory (or seeds into it when it is empty); BENCH_DATABASE_URL puts the
 * rows on PostgreSQL instead of the embedded database (blobs stay in the directory).
 */
export function largeSeedData(): Promise<BenchData> {
  largeData ??= prepareLargeSeed();
  return largeData;
}

async function prepareLargeSeed(): Promise<BenchData> {
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  const databaseEnv: Record<string, string> = databaseUrl ? { DATABASE_URL: databaseUrl } : {};
  const configured = process.env.BENCH_LARGE_DATA_DIR;
  const dataDir = configured ?? (await mkdtemp(path.join(tmpdir(), 'ratsmappe-bench-large-')));
  const seededMarker = path.join(dataDir, databaseUrl ? 'blobs' : 'pg');
  const size = `${largeSize.bodies} bodies × ${largeSize.years} years`;
  let seeding: string;
  if (existsSync(seededMarker)) {
    seeding = 'reused a seeded directory';
  } else {
    await mkdir(dataDir, { recursive: true });
    console.log(`\n# Seeding the large data set (${size}) into ${dataDir}`);
    const seconds = await seedLargeDataDir(dataDir, largeSize, databaseEnv);
    seeding = `seeded in ${Math.round(seconds)} s`;
  }
  return {
    scale: 'large',
    serverEnv: { DATA_DIR: dataDir, SEED_DEMO: 'false', ...databaseEnv },
    keepDataDir: true,
    description: `large seed (${size}; ${databaseUrl ? 'PostgreSQL' : 'PGlite'}; ${seeding}; ${diskUsage(dataDir)} on disk)`,
  };
}

function diskUsage(dir: string): string {
  try {
    return execFileSync('du', ['-sh', dir], { encoding: 'utf8' }).split('\t')[0]!;
  } catch {
    return 'size unknown';
  }
}
