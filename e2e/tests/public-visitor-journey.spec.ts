import {
  berlinDate,
  type Body,
  type MeetingDetail,
  type MeetingSummary,
  type Organization,
  type Page as ApiPage,
  type SearchResponse,
} from '@ratsmappe/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newDesktopContext } from '../fixtures/browser.js';
import { startServer, type RunningServer } from '../fixtures/server.js';

/** Fixed by the demo seed (server/src/seed/vocabulary.ts, profiles.ts); e2e imports only shared code. */
const slug = 'vg-lindenau';
const committeeName = 'Bau- und Umweltausschuss';
const pdfOnlyWord = 'Amphibienleitanlage';
const canary = 'Quendelhorst';
const councillor = { email: 'miriam.kesselring@vg-lindenau.example', password: 'Ratsmappe-Demo-2026' };

async function get(url: string, cookie?: string): Promise<Response> {
  return fetch(url, { headers: { Accept: 'application/json', ...(cookie ? { Cookie: cookie } : {}) } });
}

async function getJson<T>(url: string, cookie?: string): Promise<T> {
  const response = await get(url, cookie);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Polls a condition that becomes true through background work (text extraction), up to a deadline. */
async function eventually<T>(what: string, probe: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function settled(page: Page): Promise<void> {
  // A calendar or start page arrives rendered by the server; its controls work once the app has taken over.
  await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
}

describe('public portal: a visitor', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let body: Body;
  let committee: Organization;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    body = await getJson<Body>(`${server.baseUrl}/api/bodies/${slug}`);
    const organizations = await getJson<{ data: Organization[] }>(`${server.baseUrl}/api/bodies/${slug}/organizations`);
    committee = organizations.data.find((o) => o.name === committeeName)!;
    expect(committee, `the demo seed should have the ${committeeName}`).toBeDefined();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it("finds next week's committee meeting in the calendar, opens its agenda and a paper's PDF", async () => {
    const { baseUrl } = server!;
    context = await newDesktopContext(browser!);
    const page = await context.newPage();

    await page.goto(`${baseUrl}/${slug}`);
    await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
    await page.getByRole('heading', { level: 1, name: body.name }).waitFor();
    await page
      .getByRole('navigation', { name: `Bereiche von ${body.name}` })
      .getByRole('link', { name: 'Sitzungen' })
      .click();
    await page.waitForURL(`${baseUrl}/${slug}/sitzungen`);
    await page.getByRole('heading', { level: 1, name: 'Sitzungskalender' }).waitFor();
    await page.getByLabel('Gremium').selectOption({ label: committeeName });
    await page.waitForURL(`${baseUrl}/${slug}/sitzungen?gremium=${committee.id}`);

    // The seed guarantees this committee a meeting 1–7 days ahead; it must be the first one listed.
    const today = berlinDate(new Date());
    const upcoming = await getJson<ApiPage<MeetingSummary>>(
      `${baseUrl}/api/bodies/${slug}/meetings?from=${today}&organization=${committee.id}&limit=5`,
    );
    const next = upcoming.data[0]!;
    const daysAhead = (Date.parse(next.start) - Date.now()) / 86_400_000;
    expect(daysAhead).toBeGreaterThan(0);
    expect(daysAhead).toBeLessThan(8);

    const list = page.getByRole('region', { name: 'Kommende Sitzungen' });
    const firstLink = list.locator('article h4 a').first();
    await firstLink.waitFor();
    expect(await firstLink.getAttribute('href')).toBe(`/${slug}/sitzungen/${next.id}`);
    expect(await list.locator('article time').first().getAttribute('datetime')).toBe(next.start);
    await firstLink.click();

    await page.waitForURL(`${baseUrl}/${slug}/sitzungen/${next.id}`);
    await page.getByRole('heading', { level: 1, name: next.name }).waitFor();
    const detail = await getJson<MeetingDetail>(`${baseUrl}/api/meetings/${next.id}`);
    expect(detail.agendaItems.length, 'the meeting should have a published agenda').toBeGreaterThan(0);
    await page.getByRole('heading', { level: 2, name: 'Tagesordnung' }).waitFor();
    const shown = (await page.locator('.agenda-item').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(shown).toHaveLength(detail.agendaItems.length);
    detail.agendaItems.forEach((item, i) => {
      if (item.readable) expect(shown[i]).toContain(`${item.number} ${item.name}`);
      else expect(shown[i]).toBe(`${item.number} – nicht öffentlich`);
    });

    // A paper with a document: open its page, then its PDF.
    const item = detail.agendaItems.find((i) => i.paper && i.files.some((f) => f.role === 'main'))!;
    expect(item, 'an item of the meeting should have a paper with its main document').toBeDefined();
    await page.locator(`a[href="/${slug}/vorlagen/${item.paper!.id}"]`).first().click();
    await page.waitForURL(`${baseUrl}/${slug}/vorlagen/${item.paper!.id}`);
    await page.getByRole('heading', { level: 1, name: item.paper!.name }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Beratungsfolge' }).waitFor();
    expect(await page.locator(`.consultations a[href="/${slug}/sitzungen/${next.id}"]`).count()).toBe(1);

    const file = item.files.find((f) => f.role === 'main')!;
    const viewLink = page.getByRole('list', { name: 'Dokumente' }).locator(`a[href="/files/${file.id}"]`);
    await viewLink.waitFor();
    const [pdf] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${baseUrl}/files/${file.id}`),
      viewLink.click(),
    ]);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect(pdf.headers()['content-disposition'] ?? 'inline').toMatch(/^inline/);
    // The body as the browser's PDF viewer got it is its own wrapper page; fetch the bytes themselves.
    const bytes = await page.request.get(`${baseUrl}/files/${file.id}`);
    expect((await bytes.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const download = await page.request.get(`${baseUrl}/files/${file.id}/download`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toMatch(/^attachment/);
  });

  it('searches a word that appears only inside a PDF and finds that document', async () => {
    const { baseUrl } = server!;
    // Text extraction runs as a background job after seeding: wait until the index has the word.
    const hit = await eventually(
      'finding the PDF-only word through the search API',
      async () => {
        const found = await getJson<SearchResponse>(`${baseUrl}/api/search?q=${pdfOnlyWord}`);
        return found.total > 0 ? found.results[0]! : null;
      },
      150_000,
    );
    expect(hit.type).toBe('file');

    context ??= await newDesktopContext(browser!);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/${hit.bodySlug}`);
    await settled(page);
    await page.getByRole('link', { name: 'Suche', exact: true }).first().click();
    await page.waitForURL(`${baseUrl}/${hit.bodySlug}/suche`);
    await page.getByLabel('Suchbegriff').fill(pdfOnlyWord);
    await page.getByLabel('Suchbegriff').press('Enter');
    await page.waitForURL(`${baseUrl}/${hit.bodySlug}/suche?q=${pdfOnlyWord}`);
    await page
      .getByRole('status')
      .filter({ hasText: `Treffer für „${pdfOnlyWord}“` })
      .waitFor();

    const result = page.locator('.search-results > li').first();
    const hitPage = hit.file?.page;
    expect(await result.locator('h3 a').getAttribute('href')).toBe(
      `/files/${hit.id}${hitPage ? `#page=${hitPage}` : ''}`,
    );
    expect(await result.locator('mark').first().textContent()).toBe(pdfOnlyWord);
  }, 200_000);

  it("keeps a non-public item's title and documents out of the page, search, OParl, iCal, feed and file URLs", async () => {
    const { baseUrl } = server!;
    const signIn = await fetch(`${baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: baseUrl },
      body: JSON.stringify(councillor),
    });
    expect(signIn.status, await signIn.clone().text()).toBe(201);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;

    // As a member of the committee, find a non-public item with documents; the visitor must learn nothing of it.
    const meetings = await getJson<ApiPage<MeetingSummary>>(
      `${baseUrl}/api/bodies/${slug}/meetings?organization=${committee.id}&order=desc&to=${berlinDate(new Date())}&limit=40`,
    );
    let secret: { meeting: MeetingDetail; item: MeetingDetail['agendaItems'][number] } | undefined;
    for (const summary of meetings.data) {
      const meeting = await getJson<MeetingDetail>(`${baseUrl}/api/meetings/${summary.id}`, cookie);
      const item = meeting.agendaItems.find((i) => !i.public && i.readable && i.files.length > 0 && i.paper);
      if (item) {
        secret = { meeting, item };
        if (item.name?.includes(canary)) break;
      }
    }
    expect(secret, 'the councillor should read a non-public item with documents').toBeDefined();
    const { meeting, item } = secret!;
    const title = item.name!;
    const fileIds = item.files.map((f) => f.id);
    const secrets = [title, canary, item.paper!.id, ...fileIds];
    const leaks = (text: string) => secrets.filter((s) => text.includes(s));

    // The meeting page announces the item by number only.
    context ??= await newDesktopContext(browser!);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/${slug}/sitzungen/${meeting.id}`);
    await page.getByRole('heading', { level: 1, name: meeting.name }).waitFor();
    await page.getByText(`${item.number} – nicht öffentlich`, { exact: true }).waitFor();
    expect(leaks(await page.content())).toEqual([]);
    expect(leaks(await (await get(`${baseUrl}/api/meetings/${meeting.id}`)).text())).toEqual([]);

    // Search, in the page and over the API.
    await page.goto(`${baseUrl}/${slug}/suche?q=${encodeURIComponent(canary)}`);
    await page
      .getByRole('status')
      .filter({ hasText: `Keine Treffer für „${canary}“` })
      .waitFor();
    const byTitle = await getJson<SearchResponse>(`${baseUrl}/api/search?q=${encodeURIComponent(`"${title}"`)}`);
    // The answer echoes the query itself; what matters is that nothing is found.
    expect(byTitle.total).toBe(0);
    expect(leaks(JSON.stringify(byTitle.results))).toEqual([]);
    expect((await getJson<SearchResponse>(`${baseUrl}/api/search?q=${canary}`)).total).toBe(0);

    // OParl: the meeting shows no trace; the item, its paper and its files do not exist.
    expect(leaks(await (await get(`${baseUrl}/oparl/v1/meeting/${meeting.id}`)).text())).toEqual([]);
    for (const path of [`agendaItem/${item.id}`, `paper/${item.paper!.id}`, ...fileIds.map((id) => `file/${id}`)]) {
      const response = await get(`${baseUrl}/oparl/v1/${path}`);
      expect(response.status, `/oparl/v1/${path}`).toBe(404);
      expect(leaks(await response.text())).toEqual([]);
    }

    // Calendars and the feed.
    for (const path of [
      `/ical/body/${body.id}.ics`,
      `/ical/organization/${committee.id}.ics`,
      `/ical/meeting/${meeting.id}.ics`,
      `/feeds/body/${body.id}.atom`,
    ]) {
      const response = await get(`${baseUrl}${path}`);
      expect(response.status, path).toBe(200);
      expect(leaks(await response.text()), path).toEqual([]);
    }

    // The file URLs: unknown to the visitor, readable for the member (so this check can fail).
    for (const id of fileIds) {
      for (const path of [`/files/${id}`, `/files/${id}/download`]) {
        const response = await get(`${baseUrl}${path}`);
        expect(response.status, path).toBe(404);
        expect(leaks(await response.text())).toEqual([]);
      }
      expect((await get(`${baseUrl}/files/${id}`, cookie)).status).toBe(200);
    }
  }, 120_000);
});
