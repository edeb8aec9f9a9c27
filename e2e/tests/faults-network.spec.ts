import type { SyncAnnotation, SyncPullResponse } from '@ratsmappe/shared';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annotationsSeenBy, apiSignIn } from '../fixtures/api.js';
import { launchChromium } from '../fixtures/browser.js';
import { lindenau } from '../fixtures/office.js';
import { textPdf } from '../fixtures/pdf-documents.js';
import { startServer, type RunningServer } from '../fixtures/server.js';
import {
  annotationEntries,
  meetingCard,
  meetingIdOnCard,
  meetingReady,
  newTabletContext,
  openTabletDocument,
  readDeviceDatabase,
  signInOnTablet,
  syncNow,
} from '../fixtures/tablet.js';

/**
 * Issue 7, "Faults": the network is cut at random points of annotation pushes and pulls while a councillor writes
 * notes on two tablets; once the network is back, the server and both tablets hold every note exactly once, with
 * its latest text, and the deleted ones are gone.
 *
 * The notes are made in the app's UI. Measured here, the note tool takes about 0.3 s a note (fill, not typing), so
 * the UI is also the bulk path: the page's offline store is not reachable from a production build, raw IndexedDB
 * writes would copy the client's outbox and clock rules into the test and skip the very transaction under test, and
 * a third device speaking the protocol from Node would not pass through the browser's routing that cuts the network.
 *
 * RATSMAPPE_FAULTS_FULL=1 makes 500 cuts instead of 50 (several minutes); RATSMAPPE_FAULTS_SEED=n replays a plan
 * (the seed is printed). Cuts are decided per request in each device's own random stream, so a replay takes the same
 * decisions for the same requests; how many requests a sync round makes still depends on timing.
 */

const full = process.env.RATSMAPPE_FAULTS_FULL === '1';
const targetCuts = full ? 500 : 50;
const seed = process.env.RATSMAPPE_FAULTS_SEED
  ? Number(process.env.RATSMAPPE_FAULTS_SEED)
  : Math.floor(Math.random() * 2 ** 32);
/** Share of sync requests that are cut until the target is reached. */
const cutChance = 0.55;
/**
 * Pulls ask for pages this small (the server also pages by a character budget, so a client must follow `hasMore`
 * whatever limit it sent): a pull becomes several requests and a cut can fall between its pages.
 */
const pageLimit = 3;
/** Above this many live notes, the plan deletes more than it creates (markers need free space on page 1). */
const liveNotesCap = 40;

const councillor = lindenau.committeeMember.email;

/** mulberry32: a small, fast, seedable generator; good enough to pick cuts and steps. */
function seeded(start: number): () => number {
  let state = start >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const cutKinds = [
  'push: request lost before the server',
  'push: reply lost after the server committed',
  'push: reply truncated',
  'pull: request lost before the server',
  'pull: reply lost after the server recorded the page',
  'pull: reply truncated',
] as const;
type CutKind = (typeof cutKinds)[number];

interface Tablet {
  name: 'A' | 'B';
  context: BrowserContext;
  page: Page;
  /** This device's cut decisions, independent of the other device's timing. */
  random: () => number;
}

/** Cuts sync requests of the tablets through Playwright routing and counts what it did. */
class NetworkCutter {
  readonly cuts = new Map<CutKind, number>(cutKinds.map((kind) => [kind, 0]));
  readonly passed = { push: 0, pull: 0 };
  /** Status codes the server answered to sync requests (continued ones and those fetched to be cut). */
  readonly serverStatuses: number[] = [];
  /** Mutations sent per device and sequence number: more than one send is a replay the server must skip. */
  readonly sends = new Map<string, number>();
  /** Annotation changes in pull pages the server recorded as sent but the device never read: it must send them again. */
  annotationsInCutPages = 0;
  total = 0;

  constructor(private readonly target: number) {}

  async install(tablet: Tablet): Promise<void> {
    tablet.context.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (path === '/api/sync/push' || path === '/api/sync/pull') this.serverStatuses.push(response.status());
    });
    await tablet.context.route(
      (url) => url.pathname === '/api/sync/push',
      (route) => this.handle(route, tablet, 'push'),
    );
    await tablet.context.route(
      (url) => url.pathname === '/api/sync/pull',
      (route) => this.handle(route, tablet, 'pull'),
    );
  }

  private async handle(route: Route, tablet: Tablet, endpoint: 'push' | 'pull'): Promise<void> {
    const url = new URL(route.request().url());
    if (endpoint === 'pull') url.searchParams.set('limit', String(pageLimit));
    else {
      const { mutations } = route.request().postDataJSON() as { mutations: { seq: number }[] };
      for (const { seq } of mutations) {
        const key = `${tablet.name}:${seq}`;
        this.sends.set(key, (this.sends.get(key) ?? 0) + 1);
      }
    }
    const cut = this.total < this.target && tablet.random() < cutChance;
    if (!cut) {
      this.passed[endpoint]++;
      await route.continue({ url: url.toString() });
      return;
    }
    const kinds = cutKinds.filter((kind) => kind.startsWith(endpoint));
    const kind = pick(tablet.random, kinds);
    this.total++;
    this.cuts.set(kind, this.cuts.get(kind)! + 1);
    if (kind === kinds[0]) {
      await route.abort('connectionreset');
      return;
    }
    const response = await route.fetch({ url: url.toString() });
    this.serverStatuses.push(response.status());
    const body = await response.text();
    if (endpoint === 'pull' && response.ok()) {
      const page = JSON.parse(body) as SyncPullResponse;
      this.annotationsInCutPages += page.changes.filter((change) => change.entity === 'annotation').length;
    }
    if (kind === kinds[1]) {
      await route.abort('connectionreset');
      return;
    }
    // Any strict prefix of a JSON object is unreadable: the client sees a reply that ends too early.
    await route.fulfill({
      status: response.status(),
      contentType: 'application/json',
      body: body.slice(0, Math.floor(tablet.random() * (body.length - 1))),
    });
  }

  get replayedMutations(): number {
    let replays = 0;
    for (const sends of this.sends.values()) replays += sends - 1;
    return replays;
  }
}

