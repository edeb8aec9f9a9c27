import { createHash } from 'node:crypto';
import { berlinDate, type MeetingDetail, type SessionInfo } from '@ratsmappe/shared';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSignIn, visibleToNewDevice, type ApiSession } from '../fixtures/api.js';
import { axeViolations, describeViolations, injectAxe } from '../fixtures/axe.js';
import { launchChromium } from '../fixtures/browser.js';
import { startServer, type RunningServer } from '../fixtures/server.js';
import { sizedPdf } from '../fixtures/sized-pdf.js';
import {
  deviceDatabaseName,
  newTabletContext,
  originStorage,
  readDeviceDatabase,
  signInOnTablet,
  syncNow as syncTablet,
} from '../fixtures/tablet.js';

/** Fixed by the demo seed (server/src/seed/profiles.ts, README); e2e imports only shared code. */
const councillor = 'miriam.kesselring@vg-lindenau.example';
const officeEmail = 'sitzungsdienst@vg-lindenau.example';
const committeeName = 'Bau- und Umweltausschuss';
const ready = 'Bereit – alles auf diesem Gerät';
/** The device stores documents in chunks of this size (client/src/offline/db.ts). */
const chunkSize = 4 * 1024 * 1024;
/** Stands on page 2 of one PDF of the meeting and in no title, paper or agenda item text. */
const pdfOnlyWord = 'Feldhamsterkartierung';

/** A two-page PDF with `secondPage` on its second page only. */
async function twoPagePdf(title: string, secondPage: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const first = pdf.addPage([595.28, 841.89]);
  first.drawText(title, { x: 60, y: 780, size: 16, font });
  first.drawText('Anlass und Ziel der Untersuchung, Lage des Plangebiets.', { x: 60, y: 750, size: 11, font });
  const second = pdf.addPage([595.28, 841.89]);
  second.drawText('Ergebnisse', { x: 60, y: 780, size: 16, font });
  second.drawText(secondPage, { x: 60, y: 750, size: 11, font });
  return pdf.save();
}

interface StoredFile {
  id: string;
  meetingId: string | null;
  agendaItemId: string | null;
  paperId: string | null;
  public: boolean;
}
interface StoredItem {
  id: string;
  meetingId: string;
  public: boolean;
  paperId: string | null;
}
interface StoredVersion {
  id: string;
  fileId: string;
  sha256: string;
  size: number;
}
interface StoredChunk {
  sha256: string;
  index: number;
  bytes: number;
}
interface StoredBlob {
  sha256: string;
  receivedBytes: number;
  verified: boolean;
}

/** Collects axe-core findings per screen; asserted once at the end so the journey still runs through. */
const accessibility: Record<string, string> = {};
const checkedScreens: string[] = [];
const expectedScreens = [
  'home',
  'home offline',
  'meeting offline',
  'document offline',
  'side by side offline',
  'search offline',
  'storage offline',
  'meeting with a new document',
  'devices',
];
async function checkAccessibility(page: Page, screen: string): Promise<void> {
  checkedScreens.push(screen);
  // The tablet context keeps the server's CSP (the point of this journey): axe goes in through the debugger.
  await injectAxe(page);
  const violations = await axeViolations(page);
  if (violations.length > 0) accessibility[screen] = describeViolations(violations);
}

function yesterday(): string {
  return berlinDate(new Date(Date.now() - 24 * 3600 * 1000));
}

