import {
  berlinDate,
  type CreatedAccount,
  type Organization,
  type Person,
  type SearchResponse,
  type SessionInfo,
} from '@ratsmappe/shared';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annotationsSeenBy, apiSignIn, type ApiSession } from '../fixtures/api.js';
import { axeViolations, describeViolations, injectAxe } from '../fixtures/axe.js';
import { launchChromium } from '../fixtures/browser.js';
import { lindenau } from '../fixtures/office.js';
import { startServer, type RunningServer } from '../fixtures/server.js';
import {
  annotationEntries as entries,
  meetingCard,
  meetingIdOnCard,
  meetingReady,
  newTabletContext,
  openTabletDocument,
  pendingOutbox as outboxLength,
  signInOnTablet,
  syncNow,
} from '../fixtures/tablet.js';

/** Fixed by the demo seed (server/src/seed/profiles.ts, README). */
const councillor = 'miriam.kesselring@vg-lindenau.example';
/** Deputy in the same committee (Bau- und Umweltausschuss), another faction. */
const committeeColleague = 'sabine.morgenroth@vg-lindenau.example';
/** Another committee, another faction. */
const outsider = 'tobias.wendland@vg-lindenau.example';
const officeEmail = 'sitzungsdienst@vg-lindenau.example';
const committeeName = 'Bau- und Umweltausschuss';
const documentName = 'Vorlage Ortskernsanierung';

const paragraphs = {
  intro: 'Der Ortsgemeinderat beschließt die Sanierung des Dorfgemeinschaftshauses in der Hauptstraße.',
  unchanged: 'Lärmschutz und Verkehrsberuhigung sind Ziele der Planung im gesamten Ortskern.',
  changed: 'Der Haushaltsansatz beträgt 125.000 Euro für das laufende Jahr.',
  inserted: 'Ergänzung: Die Anregungen aus der Einwohnerversammlung wurden geprüft und teilweise übernommen.',
  changedNow: 'Der Haushaltsansatz beträgt 135.000 Euro für das laufende Jahr.',
};

/** One line per paragraph: pdf.js gives each drawText its own text-layer span. */
async function paperPdf(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(documentName);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 0; n < 2; n++) {
    const page = doc.addPage([595, 842]);
    (n === 0 ? lines : ['Anlage: Lageplan und Kostenschätzung.']).forEach((line, i) =>
      page.drawText(line, { x: 50, y: 780 - i * 24, font, size: 10 }),
    );
  }
  return doc.save();
}

interface Device {
  context: BrowserContext;
  page: Page;
}

/** The first page's annotation layer, where strokes are drawn and notes placed. */
async function annotationLayerBox(page: Page) {
  return (await page.locator('.reader-page[data-page="1"] .annot-layer').boundingBox())!;
}

/** Whether a highlight on the first page sits on the text-layer line that reads `words`. */
async function highlightOnLine(page: Page, words: string): Promise<boolean> {
  return page.evaluate((wanted) => {
    const firstPage = document.querySelector('.reader-page[data-page="1"]')!;
    const line = [...firstPage.querySelectorAll('.textLayer span')].find((s) => s.textContent === wanted)!;
    const lineBox = line.getBoundingClientRect();
    return [...firstPage.querySelectorAll('.annot-highlight')].some((h) => {
      const box = h.getBoundingClientRect();
      return Math.abs(box.top + box.height / 2 - (lineBox.top + lineBox.height / 2)) < lineBox.height;
    });
  }, words);
}

const accessibility: Record<string, string> = {};
async function checkAccessibility(page: Page, screen: string): Promise<void> {
  await injectAxe(page);
  const violations = await axeViolations(page);
  if (violations.length > 0) accessibility[screen] = describeViolations(violations);
}

