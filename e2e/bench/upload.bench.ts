/**
 * Upload benchmark: one large PDF-headed file streamed over loopback HTTP into the real server, beside a plain disk
 * write of the same bytes (stream to a temp file + fsync) in the same run. Prints throughput and the server's peak
 * RSS growth during the upload, which shows whether the upload path buffers the file.
 *
 *   pnpm bench upload                        # 500 MB
 *   BENCH_UPLOAD_MB=100 pnpm bench upload
 *
 * The server runs as its own process (server/src/main.ts under tsx, demo seed, temp DATA_DIR), not in this one:
 * e2e imports only shared, and a separate process makes RSS the server's alone, without the load generator.
 * RSS is read from /proc/<pid>/status every 50 ms (Linux).
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { encodeFileNameHeader, type Body, type FileView, type MeetingSummary, type Page } from '@ratsmappe/shared';
import { freePort } from '../fixtures/server.js';
import type { BenchData } from './lib/bench-data.js';
import type { BenchReport } from './lib/report.js';

const MB = 1024 * 1024;
const sizeMb = Number(process.env.BENCH_UPLOAD_MB ?? 500);
const size = sizeMb * MB;
// The demo seed's office account of each body, and the password all demo accounts share (server/src/seed/profiles.ts).
const password = process.env.BENCH_PASSWORD ?? 'Ratsmappe-Demo-2026';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A syntactically plausible PDF of exactly `size` bytes: one object whose stream holds incompressible bytes, so the
 * inspector walks the whole stream. Generated on the fly from one random block; never held in memory whole.
 */
function pdfOfSize(total: number): { chunks: () => AsyncGenerator<Buffer>; sha256: Promise<string> } {
  const block = randomBytes(MB);
  const tail = Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\nstartxref\n0\n%%EOF\n');
  const headFor = (length: number) =>
    Buffer.from(`%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length ${length} >>\nstream\n`, 'latin1');
  const fixed = headFor(0).length + tail.length;
  const dataLength = total - fixed - (String(total).length - 1);
  const head = headFor(dataLength);
  if (head.length + dataLength + tail.length !== total) throw new Error('size arithmetic is off');
  let resolveSha: (sha: string) => void = () => undefined;
  const sha256 = new Promise<string>((resolve) => (resolveSha = resolve));
  async function* chunks(): AsyncGenerator<Buffer> {
    const hash = createHash('sha256');
    const emit = (chunk: Buffer) => {
      hash.update(chunk);
      return chunk;
    };
    yield emit(head);
    for (let left = dataLength; left > 0; left -= block.length) {
      yield emit(left >= block.length ? block : block.subarray(0, left));
      await Promise.resolve();
    }
    yield emit(tail);
    resolveSha(hash.digest('hex'));
  }
  return { chunks, sha256 };
}

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}

/** Samples the RSS of `pid` every 50 ms until stopped; reports the peak. */
function sampleRss(pid: number) {
  let peak = 0;
  let samples = 0;
  const timer = setInterval(() => {
    rssOf(pid)
      .then((rss) => {
        peak = Math.max(peak, rss);
        samples++;
      })
      .catch(() => undefined);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return { peak, samples };
    },
  };
}

async function rawDiskWrite(dir: string): Promise<number> {
  const target = path.join(dir, 'raw.bin');
  const started = performance.now();
  await pipeline(Readable.from(pdfOfSize(size).chunks()), createWriteStream(target));
  const handle = await open(target, 'r+');
  await handle.sync();
  await handle.close();
  const seconds = (performance.now() - started) / 1000;
  await rm(target);
  return seconds;
}

async function startServer(dataDir: string, data: BenchData) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.join(repoRoot, 'server'),
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      PUBLIC_URL: baseUrl,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'true',
      ...data.serverEnv,
      MAX_UPLOAD_MB: String(sizeMb + 16),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) break;
    // Polling a readiness probe.
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { baseUrl, pid: child.pid!, stop };
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

export async function uploadBenchmark(report: BenchReport, data: BenchData): Promise<void> {
  console.log(`\n# Upload of ${sizeMb} MB over loopback HTTP`);
  const dir = await mkdtemp(path.join(tmpdir(), 'ratsmappe-bench-upload-'));
  const server = await startServer(path.join(dir, 'data'), data);
  try {
    const { baseUrl } = server;
    const bodies = await json<{ data: Body[] }>(await fetch(`${baseUrl}/api/bodies`));
    const body = bodies.data[0];
    if (!body) throw new Error('the data has no body');
    const signIn = await fetch(`${baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: baseUrl },
      body: JSON.stringify({ email: `sitzungsdienst@${body.slug}.example`, password }),
    });
    await json(signIn);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const meetings = await json<Page<MeetingSummary>>(await fetch(`${baseUrl}/api/bodies/${body.id}/meetings?limit=1`));
    const meeting = meetings.data[0];
    if (!meeting) throw new Error('the body has no meeting');

    const rawSeconds = await rawDiskWrite(dir);

    const file = pdfOfSize(size);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const baseline = await rssOf(server.pid);
    const sampler = sampleRss(server.pid);
    const started = performance.now();
    // Streamed request bodies need `duplex: 'half'` (Node's fetch); the DOM typings do not know it yet.
    const init: RequestInit & { duplex: 'half' } = {
      method: 'POST',
      headers: {
        cookie,
        origin: baseUrl,
        'content-type': 'application/pdf',
        'content-length': String(size),
        'x-file-name': encodeFileNameHeader(`Benchmark ${sizeMb} MB.pdf`),
      },
      body: Readable.toWeb(Readable.from(file.chunks())) as ReadableStream<Uint8Array>,
      duplex: 'half',
    };
    const response = await fetch(`${baseUrl}/api/meetings/${meeting.id}/files?role=auxiliary`, init);
    const view = await json<FileView>(response);
    const uploadSeconds = (performance.now() - started) / 1000;
    const { peak, samples } = sampler.stop();
    if (view.current?.sha256 !== (await file.sha256) || view.current.size !== size) {
      throw new Error('the server stored something other than what was sent');
    }

    const raw = `${(sizeMb / rawSeconds).toFixed(0)} MB/s, ${rawSeconds.toFixed(2)} s (raw disk write + fsync)`;
    report.add({
      benchmark: 'Upload',
      measure: `${sizeMb} MB upload throughput over loopback HTTP`,
      value: `${(sizeMb / uploadSeconds).toFixed(0)} MB/s, ${uploadSeconds.toFixed(2)} s`,
      baseline: raw,
    });
    report.add({
      benchmark: 'Upload',
      measure: `${sizeMb} MB upload: server RSS growth`,
      value: `${((peak - baseline) / MB).toFixed(0)} MB (peak ${(peak / MB).toFixed(0)} MB)`,
      baseline: `${sizeMb} MB would mean buffering the whole file; server RSS before: ${(baseline / MB).toFixed(0)} MB`,
      note: `${samples} samples every 50 ms`,
    });
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
