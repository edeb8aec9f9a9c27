import type {
  LegislativeTerm,
  Location,
  Membership,
  Organization,
  OrganizationMembership,
  Page,
  Person,
  PersonContact,
  PersonListItem,
} from '@ratsmappe/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { makeAccount, makeBody, signIn } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';
import { auditEntries, createMeeting, errorOf, json, setUpOffice, type Office } from './office-fixtures.js';

/** The office's master data over HTTP: legislative terms, places, persons, memberships; on the server's Berlin day. */
let t: TestApp;
let office: Office;
const clock = new ManualClock(new Date('2026-06-15T10:00:00Z'));

beforeAll(async () => {
  t = await createTestApp({ clock });
  office = await setUpOffice(t);
});
afterAll(() => t.close());

type Init = { cookie?: string; headers?: Record<string, string> };

function post(path: string, body: unknown, init: Init = {}) {
  return t.request(path, {
    method: 'POST',
    cookie: init.cookie ?? office.staff,
    headers: init.headers,
    body: json(body),
  });
}
function patch(path: string, body: unknown, init: Init = {}) {
  return t.request(path, {
    method: 'PATCH',
    cookie: init.cookie ?? office.staff,
    headers: init.headers,
    body: json(body),
  });
}
function remove(path: string, init: Init = {}) {
  return t.request(path, { method: 'DELETE', cookie: init.cookie ?? office.staff, headers: init.headers });
}
async function read<T>(path: string, cookie?: string): Promise<T> {
  const response = await t.request(path, cookie ? { cookie } : {});
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}
async function created<T>(response: Response): Promise<T> {
  expect(response.status).toBe(201);
  return (await response.json()) as T;
}

const bodyPath = () => `/api/bodies/${office.bodyId}`;

