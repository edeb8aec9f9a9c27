import type { Page, Paper } from '@ratsmappe/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.js';
import { createPaper, errorOf, setUpOffice, type Office } from './office-fixtures.js';

let t: TestApp;
let office: Office;
let other: Office;

beforeAll(async () => {
  t = await createTestApp();
  office = await setUpOffice(t, 'Verbandsgemeinde Lindenau');
  other = await setUpOffice(t, 'Stadt Bergheim');
  // Created in this order; the list shows the newest date first, and within one date the newest creation first.
  await createPaper(t, office, { name: 'Haushaltssatzung 2026', date: '2026-01-15', public: true });
  await createPaper(t, office, { name: 'Antrag Radweg Talstraße', date: '2026-03-02', paperType: 'Antrag' });
  await createPaper(t, office, { name: 'Grundstücksverkauf Flur 7', date: '2026-03-02', public: false });
  await createPaper(t, office, {
    name: 'Anfrage Kita-Plätze',
    date: '2025-11-20',
    paperType: 'Anfrage',
    public: false,
  });
  await createPaper(t, office, { name: 'Zuschuss 100% Förderung', date: '2025-06-01', paperType: 'Mitteilung' });
  await createPaper(t, office, { name: 'Zuschuss 1000 Euro', date: '2025-06-02', paperType: 'Mitteilung' });
  const withdrawn = await createPaper(t, office, { name: 'Zurückgezogene Vorlage', date: '2026-04-01' });
  expect((await t.request(`/api/papers/${withdrawn.id}`, { method: 'DELETE', cookie: office.staff })).status).toBe(204);
  // An imported paper without a date sorts last.
  await t.ctx.database.db
    .insertInto('paper')
    .values({ body_id: office.bodyId, name: 'Altvorlage ohne Datum', paper_type: 'Mitteilung', public: true })
    .execute();
  await createPaper(t, other, { name: 'Haushaltssatzung Bergheim', date: '2026-02-01' });
});
afterAll(() => t.close());

async function list(query: Record<string, string>, cookie = office.staff, bodyRef = office.bodyId) {
  const response = await t.request(`/api/bodies/${bodyRef}/papers?${new URLSearchParams(query).toString()}`, {
    cookie,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Page<Paper>;
}

const names = (page: Page<Paper>) => page.data.map((p) => p.name);

describe('the office list of a body’s papers', () => {
  it('lists every live paper of the body, non-public ones included, newest first, undated last', async () => {
    const page = await list({});
    expect(names(page)).toEqual([
      'Grundstücksverkauf Flur 7',
      'Antrag Radweg Talstraße',
      'Haushaltssatzung 2026',
      'Anfrage Kita-Plätze',
      'Zuschuss 1000 Euro',
      'Zuschuss 100% Förderung',
      'Altvorlage ohne Datum',
    ]);
    expect(page.nextCursor).toBeNull();
    const secret = page.data.find((p) => p.name === 'Grundstücksverkauf Flur 7')!;
    expect(secret).toMatchObject({ public: false, reference: '0003/2026', paperType: 'Beschlussvorlage' });
  });

  it('pages through the list without losing or repeating a paper, also across equal dates and undated papers', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page<Paper> = await list({ limit: '2', ...(cursor ? { cursor } : {}) });
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...names(page));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toEqual(names(await list({})));
  });

  it('finds papers by a part of the reference or the title, case-insensitively', async () => {
    expect(names(await list({ q: '0002/2026' }))).toEqual(['Antrag Radweg Talstraße']);
    expect(names(await list({ q: 'haushalt' }))).toEqual(['Haushaltssatzung 2026']);
    expect(names(await list({ q: '/2025' }))).toEqual([
      'Anfrage Kita-Plätze',
      'Zuschuss 1000 Euro',
      'Zuschuss 100% Förderung',
    ]);
  });

  it('takes % and _ in the search literally', async () => {
    expect(names(await list({ q: '100%' }))).toEqual(['Zuschuss 100% Förderung']);
    expect(names(await list({ q: 'Zuschuss_1' }))).toEqual([]);
  });

  it('filters by type, by the year of the paper’s date and by publicity, also combined', async () => {
    expect(names(await list({ type: 'Mitteilung' }))).toEqual([
      'Zuschuss 1000 Euro',
      'Zuschuss 100% Förderung',
      'Altvorlage ohne Datum',
    ]);
    expect(names(await list({ year: '2025' }))).toEqual([
      'Anfrage Kita-Plätze',
      'Zuschuss 1000 Euro',
      'Zuschuss 100% Förderung',
    ]);
    expect(names(await list({ public: 'false' }))).toEqual(['Grundstücksverkauf Flur 7', 'Anfrage Kita-Plätze']);
    expect(names(await list({ year: '2026', public: 'true' }))).toEqual([
      'Antrag Radweg Talstraße',
      'Haushaltssatzung 2026',
    ]);
    expect(names(await list({ year: '2026', type: 'Antrag', q: 'radweg' }))).toEqual(['Antrag Radweg Talstraße']);
  });

  it('shows only this body’s papers, also to staff of several bodies', async () => {
    expect(names(await list({}, other.staff, other.bodyId))).toEqual(['Haushaltssatzung Bergheim']);
  });

  it('is for the body’s office staff only: not for visitors, councillors or another body’s office', async () => {
    const path = `/api/bodies/${office.bodyId}/papers`;
    const anonymous = await t.request(path);
    expect(anonymous.status).toBe(401);
    // The councillor is a member of the committee; non-public papers still do not leak through this list.
    expect((await t.request(path, { cookie: office.councillor })).status).toBe(403);
    expect((await t.request(path, { cookie: office.foreignStaff })).status).toBe(403);
    expect((await t.request('/api/bodies/unbekannt/papers', { cookie: office.staff })).status).toBe(404);
  });

  it('refuses an unknown type, an impossible year and a forged cursor with 400', async () => {
    const path = `/api/bodies/${office.bodyId}/papers`;
    const badType = await t.request(`${path}?type=Sonstiges`, {
      cookie: office.staff,
      headers: { 'accept-language': 'en' },
    });
    expect(badType.status).toBe(400);
    expect((await errorOf(badType)).message).toBe('Some fields are invalid. Please check the marked fields.');
    expect((await t.request(`${path}?year=26`, { cookie: office.staff })).status).toBe(400);
    const forged = Buffer.from(JSON.stringify(['kein Datum', 'x', 'y'])).toString('base64url');
    expect((await t.request(`${path}?cursor=${forged}`, { cookie: office.staff })).status).toBe(400);
  });
});
