import { berlinDate } from '@ratsmappe/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccessibilityReport,
  createMeeting,
  dateIn,
  lindenau,
  pdf,
  signInAsOffice,
  startOfficeJourney,
  type OfficeJourney,
} from '../fixtures/office.js';

const { slug, committee: committeeName, council: councilName } = lindenau;
const report = new AccessibilityReport();

describe('council office: papers and their way through the committees', () => {
  let journey: OfficeJourney | undefined;
  let page: Page;

  beforeAll(async () => {
    journey = await startOfficeJourney();
    page = journey.page;
  });

  afterAll(async () => {
    await journey?.close();
  });

  it('creates a paper, plans two consultation steps, puts it on an agenda, records the result and releases the minutes', async () => {
    const base = journey!.server.baseUrl;
    const stamp = Date.now();
    const meetingName = `Sondersitzung Fahrradparken ${stamp}`;
    const paperName = `Fahrradparkhaus Zwetschgenallee ${stamp}`;

    await signInAsOffice(page, base);

    // A meeting of the committee for the first step.
    await createMeeting(page, { name: meetingName, date: dateIn(21), time: '17:00' });
    const meetingUrl = page.url();
    await page.getByLabel('Titel', { exact: true }).fill('Eröffnung und Feststellung der Tagesordnung');
    await page.getByRole('button', { name: 'Hinzufügen' }).click();
    await page.locator('.agenda-row__name', { hasText: 'Eröffnung und Feststellung' }).waitFor();

    // The papers workspace, from the office navigation.
    await page.getByRole('navigation').getByRole('link', { name: 'Vorlagen' }).click();
    await page.getByRole('heading', { level: 1, name: /^Vorlagen: / }).waitFor();
    await page.locator('.office-table tbody tr').first().waitFor();
    await report.check(page, 'papers list');

    await page.getByText('Neue Vorlage', { exact: true }).click();
    // Required fields are checked before anything is sent, in German.
    await page.getByRole('button', { name: 'Vorlage anlegen' }).click();
    await expect.poll(() => page.getByLabel('Titel der Vorlage').getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Bitte ausfüllen.').first().waitFor();
    await report.check(page, 'new paper form with errors');
    await page.getByLabel('Titel der Vorlage').fill(paperName);
    await page.getByLabel('Art der Vorlage').selectOption('Beschlussvorlage');
    await page.getByLabel('Datum der Vorlage').fill(berlinDate(new Date()));
    await page
      .getByLabel('Text (Sachverhalt, Beschlussvorschlag)')
      .fill(
        'Sachverhalt: An der Zwetschgenallee fehlen Abstellplätze.\n\nBeschlussvorschlag: Der Bau wird beschlossen.',
      );
    await page.getByLabel('Vorlage ist öffentlich').check();
    await page.getByRole('button', { name: 'Vorlage anlegen' }).click();
    await page.getByRole('heading', { level: 1, name: paperName }).waitFor();
    const paperUrl = page.url();
    // The server assigned the reference number, counting in this body and year.
    const reference = (await page.locator('.paper-reference').textContent())!;
    expect(reference).toMatch(
      new RegExp(`^(?:[A-Z]{1,4}/)?(?:\\d{4}/${new Date().getFullYear()}|${new Date().getFullYear()}/\\d{4})$`),
    );

    // Files of the paper: several at once, with their role chosen first.
    const paperFiles = page.locator('.files-panel', {
      has: page.getByRole('heading', { name: 'Dateien der Vorlage' }),
    });
    await paperFiles.getByLabel('Rolle der Datei').selectOption('main');
    await paperFiles.getByLabel(/^PDF-Dateien auswählen … für: Dateien der Vorlage$/).setInputFiles([
      { name: 'Vorlage Fahrradparkhaus.pdf', mimeType: 'application/pdf', buffer: await pdf('Vorlage') },
      { name: 'Lageplan Zwetschgenallee.pdf', mimeType: 'application/pdf', buffer: await pdf('Lageplan') },
    ]);
    await page.waitForFunction(() => document.querySelectorAll('.files-panel [data-upload-state="done"]').length === 2);
    await paperFiles
      .locator('.office-file', { hasText: 'Lageplan Zwetschgenallee' })
      .getByText('Hauptdokument')
      .waitFor();

    // Two consultation steps: the committee in our meeting, then the council deciding.
    const steps = page.locator('.office-step');
    await page.getByLabel('Gremium', { exact: true }).selectOption({ label: committeeName });
    await page.getByLabel('Rolle des Schritts (z. B. Vorberatung, Entscheidung)').fill('Vorberatung');
    const meetingOption = page.locator('#step-meeting option', { hasText: meetingName });
    await meetingOption.waitFor({ state: 'attached' });
    const meetingValue = await meetingOption.getAttribute('value');
    expect(meetingValue).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByLabel('Sitzung (optional)').selectOption(meetingValue);
    await page.getByLabel('Tagesordnungspunkt (optional)').waitFor();
    await page.getByRole('button', { name: 'Schritt hinzufügen' }).click();
    await steps.filter({ hasText: committeeName }).waitFor();

    await page.getByLabel('Gremium', { exact: true }).selectOption({ label: councilName });
    await page.getByLabel('Rolle des Schritts (z. B. Vorberatung, Entscheidung)').fill('Entscheidung');
    await page.getByLabel('beschließend (hier fällt die Entscheidung)').check();
    await page.getByRole('button', { name: 'Schritt hinzufügen' }).click();
    await steps.nth(1).filter({ hasText: councilName }).waitFor();
    expect(await steps.count()).toBe(2);
    expect(await steps.nth(0).textContent()).toContain(meetingName);
    expect(await steps.nth(0).textContent()).toContain('noch nicht auf einer Tagesordnung');
    expect(await steps.nth(1).textContent()).toContain('Entscheidung, beschließend');
    await report.check(page, 'paper page');

    // Linking the paper on the meeting's agenda takes over the planned step.
    await steps.nth(0).getByRole('link', { name: meetingName }).click();
    await page.getByRole('heading', { level: 1, name: meetingName }).waitFor();
    const itemName = 'Neubau Fahrradparkhaus Zwetschgenallee';
    await page.getByLabel('Titel', { exact: true }).fill(itemName);
    await page.getByLabel('Vorlage suchen (Drucksachennummer oder Titel)').fill('Zwetschgenallee');
    await page.getByRole('button', { name: 'Vorlage suchen' }).click();
    await page.locator('.paper-picker label', { hasText: paperName }).locator('input').check();
    await page.getByRole('button', { name: 'Hinzufügen' }).click();
    const itemRow = page.locator('.agenda-row', { has: page.locator('.agenda-row__name', { hasText: itemName }) });
    await itemRow.locator('.badge', { hasText: `Vorlage ${reference}` }).waitFor();

    // Invitation: both PDFs are linked once the meeting is invited.
    await page.getByRole('button', { name: 'Einladen' }).click();
    await page.getByText('Status: eingeladen', { exact: true }).waitFor();
    const invitation = page.locator('[aria-labelledby="invitation-title"]');
    await invitation.getByRole('link', { name: 'Einladung', exact: true }).waitFor();
    await invitation.getByRole('link', { name: 'Einladung (öffentlicher Teil)' }).waitFor();
    await page.getByRole('button', { name: 'Einladung neu erstellen' }).click();
    await page.getByText('Die Einladung ist neu erstellt.').waitFor();

    // The result and the resolution of the item.
    await itemRow.getByText(`„${itemName}“ bearbeiten`).click();
    await itemRow.getByLabel('Ergebnis (z. B. Beschlossen, Abgelehnt, Vertagt)').fill('Beschlossen');
    await itemRow.getByLabel('Beschlusstext').fill('Der Ausschuss empfiehlt dem Rat den Bau des Fahrradparkhauses.');
    await itemRow.getByRole('button', { name: 'Speichern', exact: true }).click();
    await itemRow.locator('.badge', { hasText: 'Ergebnis: Beschlossen' }).waitFor();
    await report.check(page, 'meeting editor, invited');

    await page.getByRole('button', { name: 'Als durchgeführt markieren' }).click();
    await page.getByText('Status: durchgeführt', { exact: true }).waitFor();
    await page.getByText('Zum Freigeben der Niederschrift laden Sie sie zuerst').waitFor();
    // Releasing without the minutes is refused with the server's reason.
    await page.getByRole('button', { name: 'Niederschrift freigeben' }).click();
    await page.getByRole('alert').filter({ hasText: 'erst freigegeben werden, wenn sie als Datei' }).waitFor();

    // The minutes: uploaded with the role "Niederschrift", public, under a display name.
    const meetingFiles = page.locator('.files-panel', {
      has: page.getByRole('heading', { name: 'Dateien der Sitzung' }),
    });
    await meetingFiles.getByLabel('Rolle der Datei').selectOption('results_protocol');
    await meetingFiles.getByLabel('Anzeigename (optional)').fill('Niederschrift der Sondersitzung');
    await meetingFiles.getByLabel('öffentlich', { exact: true }).check();
    await meetingFiles
      .getByLabel(/^PDF-Dateien auswählen … für: Dateien der Sitzung$/)
      .setInputFiles([{ name: 'niederschrift.pdf', mimeType: 'application/pdf', buffer: await pdf('Niederschrift') }]);
    const minutesRow = meetingFiles.locator('.office-file', { hasText: 'Niederschrift der Sondersitzung' });
    await minutesRow.locator('.badge', { hasText: 'Niederschrift' }).waitFor();
    await page.waitForFunction(() => !document.body.textContent?.includes('Zum Freigeben der Niederschrift laden'));
    await page.getByRole('button', { name: 'Niederschrift freigeben' }).click();
    await page.getByText('Status: Niederschrift freigegeben', { exact: true }).waitFor();
    await report.check(page, 'meeting editor, minutes released');

    // The paper's path now shows where it was dealt with and the result.
    await page.goto(paperUrl);
    await page.getByRole('heading', { level: 1, name: paperName }).waitFor();
    const first = page.locator('.office-step').nth(0);
    await first.locator('.office-step__result', { hasText: 'Beschlossen' }).waitFor();
    expect(await first.textContent()).toContain(itemName);
    expect(await page.locator('.office-step').count()).toBe(2);

    // And the list finds it by its reference number.
    await page.getByRole('link', { name: 'Alle Vorlagen' }).click();
    await page.getByLabel('Suche (Drucksachennummer oder Titel)').fill(reference);
    await page.getByLabel('Art', { exact: true }).selectOption('Beschlussvorlage');
    await page.getByRole('button', { name: 'Anwenden' }).click();
    await page.waitForURL((url) => url.search.includes('art=Beschlussvorlage'));
    await page.locator('.office-table tbody tr', { hasText: paperName }).waitFor();
    expect(await page.locator('.office-table tbody tr').count()).toBe(1);
    await report.check(page, 'papers list, filtered');
    expect(meetingUrl).toContain(`/verwaltung/${slug}/sitzungen/`);

    expect(report.findings, report.text()).toEqual({});
  });
});