describe('legislative terms', () => {
  it('are created, listed newest first, changed and deleted (soft) by the office, each step audited', async () => {
    const older = await created<LegislativeTerm>(
      await post(`${bodyPath()}/legislative-terms`, {
        name: 'Wahlperiode 2019–2024',
        startDate: '2019-07-01',
        endDate: '2024-06-30',
      }),
    );
    const current = await created<LegislativeTerm>(
      await post(`${bodyPath()}/legislative-terms`, { name: 'Wahlperiode 2024–2029', startDate: '2024-07-01' }),
    );
    expect(current).toMatchObject({ endDate: null, organizationCount: 0, deleted: false });

    const listed = await read<{ data: LegislativeTerm[] }>(`${bodyPath()}/legislative-terms`);
    expect(listed.data.map((term) => term.name)).toEqual(['Wahlperiode 2024–2029', 'Wahlperiode 2019–2024']);

    const changed = await patch(`/api/legislative-terms/${current.id}`, { endDate: '2029-06-30' });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as LegislativeTerm).endDate).toBe('2029-06-30');

    expect((await remove(`/api/legislative-terms/${older.id}`)).status).toBe(204);
    const after = await read<{ data: LegislativeTerm[] }>(`${bodyPath()}/legislative-terms`);
    expect(after.data.map((term) => term.id)).toEqual([current.id]);
    expect((await remove(`/api/legislative-terms/${older.id}`)).status).toBe(404);

    const row = await t.ctx.database.db
      .selectFrom('legislative_term')
      .select('deleted')
      .where('id', '=', older.id)
      .executeTakeFirstOrThrow();
    expect(row.deleted).toBe(true);
    expect((await auditEntries(t, 'legislative_term.create')).map((e) => e.object_id)).toEqual([older.id, current.id]);
    const [update] = await auditEntries(t, 'legislative_term.update', current.id);
    expect(update?.details).toEqual({ fields: ['endDate'], previous: { endDate: null } });
    expect(update?.account_id).not.toBeNull();
    expect(await auditEntries(t, 'legislative_term.delete', older.id)).toHaveLength(1);
  });

  it('word field issues in the request language, also for an end checked against the stored start', async () => {
    const empty = await post(`${bodyPath()}/legislative-terms`, { name: '  ', startDate: '2024-13-01' });
    expect(empty.status).toBe(400);
    expect((await errorOf(empty)).issues).toEqual([
      { path: 'name', message: 'Bitte ausfüllen.' },
      { path: 'startDate', message: 'Bitte ein gültiges Datum angeben.' },
    ]);
    const english = await post(
      `${bodyPath()}/legislative-terms`,
      { name: 'WP', startDate: '2024-07-01', endDate: '2024-06-30' },
      { headers: { 'accept-language': 'en' } },
    );
    expect((await errorOf(english)).issues).toEqual([
      { path: 'endDate', message: 'The end must not be before the start.' },
    ]);

    const term = await created<LegislativeTerm>(
      await post(`${bodyPath()}/legislative-terms`, { name: 'Wahlperiode 2034–2039', startDate: '2034-07-01' }),
    );
    const backwards = await patch(`/api/legislative-terms/${term.id}`, { endDate: '2030-01-01' });
    expect(backwards.status).toBe(400);
    expect((await errorOf(backwards)).issues).toEqual([
      { path: 'endDate', message: 'Das Ende darf nicht vor dem Beginn liegen.' },
    ]);
  });

  it('stay while an organization names them, and only live terms of the same body can be named', async () => {
    const term = await created<LegislativeTerm>(
      await post(`${bodyPath()}/legislative-terms`, { name: 'Wahlperiode 2029–2034', startDate: '2029-07-01' }),
    );
    const council = await created<Organization>(
      await post(`${bodyPath()}/organizations`, {
        kind: 'council',
        name: 'Ortsgemeinderat',
        legislativeTermId: term.id,
      }),
    );
    expect(council.legislativeTermId).toBe(term.id);
    const listed = await read<{ data: LegislativeTerm[] }>(`${bodyPath()}/legislative-terms`);
    expect(listed.data.find((x) => x.id === term.id)?.organizationCount).toBe(1);

    const refused = await remove(`/api/legislative-terms/${term.id}`);
    expect(refused.status).toBe(409);
    expect((await errorOf(refused)).issues?.[0]?.message).toBe(
      'Die Wahlperiode ist noch einem Gremium zugeordnet. Bitte ändern Sie zuerst dieses.',
    );

    const otherBody = await makeBody(t.ctx.database.db);
    const foreignTerm = await t.ctx.database.db
      .insertInto('legislative_term')
      .values({ body_id: otherBody.id, name: 'Fremde Wahlperiode', start_date: '2024-07-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const foreign = await patch(`/api/organizations/${council.id}`, { legislativeTermId: foreignTerm.id });
    expect(foreign.status).toBe(400);
    expect((await errorOf(foreign)).issues).toEqual([
      { path: 'legislativeTermId', message: 'Diese Wahlperiode gibt es in dieser Körperschaft nicht (mehr).' },
    ]);

    expect((await patch(`/api/organizations/${council.id}`, { legislativeTermId: null })).status).toBe(200);
    expect((await remove(`/api/legislative-terms/${term.id}`)).status).toBe(204);
  });

  it('are written by the body’s office staff only', async () => {
    const input = { name: 'Wahlperiode', startDate: '2024-07-01' };
    expect((await t.request(`${bodyPath()}/legislative-terms`, { method: 'POST', body: json(input) })).status).toBe(
      401,
    );
    expect((await post(`${bodyPath()}/legislative-terms`, input, { cookie: office.councillor })).status).toBe(403);
    expect((await post(`${bodyPath()}/legislative-terms`, input, { cookie: office.foreignStaff })).status).toBe(403);
    const term = await created<LegislativeTerm>(await post(`${bodyPath()}/legislative-terms`, input));
    expect(
      (await patch(`/api/legislative-terms/${term.id}`, { name: 'X' }, { cookie: office.foreignStaff })).status,
    ).toBe(403);
    expect((await remove(`/api/legislative-terms/${term.id}`, { cookie: office.councillor })).status).toBe(403);
    expect((await remove(`/api/legislative-terms/${term.id}`)).status).toBe(204);
  });
});

