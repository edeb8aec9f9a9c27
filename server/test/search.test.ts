import type { SearchResponse } from '@ratsmappe/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { makeAccount, makeBody, makeMembership, makeOrganization, makePerson, signIn } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';
import { addVersion, makePdf, storeFile, type FileOwner } from './search-fixtures.js';

/**
 * Lindenau: a Bauausschuss meeting with a public and a non-public item (each with a paper), a Finanzausschuss
 * meeting, papers for stemming, phrases, paging and ranking, and PDFs. Auenbach: one paper, for the body filter.
 */
let t: TestApp;
const clock = new ManualClock(new Date('2026-11-21T10:00:00Z'));
const cookies: Record<string, string> = { anonymous: '' };
const ids: Record<string, string> = {};
let lindenau: { id: string; slug: string };
let auenbach: { id: string; slug: string };

beforeAll(async () => {
  t = await createTestApp({ clock });
  const db = t.ctx.database.db;
  lindenau = await makeBody(db, { name: 'Gemeinde Lindenau' });
  auenbach = await makeBody(db, { name: 'Gemeinde Auenbach' });
  const rat = await makeOrganization(db, lindenau.id, 'council', 'Gemeinderat');
  const bau = await makeOrganization(db, lindenau.id, 'committee', 'Bauausschuss');
  const finanz = await makeOrganization(db, lindenau.id, 'committee', 'Finanzausschuss');
  ids.bau = bau.id;
  ids.finanz = finanz.id;

  const member = async (name: string, orgIds: string[], dates: { end?: string } = {}) => {
    const person = await makePerson(db, lindenau.id);
    for (const orgId of orgIds) await makeMembership(db, person, orgId, dates);
    const account = await makeAccount(db, { personIds: [person.id] });
    cookies[name] = await signIn(t, account.email);
  };
  await member('bauMember', [bau.id, rat.id]);
  await member('finanzMember', [finanz.id, rat.id]);
  await member('endedBauMember', [bau.id], { end: '2026-10-31' });
  cookies.staff = await signIn(t, (await makeAccount(db, { officeStaffOf: [lindenau.id] })).email);
  cookies.foreignStaff = await signIn(t, (await makeAccount(db, { officeStaffOf: [auenbach.id] })).email);
  cookies.admin = await signIn(t, (await makeAccount(db, { systemAdmin: true })).email);
  const auenbachStaff = cookies.foreignStaff;

  const paper = async (
    key: string,
    input: { name: string; date: string; bodyText?: string; reference?: string; public?: boolean },
    body = lindenau,
    cookie = cookies.staff,
  ) => {
    const response = await t.request(`/api/bodies/${body.id}/papers`, {
      method: 'POST',
      cookie,
      body: JSON.stringify({ paperType: 'Beschlussvorlage', public: true, ...input }),
    });
    expect(response.status).toBe(201);
    ids[key] = ((await response.json()) as { id: string }).id;
  };
  await paper('bplan', {
    name: 'Bebauungsplan Nr. 12 „Am Mühlbach“',
    reference: 'V/2026/012',
    date: '2026-03-10',
    bodyText:
      'Der Bebauungsplan ordnet die Bebauung am Mühlbach (Kosten < 5.000 € & „mehr“). <script>alert(1)</script>',
  });
  await paper('feuerwehr', { name: 'Neubau Feuerwehrgerätehaus', date: '2026-05-05' });
  await paper('radKonzept', {
    name: 'Radverkehrskonzept',
    date: '2026-02-01',
    bodyText: 'Geplant ist ein Radweg entlang der Kreisstraße bis zum Ortsausgang.',
  });
  await paper('schulweg', {
    name: 'Schulwegsicherung',
    date: '2026-02-02',
    bodyText: 'Der Radweg Kreisstraße 7 wird verbreitert.',
  });
  await paper('secret', {
    name: 'Grundstücksangelegenheit Flurstück 88/2',
    date: '2026-03-01',
    bodyText: 'Vorkaufsrecht zugunsten der Gemeinde; der Kaufpreis ist vertraulich.',
    public: false,
  });
  await paper('spielplatzTitle', { name: 'Spielplatz Lindenweg', date: '2026-01-05' });
  await paper('spielplatzBody', {
    name: 'Haushaltsplan Jugendarbeit',
    date: '2026-01-06',
    bodyText:
      'Die Jugendarbeit erhält Mittel für Ferienfreizeiten, Betreuung, Sachkosten und den Unterhalt; ' +
      'auch ein Spielplatz wird dabei erwähnt, neben vielen anderen Posten des Haushalts.',
  });
  for (let n = 1; n <= 7; n++) {
    await paper(`feldweg${n}`, { name: `Ausbau Feldweg Abschnitt ${n}`, date: `2026-07-0${n}` });
  }
  await paper('friedhofLindenau', { name: 'Friedhofssatzung Lindenau', date: '2026-04-04' });
  await paper('friedhofAuenbach', { name: 'Friedhofssatzung Auenbach', date: '2026-04-04' }, auenbach, auenbachStaff);

  const meeting = async (key: string, name: string, start: string, organizationIds: string[]) => {
    const response = await t.request(`/api/bodies/${lindenau.id}/meetings`, {
      method: 'POST',
      cookie: cookies.staff,
      body: JSON.stringify({ name, start, organizationIds }),
    });
    expect(response.status).toBe(201);
    ids[key] = ((await response.json()) as { id: string }).id;
  };
  const item = async (key: string, meetingKey: string, input: { name: string; public: boolean; paperId?: string }) => {
    const response = await t.request(`/api/meetings/${ids[meetingKey]}/agenda-items`, {
      method: 'POST',
      cookie: cookies.staff,
      body: JSON.stringify(input),
    });
    expect(response.status).toBe(201);
    ids[key] = ((await response.json()) as { id: string }).id;
  };
  await meeting('bauMeeting', 'Sitzung des Bauausschusses', '2026-03-19T18:00:00+01:00', [bau.id]);
  await meeting('finanzMeeting', 'Sitzung des Finanzausschusses', '2026-06-11T18:00:00+02:00', [finanz.id]);
  await item('bplanItem', 'bauMeeting', {
    name: 'Bebauungsplan Nr. 12 „Am Mühlbach“',
    public: true,
    paperId: ids.bplan,
  });
  await item('secretItem', 'bauMeeting', {
    name: 'Grundstücksangelegenheit Flurstück 88/2',
    public: false,
    paperId: ids.secret,
  });
  await item('feuerwehrItem', 'finanzMeeting', {
    name: 'Neubau Feuerwehrgerätehaus',
    public: true,
    paperId: ids.feuerwehr,
  });

  const pdfFile = async (key: string, file: { owner: FileOwner; name: string; text: string; public: boolean }) => {
    const content = await makePdf([file.text]);
    const stored = await storeFile(db, t.ctx.blobs, { bodyId: lindenau.id, ...file, content });
    ids[key] = stored.fileId;
  };
  await pdfFile('gutachten', {
    owner: { paperId: ids.secret! },
    name: 'Gutachten',
    text: 'Es besteht Altlastenverdacht auf dem Flurstück.',
    public: false,
  });
  // Public by its own flag, but its agenda item is not: effectively non-public.
  await pdfFile('lageplan', {
    owner: { agendaItemId: ids.secretItem! },
    name: 'Lageplan',
    text: 'Bodenrichtwert 180 Euro je Quadratmeter',
    public: true,
  });
  await pdfFile('kitaPlan', {
    owner: { paperId: ids.feuerwehr! },
    name: 'Kita-Plan',
    text: 'Kita Sonnenschein: Gruppenräume',
    public: true,
  });
  await addVersion(db, t.ctx.blobs, {
    bodyId: lindenau.id,
    fileId: ids.kitaPlan!,
    version: 2,
    content: await makePdf(['Kita Regenbogen: Gruppenräume']),
    fileName: 'kita-plan-v2.pdf',
  });
  await t.ctx.jobs.drain();
});
afterAll(() => t.close());

