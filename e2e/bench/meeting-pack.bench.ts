/**
 * Meeting pack: a meeting with about 80 PDFs (200 MB) goes from the server into IndexedDB in Chromium, as a
 * councillor's tablet fetches it on first sign-in (sync of the body's records, then every document in 4 MiB
 * chunks, each verified against its sha256). Beside it, in the same run, `curl` fetches the same blobs from the same
 * server on loopback with the same session: the transport's limit without the browser, IndexedDB or hashing.
 *
 *   pnpm bench meeting-pack
 *   BENCH_PACK_FILES=40 BENCH_PACK_MB=100 pnpm bench meeting-pack
 *
 * Set-up (not measured): the demo seed, then as its office a new committee, a meeting of it in three days and
 * the PDFs (pdf-lib pages with uncompressed random pictures, so nothing on the way can shrink them), and a new
 * councillor (person, account with set-up link, membership). The server's text extraction finishes before
 * anything is timed.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  berlinDate,
  deviceHeader,
  type CreatedAccount,
  type SessionInfo,
  type SyncPullResponse,
} from '@ratsmappe/shared';
import { apiSignIn, demoPassword, type ApiSession } from '../fixtures/api.js';
import { launchChromium } from '../fixtures/browser.js';
import { startServer } from '../fixtures/server.js';
import { sizedPdf } from '../fixtures/sized-pdf.js';
import { newTabletContext, readDeviceDatabase, signInOnTablet } from '../fixtures/tablet.js';
import type { BenchReport } from './lib/report.js';

const MB = 1024 * 1024;
const fileCount = Number(process.env.BENCH_PACK_FILES ?? 80);
const totalMb = Number(process.env.BENCH_PACK_MB ?? 200);
const dayMs = 24 * 3600 * 1000;

/** Sizes that vary like a real pack (a few large plans, many short papers) and add up to `total`. */
function packSizes(count: number, total: number): number[] {
  const weights = Array.from({ length: count }, (_, i) => 0.15 + (1 + Math.sin(i * 1.7)) ** 2);
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.round((total * w) / sum));
}

interface Pack {
  meetingId: string;
  councillor: { email: string; accountId: string };
  files: { name: string; sha256: string; size: number }[];
}