describe('locations', () => {
  it('are listed for the office only, found by words, paged by description and counted by use', async () => {
    expect((await t.request(`${bodyPath()}/locations`)).status).toBe(401);
    expect((await t.request(`${bodyPath()}/locations`, { cookie: office.councillor })).status).toBe(403);
    expect((await t.request(`${bodyPath()}/locations`, { cookie: office.foreignStaff })).status).toBe(403);

    for (const description of [
      'Bürgerhaus Lindenau',
      'Rathaus, Großer Sitzungssaal',
      'Rathaus, Kleiner Sitzungssaal',
    ]) {
      await created<Location>(
        await post(`${bodyPath()}/locations`, { description, streetAddress: 'Marktplatz 1', locality: 'Birkenfeld' }),
      );
    }
    const meeting = await createMeeting(t, office, { locationDescription: 'Feuerwehrhaus Birkenfeld' });
    expect(meeting.location?.description).toBe('Feuerwehrhaus Birkenfeld');

    const first = await read<Page<Location>>(`${bodyPath()}/locations?limit=2`, office.staff);
    expect(first.data.map((l) => l.description)).toEqual(['Bürgerhaus Lindenau', 'Feuerwehrhaus Birkenfeld']);
    expect(first.data[1]?.useCount).toBe(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await read<Page<Location>>(
      `${bodyPath()}/locations?limit=2&cursor=${first.nextCursor}`,
      office.staff,
    );
    expect(second.data.map((l) => l.description)).toEqual([
      'Rathaus, Großer Sitzungssaal',
      'Rathaus, Kleiner Sitzungssaal',
    ]);
    expect(second.nextCursor).toBeNull();

    const found = await read<Page<Location>>(
      `${bodyPath()}/locations?q=${encodeURIComponent('rathaus klein')}`,
      office.staff,
    );
    expect(found.data.map((l) => l.description)).toEqual(['Rathaus, Kleiner Sitzungssaal']);
    const byStreet = await read<Page<Location>>(`${bodyPath()}/locations?q=marktplatz`, office.staff);
    expect(byStreet.data).toHaveLength(3);
    const literal = await read<Page<Location>>(`${bodyPath()}/locations?q=${encodeURIComponent('%')}`, office.staff);
    expect(literal.data).toEqual([]);
  });

  it('change every meeting held there, and are deleted (soft) only when nothing names them', async () => {
    const meeting = await createMeeting(t, office, { locationDescription: 'Alte Schule' });
    const page = await read<Page<Location>>(
      `${bodyPath()}/locations?q=${encodeURIComponent('Alte Schule')}`,
      office.staff,
    );
    const place = page.data[0]!;
    expect(place.useCount).toBe(1);

    const changed = await patch(`/api/locations/${place.id}`, { description: 'Alte Schule, Aula', room: 'Aula' });
    expect(changed.status).toBe(200);
    const detail = await read<{ location: { description: string; room: string } }>(`/api/meetings/${meeting.id}`);
    expect(detail.location).toMatchObject({ description: 'Alte Schule, Aula', room: 'Aula' });
    const [update] = await auditEntries(t, 'location.update', place.id);
    expect(update?.details).toEqual({
      fields: ['description', 'room'],
      previous: { description: 'Alte Schule', room: null },
    });

    const refused = await remove(`/api/locations/${place.id}`, { headers: { 'accept-language': 'en' } });
    expect(refused.status).toBe(409);
    expect((await errorOf(refused)).issues?.[0]?.message).toBe(
      'The location is still in use once (meetings, organizations, persons). Please change those first.',
    );

    const unused = await created<Location>(await post(`${bodyPath()}/locations`, { description: 'Turnhalle' }));
    expect((await remove(`/api/locations/${unused.id}`, { cookie: office.foreignStaff })).status).toBe(403);
    expect((await remove(`/api/locations/${unused.id}`)).status).toBe(204);
    const after = await read<Page<Location>>(`${bodyPath()}/locations?q=Turnhalle`, office.staff);
    expect(after.data).toEqual([]);
    expect(await auditEntries(t, 'location.delete', unused.id)).toHaveLength(1);
  });

  it('need a description', async () => {
    const response = await post(`${bodyPath()}/locations`, { room: 'Saal' }, { headers: { 'accept-language': 'en' } });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).issues).toEqual([{ path: 'description', message: 'Please fill in.' }]);
  });
});