describe('annotations on two devices of one councillor', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let a: Device;
  let b: Device;
  let base: string;
  let office: ApiSession;
  let account: SessionInfo;
  let meetingId: string;
  let fileId: string;

  const documentPath = () => `${base}/app/dokumente/${fileId}`;
  const openDocument = (page: Page) => openTabletDocument(page, base, fileId);
  const pendingOutbox = (page: Page) => outboxLength(page, account.account.id);

  /** Syncs and waits until the server has taken every write of the device. */
  const syncUntilSent = async (page: Page) => {
    await syncNow(page);
    await expect.poll(() => pendingOutbox(page)).toBe(0);
  };

  /** The annotations `session` reads over the API whose text is `text`. */
  const seenWithText = async (session: ApiSession, text: string) =>
    (await annotationsSeenBy(session)).filter((n) => n.values.text === text);

  /** Another member's tablet: after a sync the note is there under its author's name, and cannot be edited. */
  const expectSharedNoteReadOnly = async (page: Page, text: string, email: string, password?: string) => {
    await signInOnTablet(page, base, email, password);
    await syncNow(page);
    await openDocument(page);
    const entry = entries(page, 'note').filter({ hasText: text });
    await entry.getByText(`geteilt von ${account.account.displayName}, nur lesen`).waitFor();
    expect(await entry.getByRole('button', { name: /^Bearbeiten/ }).count()).toBe(0);
  };

  /** Selects one line of the first page's text layer, as a finger or mouse would. */
  const selectLine = async (page: Page, text: string) => {
    await page.evaluate((wanted) => {
      const span = [...document.querySelectorAll('.reader-page[data-page="1"] .textLayer span')].find(
        (s) => s.textContent === wanted,
      );
      if (!span?.firstChild) throw new Error(`no text-layer span with ${wanted}`);
      const range = document.createRange();
      range.selectNodeContents(span);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    }, text);
  };

  const highlight = async (page: Page, text: string) => {
    const before = await entries(page, 'highlight').count();
    await selectLine(page, text);
    await page.getByRole('button', { name: 'Auswahl markieren' }).click();
    await expect.poll(() => entries(page, 'highlight').count()).toBe(before + 1);
  };

  /** A stroke with the pen tool (mouse here; touch and pen take the same path through Pointer Events). */
  const drawStroke = async (page: Page) => {
    const before = await entries(page, 'ink').count();
    await page.getByRole('button', { name: 'Stift', exact: true }).click();
    const box = await annotationLayerBox(page);
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.55, { steps: 12 });
    await page.mouse.up();
    await expect.poll(() => entries(page, 'ink').count()).toBe(before + 1);
    await page.getByRole('button', { name: 'Lesen', exact: true }).click();
  };

  /** Places a note with the note tool at a spot of the first page (fractions of its size) and saves it. */
  const placeNote = async (page: Page, text: string, at: { x: number; y: number }, sharedWith?: string) => {
    await page.getByRole('button', { name: 'Notiz', exact: true }).click();
    const box = await annotationLayerBox(page);
    await page.mouse.click(box.x + box.width * at.x, box.y + box.height * at.y);
    await page.getByLabel('Text der Notiz').fill(text);
    if (sharedWith) await page.getByLabel('Sichtbar für').selectOption({ label: sharedWith });
    await page.getByRole('button', { name: 'Speichern' }).click();
  };

  beforeAll(async () => {
    server = await startServer({ readyTimeoutMs: 240_000 });
    base = server.baseUrl;
    browser = await launchChromium();
    const device = async (): Promise<Device> => {
      const context = await newTabletContext(browser!);
      return { context, page: await context.newPage() };
    };
    a = await device();
    b = await device();
    office = await apiSignIn(base, officeEmail);
  }, 300_000);

  afterAll(async () => {
    await a?.context.close();
    await b?.context.close();
    await browser?.close();
    await server?.stop();
  });

  it('keeps a highlight, a stroke, a note and a bookmark made offline across a reload, and shows them on the other device after one sync', async () => {
    await signInOnTablet(a.page, base, councillor);
    account = await a.page.evaluate(async () => (await fetch('/api/session')).json() as Promise<SessionInfo>);
    meetingId = await meetingIdOnCard(a.page, committeeName);
    const uploaded = await office.upload('meetings', meetingId, {
      name: `${documentName}.pdf`,
      bytes: await paperPdf([paragraphs.intro, paragraphs.unchanged, paragraphs.changed]),
    });
    fileId = uploaded.id;
    await signInOnTablet(b.page, base, councillor);
    for (const device of [a, b]) {
      await syncNow(device.page);
      await meetingCard(device.page, committeeName).getByText(meetingReady).waitFor();
      // The service worker serves the shell from the next load on: offline reloads need it.
      await device.page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
    }

    await openDocument(a.page);
    await a.context.setOffline(true);
    await highlight(a.page, paragraphs.unchanged);

    await drawStroke(a.page);
    await expect.poll(() => entries(a.page, 'ink').count()).toBe(1);

    await placeNote(a.page, 'Rückfrage: Folgekosten?', { x: 0.8, y: 0.2 });
    await expect.poll(() => entries(a.page, 'note').count()).toBe(1);

    await a.page.getByRole('button', { name: 'Lesezeichen', exact: true }).click();
    await expect.poll(() => entries(a.page, 'bookmark').count()).toBe(1);
    expect(await pendingOutbox(a.page)).toBe(4);
    await checkAccessibility(a.page, 'document with annotations, offline');

    await a.page.reload();
    await a.page.locator('.reader-page[data-page="1"] .annot-highlight').first().waitFor();
    await a.page.locator('.reader-page[data-page="1"] .annot-note-marker').waitFor();
    await a.page.locator('.reader-page[data-page="1"] .annot-bookmark').waitFor();
    expect(await entries(a.page).count()).toBe(4);
    expect(await entries(a.page).filter({ hasText: 'noch nicht übertragen' }).count()).toBe(4);

    await a.context.setOffline(false);
    await syncUntilSent(a.page);

    const pulls: string[] = [];
    b.page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/sync/pull') pulls.push(request.url());
    });
    await syncNow(b.page);
    expect(pulls).toHaveLength(1);
    await openDocument(b.page);
    await expect.poll(() => entries(b.page).count()).toBe(4);
    await b.page.locator('.annot-entry[data-kind="note"]', { hasText: 'Rückfrage: Folgekosten?' }).waitFor();
    await b.page.locator('.reader-page[data-page="1"] .annot-highlight').first().waitFor();
    expect(await entries(b.page, 'highlight').locator('q').textContent()).toBe(paragraphs.unchanged);
  });

  it('merges offline edits of both devices: the deleted highlight is gone, the note keeps the losing text in history', async () => {
    await a.context.setOffline(true);
    await b.context.setOffline(true);

    const editNote = async (page: Page, text: string) => {
      const note = entries(page, 'note');
      await note.getByRole('button', { name: /^Bearbeiten/ }).click();
      await page.getByLabel('Text der Notiz').fill(text);
      await page.getByRole('button', { name: 'Speichern' }).click();
      await note.getByText(text).waitFor();
    };
    await editNote(a.page, 'Rückfrage: Folgekosten pro Jahr?');
    await entries(b.page, 'highlight')
      .getByRole('button', { name: /^Löschen/ })
      .click();
    await expect.poll(() => entries(b.page, 'highlight').count()).toBe(0);
    // B edits last: its text wins by the hybrid logical clock.
    await editNote(b.page, 'Rückfrage erledigt');

    await a.context.setOffline(false);
    await b.context.setOffline(false);
    await syncNow(a.page);
    await syncNow(b.page);
    await syncNow(a.page);

    for (const { page } of [a, b]) {
      await expect.poll(() => entries(page, 'highlight').count()).toBe(0);
      const note = entries(page, 'note');
      await note.locator('.annot-entry__text', { hasText: 'Rückfrage erledigt' }).waitFor();
      await note.locator('.annot-entry__history', { hasText: 'Rückfrage: Folgekosten pro Jahr?' }).waitFor();
      expect(await entries(page, 'ink').count()).toBe(1);
      expect(await entries(page, 'bookmark').count()).toBe(1);
      expect(await page.locator('.reader-page[data-page="1"] .annot-highlight').count()).toBe(0);
    }
    await checkAccessibility(a.page, 'document with history');
  });

  it('applies a push once when its reply was lost after the server committed', async () => {
    const replies: string[] = [];
    await a.context.route('**/api/sync/push', async (route) => {
      const response = await route.fetch();
      replies.push(String(response.status()));
      if (replies.length === 1) await route.abort('connectionreset');
      else await route.fulfill({ response });
    });
    await placeNote(a.page, 'Einmal und nicht doppelt', { x: 0.8, y: 0.7 });
    await expect.poll(() => replies.length).toBeGreaterThanOrEqual(1);
    await a.page.getByText('Keine Verbindung zum Server. Es wird automatisch erneut versucht.').waitFor();
    expect(await pendingOutbox(a.page)).toBe(1);

    await syncUntilSent(a.page);
    await a.context.unroute('**/api/sync/push');
    expect(replies).toEqual(['200', '200']);

    // The server holds the note once; so does the other device.
    const fresh = await apiSignIn(base, councillor);
    expect(await seenWithText(fresh, 'Einmal und nicht doppelt')).toHaveLength(1);
    await syncNow(b.page);
    await expect.poll(() => entries(b.page, 'note').count()).toBe(2);
  });

  it('places annotations on a new version: the unchanged highlight in place, the changed one flagged, none lost', async () => {
    await highlight(a.page, paragraphs.unchanged);
    await highlight(a.page, paragraphs.changed);
    await syncUntilSent(a.page);
    const before = await entries(a.page).count();

    const v2 = await paperPdf([paragraphs.intro, paragraphs.inserted, paragraphs.unchanged, paragraphs.changedNow]);
    const response = await fetch(`${base}/api/files/${fileId}/versions`, {
      method: 'POST',
      headers: {
        cookie: office.cookie,
        origin: base,
        'content-type': 'application/pdf',
        'x-file-name': encodeURIComponent(`${documentName}.pdf`),
      },
      body: new Blob([v2 as Uint8Array<ArrayBuffer>]),
    });
    expect(response.status).toBe(201);

    // The server reads the new version's text and re-anchors in the background: sync until the device has it.
    await expect
      .poll(
        async () => {
          await syncNow(a.page);
          return a.page.locator('.annot-entry .badge', { hasText: 'Text geändert' }).count();
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe(1);
    await a.page.goto(documentPath());
    await a.page.getByText(/Version 2/).waitFor();
    await a.page.locator('.reader-page[data-page="1"] .textLayer span').first().waitFor();
    await expect.poll(() => entries(a.page).count()).toBe(before);
    const changed = entries(a.page, 'highlight').filter({ hasText: 'Text geändert' });
    await changed.getByText(`Früher: „${paragraphs.changed}“`).waitFor();
    // The unchanged highlight sits on the line that now holds its words (the third line of the new version).
    expect(await highlightOnLine(a.page, paragraphs.unchanged)).toBe(true);
    expect(await a.page.locator('.reader-page[data-page="1"] .annot-highlight--changed').count()).toBeGreaterThan(0);
    await checkAccessibility(a.page, 'document on a new version');

    // The earlier version, as it was: the changed highlight on its old sentence, nothing flagged, nothing editable.
    await a.page.getByLabel('Frühere Version').selectOption({ label: 'Version 1' });
    await a.page.getByRole('button', { name: 'Version öffnen' }).click();
    await a.page.getByText(/die frühere Version 1/).waitFor();
    await a.page
      .locator('.reader-page[data-page="1"] .textLayer span', { hasText: paragraphs.changed })
      .first()
      .waitFor();
    await expect.poll(() => entries(a.page).count()).toBe(before);
    expect(await highlightOnLine(a.page, paragraphs.changed)).toBe(true);
    expect(await a.page.locator('.annot-highlight--changed').count()).toBe(0);
    expect(
      await a.page
        .locator('.annot-panel')
        .getByRole('button', { name: /^Bearbeiten/ })
        .count(),
    ).toBe(0);
    await checkAccessibility(a.page, 'document on an earlier version');
    await a.page.getByRole('link', { name: 'Zur aktuellen Version' }).click();
    await a.page.getByText(/Version 2/).waitFor();
    await a.page.locator('.reader-page[data-page="1"] .textLayer span').first().waitFor();
  });

  it('shows a note shared with the committee read-only to a fellow member, and to no one else', async () => {
    const note = entries(a.page, 'note').filter({ hasText: 'Einmal und nicht doppelt' });
    await note.getByRole('button', { name: /^Bearbeiten/ }).click();
    await a.page.getByLabel('Sichtbar für').selectOption({ label: `Gremium: ${committeeName}` });
    await a.page.getByRole('button', { name: 'Speichern' }).click();
    await note.getByText('mit dem Gremium geteilt').waitFor();
    await syncUntilSent(a.page);

    const shared = await seenWithText(await apiSignIn(base, committeeColleague), 'Einmal und nicht doppelt');
    expect(shared.map((n) => ({ own: n.own, author: n.authorName, state: n.state }))).toEqual([
      { own: false, author: account.account.displayName, state: null },
    ]);
    expect(await seenWithText(await apiSignIn(base, outsider), 'Einmal und nicht doppelt')).toEqual([]);
    expect(await annotationsSeenBy(office)).toEqual([]);
    const oparl = await (await fetch(`${base}/oparl/v1/system`)).text();
    expect(oparl).not.toContain('Einmal und nicht doppelt');

    // On the colleague's tablet: read-only, with the author's name.
    const context = await newTabletContext(browser!);
    const page = await context.newPage();
    try {
      await expectSharedNoteReadOnly(page, 'Einmal und nicht doppelt', committeeColleague);
      await checkAccessibility(page, 'shared note, read-only');
    } finally {
      await context.close();
    }
  });

  it('shows a note shared with the faction read-only to a fellow faction member, and to no one else', async () => {
    // The demo seed gives no second account in Miriam Kesselring's faction: the office adds a fellow SPD member
    // of the same committee (so the document is readable to both) and an account with a set-up link.
    const organizations = (
      await office.json<{ data: Organization[] }>('GET', `/api/bodies/${lindenau.slug}/organizations`)
    ).data;
    const faction = organizations.find((o) => o.kind === 'faction' && o.name === 'SPD-Fraktion')!;
    const committee = organizations.find((o) => o.name === committeeName)!;
    const person = await office.json<Person>('POST', `/api/bodies/${lindenau.slug}/persons`, {
      givenName: 'Jonas',
      familyName: 'Feldhaus',
    });
    const startDate = berlinDate(new Date());
    for (const organizationId of [faction.id, committee.id]) {
      await office.json('POST', `/api/bodies/${lindenau.slug}/memberships`, {
        personId: person.id,
        organizationId,
        startDate,
        ...(organizationId === committee.id ? { onBehalfOf: faction.id } : {}),
      });
    }
    const fellowEmail = 'jonas.feldhaus@vg-lindenau.example';
    const fellowPassword = 'Fraktionskollege-2026';
    const created = await office.json<CreatedAccount>('POST', '/api/accounts', {
      email: fellowEmail,
      displayName: 'Jonas Feldhaus',
      personIds: [person.id],
    });
    const setUp = await fetch(`${base}/api/account-setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({
        token: new URL(created.setupLink.setupUrl).hash.slice('#token='.length),
        password: fellowPassword,
      }),
    });
    expect(setUp.status).toBe(204);

    // The document becomes public, so the public doors below have something to show and still must not show the note.
    await office.json('POST', `/api/files/${fileId}/confirm-visibility`, { public: true });

    const noteText = 'Fraktionsintern: Zisternenförderung beantragen';
    await placeNote(a.page, noteText, { x: 0.3, y: 0.4 }, 'Fraktion: SPD-Fraktion');
    const note = entries(a.page, 'note').filter({ hasText: noteText });
    await note.getByText('mit der Fraktion geteilt').waitFor();
    await syncUntilSent(a.page);

    const fellow = await apiSignIn(base, fellowEmail, fellowPassword);
    const seen = await seenWithText(fellow, noteText);
    expect(seen.map((n) => ({ own: n.own, author: n.authorName, state: n.state }))).toEqual([
      { own: false, author: account.account.displayName, state: null },
    ]);
    for (const email of [committeeColleague, outsider]) {
      expect(await seenWithText(await apiSignIn(base, email), noteText), email).toEqual([]);
    }
    expect(await annotationsSeenBy(office)).toEqual([]);

    // Exports hold only the caller's own annotations; the public may not ask at all.
    const officeExport = await office.json<{ total: number }>('GET', `/api/files/${fileId}/annotations`);
    expect(officeExport.total).toBe(0);
    const fellowExport = await fellow.json<{ total: number }>('GET', `/api/files/${fileId}/annotations`);
    expect(fellowExport.total).toBe(0);
    expect((await fetch(`${base}/api/files/${fileId}/annotations`)).status).toBe(401);

    // Search covers documents, never annotations: the document's words are found, the note's are not, by anyone.
    const search = async (q: string, session?: ApiSession) => {
      const response = await fetch(`${base}/api/search?q=${encodeURIComponent(q)}`, {
        headers: session ? { cookie: session.cookie } : {},
      });
      expect(response.status).toBe(200);
      return (await response.json()) as SearchResponse;
    };
    await expect
      .poll(async () => (await search('Haushaltsansatz')).results.some((r) => r.id === fileId), { timeout: 20_000 })
      .toBe(true);
    for (const session of [undefined, fellow, office, await apiSignIn(base, councillor)]) {
      expect((await search('Zisternenförderung', session)).total, session?.info.account.email ?? 'anonymous').toBe(0);
    }

    // OParl: the public file and its meeting are there, the note is not.
    for (const path of [`/oparl/v1/file/${fileId}`, `/oparl/v1/meeting/${meetingId}`]) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(200);
      const text = await response.text();
      expect(text, path).toContain(fileId);
      expect(text, path).not.toContain('Zisternenförderung');
    }

    const publicContext = await browser!.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    const fellowContext = await newTabletContext(browser!);
    try {
      // The public meeting page lists the document, without the note.
      const visitor = await publicContext.newPage();
      await visitor.goto(`${base}/${lindenau.slug}/sitzungen/${meetingId}`);
      await visitor.getByText(documentName).first().waitFor();
      expect(await visitor.locator('body').innerText()).not.toContain('Zisternenförderung');

      // On the fellow member's tablet: read-only, with the author's name.
      const page = await fellowContext.newPage();
      await expectSharedNoteReadOnly(page, noteText, fellowEmail, fellowPassword);
      await page.locator('.reader-page[data-page="1"] .annot-note-marker').first().waitFor();
    } finally {
      await publicContext.close();
      await fellowContext.close();
    }
  });

  it('exports a PDF whose annotations pdf.js reads, and W3C JSON in the Web Annotation shape', async () => {
    // Made on the version that is exported, so they keep their geometry (older ones become notes in the PDF).
    await highlight(a.page, paragraphs.inserted);
    await drawStroke(a.page);
    await syncUntilSent(a.page);
    const pdfResponse = await a.page.evaluate(async (id) => {
      const response = await fetch(`/api/files/${id}/annotated.pdf`);
      return { status: response.status, bytes: [...new Uint8Array(await response.arrayBuffer())] };
    }, fileId);
    expect(pdfResponse.status).toBe(200);
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await getDocument({ data: new Uint8Array(pdfResponse.bytes), verbosity: 0 }).promise;
    const subtypes = (await (await pdf.getPage(1)).getAnnotations()).map((x: { subtype: string }) => x.subtype);
    expect(subtypes).toEqual(expect.arrayContaining(['Highlight', 'Ink', 'Text']));
    await pdf.destroy();

    const download = a.page.waitForEvent('download');
    await a.page.getByRole('button', { name: 'W3C-JSON herunterladen' }).click();
    const file = await download;
    const chunks: Buffer[] = [];
    for await (const chunk of (await file.createReadStream()) as AsyncIterable<Buffer>) chunks.push(chunk);
    const collection = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      '@context': string;
      type: string;
      total: number;
      first: { type: string; items: { type: string; motivation: string; target: { source: string } }[] };
    };
    expect(collection['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.first.type).toBe('AnnotationPage');
    expect(collection.total).toBe(collection.first.items.length);
    expect(
      collection.first.items.every((item) => item.type === 'Annotation' && item.target.source.endsWith(fileId)),
    ).toBe(true);
    expect(new Set(collection.first.items.map((item) => item.motivation))).toEqual(
      new Set(['highlighting', 'commenting', 'bookmarking']),
    );
  });

  it('draws with a pen, and with a pen in use lets a finger scroll instead of drawing', async () => {
    const inks = await entries(a.page, 'ink').count();
    await a.page.getByRole('button', { name: 'Stift', exact: true }).click();
    const box = await annotationLayerBox(a.page);
    const cdp = await a.context.newCDPSession(a.page);
    const pen = (type: 'mousePressed' | 'mouseMoved' | 'mouseReleased', x: number, y: number) =>
      cdp.send('Input.dispatchMouseEvent', {
        type,
        x: box.x + box.width * x,
        y: box.y + box.height * y,
        button: 'left',
        buttons: type === 'mouseReleased' ? 0 : 1,
        clickCount: 1,
        pointerType: 'pen',
        force: 0.8,
      });
    await pen('mousePressed', 0.2, 0.8);
    for (let i = 1; i <= 10; i++) await pen('mouseMoved', 0.2 + i * 0.04, 0.8 - i * 0.01);
    await pen('mouseReleased', 0.6, 0.7);
    await expect.poll(() => entries(a.page, 'ink').count()).toBe(inks + 1);
    await a.page.locator('.annot-layer[data-pen="true"]').first().waitFor();

    const scrollTop = () => a.page.locator('.reader__viewport').evaluate((v) => v.scrollTop);
    const before = await scrollTop();
    const finger = (type: 'touchStart' | 'touchMove' | 'touchEnd', y: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: type === 'touchEnd' ? [] : [{ x: box.x + box.width * 0.5, y: box.y + box.height * y }],
      });
    await finger('touchStart', 0.6);
    for (let i = 1; i <= 10; i++) await finger('touchMove', 0.6 - i * 0.03);
    await finger('touchEnd', 0.3);
    await expect.poll(scrollTop).toBeGreaterThan(before);
    expect(await entries(a.page, 'ink').count()).toBe(inks + 1);
    await cdp.detach();
  });

  it('has no axe violations on the annotation screens', () => {
    expect(
      accessibility,
      Object.entries(accessibility)
        .map(([screen, text]) => `${screen}:\n${text}`)
        .join('\n'),
    ).toEqual({});
  });
});
