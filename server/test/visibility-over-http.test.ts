import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { makeAccount, makeBody, makeMembership, makeOrganization, makePerson, signIn } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';
import type { MeetingDetail } from './types.js';

/** One body with two committees; a Bauausschuss meeting with one public and one non-public item and paper. */
let t: TestApp;
const clock = new ManualClock(new Date('2026-11-21T10:00:00Z'));
const cookies: Record<string, string> = {};
let meetingId: string;
let nonPublicPaperId: string;
let publicPaperId: string;
let nonPublicItemId: string;
const secret = 'Vorkaufsrecht Flurstück 88/2';

beforeAll(async () => {
  t = await createTestApp({ clock });
  const db = t.ctx.database.db;
  const body = await makeBody(db, { councilMembersSeeNonPublic: false });
  const otherBody = await makeBody(db);
  const rat = await makeOrganization(db, body.id, 'council', 'Gemeinderat');
  const bau = await makeOrganization(db, body.id, 'committee', 'Bauausschuss');
  const finanz = await makeOrganization(db, body.id, 'committee', 'Finanzausschuss');

  const member = async (name: string, orgIds: string[], dates: { end?: string } = {}) => {
    const person = await makePerson(db, body.id);
    for (const orgId of orgIds) await makeMembership(db, person, orgId, dates);
    const account = await makeAccount(db, { personIds: [person.id] });
    cookies[name] = await signIn(t, account.email);
  };
  await member('bauMember', [bau.id, rat.id]);
  await member('finanzMember', [finanz.id, rat.id]);
  await member('endedBauMember', [bau.id], { end: '2026-10-31' });
  const staff = await makeAccount(db, { officeStaffOf: [body.id] });
  cookies.staff = await signIn(t, staff.email);
  const foreignStaff = await makeAccount(db, { officeStaffOf: [otherBody.id] });
  cookies.foreignStaff = await signIn(t, foreignStaff.email);
  const admin = await makeAccount(db, { systemAdmin: true });
  cookies.admin = await signIn(t, admin.email);
  cookies.anonymous = '';

  const paper = (name: string, isPublic: boolean) =>
    t.request(`/api/bodies/${body.id}/papers`, {
      method: 'POST',
      cookie: cookies.staff,
      body: JSON.stringify({ name, date: '2026-11-10', paperType: 'Beschlussvorlage', public: isPublic }),
    });
  publicPaperId = ((await (await paper('Neubau Feuerwehrgerätehaus', true)).json()) as { id: string }).id;
  nonPublicPaperId = ((await (await paper(secret, false)).json()) as { id: string }).id;

  const meeting = await t.request(`/api/bodies/${body.id}/meetings`, {
    method: 'POST',
    cookie: cookies.staff,
    body: JSON.stringify({
      name: 'Sitzung des Bauausschusses',
      start: '2026-11-26T18:00:00+01:00',
      organizationIds: [bau.id],
    }),
  });
  meetingId = ((await meeting.json()) as { id: string }).id;
  for (const item of [
    { name: 'Neubau Feuerwehrgerätehaus', public: true, paperId: publicPaperId },
    { name: secret, public: false, paperId: nonPublicPaperId },
  ]) {
    const response = await t.request(`/api/meetings/${meetingId}/agenda-items`, {
      method: 'POST',
      cookie: cookies.staff,
      body: JSON.stringify(item),
    });
    expect(response.status).toBe(201);
    if (!item.public) nonPublicItemId = ((await response.json()) as { id: string }).id;
  }
  // One document on each side: the public item's paper (public) and the non-public item itself.
  const document = await PDFDocument.create();
  document.addPage();
  const bytes = await document.save();
  for (const [target, name, query] of [
    [`/api/papers/${publicPaperId}/files`, 'Lageplan Feuerwehr.pdf', '?public=true'],
    [`/api/agenda-items/${nonPublicItemId}/files`, 'Kaufvertrag Entwurf.pdf', ''],
  ] as const) {
    const response = await t.request(`${target}${query}`, {
      method: 'POST',
      cookie: cookies.staff,
      headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent(name) },
      body: new Blob([bytes]),
    });
    expect(response.status).toBe(201);
  }
});
afterAll(() => t.close());

