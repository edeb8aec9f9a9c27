import type { Insertable, Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/schema/tables.js';
import { createTestApp, testPublicUrl, type TestApp } from './harness.js';
import { crawlOparl, type OparlJson } from './oparl-crawler.js';
import { loadOparlSchemas, type OparlTypeName } from './oparl-schema.js';

/**
 * Filters, tombstones, depublication and the protocol details of the OParl API, on a small body built row by
 * row with historical timestamps (so `modified_since` windows hold exactly what a test changes).
 */
let t: TestApp;
let db: Kysely<Database>;
const schemas = loadOparlSchemas();
const omitInternalSchemas = loadOparlSchemas({ omitInternal: true });
const base = `${testPublicUrl}/oparl/v1`;

const at = (iso: string) => new Date(iso);
const t0 = at('2025-01-10T09:00:00Z');
const stamp = (created: Date, modified = created) => ({ created, modified });

const ids = {} as Record<
  | 'body'
  | 'term'
  | 'council'
  | 'committee'
  | 'person'
  | 'privatePerson'
  | 'membership'
  | 'hall'
  | 'meeting'
  | 'opening'
  | 'itemWithPaper'
  | 'group'
  | 'subItem'
  | 'secretItem'
  | 'lastItem'
  | 'publicPaper'
  | 'secretPaper'
  | 'deletedPaper'
  | 'publicConsultation'
  | 'secretConsultation'
  | 'invitation'
  | 'paperFile'
  | 'unconfirmedFile'
  | 'secretItemFile',
  string
>;

async function insert<T extends keyof Database>(table: T, values: Insertable<Database[T]>) {
  const row = (await db
    .insertInto(table)
    .values(values as never)
    .returning('id' as never)
    .executeTakeFirstOrThrow()) as unknown as { id: string };
  return row.id;
}

beforeAll(async () => {
  t = await createTestApp();
  db = t.ctx.database.db;
  ids.body = await insert('body', { slug: 'gemeinde-musterau', name: 'Gemeinde Musterau', ...stamp(t0) });
  const body_id = ids.body;
  ids.hall = await insert('location', { body_id, description: 'Rathaus, Sitzungssaal', ...stamp(t0) });
  await db.updateTable('body').set({ location_id: ids.hall, modified: t0 }).where('id', '=', body_id).execute();
  const privateAddress = await insert('location', { body_id, description: 'Privatweg 7', ...stamp(t0) });
  ids.term = await insert('legislative_term', {
    body_id,
    name: 'Wahlperiode 2024–2029',
    start_date: '2024-07-01',
    ...stamp(t0),
  });
  ids.council = await insert('organization', {
    body_id,
    kind: 'council',
    name: 'Gemeinderat',
    classification: 'Parlament',
    ...stamp(t0),
  });
  ids.committee = await insert('organization', { body_id, kind: 'committee', name: 'Bauausschuss', ...stamp(t0) });
  ids.person = await insert('person', {
    body_id,
    name: 'Erika Muster',
    email: 'erika@example.org',
    contact_public: true,
    ...stamp(t0),
  });
  ids.privatePerson = await insert('person', {
    body_id,
    name: 'Max Still',
    email: 'max@example.org',
    phone: '0123 456',
    location_id: privateAddress,
    ...stamp(t0),
  });
  ids.membership = await insert('membership', {
    body_id,
    person_id: ids.person,
    organization_id: ids.committee,
    start_date: '2024-07-01',
    ...stamp(t0),
  });
  ids.meeting = await insert('meeting', {
    body_id,
    name: '3. Sitzung des Bauausschusses',
    meeting_state: 'invited',
    start: at('2025-02-03T17:00:00Z'),
    location_id: ids.hall,
    ...stamp(t0),
  });
  await insert('meeting_organization', {
    body_id,
    meeting_id: ids.meeting,
    organization_id: ids.committee,
    ...stamp(t0),
  });
  const paper = (name: string, isPublic: boolean, created: Date) =>
    insert('paper', { body_id, name, paper_type: 'Beschlussvorlage', public: isPublic, ...stamp(created) });
  ids.publicPaper = await paper('Neubau Feuerwehrgerätehaus', true, at('2025-01-05T10:00:00Z'));
  ids.secretPaper = await paper('Grundstücksankauf Flur 9', false, at('2025-01-06T10:00:00Z'));
  ids.deletedPaper = await paper('Zurückgezogene Vorlage', true, at('2025-01-07T10:00:00Z'));
  await db
    .updateTable('paper')
    .set({ deleted: true, modified: at('2025-01-08T10:00:00Z') })
    .where('id', '=', ids.deletedPaper)
    .execute();

  const item = (position: number, number: string, name: string, isPublic: boolean, extra: object = {}) =>
    insert('agenda_item', {
      body_id,
      meeting_id: ids.meeting,
      position,
      number,
      name,
      public: isPublic,
      ...stamp(t0),
      ...extra,
    });
  ids.opening = await item(0, 'Ö 1', 'Eröffnung', true);
  ids.itemWithPaper = await item(1, 'Ö 2', 'Neubau Feuerwehrgerätehaus', true, { paper_id: ids.publicPaper });
  ids.group = await item(2, 'Ö 3', 'Bauanträge', true);
  ids.subItem = await item(3, 'Ö 3.1', 'Bauantrag Lindenweg 4', true, { parent_id: ids.group });
  ids.lastItem = await item(4, 'Ö 4', 'Verschiedenes', true);
  ids.secretItem = await item(5, 'N 1', 'Grundstücksankauf Flur 9', false, { paper_id: ids.secretPaper });
  const consultation = (paperId: string, itemId: string) =>
    insert('consultation', {
      body_id,
      paper_id: paperId,
      meeting_id: ids.meeting,
      agenda_item_id: itemId,
      organization_id: ids.committee,
      role: 'Entscheidung',
      authoritative: true,
      ...stamp(t0),
    });
  ids.publicConsultation = await consultation(ids.publicPaper, ids.itemWithPaper);
  ids.secretConsultation = await consultation(ids.secretPaper, ids.secretItem);

  const sha256 = 'ab'.repeat(32);
  await db.insertInto('blob').values({ sha256, size: 1234, mime_type: 'application/pdf', created: t0 }).execute();
  const file = async (owner: object, name: string, role: string, isPublic: boolean) => {
    const fileId = await insert('file', {
      body_id,
      name,
      role: role as 'auxiliary',
      public: isPublic,
      ...owner,
      ...stamp(t0),
    });
    await insert('file_version', {
      body_id,
      file_id: fileId,
      version: 1,
      sha256,
      size: 1234,
      mime_type: 'application/pdf',
      file_name: `${name.toLowerCase()}.pdf`,
      extracted_text: `Text von ${name}`,
      ...stamp(t0),
    });
    return fileId;
  };
  ids.invitation = await file({ meeting_id: ids.meeting }, 'Einladung', 'invitation', true);
  ids.paperFile = await file({ paper_id: ids.publicPaper }, 'Lageplan', 'auxiliary', true);
  ids.unconfirmedFile = await file({ paper_id: ids.publicPaper }, 'Kostenschätzung', 'auxiliary', false);
  ids.secretItemFile = await file({ agenda_item_id: ids.secretItem }, 'Wertgutachten', 'auxiliary', true);
});
afterAll(() => t?.close());

async function getJson(path: string) {
  const response = await t.request(path.startsWith('http') ? new URL(path).pathname + new URL(path).search : path);
  expect(response.headers.get('access-control-allow-origin')).toBe('*');
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

interface Page {
  data: OparlJson[];
  pagination: Record<string, unknown>;
  links: { self: string; first?: string; next?: string };
}

async function page(path: string): Promise<Page> {
  const { status, json } = await getJson(path);
  expect(status, path).toBe(200);
  return json as unknown as Page;
}

/** Every object of a list, following `next`, with each page's links checked to carry `query`. */
async function all(list: string, query = ''): Promise<OparlJson[]> {
  const out: OparlJson[] = [];
  let url: string | undefined = `/oparl/v1/body/${ids.body}/${list}${query ? `?${query}` : ''}`;
  const seen = new Set<string>();
  while (url) {
    expect(seen.has(url)).toBe(false);
    seen.add(url);
    const p = await page(url);
    out.push(...p.data);
    url = p.links.next;
  }
  return out;
}

const idOf = (type: string, id: string) => `${base}/${type}/${id}`;
const idsIn = (objects: OparlJson[]) => objects.map((o) => o.id);

function expectValid(type: OparlTypeName, object: unknown, omitInternal = false) {
  expect((omitInternal ? omitInternalSchemas : schemas).validate(type, object)).toEqual([]);
}

describe('OParl lists and filters', () => {
  it('lists deleted and non-public objects only as tombstones, and only with modified_since', async () => {
    const unfiltered = await all('papers');
    expect(idsIn(unfiltered)).toEqual([idOf('paper', ids.publicPaper)]);

    const changes = await all('papers', 'modified_since=2000-01-01T00%3A00%3A00%2B00%3A00');
    expect(idsIn(changes).sort()).toEqual(
      [ids.publicPaper, ids.secretPaper, ids.deletedPaper].map((id) => idOf('paper', id)).sort(),
    );
    for (const id of [ids.secretPaper, ids.deletedPaper]) {
      const tombstone = changes.find((p) => p.id === idOf('paper', id))!;
      expect(Object.keys(tombstone).sort()).toEqual(['created', 'deleted', 'id', 'modified', 'type']);
      expect(tombstone.deleted).toBe(true);
      expectValid('Paper', tombstone);
    }
    const deleted = changes.find((p) => p.id === idOf('paper', ids.deletedPaper))!;
    expect(deleted).toMatchObject({ created: '2025-01-07T11:00:00+01:00', modified: '2025-01-08T11:00:00+01:00' });
    expect(JSON.stringify(changes)).not.toContain('Grundstücksankauf');
  });

  it('answers a deleted public object by id with its tombstone, and a non-public one with 404', async () => {
    const deleted = await getJson(`/oparl/v1/paper/${ids.deletedPaper}`);
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({
      id: idOf('paper', ids.deletedPaper),
      type: 'https://schema.oparl.org/1.1/Paper',
      created: '2025-01-07T11:00:00+01:00',
      modified: '2025-01-08T11:00:00+01:00',
      deleted: true,
    });
    const unknown = await getJson('/oparl/v1/paper/7f0c2b8e-1111-4222-8333-944445555666');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({
      type: 'https://schema.oparl.org/1.1/Error',
      message: expect.any(String) as string,
      debug: expect.any(String) as string,
    });
    for (const path of [
      `/oparl/v1/paper/${ids.secretPaper}`,
      `/oparl/v1/agendaItem/${ids.secretItem}`,
      `/oparl/v1/consultation/${ids.secretConsultation}`,
      `/oparl/v1/file/${ids.unconfirmedFile}`,
      `/oparl/v1/file/${ids.secretItemFile}`,
    ]) {
      const hidden = await getJson(path);
      expect(hidden.status, path).toBe(404);
      expect(hidden.json, path).toEqual(unknown.json);
    }
  });

  it('bounds created and modified inclusively, to the second, with any offset spelling', async () => {
    // With modified_since the tombstones count too, so all three papers take part.
    const papers = (query: string) =>
      all('papers', query.includes('modified_since') ? query : `modified_since=2000-01-01T00%3A00%3A00Z&${query}`).then(
        idsIn,
      );
    const [pub, secret, deleted] = [ids.publicPaper, ids.secretPaper, ids.deletedPaper].map((id) => idOf('paper', id));
    expect((await papers('created_since=2025-01-06T11%3A00%3A00%2B01%3A00')).sort()).toEqual([secret, deleted].sort());
    expect((await papers('created_until=2025-01-06T10%3A00%3A00%2B00%3A00')).sort()).toEqual([pub, secret].sort());
    expect(await papers('created_since=2025-01-06T10%3A00%3A00Z&created_until=2025-01-06T10%3A00%3A00Z')).toEqual([
      secret,
    ]);
    // Consultations and files (2025-01-10) made the two live papers newer; the deleted one kept its deletion time.
    expect(await papers('modified_until=2025-01-08T10%3A00%3A00Z')).toEqual([deleted]);
    expect((await papers('modified_since=2025-01-08T10%3A00%3A01Z')).sort()).toEqual([pub, secret].sort());
    // An unencoded `+` arrives as a space; it is still read as the offset.
    expect(await papers('created_since=2025-01-07T11:00:00+01:00')).toEqual([deleted]);

    // A modification inside a second still counts as that second (output dates have no fractions).
    await db
      .updateTable('paper')
      .set({ modified: at('2025-03-01T12:00:00.700Z') })
      .where('id', '=', ids.publicPaper)
      .execute();
    const listed = await all('papers', 'modified_until=2025-03-01T12%3A00%3A00Z');
    expect(listed.map((p) => p.modified)).toEqual(['2025-03-01T13:00:00+01:00']);
    expect(await papers('modified_since=2025-03-01T12%3A00%3A00Z&modified_until=2025-03-01T12%3A00%3A00Z')).toEqual([
      pub,
    ]);
  });

  it('rejects malformed filter values with a 400 error object', async () => {
    for (const query of [
      'modified_since=gestern',
      'created_until=2025-02-30T10%3A00%3A00Z',
      'modified_since=2025-01-01',
      'omit_internal=ja',
      'limit=0',
      'after=nicht-von-uns',
    ]) {
      const { status, json } = await getJson(`/oparl/v1/body/${ids.body}/papers?${query}`);
      expect(status, query).toBe(400);
      expect(json.type).toBe('https://schema.oparl.org/1.1/Error');
      expect(String(json.debug), query).not.toBe('');
    }
    expect((await getJson(`/oparl/v1/body/${ids.body}/papers?sort=name&page=3`)).status).toBe(200);
  });

  it('leaves out the seven embedded arrays with omit_internal, and only then', async () => {
    const [full] = await all('meetings');
    expect(full!.agendaItem).toHaveLength(5);
    const [slim] = await all('meetings', 'omit_internal=true');
    expect(slim).not.toHaveProperty('agendaItem');
    expect(slim).toHaveProperty('invitation');
    expectValid('Meeting', slim, true);

    const [person] = (await all('persons')).filter((p) => p.id === idOf('person', ids.person));
    expect(person!.membership).toHaveLength(1);
    const [slimPerson] = (await all('persons', 'omit_internal=true')).filter(
      (p) => p.id === idOf('person', ids.person),
    );
    expect(slimPerson).not.toHaveProperty('membership');

    const [paper] = await all('papers');
    expect(paper!.auxiliaryFile).toHaveLength(1);
    const [slimPaper] = await all('papers', 'omit_internal=true');
    expect(slimPaper).not.toHaveProperty('auxiliaryFile');
    expect(slimPaper!.consultation).toHaveLength(1);

    const bodies = await page('/oparl/v1/bodies?omit_internal=true');
    expect(bodies.data[0]).not.toHaveProperty('legislativeTerm');
    expectValid('Body', bodies.data[0], true);
    expect((await page('/oparl/v1/bodies')).data[0]!.legislativeTerm).toHaveLength(1);
  });

  it('keeps every filter, canonically encoded and in a fixed order, in self, first and next', async () => {
    const since = { berlin: '2000-01-01T01%3A00%3A00%2B01%3A00', utc: '2000-01-01T00%3A00%3A00Z' };
    const query = `omit_internal=true&limit=1&modified_since=${since.berlin}&created_since=${since.utc}`;
    const canonical = `created_since=${since.berlin}&modified_since=${since.berlin}&omit_internal=true&limit=1`;
    let url: string | undefined = `/oparl/v1/body/${ids.body}/agendaItems?${query}`;
    const seen: string[] = [];
    let pages = 0;
    while (url) {
      const p = await page(url);
      pages++;
      expect(p.data.length).toBeLessThanOrEqual(1);
      expect(p.pagination).toEqual({ elementsPerPage: 1 });
      expect(p.links.first).toBe(`${base}/body/${ids.body}/agendaItems?${canonical}`);
      expect(p.links.self.startsWith(`${base}/body/${ids.body}/agendaItems?${canonical}`)).toBe(true);
      if (p.links.next)
        expect(p.links.next).toMatch(new RegExp(`\\?${canonical.replace(/[?+]/g, '\\$&')}&after=[0-9a-f-]{36}$`));
      seen.push(...idsIn(p.data));
      url = p.links.next;
    }
    expect(pages).toBe(6);
    expect(new Set(seen).size).toBe(6);
    const unpaged = await all('agendaItems', 'modified_since=2000-01-01T00%3A00%3A00Z');
    expect(seen).toEqual(idsIn(unpaged));
    expect((await page(`/oparl/v1/body/${ids.body}/agendaItems?limit=100000`)).pagination).toEqual({
      elementsPerPage: 500,
    });
  });

  it('lists the meetings and consultations of an organization', async () => {
    const meetings = await page(`/oparl/v1/organization/${ids.committee}/meetings`);
    expect(idsIn(meetings.data)).toEqual([idOf('meeting', ids.meeting)]);
    const consultations = await page(`/oparl/v1/organization/${ids.committee}/consultations`);
    expect(idsIn(consultations.data)).toEqual([idOf('consultation', ids.publicConsultation)]);
    expect((await page(`/oparl/v1/organization/${ids.council}/meetings`)).data).toEqual([]);
    expect((await getJson('/oparl/v1/organization/7f0c2b8e-1111-4222-8333-944445555666/meetings')).status).toBe(404);
  });
});

describe('OParl objects', () => {
  it('embeds only the public agenda, ordered, with `order` equal to the array index', async () => {
    const { json } = await getJson(`/oparl/v1/meeting/${ids.meeting}`);
    const meeting = json as OparlJson & { agendaItem: OparlJson[] };
    expectValid('Meeting', meeting);
    expect(meeting.agendaItem.map((i) => [i.order, i.number])).toEqual([
      [0, 'Ö 1'],
      [1, 'Ö 2'],
      [2, 'Ö 3'],
      [3, 'Ö 3.1'],
      [4, 'Ö 4'],
    ]);
    expect(meeting.agendaItem.every((i) => !('meeting' in i))).toBe(true);
    expect(meeting).toMatchObject({
      meetingState: 'eingeladen',
      organization: [idOf('organization', ids.committee)],
      invitation: { id: idOf('file', ids.invitation), accessUrl: `${testPublicUrl}/files/${ids.invitation}` },
      location: { id: idOf('location', ids.hall) },
      web: `${testPublicUrl}/gemeinde-musterau/sitzungen/${ids.meeting}`,
    });
    expect(JSON.stringify(meeting)).not.toMatch(/Grundstücksankauf|Wertgutachten|N 1/);
    const standalone = (await getJson(`/oparl/v1/agendaItem/${ids.lastItem}`)).json;
    expect(standalone).toMatchObject({ order: 4, meeting: idOf('meeting', ids.meeting) });
  });

  it('links a consultation to its agenda item only while that item is public', async () => {
    const { json } = await getJson(`/oparl/v1/paper/${ids.publicPaper}`);
    expectValid('Paper', json);
    expect(json).toMatchObject({
      auxiliaryFile: [
        { id: idOf('file', ids.paperFile), downloadUrl: `${testPublicUrl}/files/${ids.paperFile}/download` },
      ],
      consultation: [
        { id: idOf('consultation', ids.publicConsultation), agendaItem: idOf('agendaItem', ids.itemWithPaper) },
      ],
    });
    expect(JSON.stringify(json)).not.toContain('Kostenschätzung');
    const file = (await getJson(`/oparl/v1/file/${ids.paperFile}`)).json;
    expectValid('File', file);
    expect(file).toMatchObject({ paper: [idOf('paper', ids.publicPaper)], size: 1234, text: 'Text von Lageplan' });
    expect(file).not.toHaveProperty('sha512Checksum');
  });

  it('shows contact details and the address of a person only when the person made them public', async () => {
    const shown = (await getJson(`/oparl/v1/person/${ids.person}`)).json;
    expect(shown).toMatchObject({ email: ['erika@example.org'] });
    const hidden = (await getJson(`/oparl/v1/person/${ids.privatePerson}`)).json;
    expect(JSON.stringify(hidden)).not.toMatch(/max@example|0123|location/i);
    expectValid('Person', hidden);
    const addresses = await all('locations', 'modified_since=2000-01-01T00%3A00%3A00Z');
    expect(JSON.stringify(addresses)).not.toContain('Privatweg');
  });

  it('carries the vendor fields for the calendar and feed URLs', async () => {
    const body = (await getJson(`/oparl/v1/body/${ids.body}`)).json;
    expect(body['ratsmappe:ical']).toBe(`${testPublicUrl}/ical/body/${ids.body}.ics`);
    expect(body['ratsmappe:feed']).toBe(`${testPublicUrl}/feeds/body/${ids.body}.atom`);
    const committee = (await getJson(`/oparl/v1/organization/${ids.committee}`)).json;
    expect(committee['ratsmappe:ical']).toBe(`${testPublicUrl}/ical/organization/${ids.committee}.ics`);
    expect(committee.organizationType).toBe('Gremium');
    const council = (await getJson(`/oparl/v1/organization/${ids.council}`)).json;
    expect(council.classification).toBe('Parlament');
  });

  it('passes the validating crawler on this body too', async () => {
    const result = await crawlOparl(t, { schemas });
    expect(result.problems).toEqual([]);
    expect(result.objects.size).toBeGreaterThan(15);
  });
});

describe('OParl protocol', () => {
  it('redirects non-canonical spellings of known URLs with 301 and keeps the query', async () => {
    const cases: [string, string][] = [
      ['/oparl/v1/system/', '/oparl/v1/system'],
      ['/oparl/v1/', '/oparl/v1/system'],
      [`/oparl/v1/Paper/${ids.publicPaper}`, `/oparl/v1/paper/${ids.publicPaper}`],
      [`/oparl/v1/paper/${ids.publicPaper.toUpperCase()}`, `/oparl/v1/paper/${ids.publicPaper}`],
      [`/oparl/v1//body/${ids.body}/papers/?limit=5`, `/oparl/v1/body/${ids.body}/papers?limit=5`],
    ];
    for (const [from, to] of cases) {
      const response = await t.request(from);
      expect(response.status, from).toBe(301);
      expect(response.headers.get('location'), from).toBe(`${testPublicUrl}${to}`);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    }
    for (const path of ['/oparl/v1/paper', '/oparl/v1/paper/123', `/oparl/v1/paper/${ids.publicPaper}/files`]) {
      const { status, json } = await getJson(path);
      expect(status, path).toBe(404);
      expect(json.type).toBe('https://schema.oparl.org/1.1/Error');
    }
  });

  it('answers read-only: HEAD and OPTIONS work, other methods get a 405 error object', async () => {
    const head = await t.request('/oparl/v1/system', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const options = await t.request('/oparl/v1/system', { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('access-control-allow-origin')).toBe('*');
    expect(options.headers.get('access-control-allow-methods')).toContain('GET');
    const post = await t.request('/oparl/v1/system', { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(((await post.json()) as { type: string }).type).toBe('https://schema.oparl.org/1.1/Error');
  });

  it('supports conditional GET with the ETag', async () => {
    const first = await t.request(`/oparl/v1/meeting/${ids.meeting}`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await t.request(`/oparl/v1/meeting/${ids.meeting}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('describes the system with a list of bodies and no dates in toISOString form', async () => {
    const { json } = await getJson('/oparl/v1/system');
    expectValid('System', json);
    expect(json).toMatchObject({
      id: `${base}/system`,
      oparlVersion: 'https://schema.oparl.org/1.1/',
      body: `${base}/bodies`,
    });
    const text = JSON.stringify((await getJson(`/oparl/v1/meeting/${ids.meeting}`)).json);
    expect(text).not.toMatch(/\d{2}:\d{2}:\d{2}(\.\d+)?Z/);
    expect(text).toContain('"start":"2025-02-03T18:00:00+01:00"');
  });
});

describe('depublication reaches mirrors as deletion', () => {
  /** A `modified_since` just before the change: what a mirror that synced a moment ago asks for. */
  const justBefore = () => new Date(Math.floor(Date.now() / 1000) * 1000 - 1000).toISOString().replace('.000Z', 'Z');
  const changesSince = (list: string, since: string) => all(list, `modified_since=${encodeURIComponent(since)}`);

  it('turns an agenda item switched to non-public into a tombstone, and renumbers the public agenda', async () => {
    const since = justBefore();
    await db.updateTable('agenda_item').set({ public: false }).where('id', '=', ids.opening).execute();

    const changes = await changesSince('agendaItems', since);
    const tombstone = changes.find((i) => i.id === idOf('agendaItem', ids.opening));
    expect(tombstone).toMatchObject({ deleted: true });
    expect(Object.keys(tombstone!).sort()).toEqual(['created', 'deleted', 'id', 'modified', 'type']);
    expect(idsIn(await all('agendaItems'))).not.toContain(idOf('agendaItem', ids.opening));
    expect((await getJson(`/oparl/v1/agendaItem/${ids.opening}`)).status).toBe(404);

    // The items after it moved up: they come again, with their new order, and so does the meeting.
    const moved = changes.find((i) => i.id === idOf('agendaItem', ids.lastItem));
    expect(moved).toMatchObject({ order: 3 });
    const meetings = await changesSince('meetings', since);
    const meeting = meetings.find((m) => m.id === idOf('meeting', ids.meeting)) as OparlJson & {
      agendaItem: OparlJson[];
    };
    expect(meeting.agendaItem.map((i) => [i.order, i.number])).toEqual([
      [0, 'Ö 2'],
      [1, 'Ö 3'],
      [2, 'Ö 3.1'],
      [3, 'Ö 4'],
    ]);
  });

  it('hides a sub-item with its parent, although the sub-item itself did not change', async () => {
    const since = justBefore();
    await db.updateTable('agenda_item').set({ public: false }).where('id', '=', ids.group).execute();
    const changes = await changesSince('agendaItems', since);
    for (const id of [ids.group, ids.subItem]) {
      expect(
        changes.find((i) => i.id === idOf('agendaItem', id)),
        id,
      ).toMatchObject({ deleted: true });
    }
    expect((await getJson(`/oparl/v1/agendaItem/${ids.subItem}`)).status).toBe(404);
  });

  it('drops the consultation link when the agenda item goes, and says so through modified_since', async () => {
    const since = justBefore();
    await db.updateTable('agenda_item').set({ public: false }).where('id', '=', ids.itemWithPaper).execute();
    const consultations = await changesSince('consultations', since);
    const consultation = consultations.find((c) => c.id === idOf('consultation', ids.publicConsultation))!;
    expect(consultation.deleted).toBeUndefined();
    expect(consultation).not.toHaveProperty('agendaItem');
    expect(consultation.meeting).toBe(idOf('meeting', ids.meeting));
    const papers = await changesSince('papers', since);
    expect(papers.find((p) => p.id === idOf('paper', ids.publicPaper))).toBeDefined();
  });

  it('turns a withdrawn file into a tombstone and removes it from its paper', async () => {
    const since = justBefore();
    await db.updateTable('file').set({ public: false }).where('id', '=', ids.paperFile).execute();
    const files = await changesSince('files', since);
    expect(files.find((f) => f.id === idOf('file', ids.paperFile))).toMatchObject({ deleted: true });
    expect(idsIn(await all('files'))).not.toContain(idOf('file', ids.paperFile));
    const papers = await changesSince('papers', since);
    const paper = papers.find((p) => p.id === idOf('paper', ids.publicPaper))!;
    expect(paper).not.toHaveProperty('auxiliaryFile');
  });

  it('turns a depublished paper, its consultations and its files into tombstones', async () => {
    await db.updateTable('file').set({ public: true }).where('id', '=', ids.paperFile).execute();
    const since = justBefore();
    await db.updateTable('paper').set({ public: false }).where('id', '=', ids.publicPaper).execute();
    for (const [list, id] of [
      ['papers', idOf('paper', ids.publicPaper)],
      ['consultations', idOf('consultation', ids.publicConsultation)],
      ['files', idOf('file', ids.paperFile)],
    ] as const) {
      const changes = await changesSince(list, since);
      expect(
        changes.find((o) => o.id === id),
        list,
      ).toMatchObject({ deleted: true });
      expect(idsIn(await all(list)), list).not.toContain(id);
    }
    const result = await crawlOparl(t, { schemas, listQuery: `modified_since=${encodeURIComponent(since)}` });
    expect(result.problems).toEqual([]);
    expect(result.bodies.join('\n')).not.toContain('Neubau Feuerwehrgerätehaus');
  });
});
