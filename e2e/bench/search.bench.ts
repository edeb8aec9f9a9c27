import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../fixtures/server.js';
import { seedLargeDataDir } from './lib/large-seed.js';
import { startBareHono } from './lib/processes.js';
import { percentile, type BenchReport } from './lib/report.js';

const bodies = Number(process.env.BENCH_SEARCH_BODIES ?? 50);
const years = Number(process.env.BENCH_SEARCH_YEARS ?? 10);
const rounds = Number(process.env.BENCH_SEARCH_ROUNDS ?? 20);

/** Words and phrases of the generated council texts: frequent, medium and rare, plus a phrase and a miss. */
const queries = [
  'Haushalt',
  'Bebauungsplan',
  'Kindertagesstätte',
  'Feuerwehrgerätehaus',
  'Sanierung Grundschule',
  '"Straßenausbau"',
  'Regenrückhaltebecken',
  'Breitbandausbau -Glasfaser',
  'Photovoltaik',
  'Quartiersentwicklung Kohlenmonoxid',
];

async function timeRequests(urls: string[]): Promise<number[]> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const url of urls) {
      const started = performance.now();
      const response = await fetch(url);
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      times.push(performance.now() - started);
    }
  }
  return times;
}

/**
 * Search latency over the large seed (50 bodies × 10 years ≈ 100,000 papers with their files' extracted text),
 * requests one at a time, beside a bare Hono server's round trip in the same run.
 * BENCH_SEARCH_DATA_DIR reuses an already seeded data directory (the seed takes many minutes);
 * BENCH_DATABASE_URL runs it on PostgreSQL instead of the embedded database.
 */
export async function searchBenchmark(report: BenchReport): Promise<void> {
  console.log(`\n# Search latency over the large seed (${bodies} bodies × ${years} years), ${rounds} rounds`);
  const databaseEnv: Record<string, string> = process.env.BENCH_DATABASE_URL
    ? { DATABASE_URL: process.env.BENCH_DATABASE_URL }
    : {};
  let dataDir = process.env.BENCH_SEARCH_DATA_DIR;
  let seedNote = 'reused seeded data';
  if (!dataDir || !existsSync(path.join(dataDir, process.env.BENCH_DATABASE_URL ? 'blobs' : 'pg'))) {
    dataDir ??= await mkdtemp(path.join(tmpdir(), 'ratsmappe-bench-search-'));
    const seconds = await seedLargeDataDir(dataDir, { bodies, years }, databaseEnv);
    seedNote = `seeded in ${Math.round(seconds)} s`;
  }
  const server = await startServer({
    env: { DATA_DIR: dataDir, SEED_DEMO: 'false', ...databaseEnv },
    keepDataDir: true,
  });
  const bare = await startBareHono();
  try {
    const counted = (await (await fetch(`${server.baseUrl}/api/search?q=Haushalt&limit=1`)).json()) as {
      total: number;
    };
    const urls = queries.map((q) => `${server.baseUrl}/api/search?q=${encodeURIComponent(q)}&limit=20`);
    await timeRequests(urls.slice(0, 3)); // warm-up: the first queries load index pages from disk
    const times = await timeRequests(urls);
    const baseline = await timeRequests(Array.from({ length: queries.length }, () => `${bare.baseUrl}/`));
    report.add({
      benchmark: 'Search',
      measure: `GET /api/search, ${queries.length} queries × ${rounds} (public scope)`,
      value: `p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`,
      baseline: `p50 ${percentile(baseline, 50).toFixed(1)} ms, p95 ${percentile(baseline, 95).toFixed(1)} ms (bare Hono)`,
      note: `${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}; ${seedNote}; "Haushalt" matches ${counted.total}`,
    });
  } finally {
    await bare.stop();
    await server.stop();
  }
}