const readers = ['bauMember', 'staff'];
const nonReaders = ['anonymous', 'finanzMember', 'endedBauMember', 'foreignStaff', 'admin'];

describe('non-public agenda items over HTTP', () => {
  it.each(readers)('shows the non-public item and its paper to %s', async (who) => {
    const detail = (await (
      await t.request(`/api/meetings/${meetingId}`, { cookie: cookies[who] })
    ).json()) as MeetingDetail;
    expect(detail.agendaItems.map((i) => [i.number, i.name])).toEqual([
      ['Ö 1', 'Neubau Feuerwehrgerätehaus'],
      ['N 1', secret],
    ]);
    expect((await t.request(`/api/papers/${nonPublicPaperId}`, { cookie: cookies[who] })).status).toBe(200);
  });

  it.each(nonReaders)('shows %s only the number of the non-public item, and 404 for its paper', async (who) => {
    const response = await t.request(`/api/meetings/${meetingId}`, { cookie: cookies[who] });
    const text = await response.text();
    expect(text).not.toContain('Flurstück 88/2');
    const detail = JSON.parse(text) as MeetingDetail;
    expect(detail.agendaItems[1]).toMatchObject({
      number: 'N 1',
      public: false,
      readable: false,
      name: null,
      paperId: null,
    });
    const paper = await t.request(`/api/papers/${nonPublicPaperId}`, { cookie: cookies[who] });
    expect(paper.status).toBe(404);
    expect(await paper.text()).not.toContain('Flurstück');
  });

  it('marks what only a reader receives as non-public and never lets a cache keep it', async () => {
    const member = await t.request(`/api/meetings/${meetingId}`, { cookie: cookies.bauMember });
    expect(member.headers.get('cache-control')).toBe('no-store');
    const detail = (await member.json()) as MeetingDetail;
    expect(detail.agendaItems.map((i) => i.files.map((f) => [f.name, f.public]))).toEqual([
      [['Lageplan Feuerwehr', true]],
      [['Kaufvertrag Entwurf', false]],
    ]);
    // The anonymous answer that follows comes from the public response cache or the database, never the member's.
    for (let visit = 0; visit < 2; visit++) {
      const visitor = await t.request(`/api/meetings/${meetingId}`);
      const text = await visitor.text();
      expect(text).not.toContain('Kaufvertrag');
      expect((JSON.parse(text) as MeetingDetail).agendaItems[0]!.files.map((f) => f.public)).toEqual([true]);
    }
    const file = detail.agendaItems[1]!.files[0]!;
    const door = await t.request(`/files/${file.id}`, { cookie: cookies.bauMember });
    expect(door.status).toBe(200);
    expect(door.headers.get('cache-control')).toBe('private, no-store');
    expect((await t.request(`/files/${file.id}`)).status).toBe(404);
  });

  it('serves the public paper to everyone', async () => {
    expect((await t.request(`/api/papers/${publicPaperId}`)).status).toBe(200);
  });

  it('closes access on the day after a membership ends, without a new sign-in', async () => {
    const db = t.ctx.database.db;
    const body = await db.selectFrom('meeting').select('body_id').where('id', '=', meetingId).executeTakeFirstOrThrow();
    const bau = await db
      .selectFrom('organization')
      .select('id')
      .where('name', '=', 'Bauausschuss')
      .executeTakeFirstOrThrow();
    const person = await makePerson(db, body.body_id);
    await makeMembership(db, person, bau.id, { end: '2026-11-21' });
    const account = await makeAccount(db, { personIds: [person.id] });
    const cookie = await signIn(t, account.email);
    expect((await t.request(`/api/papers/${nonPublicPaperId}`, { cookie })).status).toBe(200);
    clock.set(new Date('2026-11-22T09:00:00Z'));
    try {
      expect((await t.request(`/api/papers/${nonPublicPaperId}`, { cookie })).status).toBe(404);
    } finally {
      clock.set(new Date('2026-11-21T10:00:00Z'));
    }
  });
});
