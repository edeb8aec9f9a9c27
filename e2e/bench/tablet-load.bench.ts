import {
  berlinDate,
  deviceHeader,
  type Account,
  type CreatedAccount,
  type Page,
  type SessionInfo,
  type SyncAgendaItem,
  type SyncChange,
  type SyncFile,
  type SyncMeeting,
  type SyncMembership,
  type SyncPullResponse,
} from '@ratsmappe/shared';
import { calendarMeetingQuery, meetingsPath } from '@ratsmappe/shared/api/public-pages';
import { cpuSeconds, startServer, waitUntilIdle } from '../fixtures/server.js';
import {
  LoadClient,
  memoryOf,
  Recorder,
  schedulingOf,
  type EndpointStats,
  type Exchange,
  type SendOptions,
} from './lib/load-client.js';
import { startBareHono } from './lib/processes.js';
import { median, percentile, type BenchReport } from './lib/report.js';

const windowSeconds = Number(process.env.LOAD_SECONDS ?? 60);
const tabletCount = Number(process.env.LOAD_TABLETS ?? 500);
const visitorCount = Number(process.env.LOAD_VISITORS ?? 50);
/** Seconds between a tablet's sync rounds (±50 %). The app itself syncs every 2 minutes while in the foreground. */
const pullSeconds = Number(process.env.LOAD_PULL_SECONDS ?? 5);
/** Documents a tablet fetches per sync round, from the documents of the meetings it keeps. */
const blobsPerRound = Number(process.env.LOAD_BLOBS_PER_ROUND ?? 1);
/** A visitor's time between two pages (±50 %). */
const thinkSeconds = Number(process.env.LOAD_THINK_SECONDS ?? 2);
/** Sockets the tablets' shared agent may open to the server (visitors and the office have agents of their own). */
const connections = Number(process.env.LOAD_CONNECTIONS ?? 64);
/** Devices signing in and syncing for the first time at once during set-up (sign-in hashing is deliberately slow). */
const setupConcurrency = Number(process.env.LOAD_SETUP_CONCURRENCY ?? 4);
const baselineSeconds = Number(process.env.LOAD_BASELINE_SECONDS ?? Math.min(windowSeconds, 10));
const officeEveryMs = 1000;
/** Generous on purpose: a request the server leaves unanswered this long is a failure, not a slow success. */
const requestTimeoutMs = 60_000;
const pullLimit = 500;
const demoPassword = 'Ratsmappe-Demo-2026';
const dayMs = 24 * 3_600_000;
/** Meetings a tablet keeps (the app's default window, client/src/offline/keep-set.ts). */
const keepWeeks = 6;

/** Words and phrases of the demo's council texts (plus a miss), as citizens type them. */
const searchWords = [
  'Haushalt',
  'Bebauungsplan',
  'Kindertagesstätte',
  'Feuerwehrgerätehaus',
  'Sanierung Grundschule',
  '"Straßenausbau"',
  'Regenrückhaltebecken',
  'Photovoltaik',
  'Friedhof',
  'Radweg',
  'Jahresabschluss',
  'Amphibienleitanlage',
  'Kohlenmonoxid',
];

/** Reproducible choices (mulberry32): two runs draw the same sequence of pages, words and jitter. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20261122);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const jitter = (ms: number) => ms * (0.5 + random());
// Pacing simulated users (think time, sync interval), not waiting for a condition.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
const kib = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

interface Credentials {
  email: string;
  password: string;
}

interface Session {
  cookie: string;
  info: SessionInfo;
}

interface BlobTarget {
  sha256: string;
  size: number;
}

/** A tablet between its sync rounds: what the server knows of it, and the documents it still has to fetch. */
interface Tablet {
  number: number;
  cookie: string;
  deviceId: string;
  cursor: string;
  queue: BlobTarget[];
  keptFiles: Set<string>;
  queued: Set<string>;
}

/** The records of a first sync that decide which documents a tablet keeps; everything else is dropped at once. */
interface KeepInputs {
  memberships: SyncMembership[];
  meetings: SyncMeeting[];
  items: SyncAgendaItem[];
  files: SyncFile[];
  versions: Map<string, { version: number; sha256: string; size: number }>;
}

