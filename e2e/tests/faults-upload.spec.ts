/**
 * Faults, uploads (issue 7): the server process is killed with SIGKILL at random points of an upload and started
 * again on the same data directory (embedded PGlite and the disk blob store). After every kill, before the retry:
 * no partial or second file is visible, every file version of the owner names a blob that is stored whole, the
 * blob store's final locations hold only whole blobs named after their content, and the temp files the kill left
 * are gone once the server is up again. Then the retry with the same `X-Idempotency-Key` succeeds with exactly one
 * file. When all kills are done, `server/src/cli/check-blobs.ts` checks every row of the database against the store.
 *
 * Kill points come from a seeded generator; the seed is printed, `RATSMAPPE_FAULTS_SEED=<seed>` repeats the same
 * plan (where a kill lands still depends on timing, so every landing is observed and printed).
 * 20 kills (a restart costs ~3.5 s of CPU: 101 s for 20 on this 2-core machine). `RATSMAPPE_FAULTS_FULL=1` runs 100
 * on two servers in parallel and checks the whole database straight after every other kill too;
 * `RATSMAPPE_FAULTS_KILLS=n` sets the number.
 * A failed run keeps its data directories and prints where they are.
 */
import { createHash, randomInt } from 'node:crypto';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeFileNameHeader, type FileView, type Organization } from '@ratsmappe/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../fixtures/api.js';
import { openRawRequest, requestHead, type RawRequest } from '../fixtures/raw-http.js';
import { startServer, type RunningServer } from '../fixtures/server.js';
import { sizedPdf } from '../fixtures/sized-pdf.js';

const full = process.env.RATSMAPPE_FAULTS_FULL === '1';
const kills = Number(process.env.RATSMAPPE_FAULTS_KILLS ?? (full ? 100 : 20));
/** Servers killed in parallel, each on its own data directory (a start waits on I/O part of the time). */
const lanes = full ? 2 : 1;
const seed = Number(process.env.RATSMAPPE_FAULTS_SEED ?? randomInt(2 ** 31));
const MiB = 1024 * 1024;
const uploadBytes = 3 * MiB;
const office = 'sitzungsdienst@vg-lindenau.example';
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../server');

const targets = ['head', 'body', 'body-received', 'commit'] as const;
type Target = (typeof targets)[number];
const landings = [
  'head incomplete',
  'body incomplete',
  'body sent, not all in the temp file',
  'whole body in the temp file',
  'blob stored, no row',
  'committed, no answer',
  'answered',
] as const;
type Landing = (typeof landings)[number];

interface KillRecord {
  lane: number;
  kill: number;
  target: Target;
  landing: Landing;
  sent: number;
  total: number;
  tempFilesLeft: number;
  tempBytesLeft: number;
  restartMs: number;
  retry: 'created' | 'replayed';
}

