import type {
  Body,
  MeetingDetail,
  MeetingSummary,
  Organization,
  OrganizationDetail,
  Page as ApiPage,
} from '@ratsmappe/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, newAxeContext } from '../fixtures/axe.js';
import { launchChromium, newDesktopContext } from '../fixtures/browser.js';
import { startServer, type RunningServer } from '../fixtures/server.js';

const slug = 'vg-lindenau';

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Waits until the page has its heading and nothing is loading any more. */
async function settled(page: Page): Promise<void> {
  // A calendar or start page arrives rendered by the server; its controls work once the app has taken over.
  await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => {
    const busy = document.querySelector('[aria-busy="true"]');
    const loading = [...document.querySelectorAll('main [role="status"], main h1')].some((e) =>
      /geladen|Loading/.test(e.textContent ?? ''),
    );
    return !busy && !loading;
  });
}

describe('public pages: accessibility', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const urls: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    const api = `${server.baseUrl}/api`;
    const body = await getJson<Body>(`${api}/bodies/${slug}`);
    const organizations = (await getJson<{ data: Organization[] }>(`${api}/bodies/${slug}/organizations`)).data;
    const committee = organizations.find((o) => o.name === 'Bau- und Umweltausschuss')!;
    const past = await getJson<ApiPage<MeetingSummary>>(
      `${api}/bodies/${slug}/meetings?organization=${committee.id}&to=${new Date().toISOString().slice(0, 10)}&order=desc&limit=20`,
    );
    // A held meeting with minutes, papers and a non-public part shows every element of the meeting page.
    let meeting: MeetingDetail | undefined;
    for (const summary of past.data) {
      const detail = await getJson<MeetingDetail>(`${api}/meetings/${summary.id}`);
      meeting ??= detail;
      if (
        detail.files.length > 0 &&
        detail.agendaItems.some((i) => !i.readable) &&
        detail.agendaItems.some((i) => i.paper)
      ) {
        meeting = detail;
        break;
      }
    }
    const paper = meeting!.agendaItems.find((i) => i.paper)!.paper!;
    const organization = await getJson<OrganizationDetail>(`${api}/organizations/${committee.id}`);
    Object.assign(urls, {
      'list of bodies': '/',
      'body start page': `/${slug}`,
      'calendar, list': `/${slug}/sitzungen`,
      'calendar, past': `/${slug}/sitzungen?zeitraum=vergangen&gremium=${committee.id}`,
      'calendar, month': `/${slug}/sitzungen?ansicht=monat`,
      meeting: `/${slug}/sitzungen/${meeting!.id}`,
      paper: `/${slug}/vorlagen/${paper.id}`,
      committees: `/${slug}/gremien`,
      committee: `/${slug}/gremien/${committee.id}`,
      person: `/${slug}/personen/${organization.members[0]!.person.id}`,
      search: `/${slug}/suche?q=Sitzung`,
      'search without query': `/${slug}/suche`,
      'not found': `/${slug}/vorlagen/00000000-0000-4000-8000-000000000000`,
    });
    expect(body.slug).toBe(slug);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  const desktopPages = [
    'list of bodies',
    'body start page',
    'calendar, list',
    'calendar, past',
    'calendar, month',
    'meeting',
    'paper',
    'committees',
    'committee',
    'person',
    'search',
    'search without query',
    'not found',
  ];

  it('finds no axe-core violations on any public page type, on a desktop', async () => {
    const context = await newAxeContext(browser!);
    contexts.push(context);
    const page = await context.newPage();
    const report: Record<string, string> = {};
    for (const name of desktopPages) {
      await page.goto(`${server!.baseUrl}${urls[name]}`);
      await settled(page);
      const violations = await axeViolations(page);
      if (violations.length > 0) report[name] = describeViolations(violations);
    }
    expect(
      report,
      Object.entries(report)
        .map(([name, text]) => `${name}:\n${text}`)
        .join('\n'),
    ).toEqual({});
  });

  it('finds no axe-core violations on the busiest pages on a phone', async () => {
    const context = await newAxeContext(browser!, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    const report: Record<string, string> = {};
    for (const name of ['body start page', 'calendar, month', 'meeting', 'committee', 'search']) {
      await page.goto(`${server!.baseUrl}${urls[name]}`);
      await settled(page);
      const violations = await axeViolations(page);
      if (violations.length > 0) report[name] = describeViolations(violations);
      // Nothing may force sideways scrolling of the whole page on a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${name} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
    }
    expect(
      report,
      Object.entries(report)
        .map(([name, text]) => `${name}:\n${text}`)
        .join('\n'),
    ).toEqual({});
  });

  it('lets a keyboard user reach a meeting from the start page with Tab and Enter only', async () => {
    const context = await newDesktopContext(browser!);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server!.baseUrl}/${slug}`);
    await settled(page);

    const meetingLink = /^\/vg-lindenau\/sitzungen\/[0-9a-f-]{36}$/;
    let href: string | null = null;
    for (let presses = 0; presses < 40 && !href; presses++) {
      await page.keyboard.press('Tab');
      href = await page.evaluate((pattern) => {
        const active = document.activeElement;
        const value = active instanceof HTMLAnchorElement ? active.getAttribute('href') : null;
        return value && new RegExp(pattern).test(value) ? value : null;
      }, meetingLink.source);
    }
    expect(href, 'a meeting link should be reachable with Tab').not.toBeNull();
    const name = await page.evaluate(() => document.activeElement?.textContent ?? '');

    await page.keyboard.press('Enter');
    await page.waitForURL(`${server!.baseUrl}${href}`);
    await page.getByRole('heading', { level: 1, name }).waitFor();
    // Focus moved to the new content, so the next Tab continues from there.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('lets a keyboard user move through the month grid with the arrow keys', async () => {
    const context = await newDesktopContext(browser!);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server!.baseUrl}/${slug}/sitzungen?ansicht=monat&monat=2030-04&tag=2030-04-10`);
    await settled(page);

    let inGrid = false;
    for (let presses = 0; presses < 40 && !inGrid; presses++) {
      await page.keyboard.press('Tab');
      inGrid = await page.evaluate(() => document.activeElement?.closest('[role="grid"]') !== null);
    }
    expect(inGrid, 'the grid should be reachable with Tab').toBe(true);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.day)).toBe('2030-04-10');

    await page.keyboard.press('ArrowDown');
    await page.waitForURL(/tag=2030-04-17/);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.day)).toBe('2030-04-17');
    await page.keyboard.press('PageDown');
    await page.waitForURL(/monat=2030-05&tag=2030-05-17/);
    await page.getByRole('heading', { level: 2, name: 'Mai 2030' }).waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.day)).toBe('2030-05-17');
    await page.getByRole('heading', { level: 3, name: 'Sitzungen am Freitag, 17. Mai 2030' }).waitFor();
  });
});