function collect(into: KeepInputs, changes: readonly SyncChange[]): void {
  for (const change of changes) {
    if (change.op !== 'upsert') continue;
    if (change.entity === 'membership') into.memberships.push(change.data);
    else if (change.entity === 'meeting') into.meetings.push(change.data);
    else if (change.entity === 'agendaItem') into.items.push(change.data);
    else if (change.entity === 'file') into.files.push(change.data);
    else if (change.entity === 'fileVersion') {
      const { fileId, version, sha256, size } = change.data;
      const known = into.versions.get(fileId);
      if (!known || known.version < version) into.versions.set(fileId, { version, sha256, size });
    }
  }
}

/**
 * The documents the app would download after a first sync (client/src/offline/keep-set.ts): the current versions of
 * the files of the meetings from yesterday to six weeks ahead of the account's current committees, soonest first.
 */
function documentsToKeep(inputs: KeepInputs, personIds: readonly string[], now: Date) {
  const today = berlinDate(now);
  const current = (m: SyncMembership) => m.startDate <= today && (m.endDate === null || m.endDate >= today);
  const mine = inputs.memberships.filter((m) => personIds.includes(m.personId) && current(m));
  const organizations = new Set(
    (mine.length > 0 ? mine : inputs.memberships.filter(current)).map((m) => m.organizationId),
  );
  const from = new Date(now.getTime() - dayMs).toISOString();
  const to = new Date(now.getTime() + keepWeeks * 7 * dayMs).toISOString();
  const meetings = inputs.meetings
    .filter((m) => !m.cancelled && m.start >= from && m.start <= to)
    .filter((m) => m.organizationIds.some((id) => organizations.has(id)))
    .sort((a, b) => a.start.localeCompare(b.start));
  const queue: BlobTarget[] = [];
  const keptFiles = new Set<string>();
  const queued = new Set<string>();
  for (const meeting of meetings) {
    const items = inputs.items.filter((item) => item.meetingId === meeting.id);
    const itemIds = new Set(items.map((item) => item.id));
    const paperIds = new Set(items.flatMap((item) => (item.paperId ? [item.paperId] : [])));
    for (const file of inputs.files) {
      const owned =
        file.meetingId === meeting.id ||
        (file.agendaItemId !== null && itemIds.has(file.agendaItemId)) ||
        (file.paperId !== null && paperIds.has(file.paperId));
      if (!owned) continue;
      keptFiles.add(file.id);
      const version = inputs.versions.get(file.id);
      if (!version || queued.has(version.sha256)) continue;
      queued.add(version.sha256);
      queue.push({ sha256: version.sha256, size: version.size });
    }
  }
  return { queue, keptFiles, queued };
}

function parse<T>(exchange: Exchange): T {
  return JSON.parse(exchange.body!.toString('utf8')) as T;
}

/**
 * 500 councillors' tablets syncing and fetching documents while citizens browse the calendar and search, and the
 * office edits agendas, for LOAD_SECONDS over loopback. Reported per endpoint: count, errors, p50/p95/p99, beside a
 * bare Hono server answering a JSON document of the same size under the concurrency the run achieved.
 */