/** mulberry32: small, seedable, good enough to spread kill points. */
function generator(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function waitFor(condition: () => Promise<boolean> | boolean, what: string, everyMs = 20, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    // Polling the server's files or socket, not waiting for time to pass.
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

class Lane {
  server!: RunningServer;
  cookie = '';
  meetingId = '';
  readonly records: KillRecord[] = [];
  /** Milliseconds from a blob's arrival in its final place to the answer, per ordinary upload. */
  readonly commitWindows: number[] = [];
  /** Final-location files already hashed and found named after their content, by path: `size:mtime`. */
  private readonly verified = new Map<string, string>();
  private readonly random: () => number;

  constructor(readonly index: number) {
    this.random = generator(seed + index * 7919);
  }

  get blobs() {
    return path.join(this.server.dataDir, 'blobs');
  }

  async start() {
    // A copy of the run's seeded demo data directory, kept across the restarts (removed after the test, if it passed).
    this.server = await startServer({ keepDataDir: true });
    const signIn = await fetch(`${this.server.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.server.baseUrl },
      body: JSON.stringify({ email: office, password: demoPassword }),
    });
    expect(signIn.ok, `sign-in answered ${signIn.status}`).toBe(true);
    // The session lives in the database: the same cookie must work after every restart.
    this.cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { data: organizations } = await this.json<{ data: Organization[] }>(
      'GET',
      '/api/bodies/vg-lindenau/organizations',
    );
    const meeting = await this.json<{ id: string }>('POST', '/api/bodies/vg-lindenau/meetings', {
      name: `Störfallprobe ${this.index}`,
      start: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      organizationIds: [organizations[0]!.id],
    });
    this.meetingId = meeting.id;
    await this.checkStore();
    // One upload without a kill: the path works, and it measures how long the rows take after the blob.
    const bytes = await sizedPdf(`Probe ${this.index}`, uploadBytes);
    const response = await this.upload(bytes, `Probe ${this.index}.pdf`, `probe-${seed}-${this.index}`);
    expect(response.status).toBe(201);
  }

  /**
   * An ordinary upload; when its blob is new, notes the time from the blob's arrival in its final place to the
   * answer (the rows' commit lies in between): a `commit` kill lands at a random point of that window.
   */
  async upload(bytes: Uint8Array, name: string, key: string): Promise<Response> {
    const blob = this.blobPath(sha256(bytes));
    let blobAt: number | null = (await stat(blob).catch(() => null)) ? Date.now() : null;
    const fresh = blobAt === null;
    let answered = false;
    const watching = (async () => {
      while (blobAt === null && !answered) {
        if (await stat(blob).catch(() => null)) blobAt = Date.now();
        // Polling the blob store, as closely as a timer allows.
        else await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    const response = await fetch(`${this.server.baseUrl}/api/meetings/${this.meetingId}/files`, {
      method: 'POST',
      headers: this.uploadHeaders(name, key),
      body: new Blob([bytes as Uint8Array<ArrayBuffer>]),
    });
    const answeredAt = Date.now();
    answered = true;
    await watching;
    if (fresh && blobAt !== null && response.status === 201) this.commitWindows.push(answeredAt - blobAt);
    return response;
  }

  uploadHeaders(name: string, key: string) {
    return {
      cookie: this.cookie,
      origin: this.server.baseUrl,
      'content-type': 'application/pdf',
      'x-file-name': encodeFileNameHeader(name),
      'x-idempotency-key': key,
    };
  }

  async json<T>(method: string, target: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.server.baseUrl}${target}`, {
      method,
      headers: {
        cookie: this.cookie,
        origin: this.server.baseUrl,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${target} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  files() {
    return this.json<FileView[]>('GET', `/api/meetings/${this.meetingId}/files`);
  }

  async download(url: string): Promise<{ sha256: string; size: number }> {
    const response = await fetch(`${this.server.baseUrl}${url}`, { headers: { cookie: this.cookie } });
    expect(response.status, url).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { sha256: sha256(bytes), size: bytes.byteLength };
  }

  blobPath(sha: string) {
    return path.join(this.blobs, sha.slice(0, 2), sha.slice(2));
  }

  tempFiles() {
    return readdir(path.join(this.blobs, 'tmp')).catch(() => [] as string[]);
  }

  async tempBytes() {
    let total = 0;
    for (const name of await this.tempFiles()) {
      total += (await stat(path.join(this.blobs, 'tmp', name)).catch(() => null))?.size ?? 0;
    }
    return total;
  }

  /**
   * The final locations hold only whole blobs: every file sits in a two-hex-digit directory and hashes to its name.
   * Files seen before and unchanged (size, mtime) are not hashed again.
   */
  async checkStore() {
    for (const dir of await readdir(this.blobs, { withFileTypes: true })) {
      if (dir.name === 'tmp') continue;
      expect(dir.isDirectory() && /^[0-9a-f]{2}$/.test(dir.name), `blob store entry ${dir.name}`).toBe(true);
      for (const name of await readdir(path.join(this.blobs, dir.name))) {
        const file = path.join(this.blobs, dir.name, name);
        const info = await stat(file);
        const stamp = `${info.size}:${info.mtimeMs}`;
        if (this.verified.get(file) === stamp) continue;
        expect(sha256(await readFile(file)), `content of ${dir.name}/${name}`).toBe(dir.name + name);
        this.verified.set(file, stamp);
      }
    }
  }

  /** Every version of every file of the owner names a blob that the store holds whole. */
  async checkVersions(files: FileView[]) {
    for (const file of files) {
      for (const version of file.versions) {
        const info = await stat(this.blobPath(version.sha256)).catch(() => null);
        expect(info?.size, `blob of ${file.name} v${version.version}`).toBe(version.size);
        expect(this.verified.has(this.blobPath(version.sha256))).toBe(true);
      }
    }
  }

  async restart() {
    this.server = await startServer({ env: { DATA_DIR: this.server.dataDir }, keepDataDir: true });
  }

  async attempt(kill: number, target: Target) {
    const bytes = await sizedPdf(`Störfall ${this.index}.${kill}`, uploadBytes);
    const sha = sha256(bytes);
    const name = `Stoerfall ${this.index}-${kill}.pdf`;
    const key = `fault-${seed}-${this.index}-${kill}`;
    const before = await this.files();

    const uploadPath = `/api/meetings/${this.meetingId}/files`;
    const head = requestHead(this.server.baseUrl, uploadPath, this.uploadHeaders(name, key), bytes.byteLength);
    const request = await openRawRequest(this.server.baseUrl);
    const point = await this.killDuring(target, request, head, bytes, sha);
    const answer = request.response();
    const sent = request.sent;
    request.destroy();
    await request.closed;

    // The server is dead: what it left on disk is what the kill left.
    const temp = await this.tempFiles();
    const tempFilesLeft = temp.length;
    const tempBytesLeft = await this.tempBytes();
    const blobStored = (await stat(this.blobPath(sha)).catch(() => null)) !== null;
    if (full && kill % 2 === 1) {
      const report = await this.checkWholeDatabase(`after kill ${kill}, before the restart`);
      console.log(`lane ${this.index} kill ${kill}: check-blobs before the restart: ${JSON.stringify(report)}`);
    }
    const restartedAt = Date.now();
    await this.restart();
    const restartMs = Date.now() - restartedAt;

    // The server removed the temp files of the cut-off write when it started, and said so.
    expect(await this.tempFiles()).toEqual([]);
    if (tempFilesLeft > 0) expect(this.server.log()).toContain('removed incomplete blob writes');
    await this.checkStore();

    const after = await this.files();
    // Background text extraction may touch `modified`; the content must be what it was.
    const contents = (files: FileView[]) => files.map((f) => [f.id, f.versions.map((v) => [v.sha256, v.size])]);
    expect(
      contents(after.filter((f) => before.some((b) => b.id === f.id))),
      'files that were there before the kill',
    ).toEqual(contents(before));
    const added = after.filter((f) => !before.some((b) => b.id === f.id));
    expect(added.length, 'files the killed upload left').toBeLessThanOrEqual(1);
    const committed = added.length === 1;
    if (committed) {
      expect(added[0]!.versions).toHaveLength(1);
      expect(added[0]!.current).toMatchObject({ sha256: sha, size: bytes.byteLength, fileName: name });
      expect(blobStored, 'a committed row names a blob that was stored before the kill').toBe(true);
      expect(await this.download(added[0]!.current!.downloadUrl)).toEqual({ sha256: sha, size: bytes.byteLength });
    }
    if (answer) {
      expect(answer.status).toBe(201);
      expect(committed, 'an upload the server answered with 201 survives the kill').toBe(true);
    }
    await this.checkVersions(after);

    const retry = await this.upload(bytes, name, key);
    expect(retry.status, await retry.clone().text()).toBe(201);
    expect(retry.headers.get('idempotency-replayed')).toBe(committed ? 'true' : null);
    const retried = (await retry.json()) as FileView;
    if (committed) expect(retried.id).toBe(added[0]!.id);
    expect(retried.current).toMatchObject({ sha256: sha, size: bytes.byteLength });

    const final = await this.files();
    expect(final.length).toBe(before.length + 1);
    expect(final.filter((f) => f.current?.sha256 === sha).map((f) => f.id)).toEqual([retried.id]);
    expect(await this.download(retried.downloadUrl)).toEqual({ sha256: sha, size: bytes.byteLength });
    await this.checkStore();
    await this.checkVersions(final);

    const landing: Landing = answer
      ? 'answered'
      : committed
        ? 'committed, no answer'
        : blobStored
          ? 'blob stored, no row'
          : sent < head.byteLength
            ? 'head incomplete'
            : sent < head.byteLength + bytes.byteLength
              ? 'body incomplete'
              : tempBytesLeft < bytes.byteLength
                ? 'body sent, not all in the temp file'
                : 'whole body in the temp file';
    const record: KillRecord = {
      lane: this.index,
      kill,
      target,
      landing,
      sent,
      total: head.byteLength + bytes.byteLength,
      tempFilesLeft,
      tempBytesLeft,
      restartMs,
      retry: committed ? 'replayed' : 'created',
    };
    this.records.push(record);
    console.log(
      `lane ${record.lane} kill ${kill}: ${target} (${point}) → ${landing}; sent ${sent}/${record.total} B, ` +
        `${tempFilesLeft} temp file(s) of ${tempBytesLeft} B left, restart ${restartMs} ms, retry ${record.retry}`,
    );
  }

  /** Sends as much of the request as the target says, waits for the server to get there, and kills it. */
  private async killDuring(
    target: Target,
    request: RawRequest,
    head: Uint8Array,
    bytes: Uint8Array,
    sha: string,
  ): Promise<string> {
    let point = '';
    const writeBody = async (end: number) => {
      for (let at = 0; at < end; at += 64 * 1024)
        await request.write(bytes.subarray(at, Math.min(end, at + 64 * 1024)));
    };
    switch (target) {
      case 'head': {
        const cut = 1 + Math.floor(this.random() * (head.byteLength - 1));
        point = `after ${cut} B of the head`;
        await request.write(head.subarray(0, cut));
        break;
      }
      case 'body': {
        await request.write(head);
        const cut = 1 + Math.floor(this.random() * (bytes.byteLength - 1));
        point = `after ${cut} B of the body`;
        await writeBody(cut);
        // The server is reading the body once the blob store opened its temp file.
        await waitFor(
          async () => request.response() !== null || (await this.tempFiles()).length > 0,
          'the server to store the body',
        );
        break;
      }
      case 'body-received':
        point = 'once the temp file held the whole body';
        await request.write(head);
        await writeBody(bytes.byteLength);
        // The whole body is in the temp file: next come fsync, the rename into place and the commit.
        await waitFor(
          async () =>
            request.response() !== null ||
            (await this.tempBytes()) >= bytes.byteLength ||
            (await stat(this.blobPath(sha)).catch(() => null)) !== null,
          'the temp file to hold the whole body',
          1,
        );
        break;
      case 'commit': {
        await request.write(head);
        await writeBody(bytes.byteLength);
        // The blob is durable once it has its final name; the rows commit after that.
        await waitFor(
          async () => request.response() !== null || (await stat(this.blobPath(sha)).catch(() => null)) !== null,
          'the blob to be stored',
          1,
        );
        const windows = [...this.commitWindows].sort((a, b) => a - b);
        const windowMs = windows[windows.length >> 1]!;
        // Within the first half: the window as measured also holds the answer's way back, and under load the
        // kills at 0.8 of it mostly came after the answer.
        const extraMs = Math.floor(this.random() * 0.5 * windowMs);
        point = `${extraMs} ms after the blob was stored (window ~${windowMs} ms)`;
        if (extraMs > 0 && request.response() === null) await new Promise((resolve) => setTimeout(resolve, extraMs));
        break;
      }
    }
    await this.server.kill('SIGKILL');
    return point;
  }

  async checkWholeDatabase(when: string) {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/check-blobs.ts', '--json'], {
        cwd: serverDir,
        env: { ...process.env, DATA_DIR: this.server.dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve(stdout) : reject(new Error(`check-blobs ${when} exited ${code}:\n${stdout}${stderr}`)),
      );
    });
    const report = JSON.parse(output) as { versionRows: number; problems: unknown[]; strays: string[] };
    expect(report.problems, when).toEqual([]);
    expect(report.strays, when).toEqual([]);
    return report;
  }

  async finish() {
    await this.server.stop();
    const report = await this.checkWholeDatabase('after the last kill');
    console.log(`lane ${this.index}: check-blobs over the whole database: ${JSON.stringify(report)}`);
  }
}

const running: Lane[] = [];
let passed = false;

afterAll(async () => {
  for (const lane of running) {
    if (!lane.server) continue;
    await lane.server.stop();
    // A data directory that failed a check is the evidence (e.g. a PGlite directory that no longer opens).
    if (passed) await rm(lane.server.dataDir, { recursive: true, force: true });
    else console.log(`lane ${lane.index}: data directory kept for inspection: ${lane.server.dataDir}`);
  }
});

describe('faults: the server killed during uploads', () => {
  it(
    `leaves no partial file and no dangling row after ${kills} SIGKILLs, and the retry succeeds`,
    async () => {
      console.log(`faults-upload: seed ${seed} (RATSMAPPE_FAULTS_SEED=${seed} repeats the plan), ${kills} kills`);
      const random = generator(seed);
      // Every target equally often, in a seeded order.
      const plan = Array.from({ length: kills }, (_, i) => targets[i % targets.length]!);
      for (let i = plan.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [plan[i], plan[j]] = [plan[j]!, plan[i]!];
      }
      const started = Date.now();
      // allSettled: a failing lane must not leave the other killing servers after the test has ended.
      const outcomes = await Promise.allSettled(
        Array.from({ length: lanes }, async (_, index) => {
          const lane = new Lane(index);
          running.push(lane);
          await lane.start();
          for (let kill = index; kill < kills; kill += lanes) await lane.attempt(kill, plan[kill]!);
          await lane.finish();
        }),
      );
      for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;

      const records = running.flatMap((lane) => lane.records);
      expect(records).toHaveLength(kills);
      const count = <T extends string>(values: readonly T[], of: (r: KillRecord) => T) =>
        Object.fromEntries(values.map((v) => [v, records.filter((r) => of(r) === v).length]));
      const restarts = records.map((r) => r.restartMs).sort((a, b) => a - b);
      console.log(`kills by target: ${JSON.stringify(count(targets, (r) => r.target))}`);
      console.log(`kills by landing: ${JSON.stringify(count(landings, (r) => r.landing))}`);
      console.log(
        `restart after a kill (ms): min ${restarts[0]}, median ${restarts[restarts.length >> 1]}, ` +
          `max ${restarts[restarts.length - 1]}; all ${kills} kills in ${Date.now() - started} ms on ${lanes} lanes`,
      );
      passed = true;
    },
    full ? 3_600_000 : 600_000,
  );
});
