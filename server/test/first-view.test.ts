import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import {
  firstViewElementId,
  firstViewRequests,
  matchFirstViewRoute,
  type FirstViewPayload,
} from '@ratsmappe/shared/api/public-pages';
import { Hono } from 'hono';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { firstViewData, type FirstViewMarkup } from '../src/http/first-view.js';
import { staticClient } from '../src/http/static-client.js';
import { createLogger } from '../src/logger.js';
import { nonPublicCanaryWord, seedDemo } from '../src/seed/demo-seed.js';
import { makeAccount, signIn } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';

/**
 * index.html carries the first answers of a body's start page and calendar (server/src/http/first-view.ts), on the
 * demo data set, whose non-public papers and agenda items carry a canary word that must never reach a visitor.
 */
const today = '2026-03-12';
const clock = new ManualClock(new Date(`${today}T09:00:00Z`));
const indexHtml =
  '<!doctype html>\n<html lang="de">\n  <head><title>Ratsmappe</title></head>\n  <body>\n    <div id="root"></div>\n  </body>\n</html>\n';
let t: TestApp;
let clientDist: string;
let slug: string;
let committeeId: string;

beforeAll(async () => {
  clientDist = await mkdtemp(path.join(tmpdir(), 'ratsmappe-client-'));
  await writeFile(path.join(clientDist, 'index.html'), indexHtml);
  t = await createTestApp({ clock, env: { CLIENT_DIST: clientDist } });
  await seedDemo({ db: t.ctx.database.db, blobs: t.ctx.blobs, today });
  const body = await t.ctx.database.db
    .selectFrom('body')
    .select(['id', 'slug'])
    .orderBy('slug')
    .executeTakeFirstOrThrow();
  slug = body.slug;
  const committee = await t.ctx.database.db
    .selectFrom('organization')
    .select('id')
    .where('body_id', '=', body.id)
    .where('kind', '=', 'committee')
    .orderBy('name')
    .executeTakeFirstOrThrow();
  committeeId = committee.id;
}, 240_000);

afterAll(async () => {
  await t?.close();
  await rm(clientDist, { recursive: true, force: true });
});

/** The payload inside the page, or null when the page came without one. */
function payloadOf(html: string): FirstViewPayload | null {
  const match = new RegExp(`<script type="application/json" id="${firstViewElementId}">(.*?)</script>`, 's').exec(html);
  return match ? (JSON.parse(match[1]!) as FirstViewPayload) : null;
}

async function page(address: string, init: { cookie?: string } = {}) {
  const response = await t.request(address, init);
  return { response, html: await response.text() };
}

describe('index.html for a first-view page', () => {
  it.each([
    ['the calendar', () => `/${slug}/sitzungen`],
    ['the past meetings', () => `/${slug}/sitzungen?zeitraum=vergangen&gremium=${committeeId}`],
    ['a month of the calendar', () => `/${slug}/sitzungen/?ansicht=monat&monat=2026-04&tag=2026-04-14`],
    ['the start page', () => `/${slug}`],
  ])('carries for %s exactly what the API answers an anonymous visitor', async (_name, address) => {
    const url = new URL(address(), 'http://ratsmappe.test');
    const { response, html } = await page(url.pathname + url.search);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('etag')).toBeNull();
    expect(html).toContain('<div id="root"></div>');

    const payload = payloadOf(html);
    expect(payload?.locale).toBe('de');
    const expected = firstViewRequests(matchFirstViewRoute(url.pathname)!, url.searchParams, today).map((r) => r.path);
    expect(Object.keys(payload!.answers)).toEqual(expected);
    for (const apiPath of expected) {
      const answer = await t.request(apiPath, { headers: { 'accept-language': 'de' } });
      expect(answer.status).toBe(200);
      expect(payload!.answers[apiPath]).toEqual(await answer.json());
    }
  });

  it('lists the meetings the page shows, from the server’s today', async () => {
    const payload = payloadOf((await page(`/${slug}/sitzungen`)).html)!;
    const meetings = payload.answers[`/api/bodies/${slug}/meetings?from=${today}&limit=20`] as {
      data: { start: string }[];
    };
    expect(meetings.data.length).toBeGreaterThan(0);
    for (const meeting of meetings.data) expect(meeting.start >= `${today}T`).toBe(true);
  });

  it('holds nothing non-public, although the listed meetings have non-public items with the canary word', async () => {
    const payload = payloadOf((await page(`/${slug}/sitzungen`)).html)!;
    const meetings = payload.answers[`/api/bodies/${slug}/meetings?from=${today}&limit=20`] as {
      data: { id: string }[];
    };
    // The data set does hide the canary behind these very meetings: a leak would show.
    const hidden = await sql<{ n: number }>`
      select count(*)::int as n from agenda_item ai left join paper p on p.id = ai.paper_id
      where ai.meeting_id = any(${meetings.data.map((m) => m.id)}::uuid[])
        and (ai.name like ${`%${nonPublicCanaryWord}%`} or p.name like ${`%${nonPublicCanaryWord}%`})
    `.execute(t.ctx.database.db);
    expect(hidden.rows[0]!.n).toBeGreaterThan(0);

    for (const address of [`/${slug}`, `/${slug}/sitzungen`, `/${slug}/sitzungen?ansicht=monat`]) {
      const { html } = await page(address);
      expect(payloadOf(html)).not.toBeNull();
      expect(html).not.toContain(nonPublicCanaryWord);
    }
  });

  it('gives a signed-in visitor the plain file: their API answers may differ from the public ones', async () => {
    const body = await t.ctx.database.db
      .selectFrom('body')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    const staff = await makeAccount(t.ctx.database.db, { officeStaffOf: [body.id] });
    const cookie = await signIn(t, staff.email);
    const { response, html } = await page(`/${slug}/sitzungen`, { cookie });
    expect(response.status).toBe(200);
    expect(html).toBe(indexHtml);
    expect(response.headers.get('etag')).not.toBeNull();
  });

  it('gives the plain file to other pages, unknown bodies and index.html itself', async () => {
    const meeting = await t.ctx.database.db.selectFrom('meeting').select('id').executeTakeFirstOrThrow();
    for (const address of [
      '/',
      '/index.html',
      '/anmelden',
      `/verwaltung/${slug}`,
      `/${slug}/gremien`,
      `/${slug}/sitzungen/${meeting.id}`,
      '/gibt-es-nicht',
      '/gibt-es-nicht/sitzungen',
    ]) {
      const { response, html } = await page(address);
      expect(response.status, address).toBe(200);
      expect(html, address).toBe(indexHtml);
    }
  });

  it('escapes the answers, so no name can end the script element', async () => {
    const db = t.ctx.database.db;
    const body = await db.selectFrom('body').select(['id', 'name']).where('slug', '=', slug).executeTakeFirstOrThrow();
    const name = '</script><script>alert(1)</script><!--';
    await db.updateTable('body').set({ name }).where('id', '=', body.id).execute();
    try {
      const { html } = await page(`/${slug}`);
      expect(html).not.toContain('<script>alert(1)');
      expect(html).not.toContain('<!--');
      expect((payloadOf(html)!.answers[`/api/bodies/${slug}`] as { name: string }).name).toBe(name);
    } finally {
      await db.updateTable('body').set({ name: body.name }).where('id', '=', body.id).execute();
    }
  });
});