export async function tabletLoadBenchmark(report: BenchReport): Promise<void> {
  console.log(
    `\n# Tablet load: ${tabletCount} tablets (sync every ${pullSeconds} s ±50 %), ${visitorCount} visitors, ` +
      `office edit every ~${officeEveryMs / 1000} s, ${windowSeconds} s over ${connections} keep-alive sockets`,
  );
  const server = await startServer({ readyTimeoutMs: 240_000 });
  const bare = await startBareHono();
  const base = server.baseUrl;
  // The tablets share one pool of sockets; each citizen's browser and the office have their own connection, so
  // they never queue behind tablets inside the load generator (only inside the server).
  const client = new LoadClient(base, connections, requestTimeoutMs);
  const browsers = new LoadClient(base, Math.max(1, visitorCount), requestTimeoutMs);
  const officeDesk = new LoadClient(base, 1, requestTimeoutMs);
  const clients = [client, browsers, officeDesk];
  try {
    // The demo seed extracts its PDFs' text in the background for about half a minute: not part of the load.
    await waitUntilIdle(server.pid);

    const json = async <T>(endpoint: string, path: string, init: SendOptions = {}) => {
      const exchange = await client.send(endpoint, path, { ...init, keepBody: true });
      if (!exchange) throw new Error(`set-up request failed: ${JSON.stringify(client.recorder.failures.at(-1))}`);
      return (exchange.status === 204 ? undefined : parse<T>(exchange)) as T;
    };
    const writeHeaders = (cookie: string) => ({ cookie, origin: base, 'content-type': 'application/json' });
    const signIn = async ({ email, password }: Credentials, userAgent: string): Promise<Session> => {
      const exchange = await client.send('POST /api/session (sign-in)', '/api/session', {
        method: 'POST',
        headers: { origin: base, 'content-type': 'application/json', 'user-agent': userAgent },
        body: JSON.stringify({ email, password }),
        keepBody: true,
      });
      if (!exchange) throw new Error(`sign-in of ${email} failed: ${JSON.stringify(client.recorder.failures.at(-1))}`);
      const setCookie = exchange.headers['set-cookie'] ?? [];
      return { cookie: setCookie[0]!.split(';')[0]!, info: parse<SessionInfo>(exchange) };
    };

    // --- Set-up, before the measured window ---------------------------------------------------------------------
    const setupStarted = performance.now();
    const setup = client.recorder;
    const bodies = (await json<{ data: { id: string; slug: string }[] }>('setup', '/api/bodies')).data;
    const councillors = await councillorAccounts(bodies);
    const tablets = await setUpTablets(councillors);
    const offices = await setUpOffices();
    const publicData = await setUpPublicData();
    const setupSeconds = (performance.now() - setupStarted) / 1000;
    const signIns = setup.stats('POST /api/session (sign-in)');
    const firstSyncPages = setup.stats('GET /api/sync/pull (first sync, one page)');
    const docsPerTablet = tablets.map((t) => t.queue.length);
    console.log(
      `  set-up: ${councillors.length} councillor accounts, ${tablets.length} devices signed in and synced in ` +
        `${setupSeconds.toFixed(0)} s; documents to fetch per tablet: median ${median(docsPerTablet)}`,
    );

    // --- The measured window ----------------------------------------------------------------------------------------
    const window = new Recorder();
    for (const each of clients) each.recorder = window;
    const samples = {
      inFlight: [] as number[],
      busy: [] as number[],
      queued: [] as number[],
      publicBusy: [] as number[],
      rssKiB: [] as number[],
      cpu: [] as { at: number; seconds: number }[],
    };
    const sample = async () => {
      const sockets = client.sockets();
      samples.inFlight.push(clients.reduce((sum, each) => sum + each.inFlight, 0));
      samples.busy.push(sockets.busy);
      samples.queued.push(sockets.queued);
      samples.publicBusy.push(browsers.sockets().busy);
      const at = Date.now();
      const [memory, cpu] = await Promise.all([memoryOf(server.pid), cpuSeconds(server.pid).catch(() => null)]);
      if (memory) samples.rssKiB.push(memory.rssKiB);
      if (cpu !== null) samples.cpu.push({ at, seconds: cpu });
    };
    const rssBefore = (await memoryOf(server.pid))?.rssKiB ?? NaN;
    const cpuBefore = (await cpuSeconds(server.pid).catch(() => NaN)) ?? NaN;
    const ownCpuBefore = process.cpuUsage();
    const schedulingBefore = await schedulingOf(server.pid);
    const sampler = setInterval(() => void sample().catch(() => undefined), 250);
    const openedBefore = clients.reduce((sum, each) => sum + each.opened, 0);
    const started = performance.now();
    const windowStart = Date.now();
    const until = windowStart + windowSeconds * 1000;
    let officeEdits = 0;
    let syncRounds = 0;
    await Promise.all([
      ...tablets.map((tablet) => tabletRounds(tablet, until)),
      ...Array.from({ length: visitorCount }, () => visitor(until)),
      office(until),
    ]);
    const elapsed = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const cpuAfter = await cpuSeconds(server.pid).catch(() => NaN);
    const ownCpu = process.cpuUsage(ownCpuBefore);
    const schedulingAfter = await schedulingOf(server.pid);
    const waitedForCpu =
      schedulingBefore && schedulingAfter
        ? `its main thread waited ${(schedulingAfter.waiting - schedulingBefore.waiting).toFixed(1)} s for a CPU ` +
          `and ran ${(schedulingAfter.running - schedulingBefore.running).toFixed(1)} s; `
        : '';
    const memoryAfter = await memoryOf(server.pid);
    const timeline = timelineOf(window.ends, samples.cpu, windowStart, Date.now());
    console.log(`  answers per second: ${timeline.answers.join(' ')}`);
    console.log(`  server CPU % per second: ${timeline.cpuPercent.join(' ')}`);

    // --- Baseline: bare Hono, each endpoint's median size, under the achieved mean concurrency ---------------------
    const meanInFlight = samples.inFlight.reduce((a, b) => a + b, 0) / Math.max(1, samples.inFlight.length);
    const baselineConcurrency = Math.max(1, Math.round(meanInFlight));
    const baseline = await bareBaseline(window, bare.baseUrl, baselineConcurrency, connections + visitorCount + 1);

    // --- Report -----------------------------------------------------------------------------------------------------
    const benchmark = 'Tablet load';
    const names = [...window.endpoints.keys()].sort();
    let total = 0;
    let errors = 0;
    for (const name of names) {
      const stats = window.endpoints.get(name)!;
      total += stats.latencies.length + stats.errors;
      errors += stats.errors;
      const bareStats = baseline.endpoints.get(name);
      report.add({
        benchmark,
        measure: name,
        value: `${stats.latencies.length + stats.errors} requests, ${stats.errors} errors; ${percentiles(stats)}`,
        baseline: bareStats?.latencies.length
          ? `${percentiles(bareStats)} (bare Hono, same size, ${baselineConcurrency} in flight)`
          : 'not measured',
        note:
          `median ${kib(median(stats.wireBytes.length ? stats.wireBytes : [0]))} on the wire` +
          (stats.serverMs.length
            ? `; inside the sync service (Server-Timing): p50 ${ms(percentile(stats.serverMs, 50))} / p99 ${ms(percentile(stats.serverMs, 99))} ms`
            : ''),
      });
    }
    const bareTotal = [...baseline.endpoints.values()].reduce((sum, s) => sum + s.latencies.length, 0);
    const peak = (values: number[]) => values.reduce((a, b) => Math.max(a, b), 0);
    report.add({
      benchmark,
      measure: `all endpoints, ${windowSeconds} s window`,
      value: `${total} requests (${Math.round(total / elapsed)}/s), ${errors} errors`,
      baseline: `${Math.round(bareTotal / baselineSeconds)}/s (bare Hono, same mix of sizes, ${baselineConcurrency} in flight)`,
      note:
        `in flight: mean ${meanInFlight.toFixed(1)}, peak ${peak(samples.inFlight)}; tablets' sockets busy: peak ` +
        `${peak(samples.busy)} of ${connections}, tablet requests waiting for one: peak ${peak(samples.queued)}; ` +
        `visitors' sockets busy: peak ${peak(samples.publicBusy)}; ` +
        `connections opened in the window: ${clients.reduce((sum, each) => sum + each.opened, 0) - openedBefore}; ` +
        `${tablets.length} tablets over ${councillors.length} accounts, ${visitorCount} visitors, ${officeEdits} office edits`,
    });
    report.add({
      benchmark,
      measure: 'tablet sync rounds (pull, then up to one document)',
      value: `${(syncRounds / elapsed).toFixed(1)} rounds/s achieved`,
      baseline: `${(tablets.length / pullSeconds).toFixed(1)} rounds/s offered (${tablets.length} tablets, every ${pullSeconds} s ±50 %)`,
      note: `longest stretch without any answer: ${timeline.longestGapSeconds.toFixed(1)} s`,
    });
    report.add({
      benchmark,
      measure: 'server process during the window',
      value: `RSS peak ${kib(peak(samples.rssKiB) * 1024)}, CPU ${Math.round(((cpuAfter - cpuBefore) / elapsed) * 100)} % of one core`,
      baseline: `RSS ${kib(rssBefore * 1024)} before the window; VmHWM ${kib((memoryAfter?.peakKiB ?? NaN) * 1024)} since start`,
      note: `${waitedForCpu}load generator (same machine): CPU ${Math.round(((ownCpu.user + ownCpu.system) / 1e6 / elapsed) * 100)} % of one core`,
    });
    report.add({
      benchmark,
      measure: `set-up (not in the window): ${tablets.length} devices sign in and sync from scratch, ${setupConcurrency} at a time`,
      value: `sign-in ${percentiles(signIns)}; first-sync page ${percentiles(firstSyncPages)}`,
      baseline: `${setupSeconds.toFixed(0)} s in all`,
      note: `${firstSyncPages.latencies.length} first-sync pages, median ${kib(median(firstSyncPages.wireBytes))}; ${setup.failures.length} errors`,
    });
    const failures = window.failureSummary();
    if (failures.length > 0) {
      console.log(`\n  errors in the window (${errors}):`);
      for (const { key, count } of failures) console.log(`    ${count} × ${key}`);
      report.add({
        benchmark,
        measure: 'errors in the window, by cause',
        value: failures
          .slice(0, 8)
          .map(({ key, count }) => `${count} × ${key}`)
          .join('; ')
          .replace(/\|/g, '/'),
        baseline: '0 (acceptance bar)',
      });
    }

    // --- The simulated users -----------------------------------------------------------------------------------------

    async function councillorAccounts(all: { id: string; slug: string }[]): Promise<Credentials[]> {
      // The demo has seven councillor accounts; the office creates one for every other person of both councils (the
      // set-up link's owner then chooses a password), as an installation would before handing out tablets.
      const admin = await signIn({ email: 'admin@ratsmappe.example', password: demoPassword }, 'Lastprobe Verwaltung');
      const accounts: Credentials[] = [];
      const linked = new Set<string>();
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const page: Page<Account> = await json<Page<Account>>('setup', `/api/accounts?limit=200${query}`, {
          headers: { cookie: admin.cookie },
        });
        for (const account of page.data) {
          for (const person of account.persons) linked.add(person.id);
          if (account.active && account.passwordSet && account.grants.length === 0 && account.persons.length > 0)
            accounts.push({ email: account.email, password: demoPassword });
        }
        cursor = page.nextCursor;
      } while (cursor);
      let n = 0;
      for (const body of all) {
        const persons = (
          await json<{ data: { id: string; name: string }[] }>('setup', `/api/bodies/${body.slug}/persons`)
        ).data;
        for (const person of persons) {
          if (linked.has(person.id)) continue;
          n++;
          const email = `lastprobe-${n}@${body.slug}.example`;
          const created = await json<CreatedAccount>('setup', '/api/accounts', {
            method: 'POST',
            headers: writeHeaders(admin.cookie),
            body: JSON.stringify({ email, displayName: person.name, personIds: [person.id] }),
          });
          const token = new URLSearchParams(new URL(created.setupLink.setupUrl).hash.slice(1)).get('token')!;
          const password = `Sitzungsmappe-${n}-${Math.floor(random() * 1e9).toString(36)}`;
          await json<undefined>('setup', '/api/account-setup', {
            method: 'POST',
            headers: { origin: base, 'content-type': 'application/json' },
            body: JSON.stringify({ token, password }),
          });
          accounts.push({ email, password });
        }
      }
      return accounts;
    }

    /**
     * Each device signs in on its own (a session per device, as in the app) and syncs from scratch. Sign-ins are
     * spread round-robin over the accounts and run `setupConcurrency` at a time, so no account ever has two attempts
     * pending and the address never nears its 20 counted attempts (sign-in-throttle.ts; successes do not count).
     */
    async function setUpTablets(accounts: Credentials[]): Promise<Tablet[]> {
      const result: Tablet[] = [];
      let next = 0;
      const worker = async () => {
        while (next < tabletCount) {
          const number = ++next;
          const session = await signIn(accounts[(number - 1) % accounts.length]!, `Lastprobe-Tablet ${number}`);
          const device = await json<{ id: string }>('POST /api/sync/devices', '/api/sync/devices', {
            method: 'POST',
            headers: writeHeaders(session.cookie),
            body: JSON.stringify({ name: `Tablet ${number}` }),
          });
          const tablet: Tablet = {
            number,
            cookie: session.cookie,
            deviceId: device.id,
            cursor: '0',
            queue: [],
            keptFiles: new Set(),
            queued: new Set(),
          };
          const inputs: KeepInputs = { memberships: [], meetings: [], items: [], files: [], versions: new Map() };
          if (!(await pull(tablet, 'GET /api/sync/pull (first sync, one page)', (c) => collect(inputs, c))))
            throw new Error(
              `first sync of tablet ${number} failed: ${JSON.stringify(client.recorder.failures.at(-1))}`,
            );
          Object.assign(tablet, documentsToKeep(inputs, session.info.personIds, new Date()));
          result.push(tablet);
          if (result.length % 50 === 0)
            console.log(
              `  … ${result.length} devices ready (${((performance.now() - setupStarted) / 1000).toFixed(0)} s)`,
            );
        }
      };
      await Promise.all(Array.from({ length: setupConcurrency }, worker));
      return result.sort((a, b) => a.number - b.number);
    }

    async function setUpOffices() {
      const today = berlinDate(new Date());
      const result: { cookie: string; items: { id: string; name: string }[] }[] = [];
      for (const body of bodies) {
        const session = await signIn(
          { email: `sitzungsdienst@${body.slug}.example`, password: demoPassword },
          'Lastprobe Sitzungsdienst',
        );
        const upcoming = await json<{ data: { id: string; cancelled: boolean }[] }>(
          'setup',
          meetingsPath(body.slug, { from: today, limit: 20 }),
          { headers: { cookie: session.cookie } },
        );
        const items: { id: string; name: string }[] = [];
        // A cancelled meeting's agenda is closed to edits (409).
        for (const meeting of upcoming.data.filter((m) => !m.cancelled)) {
          const agenda = await json<{ items: { id: string; name: string }[] }>(
            'setup',
            `/api/meetings/${meeting.id}/agenda`,
            { headers: { cookie: session.cookie } },
          );
          items.push(...agenda.items.map(({ id, name }) => ({ id, name })));
        }
        if (items.length > 0) result.push({ cookie: session.cookie, items });
      }
      if (result.length === 0) throw new Error('no agenda items of upcoming meetings to edit');
      return result;
    }

    async function setUpPublicData() {
      const today = berlinDate(new Date());
      const result: { id: string; slug: string; meetingIds: string[] }[] = [];
      for (const body of bodies) {
        const lists = await Promise.all([
          json<{ data: { id: string }[] }>('setup', meetingsPath(body.slug, { from: today, limit: 50 })),
          json<{ data: { id: string }[] }>('setup', meetingsPath(body.slug, { to: today, order: 'desc', limit: 50 })),
        ]);
        result.push({ ...body, meetingIds: lists.flatMap((list) => list.data.map((m) => m.id)) });
      }
      return result;
    }

    /** Pulls pages until the server has nothing more; false when a page failed (the next round tries again). */
    async function pull(
      tablet: Tablet,
      endpoint: string,
      onChanges: (changes: SyncChange[]) => void,
      rename?: (exchange: Exchange) => string,
    ): Promise<boolean> {
      for (;;) {
        const exchange = await client.send(endpoint, `/api/sync/pull?cursor=${tablet.cursor}&limit=${pullLimit}`, {
          headers: { cookie: tablet.cookie, [deviceHeader]: tablet.deviceId },
          keepBody: true,
          rename,
        });
        if (!exchange) return false;
        const page = parse<SyncPullResponse>(exchange);
        onChanges(page.changes);
        tablet.cursor = page.cursor;
        if (!page.hasMore) return true;
      }
    }

    async function download(tablet: Tablet, target: BlobTarget): Promise<void> {
      const draw = random();
      // The app always asks with Range from where it stopped (If-Range guards against a changed blob); a few
      // downloads resume in the middle, and a few come without Range, as a plain browser download would.
      const offset = draw < 0.2 ? Math.floor(target.size / 2) : 0;
      const ranged = draw < 0.9;
      const endpoint = !ranged
        ? 'GET /api/blobs/:sha256 (whole, no Range)'
        : offset > 0
          ? 'GET /api/blobs/:sha256 (resumed, Range from the middle)'
          : 'GET /api/blobs/:sha256 (Range from 0)';
      const headers: Record<string, string> = { cookie: tablet.cookie, [deviceHeader]: tablet.deviceId };
      if (ranged) Object.assign(headers, { range: `bytes=${offset}-`, 'if-range': `"${target.sha256}"` });
      await client.send(endpoint, `/api/blobs/${target.sha256}`, {
        headers,
        verify: (exchange) => {
          const expected = target.size - (exchange.status === 206 ? offset : 0);
          if (ranged && exchange.status !== 206) return `asked for a range, got ${exchange.status}`;
          return exchange.wireBytes === expected ? null : `body of ${exchange.wireBytes} bytes, expected ${expected}`;
        },
      });
    }

    async function tabletRounds(tablet: Tablet, end: number): Promise<void> {
      // Tablets come online spread over one interval, not all at the first millisecond.
      await sleep(Math.min(random() * pullSeconds * 1000, end - Date.now()));
      while (Date.now() < end) {
        await pull(
          tablet,
          'GET /api/sync/pull (delta)',
          (changes) => {
            for (const change of changes) {
              if (change.op !== 'upsert' || change.entity !== 'fileVersion') continue;
              const { fileId, sha256, size } = change.data;
              if (!tablet.keptFiles.has(fileId) || tablet.queued.has(sha256)) continue;
              tablet.queued.add(sha256);
              tablet.queue.push({ sha256, size });
            }
          },
          (exchange) =>
            exchange.body?.includes('"changes":[]')
              ? 'GET /api/sync/pull (delta, nothing new)'
              : 'GET /api/sync/pull (delta with changes)',
        );
        for (let i = 0; i < blobsPerRound && tablet.queue.length > 0 && Date.now() < end; i++)
          await download(tablet, tablet.queue.shift()!);
        syncRounds++;
        await sleep(Math.min(jitter(pullSeconds * 1000), end - Date.now()));
      }
    }

    async function visitor(end: number): Promise<void> {
      const think = () => sleep(Math.min(jitter(thinkSeconds * 1000), end - Date.now()));
      const today = berlinDate(new Date());
      await sleep(random() * thinkSeconds * 1000);
      while (Date.now() < end) {
        const body = pick(publicData);
        if (random() < 0.2) {
          // A machine reader of the open data interface, walking from the system to one meeting.
          for (const [endpoint, path] of [
            ['GET /oparl/v1/system', '/oparl/v1/system'],
            ['GET /oparl/v1/body/:id', `/oparl/v1/body/${body.id}`],
            ['GET /oparl/v1/body/:id/meetings', `/oparl/v1/body/${body.id}/meetings`],
            ['GET /oparl/v1/meeting/:id', `/oparl/v1/meeting/${pick(body.meetingIds)}`],
            ['GET /oparl/v1/body/:id/papers', `/oparl/v1/body/${body.id}/papers`],
          ] as const) {
            if (Date.now() >= end) return;
            await browsers.send(endpoint, path);
            await sleep(Math.min(jitter(500), end - Date.now()));
          }
          continue;
        }
        // A citizen: the calendar (cold load, first view answered inside the HTML), another view of it, a meeting,
        // a search, and a paper found by it.
        const steps: (() => Promise<unknown>)[] = [
          () => browsers.send('GET /:body/sitzungen (HTML with first view)', `/${body.slug}/sitzungen`),
          () => {
            const month = random() < 0.5;
            const query = calendarMeetingQuery(
              {
                view: month ? 'month' : 'list',
                period: month ? 'upcoming' : 'past',
                organization: null,
                month: null,
                day: null,
              },
              today,
            );
            const view = month ? 'month' : 'past list';
            return browsers.send(`GET /api/bodies/:slug/meetings (${view})`, meetingsPath(body.slug, query));
          },
          () => browsers.send('GET /api/meetings/:id', `/api/meetings/${pick(body.meetingIds)}`),
          async () => {
            const query = new URLSearchParams({ q: pick(searchWords), body: body.slug, page: '1', limit: '20' });
            const found = await browsers.send('GET /api/search', `/api/search?${query.toString()}`, { keepBody: true });
            const papers = found
              ? parse<{ results: { type: string; id: string }[] }>(found).results.filter((r) => r.type === 'paper')
              : [];
            if (papers.length === 0 || Date.now() >= end) return;
            await think();
            if (Date.now() < end) await browsers.send('GET /api/papers/:id', `/api/papers/${pick(papers).id}`);
          },
        ];
        for (const step of steps) {
          if (Date.now() >= end) return;
          await step();
          await think();
        }
      }
    }

    async function office(end: number): Promise<void> {
      while (Date.now() < end) {
        const desk = offices[officeEdits % offices.length]!;
        const item = pick(desk.items);
        officeEdits++;
        await officeDesk.send('PATCH /api/agenda-items/:id (office edit)', `/api/agenda-items/${item.id}`, {
          method: 'PATCH',
          headers: writeHeaders(desk.cookie),
          body: JSON.stringify({ name: `${item.name.slice(0, 400)} (Fassung ${officeEdits})` }),
        });
        await sleep(Math.min(jitter(officeEveryMs), end - Date.now()));
      }
    }
  } finally {
    for (const each of clients) each.close();
    await bare.stop();
    await server.stop();
  }
}

