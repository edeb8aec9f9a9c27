import type {
  FileView,
  Organization,
  SyncAgendaItem,
  SyncAnnotation,
  SyncFileVersion,
  SyncPin,
} from '@ratsmappe/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSignIn, type ApiSession } from '../fixtures/api.js';
import { pdf } from '../fixtures/office.js';
import { findPostgresBinaries, startPrivatePostgres, type PrivatePostgres } from '../fixtures/private-postgres.js';
import { startServer, type RunningServer } from '../fixtures/server.js';
import {
  RecordingClient,
  SimulatedTablet,
  stateDifference,
  stateKey,
  type Attempt,
  type DeviceState,
} from '../fixtures/sync-client.js';

/**
 * Issue 7 "Faults": PostgreSQL restarts while tablets sync and the office edits. The server process keeps running;
 * during an outage requests answer a clean 503, afterwards every tablet catches up to what a new device would get,
 * every change the office saw confirmed is there, and the job worker goes on.
 *
 * The database is a private cluster (fixtures/private-postgres.ts), never the machine's shared one on 5432.
 * RATSMAPPE_FAULTS_FULL=1 runs ten outages instead of three, with more traffic between them.
 */

const full = process.env.RATSMAPPE_FAULTS_FULL === '1';
type Outage = 'fast' | 'immediate' | 'stop';
const outages: Outage[] = full
  ? ['fast', 'immediate', 'stop', 'fast', 'immediate', 'fast', 'stop', 'immediate', 'fast', 'immediate']
  : ['fast', 'immediate', 'stop'];
/** Successful requests every client makes between two outages. */
const progressBetweenOutages = full ? 6 : 2;

/** Fixed by the demo seed (server/src/seed/profiles.ts, README); e2e imports only shared code. */
const lindenau = 'vg-lindenau';
const officeEmail = 'sitzungsdienst@vg-lindenau.example';
const committeeName = 'Bau- und Umweltausschuss';
/** Member of the committee: reads the non-public items of its meetings. */
const committeeMember = 'miriam.kesselring@vg-lindenau.example';
/** Not a member of it: sees the committee's public items only. */
const otherCouncillor = 'tobias.wendland@vg-lindenau.example';
const tabletAccounts = [
  committeeMember,
  otherCouncillor,
  'ulrike.hagedorn@vg-lindenau.example',
  'lukas.brenneisen@stadt-auenbach.example',
];
const itemPrefix = 'Störungsprobe TOP';

const binaries = findPostgresBinaries();
const missingBinaries =
  'no PostgreSQL server binaries under /usr/lib/postgresql/<version>/bin (initdb, pg_ctl, postgres, psql): ' +
  'install the Debian package postgresql (.ci/run does)';

/** Run at every poll of waitFor: a server that died fails the test at once, not after a long timeout. */
const everyPoll: (() => void)[] = [];