async function buildPack(base: string, office: ApiSession): Promise<Pack> {
  const bodyId = office.info.officeStaffBodyIds[0]!;
  const committee = await office.json<{ id: string }>('POST', `/api/bodies/${bodyId}/organizations`, {
    kind: 'committee',
    name: 'Ausschuss für Großprojekte',
  });
  const start = new Date(Date.now() + 3 * dayMs);
  start.setUTCHours(16, 0, 0, 0);
  const meeting = await office.json<{ id: string }>('POST', `/api/bodies/${bodyId}/meetings`, {
    name: 'Sondersitzung Ortsumgehung – Planfeststellung',
    start: start.toISOString(),
    organizationIds: [committee.id],
  });

  const person = await office.json<{ id: string }>('POST', `/api/bodies/${bodyId}/persons`, {
    givenName: 'Henrike',
    familyName: 'Benchmeyer',
  });
  await office.json('POST', `/api/bodies/${bodyId}/memberships`, {
    personId: person.id,
    organizationId: committee.id,
    startDate: berlinDate(new Date(Date.now() - 30 * dayMs)),
  });
  const email = 'henrike.benchmeyer@vg-lindenau.example';
  const created = await office.json<CreatedAccount>('POST', '/api/accounts', {
    email,
    displayName: 'Henrike Benchmeyer',
    personIds: [person.id],
  });
  const token = /#token=(.+)$/.exec(created.setupLink.setupUrl)?.[1];
  if (!token) throw new Error(`no token in ${created.setupLink.setupUrl}`);
  const setup = await fetch(`${base}/api/account-setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ token: decodeURIComponent(token), password: demoPassword }),
  });
  if (setup.status !== 204) throw new Error(`account set-up answered ${setup.status}: ${await setup.text()}`);

  const files: Pack['files'] = [];
  for (const [i, size] of packSizes(fileCount, totalMb * MB).entries()) {
    const name = `Anlage ${i + 1} – Planunterlage.pdf`;
    const bytes = await sizedPdf(`Anlage ${i + 1} zur Planfeststellung Ortsumgehung`, size, [
      'Ortsumgehung Lindenau, Planfeststellungsunterlage',
    ]);
    const view = await office.upload('meetings', meeting.id, { name, bytes }, { role: 'auxiliary' });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (view.current?.sha256 !== sha256) throw new Error(`${name}: the server stored other bytes`);
    files.push({ name, sha256, size: bytes.byteLength });
  }
  return { meetingId: meeting.id, councillor: { email, accountId: created.account.id }, files };
}

/** Waits until the server has extracted the text of every document of the pack (background jobs, not timed). */
async function waitForExtraction(session: ApiSession, pack: Pack): Promise<void> {
  const device = await session.json<{ id: string }>('POST', '/api/sync/devices', { name: 'Benchmark-Vorbereitung' });
  const wanted = new Set(pack.files.map((f) => f.sha256));
  const deadline = Date.now() + 10 * 60 * 1000;
  let cursor = '0';
  const extracted = new Set<string>();
  while (Date.now() < deadline) {
    for (;;) {
      const page = await session.json<SyncPullResponse>(
        'GET',
        `/api/sync/pull?cursor=${cursor}&limit=2000`,
        undefined,
        {
          [deviceHeader]: device.id,
        },
      );
      for (const change of page.changes) {
        if (change.op === 'upsert' && change.entity === 'fileVersion' && wanted.has(change.data.sha256)) {
          if (change.data.extractedText !== null) extracted.add(change.data.sha256);
        }
      }
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    if (extracted.size === wanted.size) return;
    // Polling the server's background jobs during set-up, not a measurement.
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`text extraction did not finish: ${extracted.size} of ${wanted.size}`);
}

/** One curl process fetching every blob in turn over one keep-alive connection, as the tablet does. */
async function curlBaseline(base: string, cookie: string, pack: Pack, dir: string) {
  const config = path.join(dir, 'curl.txt');
  await writeFile(
    config,
    pack.files.map((f) => `url = "${base}/api/blobs/${f.sha256}"\noutput = "/dev/null"\n`).join(''),
  );
  const started = performance.now();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn('curl', ['-s', '--fail', '-b', cookie, '-w', '%{size_download}\\n', '--config', config], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`curl exited with ${code}`))));
  });
  const seconds = (performance.now() - started) / 1000;
  const bytes = output
    .trim()
    .split('\n')
    .reduce((sum, line) => sum + Number(line), 0);
  return { seconds, bytes };
}

export async function meetingPackBenchmark(report: BenchReport): Promise<void> {
  console.log(`\n# Meeting pack: ${fileCount} PDFs, ${totalMb} MB, from the server into IndexedDB in Chromium`);
  const dir = await mkdtemp(path.join(tmpdir(), 'ratsmappe-bench-pack-'));
  const server = await startServer({ readyTimeoutMs: 240_000 });
  const browser = await launchChromium();
  try {
    const base = server.baseUrl;
    const office = await apiSignIn(base, 'sitzungsdienst@vg-lindenau.example');
    const prepared = performance.now();
    const pack = await buildPack(base, office);
    const councillor = await apiSignIn(base, pack.councillor.email);
    await waitForExtraction(councillor, pack);
    const packBytes = pack.files.reduce((sum, f) => sum + f.size, 0);
    console.log(`  set-up: ${((performance.now() - prepared) / 1000).toFixed(0)} s`);

    const curl = await curlBaseline(base, councillor.cookie, pack, dir);
    if (curl.bytes !== packBytes) throw new Error(`curl fetched ${curl.bytes} bytes, the pack has ${packBytes}`);

    const context = await newTabletContext(browser);
    const page = await context.newPage();
    let syncStarted = 0;
    let firstBlob = 0;
    context.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname === '/api/sync/devices' && request.method() === 'POST' && !syncStarted) {
        syncStarted = performance.now();
      }
      if (pathname.startsWith('/api/blobs/') && !firstBlob) firstBlob = performance.now();
    });
    await signInOnTablet(page, base, pack.councillor.email);
    const card = page.locator('.tablet-card', { hasText: 'Sondersitzung Ortsumgehung' });
    await card.getByText('Bereit – alles auf diesem Gerät').waitFor({ timeout: 30 * 60 * 1000 });
    const ready = performance.now();

    const account = await page.evaluate(async () => (await fetch('/api/session')).json() as Promise<SessionInfo>);
    const stored = await readDeviceDatabase(page, account.account.id, ['blobs']);
    const blobs = (stored?.blobs ?? []) as { sha256: string; receivedBytes: number; verified: boolean }[];
    const ours = blobs.filter((b) => b.verified && pack.files.some((f) => f.sha256 === b.sha256));
    const storedBytes = ours.reduce((sum, b) => sum + b.receivedBytes, 0);
    if (ours.length !== pack.files.length || storedBytes !== packBytes) {
      throw new Error(
        `${ours.length} of ${pack.files.length} documents verified, ${storedBytes} of ${packBytes} bytes`,
      );
    }
    await context.close();

    const mb = packBytes / MB;
    const total = (ready - syncStarted) / 1000;
    const downloads = (ready - firstBlob) / 1000;
    report.add({
      benchmark: 'Meeting pack',
      measure: `${pack.files.length} PDFs, ${mb.toFixed(0)} MB: first sign-in until "Bereit" (sync, download into IndexedDB, sha256 check)`,
      value: `${(mb / total).toFixed(1)} MB/s, ${total.toFixed(1)} s`,
      baseline: `curl of the same blobs on loopback: ${(mb / curl.seconds).toFixed(1)} MB/s, ${curl.seconds.toFixed(1)} s`,
      note: `of which records sync ${((firstBlob - syncStarted) / 1000).toFixed(1)} s; all ${ours.length} documents verified in IndexedDB`,
    });
    report.add({
      benchmark: 'Meeting pack',
      measure: `${pack.files.length} PDFs, ${mb.toFixed(0)} MB: documents only (first blob request until "Bereit")`,
      value: `${(mb / downloads).toFixed(1)} MB/s, ${downloads.toFixed(1)} s`,
      baseline: `curl: ${(mb / curl.seconds).toFixed(1)} MB/s`,
    });
  } finally {
    await browser.close();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
