import { startServer, waitUntilIdle } from '../fixtures/server.js';
import { largeSeedData, type BenchData } from './lib/bench-data.js';
import { startBareHono } from './lib/processes.js';
import { percentile, type BenchReport } from './lib/report.js';

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
 * Search latency, requests one at a time, beside a bare Hono server's round trip in the same run: over the large seed
 * (50 bodies × 10 years ≈ 100,000 papers with their files' extracted text, the issue's figure) and, in the default run,
 * also over the demo seed, to show how it grows with data.
 */
export async function searchBenchmark(report: BenchReport, data: BenchData): Promise<void> {
  if (data.scale === 'demo') await measureSearch(report, data);
  await measureSearch(report, await largeSeedData());
}

async function measureSearch(report: BenchReport, data: BenchData): Promise<void> {
  console.log(`\n# Search latency over the ${data.description}, ${rounds} rounds`);
  const server = await startServer({ env: data.serverEnv, keepDataDir: data.keepDataDir, readyTimeoutMs: 240_000 });
  await waitUntilIdle(server.pid);
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
      measure: `GET /api/search, ${queries.length} queries × ${rounds} (public scope), ${data.scale} data`,
      value: `p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`,
      baseline: `p50 ${percentile(baseline, 50).toFixed(1)} ms, p95 ${percentile(baseline, 95).toFixed(1)} ms (bare Hono)`,
      note: `${data.description}; "Haushalt" matches ${counted.total}`,
    });
  } finally {
    await bare.stop();
    await server.stop();
  }
}