async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 90_000,
  explain: () => string | Promise<string> = () => '',
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const check of everyPoll) check();
    if (await condition()) return;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${await explain()}`);
    // Polling state that other loops of this test change.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface OutageRecord {
  mode: Outage;
  startedAt: number;
  /** pg_ctl returned: the database accepts connections again. */
  backAt: number;
  /** Every client has had a successful request after backAt. */
  recoveredAt: number;
}

interface OfficeItem {
  id: string;
  public: boolean;
  /** Names the item may have: the last confirmed rename, plus renames whose answer was lost. */
  names: Set<string>;
}

describe('PostgreSQL restarted while tablets sync', () => {
  if (!binaries && process.env.CI !== 'true') {
    console.log(`faults-postgres: skipped, ${missingBinaries}`);
    it.skip(`skipped: ${missingBinaries}`, () => undefined);
    return;
  }

  let postgres: PrivatePostgres | undefined;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    if (!binaries) throw new Error(`CI must run this test: ${missingBinaries}`);
    const started = Date.now();
    postgres = await startPrivatePostgres(binaries);
    const clusterMs = Date.now() - started;
    // The full demo seed, written into the private cluster (the PGlite copy of global-setup does not apply here).
    server = await startServer({
      env: { DATABASE_URL: postgres.url, SEED_DEMO: 'true', DATA_DIR: `${postgres.root}/server-data` },
      readyTimeoutMs: 180_000,
    });
    const running = server;
    everyPoll.push(() => {
      try {
        process.kill(running.pid, 0);
      } catch {
        throw new Error(`the server process exited:\n${running.log().slice(-6000)}`);
      }
    });
    console.log(
      `faults-postgres: private cluster on port ${postgres.port} in ${clusterMs} ms, ` +
        `server seeded and ready after ${Date.now() - started - clusterMs} ms`,
    );
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await postgres?.destroy();
  });

  it(
    'keeps serving through database restarts and lets every tablet catch up without a server restart',
    async () => {
      const pg = postgres!;
      const baseUrl = server!.baseUrl;

      const office = await apiSignIn(baseUrl, officeEmail);
      const officeClient = new RecordingClient('office', baseUrl, office);
      const sessions = new Map<string, ApiSession>();
      const tablets: SimulatedTablet[] = [];
      for (const email of tabletAccounts) {
        const session = await apiSignIn(baseUrl, email);
        sessions.set(email, session);
        tablets.push(await SimulatedTablet.register(`tablet ${email.split('@')[0]}`, baseUrl, session));
      }
      const committees = await office.json<{ data: Organization[] }>('GET', `/api/bodies/${lindenau}/organizations`);
      const committee = committees.data.find((organization) => organization.name === committeeName)!;
      const start = new Date(Date.now() + 5 * 24 * 3600 * 1000);
      start.setUTCHours(16, 0, 0, 0);
      const meeting = await office.json<{ id: string }>('POST', `/api/bodies/${lindenau}/meetings`, {
        name: 'Sondersitzung Störungsprobe',
        start: start.toISOString(),
        organizationIds: [committee.id],
      });

      // The first full pull of every tablet happens before any fault (as a tablet set up in the office would).
      for (const tablet of tablets) await waitFor(`${tablet.name}'s first sync`, () => tablet.syncOnce());

      let stopping = false;
      const confirmedItems: OfficeItem[] = [];
      const unconfirmedItemNames = new Set<string>();
      const uploads: { fileId: string; title: string }[] = [];

      const tabletLoop = async (tablet: SimulatedTablet, index: number) => {
        let rounds = 0;
        while (!stopping) {
          const ok = await tablet.syncOnce();
          if (ok && ++rounds % 4 === index % 4) {
            if (rounds % 8 < 4) tablet.annotate(`Notiz ${rounds} von ${tablet.name}`);
            else tablet.pinSomeMeeting();
          }
          // Polls far more often than a real tablet, to meet every outage; a failed round retries sooner.
          await pause(ok ? 400 : 200);
        }
      };

      const officeLoop = async () => {
        let n = 0;
        while (!stopping) {
          n++;
          const name = `${itemPrefix} ${n}`;
          const isPublic = n % 3 !== 0;
          const created = await officeClient.json<{ id: string }>('POST', `/api/meetings/${meeting.id}/agenda-items`, {
            name,
            public: isPublic,
          });
          if (created) confirmedItems.push({ id: created.id, public: isPublic, names: new Set([name]) });
          else unconfirmedItemNames.add(name);

          if (n % 2 === 0 && confirmedItems.length > 0) {
            const item = confirmedItems[(n * 5) % confirmedItems.length]!;
            const rename = `${itemPrefix} umbenannt in Runde ${n}`;
            const renamed = await officeClient.json('PATCH', `/api/agenda-items/${item.id}`, { name: rename });
            if (renamed) item.names = new Set([rename]);
            else item.names.add(rename);
          }
          if (n % 5 === 0) {
            const title = `Störungsprobe Anlage ${n}`;
            const response = await officeClient.upload(
              `/api/meetings/${meeting.id}/files`,
              `${title}.pdf`,
              await pdf(title),
            );
            const view = response ? ((await response.json()) as FileView) : undefined;
            if (view) uploads.push({ fileId: view.id, title });
          }
          await pause(200);
        }
      };

      const clients = [officeClient, ...tablets.map((tablet) => tablet.client)];
      const succeededSince = (client: RecordingClient, since: number) =>
        client.attempts.filter((attempt) => attempt.ok && attempt.at > since).length;
      const failedSince = (client: RecordingClient, since: number) =>
        client.attempts.filter((attempt) => !attempt.ok && attempt.at > since).length;

      /** Each client's last few requests and the server's log tail, for a failure message. */
      const explain = () =>
        [
          ...clients.map(
            (client) =>
              `${client.name}: ` +
              client.attempts
                .slice(-4)
                .map((a) => `${a.method} ${a.path.slice(0, 40)} → ${a.status} ${a.code ?? ''} @${a.at}`)
                .join('; '),
          ),
          `now ${Date.now()}`,
          server!.log().slice(-4000),
        ].join('\n');

      const trafficStarted = Date.now();
      // A loop that throws (a document that arrived corrupted) stops the traffic and fails the test at the next poll.
      let loopError: Error | undefined;
      const loops = [officeLoop(), ...tablets.map((tablet, index) => tabletLoop(tablet, index))].map((loop) =>
        loop.catch((error: unknown) => {
          loopError ??= error instanceof Error ? error : new Error(String(error));
          stopping = true;
        }),
      );
      everyPoll.push(() => {
        if (loopError) throw loopError;
      });
      const records: OutageRecord[] = [];
      const probes: { readyz: number; healthz: number }[] = [];
      try {
        let since = Date.now();
        for (const mode of outages) {
          await waitFor('traffic between outages', () =>
            clients.every((client) => succeededSince(client, since) >= progressBetweenOutages),
          );
          const startedAt = Date.now();
          if (mode === 'stop') {
            await pg.stop('fast');
            // A longer outage than a restart: every client meets it, and the probes tell it apart from a crash.
            await waitFor('every client to meet the outage', () =>
              clients.every((client) => failedSince(client, startedAt) >= 2),
            );
            const [readyz, healthz] = await Promise.all([
              fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(30_000) }),
              fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(30_000) }),
            ]);
            probes.push({ readyz: readyz.status, healthz: healthz.status });
            await pg.start();
          } else {
            await pg.restart(mode);
          }
          const backAt = Date.now();
          await waitFor(
            `every client to recover after "${mode}"`,
            () => clients.every((client) => succeededSince(client, backAt) > 0),
            90_000,
            explain,
          );
          since = Date.now();
          records.push({ mode, startedAt, backAt, recoveredAt: since });
        }
        await waitFor('traffic after the last outage', () =>
          clients.every((client) => succeededSince(client, since) >= progressBetweenOutages),
        );
      } finally {
        stopping = true;
        await Promise.all(loops);
      }
      if (loopError) throw loopError;
      const lastRecovery = records.at(-1)!.recoveredAt;
      const trafficMs = Date.now() - trafficStarted;

      // The job worker survived the outages: it goes on with the seed's text extraction (about 500 PDFs, still
      // running in the default run) and the office's uploads. No job was given up, and none is left claimed by a
      // run that is over (at most the one running now holds a claim).
      const jobCounts = async () => {
        const [row] = await pg.query(
          `select count(*) filter (where finished_at is null and failed_at is null),
                  count(*) filter (where failed_at is not null),
                  count(*) filter (where finished_at > to_timestamp(${lastRecovery / 1000})),
                  count(*) filter (where attempts > 1),
                  count(*) filter (where finished_at is null and locked_until > now())
             from job`,
        );
        const [pending, failed, afterLastOutage, retried, claimed] = row!.split('\t').map(Number);
        return {
          pending: pending!,
          failed: failed!,
          afterLastOutage: afterLastOutage!,
          retried: retried!,
          claimed: claimed!,
        };
      };
      const unfinishedJobs = async () =>
        (
          await pg.query(
            `select id, kind, attempts, run_at, locked_until, locked_by, left(last_error, 200)
               from job where finished_at is null and failed_at is null order by run_at limit 10`,
          )
        ).join('\n') + `\n${server!.log().slice(-3000)}`;
      const drainStarted = Date.now();
      let jobs = await jobCounts();
      await waitFor(
        full ? 'the job queue to drain' : 'a job finished after the last outage',
        async () => {
          jobs = await jobCounts();
          return full ? jobs.pending === 0 : jobs.afterLastOutage > 0;
        },
        240_000,
        unfinishedJobs,
      );
      const drainMs = Date.now() - drainStarted;
      expect(jobs.failed, 'jobs given up').toBe(0);
      expect(jobs.claimed, `jobs left claimed:\n${await unfinishedJobs()}`).toBeLessThanOrEqual(1);

      const checksStarted = Date.now();
      // Each tablet catches up and then holds exactly what a new device of the same account receives. While the
      // worker still extracts text, a document's version can change between the two pulls: both devices pull again
      // (at the same time) until they agree. A tablet that missed a change never agrees and fails here.
      const finalStates = new Map<string, DeviceState>();
      let comparisonRounds = 0;
      for (const [index, tablet] of tablets.entries()) {
        const fresh = await SimulatedTablet.register(`Neues Gerät ${index}`, baseUrl, tablet.session);
        let difference = stateDifference(tablet.state, fresh.state);
        await waitFor(
          `${tablet.name} to hold what a new device holds`,
          async () => {
            comparisonRounds++;
            const synced = await Promise.all([tablet.syncOnce(), fresh.syncOnce()]);
            if (!synced.every(Boolean)) return false;
            difference = stateDifference(tablet.state, fresh.state);
            return difference.counts.missing + difference.counts.extra + difference.counts.changed === 0;
          },
          240_000,
          () => JSON.stringify(difference, null, 1),
        );
        expect(tablet.outboxLength, `${tablet.name} has unsent mutations`).toBe(0);
        expect(tablet.rejected, `${tablet.name}'s pushes were rejected`).toEqual([]);
        for (const [id, text] of tablet.annotations) {
          const annotation = fresh.state.get(stateKey('annotation', id)) as SyncAnnotation | undefined;
          expect(annotation?.values.text, `${tablet.name}'s note ${id}`).toBe(text);
        }
        const pinned = new Set(
          [...fresh.state.entries()]
            .filter(([key]) => key.startsWith('pin:'))
            .map(([, value]) => (value as SyncPin).meetingId),
        );
        for (const meetingId of tablet.pins) expect(pinned.has(meetingId), `${tablet.name}'s pin`).toBe(true);
        finalStates.set(tablet.session.info.account.email, fresh.state);
      }

      // Every change the office saw confirmed is on the tablets; nothing appeared that the office never sent.
      const member = finalStates.get(committeeMember)!;
      const other = finalStates.get(otherCouncillor)!;
      for (const item of confirmedItems) {
        const held = member.get(stateKey('agendaItem', item.id)) as SyncAgendaItem | undefined;
        expect(held, `item ${[...item.names].join(' / ')} on the member's tablet`).toBeDefined();
        expect(item.names.has(held!.name), `name ${held!.name} of item ${item.id}`).toBe(true);
        expect(held!.public).toBe(item.public);
        expect(other.has(stateKey('agendaItem', item.id)), `item ${item.id} for the non-member`).toBe(item.public);
      }
      const known = new Set(confirmedItems.map((item) => item.id));
      const strays = [...member.entries()]
        .filter(([key]) => key.startsWith('agendaItem:'))
        .map(([, value]) => value as SyncAgendaItem)
        .filter((item) => item.meetingId === meeting.id && !known.has(item.id))
        .filter((item) => !unconfirmedItemNames.has(item.name));
      expect(strays, 'agenda items nobody created').toEqual([]);
      for (const upload of uploads) {
        const versions = [...member.entries()]
          .filter(([key]) => key.startsWith('fileVersion:'))
          .map(([, value]) => value as SyncFileVersion)
          .filter((version) => version.fileId === upload.fileId);
        expect(versions.length, `versions of ${upload.title}`).toBe(1);
        // Their text is extracted after the seed's, so only once the queue has drained (the full run).
        if (full) expect(versions[0]!.extractedText, `extracted text of ${upload.title}`).toContain(upload.title);
      }

      // During an outage the server answers a clean JSON 503, never a hang, a dropped connection or a 500.
      const attempts: Attempt[] = clients.flatMap((client) => client.attempts);
      const failures = attempts.filter((attempt) => !attempt.ok);
      const kinds = new Map<string, number>();
      for (const failure of failures) {
        const kind = `${failure.status} ${failure.code ?? ''}`.trim();
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
      const unclean = failures.filter(
        (failure) => failure.status !== 503 || failure.code !== 'unavailable' || !failure.retryAfter,
      );
      const outsideOutages = failures.filter(
        (failure) => !records.some((record) => failure.at >= record.startedAt && failure.at <= record.recoveredAt),
      );

      console.log(
        [
          `faults-postgres: ${records.length} outages (${records.map((record) => record.mode).join(', ')}), ` +
            `${attempts.length} requests, ${failures.length} failed: ` +
            ([...kinds].map(([kind, count]) => `${count}× ${kind}`).join(', ') || 'none'),
          ...records.map(
            (record, index) =>
              `  outage ${index + 1} (${record.mode}): database away ${record.backAt - record.startedAt} ms, ` +
              `all clients served again ${record.recoveredAt - record.backAt} ms later; failures ` +
              failures.filter((failure) => failure.at >= record.startedAt && failure.at <= record.recoveredAt).length,
          ),
          `  probes while stopped: ${probes.map((probe) => `readyz ${probe.readyz}, healthz ${probe.healthz}`).join('; ')}`,
          `  office: ${confirmedItems.length} items confirmed, ${unconfirmedItemNames.size} unconfirmed, ` +
            `${uploads.length} uploads; tablets: ${tablets
              .map(
                (tablet) => `${tablet.annotations.size} notes, ${tablet.pins.size} pins, ${tablet.blobsChecked} blobs`,
              )
              .join(' | ')}`,
          `  phases: traffic with outages ${trafficMs} ms, final catch-up and comparison ${Date.now() - checksStarted} ms`,
          `  jobs: ${full ? 'queue drained' : 'one finished'} ${drainMs} ms after the traffic stopped, ` +
            `${jobs.afterLastOutage} finished after the last outage, ${jobs.pending} pending, ` +
            `${jobs.retried} needed more than one attempt, ${jobs.failed} given up; ` +
            `${comparisonRounds} rounds to compare the tablets with new devices`,
        ].join('\n'),
      );

      expect(unclean.slice(0, 5), 'failures that were not a clean 503').toEqual([]);
      expect(outsideOutages.slice(0, 5), 'failures outside an outage').toEqual([]);
      for (const probe of probes) expect(probe).toEqual({ readyz: 503, healthz: 200 });
      // The same process served everything: it never exited, so it was never restarted.
      expect(() => process.kill(server!.pid, 0)).not.toThrow();
    },
    full ? 900_000 : 300_000,
  );
});
