// `pnpm bench`: runs every benchmark (or those named on the command line) one after another, prints each figure
// beside the limit measured in the same run, and writes the table to e2e/bench/results/latest.md.
// `pnpm bench --scale large`: the benchmarks whose cost depends on how much data the server holds, again on the
// large seed (50 bodies × 10 years), written to e2e/bench/results/latest-large.md.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { annotationsBenchmark } from './annotations.bench.js';
import { demoData, largeSeedData, type BenchData } from './lib/bench-data.js';
import { httpLoadBenchmark } from './http-load.bench.js';
import { BenchReport } from './lib/report.js';
import { meetingPackBenchmark } from './meeting-pack.bench.js';
import { publicPagesBenchmark } from './public-pages.bench.js';
import { readerBenchmark } from './reader.bench.js';
import { searchBenchmark } from './search.bench.js';
import { syncBenchmark } from './sync.bench.js';
import { tabletLoadBenchmark } from './tablet-load.bench.js';
import { uploadBenchmark } from './upload.bench.js';

interface Benchmark {
  run: (report: BenchReport, data: BenchData) => Promise<void>;
  /** Whether its cost depends on the amount of stored data (and so it runs again in the scale run). */
  dependsOnDataSize: boolean;
}

// Not in the scale run: the reader, meeting pack and pen measure one document or meeting the benchmark creates, and
// tablet-load needs the councillor accounts of the demo seed (the large seed has office accounts only).
const benchmarks: Record<string, Benchmark> = {
  'http-load': { run: httpLoadBenchmark, dependsOnDataSize: true },
  'public-pages': { run: publicPagesBenchmark, dependsOnDataSize: true },
  upload: { run: uploadBenchmark, dependsOnDataSize: true },
  search: { run: searchBenchmark, dependsOnDataSize: true },
  sync: { run: syncBenchmark, dependsOnDataSize: true },
  reader: { run: readerBenchmark, dependsOnDataSize: false },
  'meeting-pack': { run: meetingPackBenchmark, dependsOnDataSize: false },
  annotations: { run: annotationsBenchmark, dependsOnDataSize: false },
  'tablet-load': { run: tabletLoadBenchmark, dependsOnDataSize: false },
};

const { values: options, positionals: selected } = parseArgs({
  options: { scale: { type: 'string', default: 'demo' } },
  allowPositionals: true,
});
if (options.scale !== 'demo' && options.scale !== 'large') {
  console.error(`--scale must be demo or large, not ${options.scale}`);
  process.exit(2);
}
const unknown = selected.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}

const report = new BenchReport();
const started = Date.now();
const data = options.scale === 'large' ? await largeSeedData() : demoData;
for (const [name, benchmark] of Object.entries(benchmarks)) {
  if (selected.length > 0 && !selected.includes(name)) continue;
  if (data.scale === 'large' && !benchmark.dependsOnDataSize) continue;
  await benchmark.run(report, data);
}
const file = await report.write(
  {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    duration: `${Math.round((Date.now() - started) / 1000)} s`,
    data: data.description,
  },
  data.scale === 'large' ? 'latest-large.md' : 'latest.md',
);
console.log(`\nwritten: ${file}`);