/** Answers and server CPU per second of the window, and the longest stretch in which no answer arrived. */
function timelineOf(
  ends: readonly number[],
  cpu: readonly { at: number; seconds: number }[],
  from: number,
  to: number,
) {
  const seconds = Math.ceil((to - from) / 1000);
  const answers = Array.from({ length: seconds }, () => 0);
  for (const end of ends) answers[Math.min(seconds - 1, Math.floor((end - from) / 1000))]!++;
  const cpuPercent = answers.map((_, second) => {
    const inSecond = cpu.filter((s) => s.at >= from + second * 1000 && s.at < from + (second + 1) * 1000);
    const before = cpu.filter((s) => s.at < from + second * 1000).at(-1) ?? inSecond[0];
    const last = inSecond.at(-1);
    return before && last && last.at > before.at
      ? Math.round(((last.seconds - before.seconds) / ((last.at - before.at) / 1000)) * 100)
      : 0;
  });
  const sorted = [from, ...ends, to].sort((a, b) => a - b);
  let longestGap = 0;
  for (let i = 1; i < sorted.length; i++) longestGap = Math.max(longestGap, sorted[i]! - sorted[i - 1]!);
  return { answers, cpuPercent, longestGapSeconds: longestGap / 1000 };
}

function percentiles(stats: EndpointStats): string {
  return percentilesOf(stats.latencies);
}