describe('councillor tablet: documents on the device, offline', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let base: string;
  let office: ApiSession;
  let account: SessionInfo;
  let meetingId: string;
  let surveyFileId: string;

  const database = async <T extends Record<string, unknown[]>>(stores: (keyof T & string)[]) =>
    (await readDeviceDatabase(page, account.account.id, stores)) as T | null;
  const syncNow = () => syncTablet(page);
  const meetingCard = () => page.locator('.tablet-card', { hasText: committeeName }).first();

  beforeAll(async () => {
    // Seeding the demo data takes 40–50 s on an idle 2-core box; give a busy one room.
    server = await startServer({ readyTimeoutMs: 240_000 });
    base = server.baseUrl;
    browser = await launchChromium();
    context = await newTabletContext(browser);
    page = await context.newPage();
    office = await apiSignIn(base, officeEmail);
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  // The longest journey of the file (first sync, two readers, reloads, the search): more than the default minute.
  it('gets the next meeting ready on the device and reads it offline after a reload, deep links included', async () => {
    await signInOnTablet(page, base, councillor);
    account = await page.evaluate(async () => (await fetch('/api/session')).json() as Promise<SessionInfo>);
    await meetingCard().getByText(ready).waitFor();
    const href = await meetingCard().getByRole('link').getAttribute('href');
    meetingId = /\/app\/sitzungen\/([0-9a-f-]{36})$/.exec(href ?? '')![1]!;
    await checkAccessibility(page, 'home');

    // The office attaches a survey to a paper on the agenda; its one remarkable word stands on its second page, and
    // its text reaches the device once the server has extracted it.
    const detail = await office.json<MeetingDetail>('GET', `/api/meetings/${meetingId}`);
    const item = detail.agendaItems.find((i) => i.public && i.paper && i.files.length > 0)!;
    const survey = await office.upload('papers', item.paper!.id, {
      name: 'Artenschutzgutachten.pdf',
      bytes: await twoPagePdf('Artenschutzgutachten', `Eine ${pdfOnlyWord} im Frühjahr ist erforderlich.`),
    });
    surveyFileId = survey.id;
    const surveyText = async () => {
      const rows = await database<{ fileVersion: { fileId: string; extractedText: string | null }[] }>(['fileVersion']);
      return rows?.fileVersion.find((v) => v.fileId === surveyFileId)?.extractedText ?? '';
    };
    await expect
      .poll(
        async () => {
          const text = await surveyText();
          if (!text.includes(pdfOnlyWord)) await syncNow();
          return text;
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toMatch(new RegExp(`^[^\\n]*\\n[^\\n]*${pdfOnlyWord}`));
    await meetingCard().getByText(ready).waitFor();

    // Every document of the meeting is stored whole and verified against its sha256.
    const stored = await database<{ file: StoredFile[]; fileVersion: StoredVersion[]; blobs: StoredBlob[] }>([
      'file',
      'fileVersion',
      'blobs',
    ]);
    expect(stored!.blobs.length).toBeGreaterThan(0);
    expect(stored!.blobs.every((blob) => blob.verified)).toBe(true);

    // The service worker takes the page over from the next load on; from then the shell needs no network.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await meetingCard().getByText(ready).waitFor();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    await context!.setOffline(true);
    await page.reload();
    await page.getByText('Offline – Sie sehen die Unterlagen auf diesem Gerät.').waitFor();
    await meetingCard().getByText(ready).waitFor();
    await checkAccessibility(page, 'home offline');
    await meetingCard().getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: 'Tagesordnung' }).waitFor();

    // A deep link, loaded cold while offline.
    await page.goto(`${base}/app/sitzungen/${meetingId}`);
    await page.getByRole('heading', { level: 2, name: 'Tagesordnung' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Nicht öffentlicher Teil (N)' }).waitFor();
    await page.locator('.tablet-doc__state--ready').first().waitFor();
    expect(await page.locator('.tablet-doc__state:not(.tablet-doc__state--ready)').count()).toBe(0);
    await checkAccessibility(page, 'meeting offline');

    // A paper and its attachment: the agenda item whose paper got the survey.
    const attachmentName = 'Artenschutzgutachten';
    const itemRow = page.locator('.tablet-agenda__item', {
      has: page.getByRole('link', { name: attachmentName, exact: true }),
    });
    const names = await itemRow.locator('.tablet-doc__name').allTextContents();
    const paperName = names.find((name) => name !== attachmentName)!;
    expect(paperName).toBeTruthy();
    await itemRow.getByRole('link', { name: paperName, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: paperName }).waitFor();
    await page.getByRole('toolbar', { name: `Werkzeuge für ${paperName}` }).waitFor();
    await page.locator('.reader-page[data-page="1"][data-rendered="true"]').waitFor();
    await checkAccessibility(page, 'document offline');

    // Side by side: the attachment opens next to the paper (one above the other on the portrait iPad).
    await page.getByRole('button', { name: 'Daneben öffnen' }).click();
    await page.getByRole('button', { name: attachmentName, exact: true }).click();
    await page.waitForURL(/\/app\/dokumente\/[0-9a-f-]{36}\?neben=[0-9a-f-]{36}$/);
    const bothRendered = async () => {
      await page.getByRole('heading', { level: 2, name: paperName, exact: true }).waitFor();
      await page.getByRole('heading', { level: 2, name: attachmentName, exact: true }).waitFor();
      await page.getByRole('toolbar', { name: `Werkzeuge für ${paperName}` }).waitFor();
      await page.getByRole('toolbar', { name: `Werkzeuge für ${attachmentName}` }).waitFor();
      await expect.poll(() => page.locator('.reader-page[data-page="1"][data-rendered="true"]').count()).toBe(2);
    };
    await bothRendered();
    const panes = page.locator('.side-by-side__pane');
    const [top, bottom] = [(await panes.nth(0).boundingBox())!, (await panes.nth(1).boundingBox())!];
    expect(bottom.y).toBeGreaterThanOrEqual(top.y + top.height);
    await checkAccessibility(page, 'side by side offline');

    // Turned to landscape, the two stand next to each other; a reload without network restores both.
    await page.setViewportSize({ width: 1194, height: 834 });
    await page.locator('.side-by-side--columns').waitFor();
    const [left, right] = [(await panes.nth(0).boundingBox())!, (await panes.nth(1).boundingBox())!];
    expect(right.x).toBeGreaterThanOrEqual(left.x + left.width);
    expect(Math.abs(right.y - left.y)).toBeLessThan(2);
    await page.reload();
    await bothRendered();
    await page.getByRole('button', { name: 'Zweites Dokument schließen' }).click();
    await page.waitForURL(/\/app\/dokumente\/[0-9a-f-]{36}$/);
    await page.setViewportSize({ width: 834, height: 1194 });

    // A word that stands only inside a PDF: found offline, and the document opens at its page with the word.
    await page.getByRole('link', { name: 'Suche', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Suche auf diesem Gerät' }).waitFor();
    await page.getByLabel('Suchbegriff').fill(pdfOnlyWord);
    await page.getByText(`1 Treffer für „${pdfOnlyWord}“`).waitFor();
    const result = page.locator('.tablet-result');
    expect(await result.locator('mark').first().textContent()).toBe(pdfOnlyWord);
    await result.getByText('Seite 2').waitFor();
    await checkAccessibility(page, 'search offline');
    await result.getByRole('link', { name: attachmentName }).click();
    await page.waitForURL(`${base}/app/dokumente/${surveyFileId}?seite=2&suche=${pdfOnlyWord}`);
    await page.getByRole('heading', { level: 1, name: attachmentName }).waitFor();
    await page.getByText('Treffer 1 von 1, Seite 2').waitFor();
    await page.locator('.reader-page[data-page="2"] .textLayer .highlight.selected').waitFor();
    expect(await page.getByLabel('Seitenzahl (1 bis 2)').inputValue()).toBe('2');

    // Storage and devices screens work offline too (the device list says it needs the network).
    await page.getByRole('link', { name: 'Speicher' }).click();
    await page.getByRole('heading', { level: 1, name: 'Speicher' }).waitFor();
    await checkAccessibility(page, 'storage offline');
    await page.getByRole('link', { name: 'Meine Geräte' }).click();
    await page.getByText('Die Geräteliste ist nur online verfügbar.').waitFor();

    await context!.setOffline(false);
    await page.getByRole('link', { name: 'Meine Sitzungen' }).first().click();
    await page.getByText(/^Online$/).waitFor();
  }, 180_000);

  it('shows a table paper the office adds, marked new, after one sync', async () => {
    const pdf = await sizedPdf('Tischvorlage Baumschutzsatzung', 40_000, ['Stellungnahme des Forstamts']);
    await office.upload('meetings', meetingId, { name: 'Tischvorlage Baumschutzsatzung.pdf', bytes: pdf });

    const pulls: string[] = [];
    const onRequest = (request: Request) => {
      if (new URL(request.url()).pathname === '/api/sync/pull') pulls.push(request.url());
    };
    context!.on('request', onRequest);
    await syncNow();
    context!.off('request', onRequest);
    expect(pulls).toHaveLength(1);

    await meetingCard().locator('.badge', { hasText: 'geändert' }).waitFor();
    await meetingCard().getByText(ready).waitFor();
    await meetingCard().getByRole('link').click();
    const row = page.locator('.tablet-doc', { hasText: 'Tischvorlage Baumschutzsatzung' });
    await row.locator('.badge', { hasText: 'neu' }).waitFor();
    await row.locator('.tablet-doc__state--ready').waitFor();
    await checkAccessibility(page, 'meeting with a new document');

    // Opening it is reading it: the marker goes.
    await row.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: 'Tischvorlage Baumschutzsatzung' }).waitFor();
    await page.getByRole('toolbar', { name: 'Werkzeuge für Tischvorlage Baumschutzsatzung' }).waitFor();
    await page.goBack();
    await row.locator('.tablet-doc__state--ready').waitFor();
    expect(await row.locator('.badge', { hasText: 'neu' }).count()).toBe(0);
  });

  it('resumes a cut download at the first missing chunk', async () => {
    const size = Math.round(2.5 * chunkSize);
    const pdf = await sizedPdf('Lageplan Kanalsanierung', size);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const cutAfter = chunkSize + chunkSize / 2;

    // The first answer for this document breaks off after one and a half chunks; later ones pass through.
    const requests: { range: string | undefined; ifRange: string | undefined; bytes: number }[] = [];
    await context!.route(`**/api/blobs/${sha256}`, async (route) => {
      const headers = route.request().headers();
      const response = await route.fetch();
      const body = await response.body();
      const cut = requests.length === 0;
      const sent = cut ? body.subarray(0, cutAfter) : body;
      requests.push({ range: headers.range, ifRange: headers['if-range'], bytes: sent.byteLength });
      await route.fulfill({ response, body: sent });
    });
    await office.upload('meetings', meetingId, { name: 'Lageplan Kanalsanierung.pdf', bytes: pdf });

    await page.getByRole('link', { name: 'Meine Sitzungen' }).first().click();
    await syncNow();
    await page.getByText('Keine Verbindung zum Server. Es wird automatisch erneut versucht.').waitFor();
    const afterCut = await database<{ blobs: StoredBlob[]; blobChunks: StoredChunk[] }>(['blobs', 'blobChunks']);
    expect(afterCut!.blobs.find((b) => b.sha256 === sha256)).toMatchObject({
      receivedBytes: chunkSize,
      verified: false,
    });
    expect(afterCut!.blobChunks.filter((c) => c.sha256 === sha256).map((c) => c.index)).toEqual([0]);
    await meetingCard()
      .getByText(/von \d+ Dokumenten, .* fehlen/)
      .waitFor();

    await syncNow();
    await meetingCard().getByText(ready).waitFor();
    await context!.unroute(`**/api/blobs/${sha256}`);

    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ range: 'bytes=0-', ifRange: `"${sha256}"` });
    expect(requests[1]).toMatchObject({ range: `bytes=${chunkSize}-`, ifRange: `"${sha256}"` });
    const fetched = requests.reduce((sum, r) => sum + r.bytes, 0);
    expect(fetched).toBeGreaterThanOrEqual(pdf.byteLength);
    expect(fetched).toBeLessThanOrEqual(pdf.byteLength + chunkSize);

    const done = await database<{ blobs: StoredBlob[]; blobChunks: StoredChunk[] }>(['blobs', 'blobChunks']);
    expect(done!.blobs.find((b) => b.sha256 === sha256)).toMatchObject({
      verified: true,
      receivedBytes: pdf.byteLength,
    });
    const chunks = done!.blobChunks.filter((c) => c.sha256 === sha256);
    expect(chunks.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(chunks.reduce((sum, c) => sum + c.bytes, 0)).toBe(pdf.byteLength);
  });

  it("removes the committee's non-public items and files from the device once the membership ends", async () => {
    type Rows = {
      meeting: { id: string; organizationIds: string[] }[];
      organization: { id: string; name: string }[];
      agendaItem: StoredItem[];
      paper: { id: string }[];
      file: StoredFile[];
      fileVersion: StoredVersion[];
      blobs: StoredBlob[];
      blobChunks: StoredChunk[];
    };
    const stores: (keyof Rows)[] = [
      'meeting',
      'organization',
      'agendaItem',
      'paper',
      'file',
      'fileVersion',
      'blobs',
      'blobChunks',
    ];
    const before = (await database<Rows>(stores))!;
    const committee = before.organization.find((o) => o.name === committeeName)!;
    // Held by this committee alone: nothing else the councillor belongs to opens its non-public part.
    expect(before.meeting.find((m) => m.id === meetingId)!.organizationIds).toEqual([committee.id]);
    const goneItems = new Set(
      before.agendaItem.filter((item) => item.meetingId === meetingId && !item.public).map((item) => item.id),
    );
    const goneFiles = new Set(
      before.file
        .filter((f) => !f.public && (f.meetingId === meetingId || (f.agendaItemId && goneItems.has(f.agendaItemId))))
        .map((f) => f.id),
    );
    expect(goneItems.size).toBeGreaterThan(0);
    // The table paper and the plan of the steps before: added after the invitation, not (yet) made public.
    expect(goneFiles.size).toBeGreaterThanOrEqual(2);

    const person = await office.json<{ memberships: { id: string; organizationId: string }[] }>(
      'GET',
      `/api/persons/${account.personIds[0]}`,
    );
    const membership = person.memberships.find((m) => m.organizationId === committee.id)!;
    await office.json('POST', `/api/memberships/${membership.id}/end`, { endDate: yesterday() });

    await syncNow();
    await meetingCard().waitFor({ state: 'detached' });
    const after = (await database<Rows>(stores))!;
    expect(after.agendaItem.filter((item) => goneItems.has(item.id))).toEqual([]);
    expect(after.agendaItem.some((item) => item.meetingId === meetingId && item.public)).toBe(true);
    expect(after.file.filter((file) => goneFiles.has(file.id))).toEqual([]);
    expect(after.fileVersion.filter((version) => goneFiles.has(version.fileId))).toEqual([]);

    // The chunks of every document no remaining file refers to are gone with it.
    const remaining = new Set(after.fileVersion.map((version) => version.sha256));
    const goneShas = new Set(
      before.fileVersion.filter((v) => goneFiles.has(v.fileId) && !remaining.has(v.sha256)).map((v) => v.sha256),
    );
    expect(before.blobChunks.filter((chunk) => goneShas.has(chunk.sha256)).length).toBeGreaterThan(2);
    expect(after.blobChunks.filter((chunk) => goneShas.has(chunk.sha256))).toEqual([]);
    expect(after.blobs.filter((blob) => goneShas.has(blob.sha256))).toEqual([]);
    expect(after.blobChunks.filter((chunk) => !remaining.has(chunk.sha256))).toEqual([]);

    // What is left is exactly what the server gives a new device of this account now.
    const visible = await visibleToNewDevice(await apiSignIn(base, councillor), 'Vergleichsgerät');
    for (const entity of ['agendaItem', 'paper', 'file', 'fileVersion'] as const) {
      expect(after[entity].map((row) => row.id).sort(), entity).toEqual([...(visible.get(entity) ?? [])].sort());
    }

    // The public part of the meeting stays readable on the device.
    await page.goto(`${base}/app/sitzungen/${meetingId}`);
    await page.getByRole('heading', { level: 3, name: 'Öffentlicher Teil (Ö)' }).waitFor();
    expect(await page.getByRole('heading', { level: 3, name: 'Nicht öffentlicher Teil (N)' }).count()).toBe(0);
  });

  it('wipes a revoked device at its next contact', async () => {
    const meta = (await database<{ meta: { deviceId: string }[] }>(['meta']))!.meta[0]!;
    const otherSession = await apiSignIn(base, councillor);
    await page.getByRole('link', { name: 'Meine Geräte' }).click();
    await page.getByRole('rowheader', { name: /dieses Gerät/ }).waitFor();
    await checkAccessibility(page, 'devices');
    await otherSession.json('POST', `/api/sync/devices/${meta.deviceId}/revoke`);

    await syncNow().catch(() => undefined);
    await page.waitForURL(/\/anmelden\?grund=geraet-gesperrt/);
    await page.getByText('Dieses Gerät wurde gesperrt. Alle Sitzungsunterlagen darauf wurden gelöscht.').waitFor();
    const storage = await originStorage(page);
    expect(storage.databases).not.toContain(deviceDatabaseName(account.account.id));
    expect(
      Object.values(storage.caches)
        .flat()
        .filter((url) => /^\/(api|files)\//.test(url)),
    ).toEqual([]);
  });

  it('leaves no data of the user on the device after signing out, even offline', async () => {
    const userData = async () => {
      const storage = await originStorage(page);
      const cached = Object.values(storage.caches)
        .flat()
        .filter((url) => /^\/(api|files)\//.test(url));
      const remembered = await page.evaluate(
        (id) =>
          Object.keys(localStorage).filter(
            (key) => key === 'ratsmappe.tablet.account' || localStorage.getItem(key)?.includes(id),
          ),
        account.account.id,
      );
      return { databases: storage.databases.filter((name) => name.startsWith('ratsmappe-user-')), cached, remembered };
    };

    await signInOnTablet(page, base, councillor);
    await page.getByText(/^Zuletzt abgeglichen: /).waitFor();
    expect((await userData()).databases).toEqual([deviceDatabaseName(account.account.id)]);

    // In the chamber without network: the app comes from the service worker, the data from the device.
    await context!.setOffline(true);
    await page.reload();
    await page.getByText('Offline – Sie sehen die Unterlagen auf diesem Gerät.').waitFor();
    await page.getByText('Auf diesem Gerät: Miriam Kesselring').waitFor();
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    await expect.poll(userData).toEqual({ databases: [], cached: [], remembered: [] });

    // Back online, the old session cookie signs nobody in again, so nothing is synced back.
    await context!.setOffline(false);
    await page.goto(`${base}/app`);
    await page.getByText('Bitte melden Sie sich an, um Ihre Sitzungsunterlagen auf dieses Gerät zu laden.').waitFor();
    expect(await page.evaluate(async () => (await fetch('/api/session')).status)).toBe(401);
    expect(await userData()).toEqual({ databases: [], cached: [], remembered: [] });
  });

  it('has no axe violations on the tablet screens', () => {
    expect(checkedScreens).toEqual(expectedScreens);
    expect(
      accessibility,
      Object.entries(accessibility)
        .map(([screen, text]) => `${screen}:\n${text}`)
        .join('\n'),
    ).toEqual({});
  });
});
