import { berlinDate } from '@ratsmappe/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, newAxeContext } from '../fixtures/axe.js';
import { launchChromium } from '../fixtures/browser.js';
import { startServer, type RunningServer } from '../fixtures/server.js';
import { totpCode } from '../fixtures/totp.js';

/** Fixed by the demo seed (server/src/seed); e2e imports only shared code. */
const slug = 'vg-lindenau';
const office = { email: 'sitzungsdienst@vg-lindenau.example', password: 'Ratsmappe-Demo-2026' };
const day = 24 * 3600 * 1000;
const dateIn = (days: number) => berlinDate(new Date(Date.now() + days * day));

const report: Record<string, string> = {};
async function checkAccessibility(page: Page, step: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) report[step] = describeViolations(violations);
}

describe('council office: master data and the second factor', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    context = await newAxeContext(browser);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('creates a committee, a person and a membership, finds them, ends the membership and sets up TOTP', async () => {
    const base = server!.baseUrl;
    const stamp = String(Date.now()).slice(-6);
    const committee = `Ausschuss für Digitales ${stamp}`;
    const family = `Sonnenberg${stamp}`;
    const person = `Lea ${family}`;

    // A public visitor loads none of the master data or account code.
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`${base}/${slug}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(requested.filter((p) => /master-data|account-page|office|^\/api\/session/.test(p))).toEqual([]);

    await page.goto(`${base}/anmelden?zurueck=${encodeURIComponent(`/verwaltung/${slug}`)}`);
    await page.getByLabel('E-Mail-Adresse').fill(office.email);
    await page.getByLabel('Passwort').fill(office.password);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^Verwaltung: / }).waitFor();

    const officeNav = page.getByRole('navigation', { name: /^Verwaltung: / });
    await officeNav.getByRole('link', { name: 'Stammdaten' }).click();
    await page.getByRole('heading', { level: 1, name: /^Stammdaten: / }).waitFor();
    await checkAccessibility(page, 'master data overview');

    // A committee: the empty name is refused at its field, in German, before anything is sent.
    const sections = page.getByRole('navigation', { name: 'Stammdaten' });
    await sections.getByRole('link', { name: 'Gremien' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gremien' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^Gefundene Gremien: \d+$/ })
      .waitFor();
    await checkAccessibility(page, 'organizations');
    await page.getByText('Neues Gremium').click();
    const newCommittee = page.locator('details', { hasText: 'Neues Gremium' });
    await newCommittee.getByRole('button', { name: 'Gremium anlegen' }).click();
    const nameField = newCommittee.getByLabel('Name', { exact: true });
    await newCommittee.getByText('Bitte ausfüllen.').waitFor();
    expect(await nameField.getAttribute('aria-invalid')).toBe('true');
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    await newCommittee.getByLabel('Art').selectOption({ label: 'Ausschuss' });
    await nameField.fill(committee);
    await newCommittee.getByLabel('Kurzname (optional)').fill(`AfD-${stamp}`);
    await newCommittee.getByRole('button', { name: 'Gremium anlegen' }).click();
    await page.getByRole('heading', { level: 1, name: committee }).waitFor();
    const committeeUrl = page.url();
    await page.getByRole('heading', { name: 'Mitgliedschaften' }).waitFor();
    await checkAccessibility(page, 'organization');

    // Found by words of its name, and not among the factions.
    await sections.getByRole('link', { name: 'Gremien' }).click();
    const filter = page.getByRole('search', { name: 'Liste filtern' });
    await filter.getByLabel('Name oder Kurzname').fill(`digitales ${stamp}`);
    await filter.getByRole('button', { name: 'Filtern' }).click();
    await page.getByRole('status').filter({ hasText: 'Gefundene Gremien: 1' }).waitFor();
    await page.getByRole('link', { name: committee }).waitFor();
    await filter.getByLabel('Art').selectOption({ label: 'Fraktion' });
    await filter.getByRole('button', { name: 'Filtern' }).click();
    await page.getByRole('status').filter({ hasText: 'Gefundene Gremien: 0' }).waitFor();
    expect(page.url()).toContain('art=faction');

    // A person: an invalid e-mail address is refused at its field; then the person is created.
    await sections.getByRole('link', { name: 'Personen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Personen' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^Gefundene Personen: \d+$/ })
      .waitFor();
    await checkAccessibility(page, 'persons');
    await page.getByText('Neue Person').click();
    const newPerson = page.locator('details', { hasText: 'Neue Person' });
    await newPerson.getByLabel('Vorname').fill('Lea');
    await newPerson.getByLabel('Nachname').fill(family);
    await newPerson.getByLabel('E-Mail-Adresse (optional)').fill('lea.sonnenberg');
    await newPerson.getByRole('button', { name: 'Person anlegen' }).click();
    await newPerson.getByText('Bitte eine gültige E-Mail-Adresse angeben, z. B. name@example.org.').waitFor();
    await newPerson.getByLabel('E-Mail-Adresse (optional)').fill('lea.sonnenberg@example.org');
    await newPerson.getByRole('button', { name: 'Person anlegen' }).click();
    await page.getByRole('heading', { level: 1, name: person }).waitFor();
    expect(await page.getByLabel('E-Mail-Adresse (optional)').inputValue()).toBe('lea.sonnenberg@example.org');

    // A membership with its start date, from the person's page.
    await page.getByText('Mitgliedschaft hinzufügen').click();
    const newMembership = page.locator('details', { hasText: 'Mitgliedschaft hinzufügen' });
    await newMembership.getByLabel('Gremium', { exact: true }).selectOption({ label: committee });
    await newMembership.getByLabel('Rolle (optional)').fill('Mitglied');
    await newMembership.getByLabel('Beginn', { exact: true }).fill(dateIn(-30));
    await newMembership.getByRole('button', { name: 'Mitgliedschaft anlegen' }).click();
    await page.getByRole('status').filter({ hasText: 'Die Mitgliedschaft ist angelegt.' }).waitFor();
    const membershipRow = page.locator('.master-data-row', { has: page.getByRole('link', { name: committee }) });
    await membershipRow.getByText('laufend').waitFor();
    await checkAccessibility(page, 'person');

    // The person is found by name, with the new committee among their memberships.
    await sections.getByRole('link', { name: 'Personen' }).click();
    await filter.getByLabel('Name', { exact: true }).fill(family.toLowerCase());
    await filter.getByRole('button', { name: 'Filtern' }).click();
    await page.getByRole('status').filter({ hasText: 'Gefundene Personen: 1' }).waitFor();
    await page.getByRole('link', { name: person }).waitFor();

    // The committee's page lists the member; ending the membership yesterday moves it to "beendet".
    await page.goto(committeeUrl);
    const memberRow = page.locator('.master-data-row', { has: page.getByRole('link', { name: person }) });
    await memberRow.getByText('laufend').waitFor();
    await memberRow.getByRole('button', { name: /^Beenden/ }).click();
    await memberRow.getByLabel('Letzter Tag der Mitgliedschaft').fill(dateIn(-1));
    await memberRow.getByRole('button', { name: 'Mitgliedschaft beenden' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Die Mitgliedschaft „${person}“ endet am ` })
      .waitFor();
    await page.getByText('Keine Mitgliedschaften in dieser Auswahl.').waitFor();
    await page.getByLabel('Anzeigen').selectOption({ label: 'beendet' });
    await memberRow.getByText('beendet', { exact: true }).waitFor();
    await checkAccessibility(page, 'organization with ended membership');

    // Legislative terms and places have their own lists.
    await sections.getByRole('link', { name: 'Wahlperioden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Wahlperioden' }).waitFor();
    await page.getByText('Neue Wahlperiode').click();
    await page.getByLabel('Bezeichnung').fill(`Wahlperiode 2029–2034 (${stamp})`);
    await page.getByLabel('Beginn', { exact: true }).fill('2029-07-01');
    await page.getByLabel('Ende (optional)').fill('2029-06-30');
    await page.getByRole('button', { name: 'Wahlperiode anlegen' }).click();
    await page.getByText('Das Ende darf nicht vor dem Beginn liegen.').waitFor();
    await page.getByLabel('Ende (optional)').fill('2034-06-30');
    await page.getByRole('button', { name: 'Wahlperiode anlegen' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Wahlperiode 2029–2034 (${stamp})` })
      .waitFor();
    await page.locator('.master-data-row', { hasText: `Wahlperiode 2029–2034 (${stamp})` }).waitFor();
    await checkAccessibility(page, 'legislative terms');

    await sections.getByRole('link', { name: 'Orte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Orte' }).waitFor();
    await page.getByText('Neuer Ort').click();
    await page.getByLabel('Bezeichnung', { exact: true }).fill(`Bürgerhaus ${stamp}`);
    await page.getByLabel('Straße und Hausnummer (optional)').fill('Lindenstraße 4');
    await page.getByRole('button', { name: 'Ort anlegen' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Der Ort „Bürgerhaus ${stamp}“ ist angelegt.` })
      .waitFor();
    await filter.getByLabel('Bezeichnung oder Anschrift').fill(`bürgerhaus ${stamp}`);
    await filter.getByRole('button', { name: 'Filtern' }).click();
    // The filtered answer replaces the whole list (the seed's places among it) with the one new place.
    await page.waitForFunction(() => document.querySelectorAll('.master-data-row').length === 1);
    await page.locator('.master-data-row', { hasText: 'Lindenstraße 4' }).waitFor();
    await checkAccessibility(page, 'locations');

    // The second factor, from the office's account link: QR code and URI, confirmed with a computed code.
    await officeNav.getByRole('link', { name: 'Konto und Sicherheit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Konto und Sicherheit' }).waitFor();
    await page.getByText('Für dieses Konto ist noch kein zweiter Faktor eingerichtet.').waitFor();
    await page.getByRole('button', { name: 'Einrichtung beginnen' }).click();
    await page.getByRole('img', { name: 'QR-Code zur Einrichtung in der Authenticator-App' }).waitFor();
    const uri = (await page.locator('.totp-uri').textContent())!;
    expect(uri).toMatch(/^otpauth:\/\/totp\/Ratsmappe:sitzungsdienst%40vg-lindenau\.example\?secret=[A-Z2-7]+&/);
    const secret = new URL(uri).searchParams.get('secret')!;
    expect((await page.locator('.totp-secret').textContent())!.replace(/\s/g, '')).toBe(secret);
    await checkAccessibility(page, 'totp enrolment');
    await page.getByLabel('Code aus der App').fill('12345');
    await page.getByRole('button', { name: 'Bestätigen und einschalten' }).click();
    await page.getByText('Bitte die sechs Ziffern aus der App eingeben.').waitFor();
    await page.getByLabel('Code aus der App').fill(totpCode(secret, new Date()));
    await page.getByRole('button', { name: 'Bestätigen und einschalten' }).click();
    await page.getByRole('status').filter({ hasText: 'Der zweite Faktor ist eingeschaltet.' }).waitFor();
    await page.getByText('Der zweite Faktor ist eingerichtet.').waitFor();
    await checkAccessibility(page, 'totp enabled');

    // The body's rule for its office staff, switched on and off again.
    const rule = page.getByLabel('Zweiten Faktor für den Sitzungsdienst verlangen');
    await rule.check();
    await page.getByRole('button', { name: 'Einstellung speichern' }).click();
    await page.getByRole('status').filter({ hasText: 'braucht jetzt einen zweiten Faktor' }).waitFor();
    expect(await rule.isChecked()).toBe(true);
    await rule.uncheck();
    await page.getByRole('button', { name: 'Einstellung speichern' }).click();
    await page.getByRole('status').filter({ hasText: 'braucht keinen zweiten Faktor' }).waitFor();

    // Switching it off takes a fresh code: the confirmed one cannot be used again, the next step's can.
    await page.getByLabel('Code aus der App').fill(totpCode(secret, new Date(Date.now() + 30_000)));
    await page.getByRole('button', { name: 'Ausschalten' }).click();
    await page.getByRole('status').filter({ hasText: 'Der zweite Faktor ist ausgeschaltet.' }).waitFor();
    await page.getByRole('button', { name: 'Einrichtung beginnen' }).waitFor();

    // All of it is in the audit trail.
    await officeNav.getByRole('link', { name: 'Protokoll der Änderungen' }).click();
    await page.getByLabel('Aktion (z. B. meeting.* oder file.upload)').fill('membership.*');
    await page.getByRole('button', { name: 'Filtern' }).click();
    await page.waitForFunction(() => {
      const codes = [...document.querySelectorAll('.audit-table td code:not(.audit-details)')].map(
        (c) => c.textContent,
      );
      return codes.length > 0 && codes.every((code) => code?.startsWith('membership.'));
    });
    await page.locator('.audit-table td code', { hasText: 'membership.end' }).first().waitFor();
    await page.locator('.audit-table td code', { hasText: 'membership.create' }).first().waitFor();

    expect(
      report,
      Object.entries(report)
        .map(([step, text]) => `${step}:\n${text}`)
        .join('\n'),
    ).toEqual({});
  }, 240_000);
});