async function search(params: Record<string, string>, who = 'anonymous') {
  const response = await t.request(`/api/search?${new URLSearchParams(params).toString()}`, { cookie: cookies[who] });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`search failed: ${response.status} ${text}`);
  return { ...(JSON.parse(text) as SearchResponse), text };
}

const hitIds = (response: SearchResponse) => response.results.map((r) => r.id);

describe('GET /api/search', () => {
  it('finds a word that appears only inside a PDF once the background job has extracted it', async () => {
    const stored = await storeFile(t.ctx.database.db, t.ctx.blobs, {
      bodyId: lindenau.id,
      owner: { paperId: ids.bplan! },
      name: 'Entwässerungskonzept',
      public: true,
      content: await makePdf(['Anlage 3 zum Bebauungsplan', 'Das Regenrückhaltebecken fasst 4.000 m³.']),
      fileName: 'entwaesserung.pdf',
    });
    expect((await search({ q: 'Regenrückhaltebecken' })).total).toBe(0);
    await t.ctx.jobs.drain();

    const found = await search({ q: 'Regenrückhaltebecken' });
    expect(found.total).toBe(1);
    expect(found.results[0]).toMatchObject({
      type: 'file',
      id: stored.fileId,
      bodyId: lindenau.id,
      bodySlug: lindenau.slug,
      title: 'Entwässerungskonzept',
      date: '2026-03-10',
      paper: { id: ids.bplan, name: 'Bebauungsplan Nr. 12 „Am Mühlbach“', reference: 'V/2026/012' },
      meeting: null,
      file: { fileName: 'entwaesserung.pdf', mimeType: 'application/pdf', version: 1, page: 2 },
    });
    expect(found.results[0]!.snippet).toContain('<mark>Regenrückhaltebecken</mark> fasst 4.000 m³');

    // A hit in the file's name alone has no page; the snippet shows the document's opening.
    const byName = await search({ q: 'Entwässerungskonzept' });
    expect(byName.results[0]).toMatchObject({ id: stored.fileId, file: { page: null } });
    expect(byName.results[0]!.snippet).toMatch(/^Anlage 3 zum Bebauungsplan/);
  });

  it('searches only the current version of a file', async () => {
    expect((await search({ q: 'Sonnenschein' })).total).toBe(0);
    expect(hitIds(await search({ q: 'Kita Regenbogen' }))).toEqual([ids.kitaPlan]);
  });

  it('stems German words: "Bebauungspläne" finds "Bebauungsplan"', async () => {
    const found = await search({ q: 'Bebauungspläne' });
    expect(hitIds(found)).toEqual(expect.arrayContaining([ids.bplan, ids.bplanItem]));
    const paper = found.results.find((r) => r.id === ids.bplan)!;
    expect(paper).toMatchObject({ type: 'paper', reference: 'V/2026/012', date: '2026-03-10' });
    const item = found.results.find((r) => r.id === ids.bplanItem)!;
    expect(item).toMatchObject({
      type: 'agenda_item',
      reference: 'Ö 1',
      date: '2026-03-19',
      meeting: { id: ids.bauMeeting, name: 'Sitzung des Bauausschusses', start: '2026-03-19T17:00:00.000Z' },
    });
  });

  it('finds a paper by its reference', async () => {
    expect(hitIds(await search({ q: 'V/2026/012' }))).toEqual([ids.bplan]);
  });

  it('matches a quoted phrase only where the words stand together, and excludes -words', async () => {
    expect(hitIds(await search({ q: 'Radweg Kreisstraße' })).sort()).toEqual([ids.radKonzept, ids.schulweg].sort());
    expect(hitIds(await search({ q: '"Radweg Kreisstraße"' }))).toEqual([ids.schulweg]);
    expect(hitIds(await search({ q: 'Radweg -verbreitert' }))).toEqual([ids.radKonzept]);
  });

  it('ranks a hit in the title above a hit in the text', async () => {
    expect(hitIds(await search({ q: 'Spielplatz' }))).toEqual([ids.spielplatzTitle, ids.spielplatzBody]);
  });

  it('returns HTML-safe snippets with hits marked', async () => {
    const found = await search({ q: 'Bebauungsplan', type: 'paper' });
    const snippet = found.results.find((r) => r.id === ids.bplan)!.snippet;
    expect(snippet).toContain('<mark>Bebauungsplan</mark>');
    expect(snippet).toContain('(Kosten &lt; 5.000 € &amp; „mehr“)');
    // ts_headline drops tag-like tokens; whatever remains is escaped, and <mark> is the only markup.
    expect(snippet).not.toContain('<script');
    expect(snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('filters by type', async () => {
    const meetings = await search({ q: 'Sitzung', type: 'meeting' });
    expect(meetings.results.map((r) => r.type)).toEqual(['meeting', 'meeting']);
    expect(hitIds(meetings).sort()).toEqual([ids.bauMeeting, ids.finanzMeeting].sort());
    expect(hitIds(await search({ q: 'Feuerwehrgerätehaus', type: 'agenda_item' }))).toEqual([ids.feuerwehrItem]);
  });

  it('filters by organization: meetings it holds, their items, papers it consults, files of those', async () => {
    const finanz = await search({ q: 'Feuerwehrgerätehaus or Kita', organization: ids.finanz! });
    expect(hitIds(finanz).sort()).toEqual([ids.feuerwehr, ids.feuerwehrItem, ids.kitaPlan].sort());
    expect((await search({ q: 'Feuerwehrgerätehaus or Kita', organization: ids.bau! })).total).toBe(0);
    const bau = await search({ q: 'Sitzung or Bebauungsplan', organization: ids.bau! });
    expect(hitIds(bau)).toEqual(expect.arrayContaining([ids.bauMeeting, ids.bplan, ids.bplanItem]));
    expect(hitIds(bau)).not.toContain(ids.finanzMeeting);
  });

  it('filters by date range, both ends inclusive', async () => {
    const found = await search({ q: 'Feldweg', from: '2026-07-02', to: '2026-07-04' });
    expect(hitIds(found)).toEqual([ids.feldweg4, ids.feldweg3, ids.feldweg2]);
    expect(hitIds(await search({ q: 'Sitzung', from: '2026-03-19', to: '2026-03-19' }))).toEqual([ids.bauMeeting]);
  });

  it('filters by body, given by slug or id', async () => {
    expect(hitIds(await search({ q: 'Friedhofssatzung' })).sort()).toEqual(
      [ids.friedhofLindenau, ids.friedhofAuenbach].sort(),
    );
    expect(hitIds(await search({ q: 'Friedhofssatzung', body: lindenau.slug }))).toEqual([ids.friedhofLindenau]);
    expect(hitIds(await search({ q: 'Friedhofssatzung', body: auenbach.id }))).toEqual([ids.friedhofAuenbach]);
    const unknown = await t.request('/api/search?q=Friedhofssatzung&body=gibt-es-nicht');
    expect(unknown.status).toBe(404);
  });

  it('pages through all hits with an exact total, newest first among equal ranks', async () => {
    const seen: string[] = [];
    for (const page of [1, 2, 3]) {
      const found = await search({ q: 'Feldweg', limit: '3', page: String(page) });
      expect(found).toMatchObject({ query: 'Feldweg', total: 7, page, limit: 3 });
      expect(found.results).toHaveLength(page === 3 ? 1 : 3);
      seen.push(...hitIds(found));
    }
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1].map((n) => ids[`feldweg${n}`]));
    const beyond = await search({ q: 'Feldweg', limit: '3', page: '4' });
    expect(beyond).toMatchObject({ total: 7, results: [] });
  });

  it('answers nothing for a query of stop words only', async () => {
    expect(await search({ q: 'die der das' })).toMatchObject({ total: 0, results: [] });
  });

  it.each([
    ['no query', ''],
    ['an empty query', 'q=%20'],
    ['a limit above 50', 'q=Feldweg&limit=51'],
    ['an unknown type', 'q=Feldweg&type=person'],
    ['an invalid date', 'q=Feldweg&from=2026-13-01'],
    ['a range that ends before it starts', 'q=Feldweg&from=2026-07-05&to=2026-07-01'],
    ['an organization that is not a uuid', 'q=Feldweg&organization=bau'],
  ])('rejects %s with 400', async (_, query) => {
    const response = await t.request(`/api/search?${query}`);
    expect(response.status).toBe(400);
  });
});

describe('search visibility', () => {
  const readers = ['bauMember', 'staff'];
  const nonReaders = ['anonymous', 'finanzMember', 'endedBauMember', 'foreignStaff', 'admin'];

  it.each(readers)('finds the non-public paper, item and PDF texts for %s', async (who) => {
    const flurstueck = await search({ q: 'Flurstück' }, who);
    expect(hitIds(flurstueck).sort()).toEqual([ids.secret, ids.secretItem, ids.gutachten].sort());
    expect(flurstueck.total).toBe(3);
    const pdf = await search({ q: 'Altlastenverdacht' }, who);
    expect(pdf.results[0]).toMatchObject({ type: 'file', id: ids.gutachten, paper: { id: ids.secret } });
    expect(pdf.results[0]!.snippet).toContain('<mark>Altlastenverdacht</mark>');
    const lageplan = await search({ q: 'Bodenrichtwert' }, who);
    expect(lageplan.results[0]).toMatchObject({
      id: ids.lageplan,
      agendaItem: { id: ids.secretItem, number: 'N 1', name: 'Grundstücksangelegenheit Flurstück 88/2' },
      meeting: { id: ids.bauMeeting },
    });
    expect((await search({ q: 'Vorkaufsrecht' }, who)).results[0]!.snippet).toContain('<mark>Vorkaufsrecht</mark>');
  });

  it.each(nonReaders)('finds none of it for %s: no results, no count, no snippets', async (who) => {
    for (const q of [
      'Flurstück',
      'Altlastenverdacht',
      'Bodenrichtwert',
      'Vorkaufsrecht',
      'Flurstück or Bebauungsplan',
    ]) {
      const found = await search({ q }, who);
      for (const id of [ids.secret, ids.secretItem, ids.gutachten, ids.lageplan]) expect(found.text).not.toContain(id);
      expect(JSON.stringify(found.results)).not.toMatch(/Flurstück|Altlasten|Bodenrichtwert|Vorkaufsrecht/);
      if (q.includes('Bebauungsplan')) expect(found.total).toBe(found.results.length);
      else expect(found.total).toBe(0);
    }
  });

  it('still shows the meeting that holds the non-public item to everyone', async () => {
    expect(hitIds(await search({ q: 'Bauausschuss' }))).toContain(ids.bauMeeting);
  });
});
