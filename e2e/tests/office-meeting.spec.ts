import { deviceHeader } from '@ratsmappe/shared';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSignIn } from '../fixtures/api.js';
import { injectAxe, newAxeContext } from '../fixtures/axe.js';
import { newDesktopContext } from '../fixtures/browser.js';
import {
  AccessibilityReport,
  createMeeting,
  dateIn,
  lindenau,
  pdf,
  signInAsOffice,
  signInOnWeb,
  startOfficeJourney,
  type OfficeJourney,
} from '../fixtures/office.js';

const { slug } = lindenau;
const report = new AccessibilityReport();

/** What the journey's first step leaves for the viewers' steps. */
const made = {
  meetingId: '',
  meetingName: '',
  secretItem: 'Grundstücksangelegenheiten Flurstück 88/2',
  secretPaper: `Verkauf Flurstück 88/2 an die Ortsgemeinde ${Date.now()}`,
  secretPaperId: '',
  secretFile: 'Kaufvertrag Entwurf',
};

describe('council office: a staff member', () => {
  let journey: OfficeJourney | undefined;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    journey = await startOfficeJourney();
    ({ browser, context, page } = journey);
  });

  afterAll(async () => {
    await journey?.close();
  });

  // The longest journey of the suite: on a busy two-core machine it needs more than the default minute.
  it(
    'signs in, plans a meeting, builds its agenda, uploads PDFs, invites and finds it all in the audit trail',
    { timeout: 180_000 },
    async () => {
      const base = journey!.server.baseUrl;
      // A non-public paper for the non-public item, with its own document (the papers journey builds one in the UI).
      const officeApi = await apiSignIn(base, lindenau.office.email, lindenau.office.password);
      const secretPaper = await officeApi.json<{ id: string }>('POST', `/api/bodies/${slug}/papers`, {
        name: made.secretPaper,
        date: dateIn(0),
        paperType: 'Beschlussvorlage',
        public: false,
      });
      made.secretPaperId = secretPaper.id;
      await officeApi.upload('papers', secretPaper.id, {
        name: 'Exposé Flurstück 88-2.pdf',
        bytes: await pdf('Exposé'),
      });

      // A public visitor loads neither the office code nor asks for a session.
      const requested: string[] = [];
      page.on('request', (request) => requested.push(new URL(request.url()).pathname));
      await page.goto(`${base}/${slug}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(
        requested.filter((p) => /office|meeting-editor|sign-in|account-setup|audit-page|^\/api\/session/.test(p)),
      ).toEqual([]);

      await page.goto(`${base}/anmelden`);
      await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
      await report.check(page, 'sign-in');
      await signInAsOffice(page, base);
      await page.getByRole('button', { name: 'Abmelden' }).waitFor();
      await page.getByRole('banner').getByRole('link', { name: 'Verwaltung' }).waitFor();

      await page.getByRole('heading', { name: 'Kommende Sitzungen' }).waitFor();
      await report.check(page, 'office');

      const meetingName = `Sondersitzung Radwegekonzept ${Date.now()}`;
      made.meetingName = meetingName;
      made.meetingId = await createMeeting(page, {
        name: meetingName,
        date: dateIn(28),
        time: '18:00',
        location: 'Sitzungssaal',
      });
      const editorUrl = page.url();
      // Entered as Berlin wall-clock time, sent with its offset, shown back as 18:00.
      await page.getByText(/, 18:00 · Sitzungssaal$/).waitFor();

      const items = [
        { name: 'Eröffnung und Begrüßung', public: true },
        { name: 'Radwegekonzept 2027', public: true, paper: 'seed' },
        { name: made.secretItem, public: false, paper: 'secret' },
      ] as const;
      for (const item of items) {
        await page.getByLabel('Titel', { exact: true }).fill(item.name);
        await page.getByLabel(item.public ? 'öffentlich (Ö)' : 'nicht öffentlich (N)').check();
        if ('paper' in item && item.paper === 'seed') {
          // The seed's papers mention the Kreisverwaltung in their procedure paragraph.
          await page.getByLabel('Vorlage suchen (Drucksachennummer oder Titel)').fill('Kreisverwaltung');
          await page.getByRole('button', { name: 'Vorlage suchen' }).click();
          await page.getByText(/[1-9]\d* Vorlagen gefunden/).waitFor();
          await page.locator('.paper-picker input[type="radio"]').nth(1).check();
        }
        if ('paper' in item && item.paper === 'secret') {
          await page.getByLabel('Vorlage suchen (Drucksachennummer oder Titel)').fill('Flurstück 88/2');
          await page.getByRole('button', { name: 'Vorlage suchen' }).click();
          await page.locator('.paper-picker label', { hasText: made.secretPaper }).locator('input').check();
        }
        await page.getByRole('button', { name: 'Hinzufügen' }).click();
        await page.locator('.agenda-row__name', { hasText: item.name }).waitFor();
      }
      const numberOf = (name: string) =>
        page
          .locator('.agenda-row', { has: page.locator('.agenda-row__name', { hasText: name }) })
          .locator('.agenda-row__number');
      await numberOf(made.secretItem).filter({ hasText: 'N 1' }).waitFor();
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
        .setInputFiles([
          { name: 'Notizen.pdf', mimeType: 'application/pdf', buffer: Buffer.from('nur Text, kein PDF') },
        ]);
      await meetingFiles.locator('[data-upload-state="rejected"]').waitFor();
      expect(await meetingFiles.locator('[data-upload-state="rejected"] .upload__state').textContent()).toMatch(
        /^abgelehnt: .*%PDF-/,
      );
      await page.waitForFunction(
        () => document.querySelectorAll('.files-panel [data-upload-state="done"]').length === 3,
      );
      expect(await meetingFiles.locator('[data-upload-state="done"] .upload__state').allTextContents()).toEqual([
        'fertig',
        'fertig',
        'fertig',
      ]);
      await meetingFiles.locator('.office-file__name', { hasText: 'Lageplan – Radweg' }).waitFor();

      await page.getByRole('group', { name: 'Radwegekonzept 2027' }).waitFor();
      await page.getByText('Dateien zu Ö 2').click();
      await page.getByRole('heading', { level: 3, name: 'Dateien zu Ö 2' }).waitFor();
      await report.check(page, 'meeting editor');

      // A document of the non-public item: never public, whatever the upload asked for.
      await page.getByText('Dateien zu N 1').click();
      const secretFiles = page.locator('.files-panel', { has: page.getByRole('heading', { name: 'Dateien zu N 1' }) });
      await secretFiles
        .getByLabel(/^PDF-Dateien auswählen … für: Dateien zu N 1$/)
        .setInputFiles([
          { name: `${made.secretFile}.pdf`, mimeType: 'application/pdf', buffer: await pdf('Kaufvertrag') },
        ]);
      await secretFiles.locator('[data-upload-state="done"]').waitFor();
      await secretFiles.locator('.office-file__name', { hasText: made.secretFile }).waitFor();

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

      // Everything above is in the body's audit trail, newest first, under the staff member's name.
      await page.getByRole('link', { name: 'Protokoll der Änderungen' }).click();
      await page.locator('.audit-table tbody tr').first().waitFor();
      const trail = await page.locator('.audit-table tbody tr').evaluateAll((rows) =>
        (rows as HTMLTableRowElement[]).map((row) => ({
          who: row.cells[1]?.textContent ?? '',
          action: row.cells[2]?.textContent ?? '',
          details: row.cells[4]?.textContent ?? '',
        })),
      );
      const steps = (action: string) => trail.filter((entry) => entry.action === action);
      expect(steps('meeting.create').length).toBeGreaterThanOrEqual(1);
      expect(steps('agenda_item.create').length).toBeGreaterThanOrEqual(3);
      expect(steps('agenda.arrange').length).toBeGreaterThanOrEqual(2);
      // Three PDFs at once, the one for the non-public item, the supplement after the invitation.
      expect(steps('file.create').length).toBeGreaterThanOrEqual(5);
      // The trail shows ids, numbers and flags only (publicDetails): names stay out of it.
      expect(steps('file.upload_rejected').some((e) => e.details.includes('"reason":"not_pdf"'))).toBe(true);
      expect(steps('file.version_create').some((e) => e.details.includes('"version":2'))).toBe(true);
      expect(steps('meeting.state').length).toBeGreaterThanOrEqual(1);
      expect(steps('file.confirm_visibility')).toHaveLength(1);
      const ours = trail.filter((e) => /^(meeting|agenda|file)/.test(e.action));
      expect(new Set(ours.map((e) => e.who))).toEqual(new Set(['Sitzungsdienst VG Lindenau']));
      await page.getByLabel('Aktion (z. B. meeting.* oder file.upload)').fill('meeting.*');
      await page.getByRole('button', { name: 'Filtern' }).click();
      await page.locator('.audit-table td code', { hasText: 'meeting.state' }).first().waitFor();
      await page.locator('.audit-table td code', { hasText: 'meeting.create' }).first().waitFor();
      expect(await page.locator('.audit-table td code', { hasText: /^file\./ }).count()).toBe(0);
      await report.check(page, 'audit trail');

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
        // The new order is saved by PUT …/agenda; closing the context before its answer would abort it.
        const saved = touchPage.waitForResponse(
          (r) => r.request().method() === 'PUT' && new URL(r.url()).pathname.endsWith('/agenda'),
        );
        await touch('touchStart', grip.x + grip.width / 2, grip.y + grip.height / 2);
        for (let step = 1; step <= 5; step++) {
          const y = grip.y + grip.height / 2 + ((onto.y + onto.height * 0.1 - grip.y - grip.height / 2) * step) / 5;
          await touch('touchMove', onto.x + onto.width / 2, y);
        }
        await touch('touchEnd', 0, 0);
        await touchRow('Radwegekonzept 2027').locator('.agenda-row__number', { hasText: 'Ö 1' }).waitFor();
        expect((await saved).status()).toBe(200);
      } finally {
        await tablet.close();
      }
    },
  );

  /** The published meeting's public page in a fresh browser context, as `who` sees it; returns the API's answer. */
  async function openMeetingPage(viewer: Page): Promise<Response> {
    const base = journey!.server.baseUrl;
    const answer = viewer.waitForResponse((r) => new URL(r.url()).pathname === `/api/meetings/${made.meetingId}`);
    await viewer.goto(`${base}/${slug}/sitzungen/${made.meetingId}`);
    await viewer.getByRole('heading', { level: 1, name: made.meetingName }).waitFor();
    await viewer.getByRole('heading', { level: 2, name: 'Tagesordnung' }).waitFor();
    await viewer.locator('.agenda-item', { hasText: 'Radwegekonzept 2027' }).waitFor();
    return answer;
  }

  /** What a reader without rights sees of the non-public item: its number and "nicht öffentlich", nothing else. */
  async function expectOnlyTheAnnouncement(viewer: Page): Promise<void> {
    const hidden = viewer.locator('.agenda-item--hidden');
    await hidden.waitFor();
    expect((await hidden.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim())).toEqual([
      'N 1 – nicht öffentlich',
    ]);
    // The journey's last step reordered the public items by touch; only which titles appear matters here.
    const titles = await viewer.locator('.agenda-item__title').allTextContents();
    expect(titles).toHaveLength(2);
    for (const name of ['Eröffnung und Begrüßung', 'Radwegekonzept 2027']) {
      expect(titles.some((title) => title.includes(name))).toBe(true);
    }
    const text = (await viewer.locator('main').textContent()) ?? '';
    for (const secret of [made.secretItem, made.secretPaper, made.secretFile, 'Exposé', 'Flurstück']) {
      expect(text).not.toContain(secret);
    }
    expect(await viewer.locator('.badge--non-public').count()).toBe(0);
  }

  it('shows a member of the committee, signed in on the web, all three items, the non-public one marked', async () => {
    const base = journey!.server.baseUrl;
    // A real browser context: service worker allowed, the server's CSP in force.
    const member = await newDesktopContext(browser);
    try {
      const viewer = await member.newPage();
      await signInOnWeb(
        viewer,
        base,
        { email: lindenau.committeeMember.email },
        `/${slug}/sitzungen/${made.meetingId}`,
        { heading: made.meetingName },
      );
      const answer = await openMeetingPage(viewer);
      // Non-public answers are for this viewer only: no shared or browser cache may keep them.
      expect(answer.headers()['cache-control']).toBe('no-store');

      const secretItem = viewer.locator('.agenda-item', { has: viewer.locator('h4', { hasText: made.secretItem }) });
      await secretItem.waitFor();
      expect((await secretItem.locator('h4').textContent())?.replace(/\s+/g, ' ').trim()).toBe(
        `N 1 ${made.secretItem} nicht öffentlich`,
      );
      await secretItem.getByRole('link', { name: new RegExp(made.secretPaper) }).waitFor();
      const documents = secretItem.locator('.file-list .file');
      await documents.filter({ hasText: made.secretFile }).locator('.badge--non-public').waitFor();
      await documents.filter({ hasText: 'Exposé Flurstück 88-2' }).locator('.badge--non-public').waitFor();
      expect(await viewer.locator('.agenda-item__title').count()).toBe(3);
      await viewer.getByText('Sie sehen auch nichtöffentliche Inhalte').waitFor();
      // The public items carry no badge.
      expect(
        await viewer.locator('.agenda-item', { hasText: 'Radwegekonzept 2027' }).locator('.badge--non-public').count(),
      ).toBe(0);
      await injectAxe(viewer);
      await report.check(viewer, 'meeting page, committee member');

      // The document opens for the member, and is marked private.
      const link = documents.filter({ hasText: made.secretFile }).locator('.file__name a');
      const file = await viewer.request.get(`${base}${await link.getAttribute('href')}`);
      expect(file.status()).toBe(200);
      expect(file.headers()['cache-control']).toBe('private, no-store');

      // The paper's page: its text and documents, marked non-public.
      await secretItem.getByRole('link', { name: new RegExp(made.secretPaper) }).click();
      await viewer.getByRole('heading', { level: 1, name: made.secretPaper }).waitFor();
      await viewer.locator('.notice--non-public .badge--non-public').waitFor();
      await viewer.locator('.file', { hasText: 'Exposé Flurstück 88-2' }).locator('.badge--non-public').waitFor();
      await report.check(viewer, 'paper page, committee member');

      // Signed out, the same browser (its service worker and caches included) shows only the public items again.
      await viewer.getByRole('button', { name: 'Abmelden' }).click();
      await viewer.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
      await openMeetingPage(viewer);
      await expectOnlyTheAnnouncement(viewer);
      await viewer.goto(`${base}/${slug}/vorlagen/${made.secretPaperId}`);
      await viewer.getByRole('heading', { level: 1, name: 'Seite nicht gefunden' }).waitFor();
    } finally {
      await member.close();
    }
  });

  it('shows a visitor only the public items and the announcement "N 1 – nicht öffentlich"', async () => {
    const visitor = await newAxeContext(browser);
    try {
      const viewer = await visitor.newPage();
      await openMeetingPage(viewer);
      await expectOnlyTheAnnouncement(viewer);
      await viewer.getByText('Sie sehen auch nichtöffentliche Inhalte').waitFor({ state: 'detached' });
      await report.check(viewer, 'meeting page, visitor');
    } finally {
      await visitor.close();
    }
  });

  it('does not show the non-public item to a member of another committee', async () => {
    const other = await newAxeContext(browser);
    try {
      const viewer = await other.newPage();
      await signInOnWeb(
        viewer,
        journey!.server.baseUrl,
        { email: lindenau.otherCommitteeMember.email },
        `/${slug}/sitzungen/${made.meetingId}`,
        { heading: made.meetingName },
      );
      await viewer.getByRole('button', { name: 'Abmelden' }).waitFor();
      await openMeetingPage(viewer);
      await expectOnlyTheAnnouncement(viewer);
      await viewer.goto(`${journey!.server.baseUrl}/${slug}/vorlagen/${made.secretPaperId}`);
      await viewer.getByRole('heading', { level: 1, name: 'Seite nicht gefunden' }).waitFor();
    } finally {
      await other.close();
    }
  });
  it("lists a councillor's devices for the office, which blocks a lost one with the keyboard", async () => {
    const base = journey!.server.baseUrl;
    const member = await apiSignIn(base, lindenau.committeeMember.email);
    const tablet = await member.json<{ id: string }>('POST', '/api/sync/devices', { name: 'iPad Ratssaal' });

    await page.goto(`${base}/verwaltung/${slug}`);
    const officeNav = page.getByRole('navigation', { name: /^Verwaltung: / });
    await officeNav.getByRole('link', { name: 'Konten und Geräte' }).click();
    await page.getByRole('heading', { level: 1, name: /^Konten und Geräte: / }).waitFor();
    await report.check(page, 'accounts');
    const devicesLink = page.getByRole('link', { name: `Geräte von ${lindenau.committeeMember.name}` });
    await devicesLink.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Geräte von ${lindenau.committeeMember.name}` }).waitFor();
    const row = page.locator('tbody tr', { hasText: 'iPad Ratssaal' });
    await row.getByText('aktiv').waitFor();
    await report.check(page, 'devices');

    await row.getByRole('button', { name: 'Gerät „iPad Ratssaal“ sperren' }).focus();
    await page.keyboard.press('Enter');
    // The question takes focus; Enter confirms it.
    const confirm = row.getByRole('button', { name: 'Ja, „iPad Ratssaal“ sperren' });
    await confirm.waitFor();
    expect(await confirm.evaluate((element) => element === document.activeElement)).toBe(true);
    await report.check(page, 'devices, confirming');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Das Gerät „iPad Ratssaal“ ist gesperrt.' }).waitFor();
    await row.getByText(/^gesperrt am /).waitFor();

    // The tablet learns it at its next contact: every sync answer is 410 and it wipes itself.
    const pull = await fetch(`${base}/api/sync/pull?cursor=0`, {
      headers: { cookie: member.cookie, accept: 'application/json', [deviceHeader]: tablet.id },
    });
    expect(pull.status).toBe(410);

    // And the body's audit trail has it.
    await officeNav.getByRole('link', { name: 'Protokoll der Änderungen' }).click();
    await page.getByLabel('Aktion (z. B. meeting.* oder file.upload)').fill('device.revoke');
    await page.getByRole('button', { name: 'Filtern' }).click();
    await page.locator('.audit-table td code', { hasText: 'device.revoke' }).waitFor();
  });

  it('met every accessibility check on its way', () => {
    expect(report.findings, report.text()).toEqual({});
  });
});
