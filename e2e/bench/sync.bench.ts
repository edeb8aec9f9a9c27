import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { SyncChange, SyncPullResponse } from '@ratsmappe/shared';
import { startServer, type RunningServer } from '../fixtures/server.js';
import type { BenchData } from './lib/bench-data.js';
import { seedLargeDataDir } from './lib/large-seed.js';
import { startBareHono } from './lib/processes.js';
import { median, type BenchReport } from './lib/report.js';

const years = Number(process.env.BENCH_SYNC_YEARS ?? 5);
const deltaRounds = 10;
const demoPassword = 'Ratsmappe-Demo-2026';

interface Exchange {
  status: number;
  /** Bytes on the wire (gzip, as a browser asks for it), headers not counted. */
  wireBytes: number;
  body: string;
  serverMs: number;
  totalMs: number;
  setCookie: string[];
}

/** One HTTP exchange with gzip, counting the compressed bytes that crossed the socket. */
function exchange(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<Exchange>((resolve, reject) => {
    const started = performance.now();
    const req = request(
      url,
      { method: init.method ?? 'GET', headers: { 'accept-encoding': 'gzip', ...init.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const body = res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
          const timing = /dur=([0-9.]+)/.exec(String(res.headers['server-timing'] ?? ''));
          resolve({
            status: res.statusCode ?? 0,
            wireBytes: raw.length,
            body: body.toString('utf8'),
            serverMs: timing ? Number(timing[1]) : NaN,
            totalMs: performance.now() - started,
            setCookie: res.headers['set-cookie'] ?? [],
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (init.body) req.write(init.body);
    req.end();
  });
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/**
 * Delta sync: an office account of one large-seed body (everything of the body is visible to it) syncs a device
 * from scratch, then one agenda item changes and the device pulls again. Reported: bytes on the wire and server
 * time of that pull, beside a full re-download of the same data and a bare Hono round trip in the same run.
 */
export async function syncBenchmark(report: BenchReport, data: BenchData): Promise<void> {
  // The default run seeds one body of its own (about 10,000 visible objects, the figure); the scale run
  // takes the first body of the large seed, among 49 others in the same tables.
  let ownDataDir: string | undefined;
  let dataNote: string;
  let server: RunningServer;
  if (data.scale === 'demo') {
    console.log(`\n# Delta sync: one change among the visible objects of a body with ${years} years of data`);
    ownDataDir = await mkdtemp(path.join(tmpdir(), 'ratsmappe-bench-sync-'));
    const seedSeconds = await seedLargeDataDir(ownDataDir, { bodies: 1, years });
    dataNote = `PGlite; 1 body × ${years} years, seeded in ${Math.round(seedSeconds)} s`;
    server = await startServer({ env: { DATA_DIR: ownDataDir, SEED_DEMO: 'false' }, keepDataDir: true });
  } else {
    console.log(`\n# Delta sync: one change among the visible objects of one body of the ${data.description}`);
    dataNote = data.description;
    server = await startServer({ env: data.serverEnv, keepDataDir: data.keepDataDir, readyTimeoutMs: 240_000 });
  }
  const bare = await startBareHono();
  const base = server.baseUrl;
  try {
    const bodies = JSON.parse((await exchange(`${base}/api/bodies`)).body) as { data: { slug: string }[] };
    const slug = bodies.data[0]!.slug;
    const signIn = await exchange(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email: `sitzungsdienst@${slug}.example`, password: demoPassword }),
    });
    if (signIn.status !== 201) throw new Error(`sign-in failed: ${signIn.status} ${signIn.body}`);
    const cookie = signIn.setCookie[0]!.split(';')[0]!;
    const json = { 'content-type': 'application/json', origin: base, cookie };

    const newDevice = async () => {
      const created = await exchange(`${base}/api/sync/devices`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ name: 'Benchmark-Tablet' }),
      });
      return (JSON.parse(created.body) as { id: string }).id;
    };
    const pullAll = async (device: string, cursor = '0') => {
      let wireBytes = 0;
      let serverMs = 0;
      let pages = 0;
      const changes: SyncChange[] = [];
      const started = performance.now();
      for (;;) {
        const page = await exchange(`${base}/api/sync/pull?cursor=${cursor}&limit=1000`, {
          headers: { cookie, 'x-ratsmappe-device': device },
        });
        if (page.status !== 200) throw new Error(`pull answered ${page.status}: ${page.body}`);
        const parsed = JSON.parse(page.body) as SyncPullResponse;
        wireBytes += page.wireBytes;
        serverMs += page.serverMs;
        pages++;
        changes.push(...parsed.changes);
        cursor = parsed.cursor;
        if (!parsed.hasMore) break;
      }
      return { wireBytes, serverMs, pages, changes, cursor, totalMs: performance.now() - started };
    };

    const device = await newDevice();
    const full = await pullAll(device);
    const objects = full.changes.length;
    let cursor = full.cursor;

    const idle: number[] = [];
    for (let i = 0; i < deltaRounds; i++) {
      const nothing = await pullAll(device, cursor);
      idle.push(nothing.serverMs);
    }

    // Items of meetings still ahead and not cancelled: their agenda may change (a cancelled meeting's may not,
    // nor one whose minutes are released).
    const upcoming = new Set(
      full.changes.flatMap((c) =>
        c.op === 'upsert' && c.entity === 'meeting' && !c.data.cancelled && Date.parse(c.data.start) > Date.now()
          ? [c.id]
          : [],
      ),
    );
    const items = full.changes.flatMap((c) =>
      c.op === 'upsert' && c.entity === 'agendaItem' && upcoming.has(c.data.meetingId) ? [c.id] : [],
    );
    if (items.length === 0) throw new Error('the seed has no agenda items of upcoming meetings');
    const deltaBytes: number[] = [];
    const deltaServer: number[] = [];
    const deltaCounts: number[] = [];
    for (let i = 0; i < deltaRounds; i++) {
      const itemId = items[(i * 7919) % items.length]!;
      const patched = await exchange(`${base}/api/agenda-items/${itemId}`, {
        method: 'PATCH',
        headers: json,
        body: JSON.stringify({ name: `Bebauungsplan „Am Mühlbach“, Änderung ${i + 1}` }),
      });
      if (patched.status !== 200) throw new Error(`PATCH answered ${patched.status}: ${patched.body}`);
      const delta = await pullAll(device, cursor);
      cursor = delta.cursor;
      deltaBytes.push(delta.wireBytes);
      deltaServer.push(delta.serverMs);
      deltaCounts.push(delta.changes.length);
    }

    const again = await pullAll(await newDevice());
    const bareTimes: number[] = [];
    for (let i = 0; i < deltaRounds; i++) bareTimes.push((await exchange(`${bare.baseUrl}/`)).totalMs);

    const note = `${objects.toLocaleString('en')} visible objects (office account of one body; ${dataNote}); first sync ${full.pages} pages, ${kib(full.wireBytes)}, ${(full.totalMs / 1000).toFixed(1)} s`;
    report.add({
      benchmark: 'Delta sync',
      measure: `pull after one agenda item changed (median of ${deltaRounds}; ${median(deltaCounts)} rows)`,
      value: `${kib(median(deltaBytes))} on the wire, server ${median(deltaServer).toFixed(1)} ms`,
      baseline: `full re-download ${kib(again.wireBytes)}, server ${again.serverMs.toFixed(0)} ms; bare Hono round trip ${median(bareTimes).toFixed(1)} ms`,
      note,
    });
    report.add({
      benchmark: 'Delta sync',
      measure: `pull with nothing changed (median of ${deltaRounds})`,
      value: `server ${median(idle).toFixed(1)} ms`,
      baseline: `bare Hono round trip ${median(bareTimes).toFixed(1)} ms`,
    });
  } finally {
    await bare.stop();
    await server.stop();
    if (ownDataDir) await rm(ownDataDir, { recursive: true, force: true });
  }
}