describe('index.html with answers, on the wire', () => {
  it('is gzipped for a browser that accepts it, with the same content', async () => {
    const plain = await page(`/${slug}/sitzungen`);
    const response = await t.request(`/${slug}/sitzungen`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('vary')).toContain('Accept-Encoding');
    const html = gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8');
    expect(payloadOf(html)).toEqual(payloadOf(plain.html));
    expect(html.replace(/<script type="application\/json".*?<\/script>\n {2}/s, '')).toBe(indexHtml);
  });

  it.each([
    ['plain', undefined],
    ['gzipped', 'gzip'],
  ])('sends its head (%s) before the answers are ready, so the app’s code loads meanwhile', async (_name, encoding) => {
    let answer: ((markup: FirstViewMarkup) => void) | undefined;
    const app = new Hono().get(
      '*',
      staticClient(clientDist, {
        firstView: () => () => new Promise<FirstViewMarkup>((resolve) => (answer = resolve)),
      }),
    );
    const response = await app.request('/stadt/sitzungen', {
      headers: encoding ? { 'accept-encoding': encoding } : {},
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoded: Buffer[] = [];
    const text = () => {
      const bytes = Buffer.concat(decoded);
      return encoding
        ? gunzipSync(bytes, { finishFlush: 2 /* Z_SYNC_FLUSH */ }).toString('utf8')
        : bytes.toString('utf8');
    };
    while (!text().includes('<div id="root">')) decoded.push(Buffer.from((await reader.read()).value ?? []));
    expect(text()).not.toContain('</body>');

    // Asking for more is what starts gathering the answers (after the head has been taken).
    const next = reader.read();
    await vi.waitFor(() => expect(answer).toBeDefined());
    answer!({
      root: '<main><h1>Sitzungskalender</h1></main>',
      data: '<script type="application/json" id="ratsmappe-first-view">{}</script>',
    });
    for (let chunk = await next; !chunk.done; chunk = await reader.read()) decoded.push(Buffer.from(chunk.value));
    // The page inside #root, the answers before </body>, the rest of the file unchanged.
    expect(text()).toBe(
      indexHtml
        .replace('<div id="root"></div>', '<div id="root"><main><h1>Sitzungskalender</h1></main></div>')
        .replace('  </body>', '  <script type="application/json" id="ratsmappe-first-view">{}</script>\n  </body>'),
    );
  });
});

describe('firstViewData', () => {
  it('gives up on answers that take longer than its budget, so the app shell is never held up', async () => {
    const slow = firstViewData({
      fetch: () => new Promise<Response>(() => undefined),
      clock,
      logger: createLogger('silent'),
      budgetMs: 20,
    });
    const gather = slow(new URL('http://ratsmappe.test/stadt/sitzungen'), false);
    expect(gather).not.toBeNull();
    expect(await gather!()).toBeNull();
  });
});