describe('persons and memberships', () => {
  let spd: Organization;
  let cdu: Organization;
  let committee: Organization;

  beforeAll(async () => {
    spd = await created<Organization>(
      await post(`${bodyPath()}/organizations`, { kind: 'faction', name: 'SPD-Fraktion', shortName: 'SPD' }),
    );
    cdu = await created<Organization>(
      await post(`${bodyPath()}/organizations`, { kind: 'faction', name: 'CDU-Fraktion', shortName: 'CDU' }),
    );
    committee = await created<Organization>(
      await post(`${bodyPath()}/organizations`, { kind: 'committee', name: 'Bau- und Umweltausschuss' }),
    );
  });

  async function person(givenName: string, familyName: string, extra: object = {}) {
    return created<Person>(await post(`${bodyPath()}/persons`, { givenName, familyName, ...extra }));
  }
  async function member(personId: string, organizationId: string, extra: object = {}) {
    return created<Membership>(
      await post(`${bodyPath()}/memberships`, { personId, organizationId, startDate: '2024-07-01', ...extra }),
    );
  }

  it('are changed by the office, the name following its parts; contact data stays out of the public shape', async () => {
    const jutta = await person('Jutta', 'Kesselring', { email: 'j.kesselring@example.org', phone: '06782 1234' });
    const response = await patch(`/api/persons/${jutta.id}`, {
      formOfAddress: 'Frau',
      title: ['Dr.'],
      familyName: 'Kesselring-Wendt',
      email: 'kesselring-wendt@example.org',
      contactPublic: true,
    });
    expect(response.status).toBe(200);
    const changed = (await response.json()) as Person;
    expect(changed.name).toBe('Frau Dr. Jutta Kesselring-Wendt');
    expect(JSON.stringify(changed)).not.toContain('example.org');

    expect(await read<PersonContact>(`/api/persons/${jutta.id}/contact`, office.staff)).toEqual({
      email: 'kesselring-wendt@example.org',
      phone: '06782 1234',
      contactPublic: true,
    });
    expect((await t.request(`/api/persons/${jutta.id}/contact`)).status).toBe(401);
    expect((await t.request(`/api/persons/${jutta.id}/contact`, { cookie: office.councillor })).status).toBe(403);
    expect((await t.request(`/api/persons/${jutta.id}/contact`, { cookie: office.foreignStaff })).status).toBe(403);

    const [audit] = await auditEntries(t, 'person.update', jutta.id);
    expect(audit?.details).toEqual({ fields: ['familyName', 'formOfAddress', 'title', 'email', 'contactPublic'] });
    expect(JSON.stringify(audit)).not.toContain('example.org');

    const invalid = await patch(`/api/persons/${jutta.id}`, { email: 'kein-at', givenName: '' });
    expect(invalid.status).toBe(400);
    expect((await errorOf(invalid)).issues).toEqual([
      { path: 'givenName', message: 'Bitte ausfüllen.' },
      { path: 'email', message: 'Bitte eine gültige E-Mail-Adresse angeben, z. B. name@example.org.' },
    ]);
    expect((await patch(`/api/persons/${jutta.id}`, { givenName: 'X' }, { cookie: office.foreignStaff })).status).toBe(
      403,
    );
    expect((await remove(`/api/persons/${jutta.id}`)).status).toBe(204);
    expect((await patch(`/api/persons/${jutta.id}`, { givenName: 'X' })).status).toBe(409);
  });

  it('are listed with their current faction and found by words of the name and by faction', async () => {
    const anna = await person('Anna', 'Brenneisen');
    const bernd = await person('Bernd', 'Vollmer');
    const clara = await person('Clara', 'Albrecht');
    await member(anna.id, spd.id);
    await member(bernd.id, cdu.id, { endDate: '2026-01-31' });
    await member(bernd.id, spd.id, { startDate: '2026-02-01' });
    await member(clara.id, cdu.id, { startDate: '2026-09-01' });

    const all = await read<{ data: PersonListItem[] }>(`${bodyPath()}/persons`);
    const factionOf = (id: string) => all.data.find((p) => p.id === id)?.faction?.shortName ?? null;
    expect([factionOf(anna.id), factionOf(bernd.id), factionOf(clara.id)]).toEqual(['SPD', 'SPD', null]);

    const bySpd = await read<{ data: PersonListItem[] }>(`${bodyPath()}/persons?faction=${spd.id}`);
    expect(bySpd.data.map((p) => p.name)).toEqual(['Anna Brenneisen', 'Bernd Vollmer']);
    const byCdu = await read<{ data: PersonListItem[] }>(`${bodyPath()}/persons?faction=${cdu.id}`);
    expect(byCdu.data).toEqual([]);
    const none = await read<{ data: PersonListItem[] }>(`${bodyPath()}/persons?faction=none`);
    expect(none.data.map((p) => p.id)).toContain(clara.id);
    expect(none.data.map((p) => p.id)).not.toContain(anna.id);
    const byName = await read<{ data: PersonListItem[] }>(`${bodyPath()}/persons?q=${encodeURIComponent('vOLL bern')}`);
    expect(byName.data.map((p) => p.id)).toEqual([bernd.id]);
    const invalid = await t.request(`${bodyPath()}/persons?faction=spd`);
    expect(invalid.status).toBe(400);
  });

  it('list an organization’s memberships by status, with persons and the faction a seat is held for', async () => {
    const dora = await person('Dora', 'Hagedorn');
    const emil = await person('Emil', 'Morgenroth');
    const seat = await member(dora.id, committee.id, { role: 'Vorsitz', onBehalfOf: spd.id });
    await member(emil.id, committee.id, {
      startDate: '2020-07-01',
      endDate: '2024-06-30',
      deputy: true,
      votingRight: false,
    });
    await member(emil.id, committee.id, { startDate: '2026-07-01' });

    const path = `/api/organizations/${committee.id}/memberships`;
    const all = await read<{ data: OrganizationMembership[] }>(path);
    expect(all.data.map((m) => `${m.person.name} ${m.status}`)).toEqual([
      'Dora Hagedorn current',
      'Emil Morgenroth upcoming',
      'Emil Morgenroth ended',
    ]);
    expect(all.data[0]).toMatchObject({
      id: seat.id,
      role: 'Vorsitz',
      onBehalfOfOrganization: { id: spd.id, shortName: 'SPD' },
    });
    const ended = await read<{ data: OrganizationMembership[] }>(`${path}?status=ended`);
    expect(ended.data.map((m) => [m.person.name, m.deputy, m.votingRight])).toEqual([['Emil Morgenroth', true, false]]);
    expect((await read<{ data: OrganizationMembership[] }>(`${path}?status=current`)).data.map((m) => m.id)).toEqual([
      seat.id,
    ]);
    expect((await read<{ data: OrganizationMembership[] }>(`${path}?status=upcoming`)).data).toHaveLength(1);

    const ending = await post(`/api/memberships/${seat.id}/end`, { endDate: '2026-06-14' });
    expect(ending.status).toBe(200);
    expect((await read<{ data: OrganizationMembership[] }>(`${path}?status=current`)).data).toEqual([]);
    expect(await auditEntries(t, 'membership.end', seat.id)).toHaveLength(1);
  });

  it('are changed (role, deputy, voting right, dates, faction), each change audited with what was there before', async () => {
    const fritz = await person('Fritz', 'Wendland');
    const seat = await member(fritz.id, committee.id, { role: 'Mitglied' });
    const response = await patch(`/api/memberships/${seat.id}`, {
      role: 'stellv. Vorsitz',
      deputy: true,
      votingRight: false,
      onBehalfOf: cdu.id,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      role: 'stellv. Vorsitz',
      deputy: true,
      votingRight: false,
      onBehalfOf: cdu.id,
    });
    const [audit] = await auditEntries(t, 'membership.update', seat.id);
    expect(audit?.details).toEqual({
      fields: ['role', 'deputy', 'votingRight', 'onBehalfOf'],
      previous: { role: 'Mitglied', deputy: false, votingRight: true, onBehalfOf: null },
    });

    const backwards = await patch(
      `/api/memberships/${seat.id}`,
      { endDate: '2024-06-30' },
      { headers: { 'accept-language': 'en' } },
    );
    expect(backwards.status).toBe(400);
    expect((await errorOf(backwards)).issues).toEqual([
      { path: 'endDate', message: 'The end must not be before the start.' },
    ]);
    const notFaction = await patch(`/api/memberships/${seat.id}`, { onBehalfOf: committee.id });
    expect(notFaction.status).toBe(400);
    expect((await errorOf(notFaction)).issues).toEqual([
      { path: 'onBehalfOf', message: 'Hier kann nur eine Fraktion dieser Körperschaft stehen.' },
    ]);
    const endBefore = await post(`/api/memberships/${seat.id}/end`, { endDate: '2024-01-01' });
    expect((await errorOf(endBefore)).issues).toEqual([
      { path: 'endDate', message: 'Das Ende darf nicht vor dem Beginn liegen.' },
    ]);
    expect((await patch(`/api/memberships/${seat.id}`, { role: 'X' }, { cookie: office.councillor })).status).toBe(403);

    expect((await remove(`/api/memberships/${seat.id}`)).status).toBe(204);
    expect((await patch(`/api/memberships/${seat.id}`, { role: 'X' })).status).toBe(404);
  });

  it('refuse a seat for something that is not a faction of the body, naming the field', async () => {
    const gisela = await person('Gisela', 'Ober');
    const response = await post(`${bodyPath()}/memberships`, {
      personId: gisela.id,
      organizationId: committee.id,
      startDate: '2024-07-01',
      onBehalfOf: committee.id,
    });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).issues).toEqual([
      { path: 'onBehalfOf', message: 'Hier kann nur eine Fraktion dieser Körperschaft stehen.' },
    ]);
  });
});

