// `pnpm bench`: runs every benchmark (or those named on the command line) one after another, prints each figure
// beside the limit measured in the same run, and writes the table to e2e/bench/results/latest.md.
import os from 'node:os';
import { annotationsBenchmark } from './annotations.bench.js';
import { httpLoadBenchmark } from './http-load.bench.js';
import { BenchReport } from './lib/report.js';
import { meetingPackBenchmark } from './meeting-pack.bench.js';
import { publicPagesBenchmark } from './public-pages.bench.js';
import { readerBenchmark } from './reader.bench.js';
import { searchBenchmark } from './search.bench.js';
import { syncBenchmark } from './sync.bench.js';
import { tabletLoadBenchmark } from './tablet-load.bench.js';
import { uploadBenchmark } from './upload.bench.js';

const benchmarks: Record<string, (report: BenchReport) => Promise<void>> = {
  'http-load': httpLoadBenchmark,
  'public-pages': publicPagesBenchmark,
  upload: uploadBenchmark,
  search: searchBenchmark,
  sync: syncBenchmark,
  reader: readerBenchmark,
  'meeting-pack': meetingPackBenchmark,
  annotations: annotationsBenchmark,
  'tablet-load': tabletLoadBenchmark,
};

const selected = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = selected.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}

const report = new BenchReport();
const started = Date.now();
for (const [name, run] of Object.entries(benchmarks)) {
  if (selected.length > 0 && !selected.includes(name)) continue;
  await run(report);
}
const file = await report.write({
  date: new Date().toISOString(),
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  duration: `${Math.round((Date.now() - started) / 1000)} s`,
});
console.log(`\nwritten: ${file}`);