function percentilesOf(latencies: number[]): string {
  if (latencies.length === 0) return 'no successful request';
  const at = (p: number) => ms(percentile(latencies, p));
  return `p50 ${at(50)} / p95 ${at(95)} / p99 ${at(99)} ms`;
}

/**
 * The same mix of answer sizes from a bare Hono server, `concurrency` requests always in flight over as many sockets
 * as the run had: what loopback, HTTP and a Node server cost before any application work.
 */
async function bareBaseline(
  window: Recorder,
  bareUrl: string,
  concurrency: number,
  sockets: number,
): Promise<Recorder> {
  const mix = [...window.endpoints.entries()]
    .filter(([, stats]) => stats.latencies.length > 0)
    .map(([name, stats]) => ({
      name,
      bytes: Math.max(1, Math.round(median(stats.wireBytes))),
      weight: stats.latencies.length,
    }));
  const client = new LoadClient(bareUrl, sockets, requestTimeoutMs);
  const totalWeight = mix.reduce((sum, m) => sum + m.weight, 0);
  const draw = () => {
    let at = random() * totalWeight;
    for (const entry of mix) {
      at -= entry.weight;
      if (at < 0) return entry;
    }
    return mix.at(-1)!;
  };
  const end = Date.now() + baselineSeconds * 1000;
  try {
    if (mix.length > 0) {
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (Date.now() < end) {
            const entry = draw();
            await client.send(entry.name, `/?bytes=${entry.bytes}`);
          }
        }),
      );
    }
    return client.recorder;
  } finally {
    client.close();
  }
}