describe('organizations', () => {
  it('are found by kind and words of the name', async () => {
    const staff = await makeAccount(t.ctx.database.db, { officeStaffOf: [office.bodyId] });
    const cookie = await signIn(t, staff.email);
    await post(
      `${bodyPath()}/organizations`,
      { kind: 'committee', name: 'Haupt- und Finanzausschuss Nord', shortName: 'HFA-N' },
      { cookie },
    );
    await post(`${bodyPath()}/organizations`, { kind: 'advisory_board', name: 'Seniorenbeirat' }, { cookie });
    const committees = await read<{ data: Organization[] }>(`${bodyPath()}/organizations?kind=committee`);
    expect(committees.data.every((o) => o.kind === 'committee')).toBe(true);
    expect(committees.data.map((o) => o.name)).toContain('Haupt- und Finanzausschuss Nord');
    const byShortName = await read<{ data: Organization[] }>(`${bodyPath()}/organizations?q=hfa-n`);
    expect(byShortName.data.map((o) => o.name)).toEqual(['Haupt- und Finanzausschuss Nord']);
    const wrongKind = await t.request(`${bodyPath()}/organizations?kind=club`, {
      headers: { 'accept-language': 'en' },
    });
    expect(wrongKind.status).toBe(400);
    expect((await errorOf(wrongKind)).issues).toEqual([
      { path: 'kind', message: 'Please choose one of the offered values.' },
    ]);
  });

  it('check an end date against the stored start date', async () => {
    const board = await created<Organization>(
      await post(`${bodyPath()}/organizations`, {
        kind: 'advisory_board',
        name: 'Jugendbeirat',
        startDate: '2025-01-01',
      }),
    );
    const response = await patch(`/api/organizations/${board.id}`, { endDate: '2024-12-31' });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).issues).toEqual([
      { path: 'endDate', message: 'Das Ende darf nicht vor dem Beginn liegen.' },
    ]);
  });
});