/** A note the test made, as it must end up everywhere. */
interface ExpectedNote {
  id: string;
  text: string;
  deleted: boolean;
}

/** id → text and deletion, sorted by id: what a device or the server holds of the document's notes. */
function notesOf(rows: readonly SyncAnnotation[], fileId: string) {
  const byId = new Map<string, number>();
  const notes: ExpectedNote[] = [];
  for (const row of rows) {
    if (row.fileId !== fileId || row.kind !== 'note') continue;
    byId.set(row.id, (byId.get(row.id) ?? 0) + 1);
    notes.push({ id: row.id, text: row.values.text ?? '', deleted: row.values.deleted });
  }
  notes.sort((x, y) => x.id.localeCompare(y.id));
  const live = notes.filter((n) => !n.deleted);
  const liveTexts = new Map<string, number>();
  for (const note of live) liveTexts.set(note.text, (liveTexts.get(note.text) ?? 0) + 1);
  return {
    notes,
    live: live.length,
    tombstones: notes.length - live.length,
    /** The same id twice, or the same live text under two ids (a replay that made a copy). */
    duplicated: [...byId.values()].filter((n) => n > 1).length + [...liveTexts.values()].filter((n) => n > 1).length,
  };
}

function compare(expected: readonly ExpectedNote[], held: readonly ExpectedNote[]) {
  const heldById = new Map(held.map((n) => [n.id, n]));
  const expectedIds = new Set(expected.map((n) => n.id));
  return {
    lost: expected.filter((n) => !heldById.has(n.id)).length,
    unexpected: held.filter((n) => !expectedIds.has(n.id)).length,
    stale: expected.filter((n) => {
      const found = heldById.get(n.id);
      return found !== undefined && (found.text !== n.text || found.deleted !== n.deleted);
    }).length,
  };
}

