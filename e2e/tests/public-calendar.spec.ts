import { berlinDate, type Body, type MeetingSummary, type Page as ApiPage } from '@ratsmappe/shared';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newDesktopContext } from '../fixtures/browser.js';
import { startServer, type RunningServer } from '../fixtures/server.js';

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

describe('public meeting calendar', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('lets a visitor pick a body and read its upcoming public meetings, in German, from an installable app', async () => {
    const { baseUrl } = server!;
    context = await newDesktopContext(browser!);
    const page = await context.newPage();

    const bodies = await getJson<{ data: Body[] }>(`${baseUrl}/api/bodies`);
    expect(bodies.data.length, 'the demo seed should create bodies').toBeGreaterThan(0);

    await page.goto(`${baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'Sitzungskalender' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');

    const bodyLinks = page.getByRole('list', { name: 'Körperschaften' }).getByRole('link');
    await bodyLinks.first().waitFor();
    expect(await bodyLinks.count()).toBe(bodies.data.length);

    const firstLink = bodyLinks.first();
    const href = await firstLink.getAttribute('href');
    const body = bodies.data.find((b) => `/${b.slug}` === href);
    expect(body, `the first link (${href}) should lead to a body from the API`).toBeDefined();

    await firstLink.click();
    await page.waitForURL(`${baseUrl}/${body!.slug}`);
    await page.getByRole('heading', { level: 1, name: body!.name }).waitFor();

    // The same question the page asks, so the comparison holds whatever the seed's dates are.
    const today = berlinDate(new Date());
    const meetings = await getJson<ApiPage<MeetingSummary>>(
      `${baseUrl}/api/bodies/${body!.slug}/meetings?from=${today}&limit=5`,
    );
    expect(meetings.data.length, 'the demo seed should give the first body upcoming meetings').toBeGreaterThan(0);

    const meetingList = page.getByRole('list', { name: 'Nächste Sitzungen' });
    await meetingList.waitFor();
    const shownNames = await meetingList.getByRole('heading', { level: 3 }).allTextContents();
    expect(shownNames).toEqual(meetings.data.map((m) => m.name));

    const firstDate = await meetingList.locator('time').first().getAttribute('datetime');
    expect(firstDate).toBe(meetings.data[0]!.start);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');

    // The production build registers its service worker on load; `ready` resolves once it is active.
    const scriptUrl = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return registration.active?.scriptURL ?? null;
    });
    expect(scriptUrl).toBe(`${baseUrl}/sw.js`);
  });

  it('sends the calendar rendered in index.html: readable without JavaScript, then taken over by the app', async () => {
    const { baseUrl } = server!;
    const [body] = (await getJson<{ data: Body[] }>(`${baseUrl}/api/bodies`)).data;
    const calendar = `${baseUrl}/${body!.slug}/sitzungen`;
    const upcoming = await getJson<ApiPage<MeetingSummary>>(
      `${baseUrl}/api/bodies/${body!.slug}/meetings?from=${berlinDate(new Date())}&limit=20`,
    );
    expect(upcoming.data.length).toBeGreaterThan(0);

    // Without JavaScript: what the server sent is the page, rendered by the app's own components.
    const plain = await browser!.newContext({
      javaScriptEnabled: false,
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
      serviceWorkers: 'block',
    });
    try {
      const page = await plain.newPage();
      await page.goto(calendar);
      await page.getByRole('heading', { level: 1, name: 'Sitzungskalender' }).waitFor();
      const names = page.locator('main').getByRole('heading', { level: 4 });
      expect(await names.allTextContents()).toEqual(upcoming.data.map((m) => m.name));
      const firstMeeting = page.locator('main').getByRole('link', { name: upcoming.data[0]!.name, exact: true });
      expect(await firstMeeting.getAttribute('href')).toBe(`/${body!.slug}/sitzungen/${upcoming.data[0]!.id}`);
    } finally {
      await plain.close();
    }

    // With JavaScript the app renders the same page in its place: one page, not two, and it works.
    const context = await newDesktopContext(browser!);
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(String(error)));
      await page.goto(calendar);
      // The server's markup has the button too, but only the app answers it.
      await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Meeting calendar' }).waitFor();
      // In English the page asks the API for its answers (those in index.html are German ones): wait for the list.
      await expect
        .poll(() => page.locator('main').getByRole('heading', { level: 4 }).allTextContents(), { timeout: 30_000 })
        .toEqual(upcoming.data.map((m) => m.name));
      expect(await page.locator('main').count()).toBe(1);
      expect(await page.locator('h1').count()).toBe(1);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the calendar of a cold load without asking the API, and still opens offline once installed', async () => {
    const { baseUrl } = server!;
    const [body] = (await getJson<{ data: Body[] }>(`${baseUrl}/api/bodies`)).data;
    const calendar = `${baseUrl}/${body!.slug}/sitzungen`;
    const coldContext = await newDesktopContext(browser!);
    try {
      const page = await coldContext.newPage();
      const apiRequests: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/api/')) apiRequests.push(request.url());
      });
      await page.goto(calendar);
      const upcoming = await getJson<ApiPage<MeetingSummary>>(
        `${baseUrl}/api/bodies/${body!.slug}/meetings?from=${berlinDate(new Date())}&limit=20`,
      );
      const names = page.locator('main').getByRole('heading', { level: 4 });
      await names.first().waitFor();
      expect(await names.allTextContents()).toEqual(upcoming.data.map((m) => m.name));
      // index.html brought the body, its committees and these meetings: nothing was asked twice.
      expect(apiRequests).toEqual([]);

      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      // Offline, the service worker answers the address with the cached app shell (no answers inside it).
      await coldContext.setOffline(true);
      await page.goto(calendar);
      await page.getByRole('heading', { level: 1, name: 'Sitzungskalender' }).waitFor();
      await page.getByRole('alert').getByText('Keine Verbindung zum Server').first().waitFor();
    } finally {
      await coldContext.close();
    }
  });
});
