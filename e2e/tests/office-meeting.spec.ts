import { berlinDate } from '@ratsmappe/shared';
import { PDFDocument } from 'pdf-lib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, newAxeContext } from '../fixtures/axe.js';
import { launchChromium } from '../fixtures/browser.js';
import { startServer, type RunningServer } from '../fixtures/server.js';

/** Fixed by the demo seed (server/src/seed); e2e imports only shared code. */
const slug = 'vg-lindenau';
const committeeName = 'Bau- und Umweltausschuss';
const office = { email: 'sitzungsdienst@vg-lindenau.example', password: 'Ratsmappe-Demo-2026' };

async function pdf(title: string): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.setTitle(title);
  document.addPage([595, 842]).drawText(title, { x: 50, y: 780, size: 18 });
  return Buffer.from(await document.save());
}

/** A date four weeks ahead, as the date input wants it. */
function inFourWeeks(): string {
  return berlinDate(new Date(Date.now() + 28 * 24 * 3600 * 1000));
}

/** Collects axe-core findings per step; asserted once at the end so the journey still runs through. */
const report: Record<string, string> = {};
async function checkAccessibility(page: Page, step: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) report[step] = describeViolations(violations);
}

describe('council office: a staff member', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    // The axe context (CSP bypassed for the axe script, no service worker) so each step can be checked.
    context = await newAxeContext(browser);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('signs in, plans a meeting, builds its agenda, uploads PDFs, invites and finds it all in the audit trail', async () => {
    const base = server!.baseUrl;

    // A public visitor loads neither the office code nor asks for a session.
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`${base}/${slug}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(
      requested.filter((p) => /office|meeting-editor|sign-in|account-setup|audit-page|^\/api\/session/.test(p)),
    ).toEqual([]);

    await page.goto(`${base}/anmelden?zurueck=${encodeURIComponent(`/verwaltung/${slug}`)}`);
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    await checkAccessibility(page, 'sign-in');
    await page.getByLabel('E-Mail-Adresse').fill(office.email);
    await page.getByLabel('Passwort').fill(office.password);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^Verwaltung: / }).waitFor();
    await page.getByRole('button', { name: 'Abmelden' }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Verwaltung' }).waitFor();

    await page.getByRole('heading', { name: 'Kommende Sitzungen' }).waitFor();
    await checkAccessibility(page, 'office');

    const meetingName = `Sondersitzung Radwegekonzept ${Date.now()}`;
    await page.getByLabel('Bezeichnung').fill(meetingName);
    await page.getByLabel('Datum').fill(inFourWeeks());
    await page.getByLabel('Beginn (Uhrzeit, deutsche Zeit)').fill('18:00');
    await page.getByLabel(committeeName).check();
    await page.getByLabel('Ort (optional)').fill('Sitzungssaal');
    await page.getByRole('button', { name: 'Sitzung anlegen' }).click();
    await page.getByRole('heading', { level: 1, name: meetingName }).waitFor();
    const editorUrl = page.url();
    // Entered as Berlin wall-clock time, sent with its offset, shown back as 18:00.
    await page.getByText(/, 18:00 · Sitzungssaal$/).waitFor();

    const items = [
      { name: 'Eröffnung und Begrüßung', public: true },
      { name: 'Radwegekonzept 2027', public: true, paper: true },
      { name: 'Grundstücksangelegenheiten', public: false },
    ];
    for (const item of items) {
      await page.getByLabel('Titel', { exact: true }).fill(item.name);
      await page.getByLabel(item.public ? 'öffentlich (Ö)' : 'nicht öffentlich (N)').check();
      if (item.paper) {
        // The seed's papers mention the Kreisverwaltung in their procedure paragraph.
        await page.getByLabel('Vorlage suchen (Drucksachennummer oder Titel)').fill('Kreisverwaltung');
        await page.getByRole('button', { name: 'Vorlage suchen' }).click();
        await page.getByText(/[1-9]\d* Vorlagen gefunden/).waitFor();
        await page.locator('.paper-picker input[type="radio"]').nth(1).check();
      }
      await page.getByRole('button', { name: 'Hinzufügen' }).click();
      await page.locator('.agenda-row__name', { hasText: item.name }).waitFor();
    }
    const numberOf = (name: string) =>
      page
        .locator('.agenda-row', { has: page.locator('.agenda-row__name', { hasText: name }) })
        .locator('.agenda-row__number');
    await numberOf('Grundstücksangelegenheiten').filter({ hasText: 'N 1' }).waitFor();
    expect(await numberOf('Radwegekonzept 2027').textContent()).toBe('Ö 2');
    await page
      .locator('.agenda-row', { hasText: 'Radwegekonzept 2027' })
      .locator('.badge', { hasText: /^Vorlage / })
      .waitFor();

    // Keyboard reordering: the server renumbers and focus stays on the moved item.
    await page.getByRole('button', { name: '„Eröffnung und Begrüßung“ nach unten' }).click();
    await numberOf('Eröffnung und Begrüßung').filter({ hasText: 'Ö 2' }).waitFor();
    expect(await numberOf('Radwegekonzept 2027').textContent()).toBe('Ö 1');

    // Drag and drop with the pointer: "Eröffnung" onto the upper edge of "Radwegekonzept" puts it first again.
    const rowOf = (name: string) =>
      page.locator('.agenda-row', { has: page.locator('.agenda-row__name', { hasText: name }) });
    const handle = (await rowOf('Eröffnung und Begrüßung').locator('.drag-handle').boundingBox())!;
    const target = (await rowOf('Radwegekonzept 2027').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.x + target.width / 2, target.y + target.height * 0.1, { steps: 5 });
    await page.mouse.up();
    await numberOf('Eröffnung und Begrüßung').filter({ hasText: 'Ö 1' }).waitFor();
    expect(await numberOf('Radwegekonzept 2027').textContent()).toBe('Ö 2');

    const files = await Promise.all(['Einladung Anlage 1', 'Lageplan', 'Kostenschätzung'].map((t) => pdf(t)));
    const meetingFiles = page.locator('.files-panel', {
      has: page.getByRole('heading', { name: 'Dateien der Sitzung' }),
    });
    await meetingFiles.getByLabel(/^PDF-Dateien auswählen … für: Dateien der Sitzung$/).setInputFiles([
      { name: 'Anlage 1.pdf', mimeType: 'application/pdf', buffer: files[0]! },
      { name: 'Lageplan – Radweg.pdf', mimeType: 'application/pdf', buffer: files[1]! },
      { name: 'Kostenschätzung.pdf', mimeType: 'application/pdf', buffer: files[2]! },
    ]);
    // A file that is not a PDF is refused with the server's reason, next to the accepted ones.
    await meetingFiles
      .getByLabel(/^PDF-Dateien auswählen … für: Dateien der Sitzung$/)
      .setInputFiles([{ name: 'Notizen.pdf', mimeType: 'application/pdf', buffer: Buffer.from('nur Text, kein PDF') }]);
    await meetingFiles.locator('[data-upload-state="rejected"]').waitFor();
    expect(await meetingFiles.locator('[data-upload-state="rejected"] .upload__state').textContent()).toMatch(
      /^abgelehnt: .*%PDF-/,
    );
    await page.waitForFunction(() => document.querySelectorAll('.files-panel [data-upload-state="done"]').length === 3);
    expect(await meetingFiles.locator('[data-upload-state="done"] .upload__state').allTextContents()).toEqual([
      'fertig',
      'fertig',
      'fertig',
    ]);
    await meetingFiles.locator('.office-file__name', { hasText: 'Lageplan – Radweg' }).waitFor();

    await page.getByRole('group', { name: 'Radwegekonzept 2027' }).waitFor();
    await page.getByText('Dateien zu Ö 2').click();
    await page.getByRole('heading', { level: 3, name: 'Dateien zu Ö 2' }).waitFor();
    await checkAccessibility(page, 'meeting editor');

    // A new version of one file; the history keeps both.
    const planRow = meetingFiles.locator('.office-file', { hasText: 'Lageplan – Radweg' });
    await planRow
      .getByLabel('Neue Version hochladen für „Lageplan – Radweg“')
      .setInputFiles([
        { name: 'Lageplan – Radweg v2.pdf', mimeType: 'application/pdf', buffer: await pdf('Lageplan v2') },
      ]);
    await planRow.locator('[data-upload-state="done"]').waitFor();
    await planRow.getByText('Versionen anzeigen').click();
    await planRow.getByRole('link', { name: /^Version 2 · .* · Lageplan – Radweg v2\.pdf$/ }).waitFor();
    await planRow.getByRole('link', { name: /^Version 1 · / }).waitFor();

    await page.getByRole('button', { name: 'Einladen' }).click();
    await page.getByText('Status: eingeladen', { exact: true }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Neuer Status: eingeladen.' }).waitFor();

    // A file added after the invitation waits for the office to decide on its visibility (a supplement).
    const itemFiles = page.locator('.files-panel', { has: page.getByRole('heading', { name: 'Dateien zu Ö 2' }) });
    await itemFiles
      .getByLabel(/^PDF-Dateien auswählen … für: Dateien zu Ö 2$/)
      .setInputFiles([{ name: 'Tischvorlage.pdf', mimeType: 'application/pdf', buffer: await pdf('Tischvorlage') }]);
    await itemFiles.locator('[data-upload-state="done"]').waitFor();
    await itemFiles.getByText('Sichtbarkeit nicht bestätigt').waitFor();
    await itemFiles.getByRole('button', { name: '„Tischvorlage“ öffentlich machen' }).click();
    await itemFiles.getByText('Die Sichtbarkeit von „Tischvorlage“ ist bestätigt.').waitFor();
    expect(await itemFiles.getByText('Sichtbarkeit nicht bestätigt').count()).toBe(0);

    // Everything above is in the body's audit trail, newest first.
    await page.getByRole('link', { name: 'Protokoll der Änderungen' }).click();
    await page.getByLabel('Aktion (z. B. meeting.* oder file.upload)').fill('meeting.*');
    await page.getByRole('button', { name: 'Filtern' }).click();
    await page.locator('.audit-table td code', { hasText: 'meeting.state' }).first().waitFor();
    await page.locator('.audit-table td code', { hasText: 'meeting.create' }).first().waitFor();
    expect(await page.locator('.audit-table td code', { hasText: /^file\./ }).count()).toBe(0);
    await checkAccessibility(page, 'audit trail');

    // On a tablet the same handle works with a finger (pointer events from touch).
    const tablet = await browser!.newContext({
      viewport: { width: 1024, height: 1366 },
      hasTouch: true,
      isMobile: true,
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
      serviceWorkers: 'block',
      storageState: await context!.storageState(),
    });
    try {
      const touchPage = await tablet.newPage();
      await touchPage.goto(editorUrl);
      const touchRow = (name: string) =>
        touchPage.locator('.agenda-row', { has: touchPage.locator('.agenda-row__name', { hasText: name }) });
      await touchRow('Radwegekonzept 2027').waitFor();
      // Touch points outside the viewport go nowhere: bring both rows (next to each other) into view first.
      await touchRow('Eröffnung und Begrüßung').evaluate((row) => row.scrollIntoView({ block: 'center' }));
      const grip = (await touchRow('Radwegekonzept 2027').locator('.drag-handle').boundingBox())!;
      const onto = (await touchRow('Eröffnung und Begrüßung').boundingBox())!;
      const cdp = await tablet.newCDPSession(touchPage);
      const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
        cdp.send('Input.dispatchTouchEvent', {
          type,
          touchPoints: type === 'touchEnd' ? [] : [{ x: Math.round(x), y: Math.round(y) }],
        });
      await touch('touchStart', grip.x + grip.width / 2, grip.y + grip.height / 2);
      for (let step = 1; step <= 5; step++) {
        const y = grip.y + grip.height / 2 + ((onto.y + onto.height * 0.1 - grip.y - grip.height / 2) * step) / 5;
        await touch('touchMove', onto.x + onto.width / 2, y);
      }
      await touch('touchEnd', 0, 0);
      await touchRow('Radwegekonzept 2027').locator('.agenda-row__number', { hasText: 'Ö 1' }).waitFor();
    } finally {
      await tablet.close();
    }

    expect(
      report,
      Object.entries(report)
        .map(([step, text]) => `${step}:\n${text}`)
        .join('\n'),
    ).toEqual({});
  });
});