describe('annotation sync under network cuts', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let a: Tablet;
  let b: Tablet;

  beforeAll(async () => {
    server = await startServer({ readyTimeoutMs: 240_000 });
    browser = await launchChromium();
    const tablet = async (name: Tablet['name'], stream: number): Promise<Tablet> => {
      const context = await newTabletContext(browser!);
      return { name, context, page: await context.newPage(), random: seeded(seed ^ stream) };
    };
    a = await tablet('A', 0x0a0a0a0a);
    b = await tablet('B', 0x0b0b0b0b);
  }, 300_000);

  afterAll(async () => {
    await a?.context.close();
    await b?.context.close();
    await browser?.close();
    await server?.stop();
  });

  it(
    `keeps every note exactly once with its latest text after ${targetCuts} cuts of pushes and pulls`,
    async () => {
      console.log(`network faults: seed ${seed} (RATSMAPPE_FAULTS_SEED=${seed} replays it), ${targetCuts} cuts`);
      const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
      const setupStarted = performance.now();
      const base = server!.baseUrl;
      await Promise.all([a, b].map((t) => signInOnTablet(t.page, base, councillor)));
      const accountId = (await apiSignIn(base, councillor)).info.account.id;
      const meetingId = await meetingIdOnCard(a.page, lindenau.committee);
      const office = await apiSignIn(base, lindenau.office.email);
      const file = await office.upload('meetings', meetingId, {
        name: 'Stellungnahme Ortsumgehung.pdf',
        bytes: await textPdf({ title: 'Stellungnahme Ortsumgehung', pages: 1 }),
      });
      await Promise.all(
        [a, b].map(async (t) => {
          await syncNow(t.page);
          await meetingCard(t.page, lindenau.committee).getByText(meetingReady).waitFor();
          await openTabletDocument(t.page, base, file.id);
        }),
      );

      const setupTime = seconds(setupStarted);
      const cutter = new NetworkCutter(targetCuts);
      await cutter.install(a);
      await cutter.install(b);

      const plan = seeded(seed);
      const expected = new Map<string, ExpectedNote>();
      const made = { created: { A: 0, B: 0 }, edited: 0, deleted: 0, syncs: 0 };
      const noteEntry = (t: Tablet, id: string) =>
        t.page.locator(`.annot-panel .annot-entry[data-annotation-id="${id}"]`);
      const liveShownOn = async (t: Tablet) => {
        const shown = await annotationEntries(t.page, 'note').evaluateAll((entries) =>
          entries.map((entry) => (entry as HTMLElement).dataset.annotationId ?? ''),
        );
        return shown.filter((id) => expected.get(id)?.deleted === false);
      };

      const createNote = async (t: Tablet) => {
        const text = `Notiz ${String(expected.size + 1).padStart(3, '0')} von Tablet ${t.name}`;
        await t.page.getByRole('button', { name: 'Notiz', exact: true }).click();
        const layer = t.page.locator('.reader-page[data-page="1"] .annot-layer--note');
        await layer.waitFor();
        // A free spot: where the layer itself takes the tap (not a marker, the toolbar or the panel).
        const spots = await layer.evaluate((element) => {
          const box = element.getBoundingClientRect();
          const free: [number, number][] = [];
          for (let fx = 0.06; fx < 0.95; fx += 0.06) {
            for (let fy = 0.06; fy < 0.95; fy += 0.04) {
              const x = box.left + fx * box.width;
              const y = box.top + fy * box.height;
              if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) continue;
              const hit = document.elementFromPoint(x, y);
              if (hit === element || (hit?.parentElement === element && hit.tagName === 'CANVAS')) free.push([x, y]);
            }
          }
          return free;
        });
        expect(spots.length, 'free spots for a note on page 1').toBeGreaterThan(0);
        const [x, y] = pick(plan, spots);
        await t.page.mouse.click(x, y);
        const draft = t.page.locator('.annot-draft');
        await draft.getByLabel('Text der Notiz').fill(text);
        await draft.getByRole('button', { name: 'Speichern' }).click();
        const entry = annotationEntries(t.page, 'note').filter({ has: t.page.getByText(text, { exact: true }) });
        await entry.waitFor();
        const id = (await entry.getAttribute('data-annotation-id'))!;
        expect(expected.has(id)).toBe(false);
        expected.set(id, { id, text, deleted: false });
        made.created[t.name]++;
      };

      const editNote = async (t: Tablet, id: string) => {
        const note = expected.get(id)!;
        const text = `${note.text.replace(/ \(Fassung \d+\)$/, '')} (Fassung ${made.edited + 2})`;
        const entry = noteEntry(t, id);
        await entry.getByRole('button', { name: /^Bearbeiten/ }).click();
        await entry.getByLabel('Text der Notiz').fill(text);
        await entry.getByRole('button', { name: 'Speichern' }).click();
        await entry.locator('.annot-entry__text').getByText(text, { exact: true }).waitFor();
        // Edits are made one after another in wall time: the later one wins on every device (hybrid logical clock).
        note.text = text;
        made.edited++;
      };

      const deleteNote = async (t: Tablet, id: string) => {
        await noteEntry(t, id)
          .getByRole('button', { name: /^Löschen/ })
          .click();
        await noteEntry(t, id).waitFor({ state: 'detached' });
        expected.get(id)!.deleted = true;
        made.deleted++;
      };

      const cutsStarted = performance.now();
      const maxSteps = targetCuts * 8;
      let steps = 0;
      while (cutter.total < targetCuts) {
        expect(steps++, `only ${cutter.total} cuts after ${maxSteps} steps`).toBeLessThan(maxSteps);
        const tablet = plan() < 0.7 ? a : b;
        const live = [...expected.values()].filter((n) => !n.deleted).length;
        const roll = plan();
        if (roll < (live > liveNotesCap ? 0.2 : 0.6)) {
          await createNote(tablet);
        } else if (roll < 0.85) {
          const candidates = await liveShownOn(tablet);
          if (candidates.length === 0) continue;
          const id = pick(plan, candidates);
          if (live > liveNotesCap || plan() < 0.4) await deleteNote(tablet, id);
          else await editNote(tablet, id);
        } else {
          // Pulls on their own: the other device's notes come in, and the pull itself can be cut.
          await syncNow(tablet.page);
          made.syncs++;
        }
      }

      const cutsTime = seconds(cutsStarted);
      const healStarted = performance.now();
      // The network heals: the routes go (waiting for handlers still running), then each device syncs.
      await Promise.all([a.context.unrouteAll({ behavior: 'wait' }), b.context.unrouteAll({ behavior: 'wait' })]);
      const stored = async (t: Tablet) =>
        (await readDeviceDatabase(t.page, accountId, ['annotation', 'outbox', 'rejected', 'meta']))!;
      await expect
        .poll(
          async () => {
            for (const t of [a, b, a]) await syncNow(t.page);
            return Promise.all([a, b].map(async (t) => (await stored(t)).outbox!.length));
          },
          { timeout: 60_000, interval: 1_000 },
        )
        .toEqual([0, 0]);
      const healTime = seconds(healStarted);

      const wanted = [...expected.values()].sort((x, y) => x.id.localeCompare(y.id));
      const liveTexts = wanted.filter((n) => !n.deleted).map((n) => n.text);
      const onServer = notesOf(await annotationsSeenBy(await apiSignIn(base, councillor)), file.id);
      const devices = await Promise.all(
        [a, b].map(async (t) => {
          const db = await stored(t);
          const shownTexts = await t.page
            .locator('.annot-panel .annot-entry[data-kind="note"] .annot-entry__text')
            .allTextContents();
          return {
            name: t.name,
            db,
            held: notesOf(db.annotation as SyncAnnotation[], file.id),
            shownTexts,
            pendingBadges: await annotationEntries(t.page).filter({ hasText: 'noch nicht übertragen' }).count(),
          };
        }),
      );

      const cuts = Object.fromEntries(cutter.cuts);
      const lines = [
        `network faults, seed ${seed}: ${cutter.total} cuts, ${cutter.passed.push} pushes and ${cutter.passed.pull} pull pages passed, ${steps} steps`,
        `  setup ${setupTime} s, steps with cuts ${cutsTime} s, healing ${healTime} s`,
        ...cutKinds.map((kind) => `  ${String(cuts[kind]).padStart(4)}  ${kind}`),
        `  mutations re-sent after a cut: ${cutter.replayedMutations}; annotation changes in pull pages cut after the server sent them: ${cutter.annotationsInCutPages}`,
        `  notes created ${made.created.A + made.created.B} (A ${made.created.A}, B ${made.created.B}), edited ${made.edited}, deleted ${made.deleted}; live ${liveTexts.length}; sync button ${made.syncs}×`,
        `  server: ${onServer.notes.length} notes (${onServer.live} live, ${onServer.tombstones} deleted), ${JSON.stringify(compare(wanted, onServer.notes))}, duplicated ${onServer.duplicated}`,
        ...devices.map(
          (d) =>
            `  tablet ${d.name}: ${d.held.notes.length} notes (${d.held.live} live, ${d.held.tombstones} deleted), ${d.shownTexts.length} in the panel, ${JSON.stringify(compare(wanted, d.held.notes))}, duplicated ${d.held.duplicated}`,
        ),
      ];
      console.log(lines.join('\n'));

      // Every cut kind happened, and the server never refused a sync request (a 409 or 500 would be a protocol bug).
      for (const kind of cutKinds) expect(cuts[kind], kind).toBeGreaterThan(0);
      expect(cutter.serverStatuses.filter((status) => status !== 200)).toEqual([]);
      // The cuts hit data, not only empty rounds: replays reached the server. Whether a cut pull page carried
      // annotations depends on timing (CI once had none in 50 cuts), so it is reported above, not required.
      expect(cutter.replayedMutations).toBeGreaterThan(0);

      expect(onServer.notes).toEqual(wanted);
      expect(onServer.duplicated).toBe(0);
      for (const device of devices) {
        expect(device.held.notes, `tablet ${device.name}`).toEqual(wanted);
        expect(device.held.duplicated, `tablet ${device.name}`).toBe(0);
        expect(device.db.outbox, `tablet ${device.name}`).toEqual([]);
        expect(device.db.rejected, `tablet ${device.name}`).toEqual([]);
        const meta = device.db.meta![0] as { lastError: unknown; lastSeq: number; ackedSeq: number };
        expect(meta.lastError, `tablet ${device.name}`).toBeNull();
        expect(meta.ackedSeq, `tablet ${device.name}`).toBe(meta.lastSeq);
        // What the councillor sees: each live note once, none waiting to be sent.
        expect([...device.shownTexts].sort(), `tablet ${device.name}`).toEqual([...liveTexts].sort());
        expect(device.pendingBadges, `tablet ${device.name}`).toBe(0);
      }
    },
    full ? 3_600_000 : 240_000,
  );
});
