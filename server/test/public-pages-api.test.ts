import { createHash } from 'node:crypto';
import type { FileRef, MeetingDetail, OrganizationDetail, PaperDetail, PersonDetail } from '@ratsmappe/shared';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import type { FileRole } from '../src/db/schema/tables.js';
import { makeAccount, makeBody, makeMembership, makeOrganization, makePerson, signIn } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';

/**
 * The read endpoints behind the public pages: meeting detail with papers and documents, paper detail with its
 * Beratungsfolge, committee members, person pages and the single-meeting calendar file. Every test that shows
 * something to the public also checks the raw answer for the canary word of the non-public content.
 */
let t: TestApp;
const clock = new ManualClock(new Date('2026-11-21T10:00:00Z'));
const canary = 'Quendelhorst';
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};

async function json<T>(path: string, cookie?: string): Promise<{ status: number; text: string; body: T }> {
  const response = await t.request(path, cookie ? { cookie } : {});
  const text = await response.text();
  return { status: response.status, text, body: (text ? JSON.parse(text) : null) as T };
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  const db = t.ctx.database.db;
  const body = await makeBody(db);
  ids.body = body.id;
  const rat = await makeOrganization(db, body.id, 'council', 'Gemeinderat');
  const bau = await makeOrganization(db, body.id, 'committee', 'Bauausschuss');
  const cdu = await makeOrganization(db, body.id, 'faction', 'CDU-Fraktion');
  const spd = await makeOrganization(db, body.id, 'faction', 'SPD-Fraktion');
  Object.assign(ids, { rat: rat.id, bau: bau.id, cdu: cdu.id, spd: spd.id });

  // Chair sits for the CDU (on_behalf_of); member's faction comes from their own faction membership.
  const chair = await makePerson(db, body.id);
  const member = await makePerson(db, body.id);
  const deputy = await makePerson(db, body.id);
  const former = await makePerson(db, body.id);
  await db
    .updateTable('person')
    .set({ email: 'geheim@example.org', phone: '0123 456' })
    .where('id', '=', member.id)
    .execute();
  Object.assign(ids, { chair: chair.id, member: member.id, deputy: deputy.id, former: former.id });
  await makeMembership(db, chair, cdu.id);
  await db
    .insertInto('membership')
    .values({
      body_id: body.id,
      person_id: chair.id,
      organization_id: bau.id,
      role: 'Vorsitzende',
      start_date: '2024-06-01',
      on_behalf_of: cdu.id,
    })
    .execute();
  await makeMembership(db, member, spd.id);
  await makeMembership(db, member, bau.id);
  await makeMembership(db, member, rat.id);
  await makeMembership(db, deputy, bau.id, { deputy: true });
  await makeMembership(db, former, bau.id, { end: '2026-10-31' });
  await makeMembership(db, former, cdu.id, { end: '2026-10-31' });

  const staff = await makeAccount(db, { officeStaffOf: [body.id] });
  cookies.staff = await signIn(t, staff.email);
  const memberAccount = await makeAccount(db, { personIds: [member.id] });
  cookies.bauMember = await signIn(t, memberAccount.email);

  const post = async (path: string, payload: unknown) => {
    const response = await t.request(path, { method: 'POST', cookie: cookies.staff, body: JSON.stringify(payload) });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const paper = (name: string, reference: string, isPublic: boolean) =>
    post(`/api/bodies/${body.id}/papers`, {
      name,
      reference,
      date: '2026-11-10',
      paperType: 'Beschlussvorlage',
      bodyText: isPublic ? 'Der Ausschuss empfiehlt den Neubau.' : `Gewann ${canary}`,
      public: isPublic,
    });
  ids.publicPaper = await paper('Neubau Feuerwehrgerätehaus', 'BV/2026/0101', true);
  ids.secretPaper = await paper(`Grundstücksankauf Gewann ${canary}`, 'BV/2026/0102', false);
  ids.publicPaperOnSecretItem = await paper('Bebauungsplan Mühlweg', 'BV/2026/0103', true);

  ids.meeting = await post(`/api/bodies/${body.id}/meetings`, {
    name: 'Sitzung des Bauausschusses',
    start: '2026-11-26T18:00:00+01:00',
    organizationIds: [bau.id],
    locationDescription: 'Rathaus',
  });
  const item = (name: string, isPublic: boolean, paperId?: string) =>
    post(`/api/meetings/${ids.meeting}/agenda-items`, { name, public: isPublic, paperId });
  ids.publicItem = await item('Neubau Feuerwehrgerätehaus', true, ids.publicPaper);
  ids.plainItem = await item('Mitteilungen der Verwaltung', true);
  ids.secretItem = await item(`Grundstücksankauf Gewann ${canary}`, false, ids.secretPaper);
  ids.secretItemWithPublicPaper = await item(`Vorkaufsrecht ${canary}`, false, ids.publicPaperOnSecretItem);
  await db
    .updateTable('agenda_item')
    .set({ result: 'einstimmig empfohlen' })
    .where('id', '=', ids.publicItem)
    .execute();
  await db
    .updateTable('agenda_item')
    .set({ result: `${canary} abgelehnt` })
    .where('id', '=', ids.secretItemWithPublicPaper)
    .execute();

  const file = async (
    owner: { meeting_id?: string; agenda_item_id?: string; paper_id?: string },
    name: string,
    role: FileRole,
    isPublic: boolean,
    versions: { fileName: string; deleted?: boolean }[] = [{ fileName: `${name}.pdf` }],
  ) => {
    const row = await db
      .insertInto('file')
      .values({
        body_id: body.id,
        name,
        role,
        public: isPublic,
        visibility_confirmed_at: isPublic ? new Date() : null,
        date: '2026-11-12',
        meeting_id: owner.meeting_id ?? null,
        agenda_item_id: owner.agenda_item_id ?? null,
        paper_id: owner.paper_id ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [index, version] of versions.entries()) {
      const content = `%PDF-1.7 ${name} ${index}`;
      const sha256 = createHash('sha256').update(content).digest('hex');
      await db
        .insertInto('blob')
        .values({ sha256, size: content.length, mime_type: 'application/pdf' })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await db
        .insertInto('file_version')
        .values({
          body_id: body.id,
          file_id: row.id,
          version: index + 1,
          sha256,
          size: content.length + index,
          mime_type: 'application/pdf',
          file_name: version.fileName,
          deleted: version.deleted ?? false,
        })
        .execute();
    }
    return row.id;
  };
  ids.invitation = await file({ meeting_id: ids.meeting }, 'Einladung', 'invitation', true);
  ids.draftMinutes = await file(
    { meeting_id: ids.meeting },
    `Entwurf Niederschrift ${canary}`,
    'results_protocol',
    false,
  );
  ids.mainFile = await file({ paper_id: ids.publicPaper }, 'Beschlussvorlage', 'main', true, [
    { fileName: 'vorlage-v1.pdf' },
    { fileName: 'vorlage-v2.pdf' },
    { fileName: 'vorlage-v3-zurueckgezogen.pdf', deleted: true },
  ]);
  ids.unconfirmedFile = await file({ paper_id: ids.publicPaper }, `Anlage ${canary}`, 'auxiliary', false);
  ids.itemFile = await file({ agenda_item_id: ids.plainItem }, 'Präsentation', 'auxiliary', true);
  ids.secretPaperFile = await file({ paper_id: ids.secretPaper }, `Kaufvertrag ${canary}`, 'main', false);
  // Flagged public, but its agenda item is not: effectively non-public.
  ids.secretItemFile = await file({ agenda_item_id: ids.secretItem }, `Lageplan ${canary}`, 'auxiliary', true);
  ids.noVersionFile = await file({ paper_id: ids.publicPaper }, 'Leer', 'auxiliary', true, [
    { fileName: 'leer.pdf', deleted: true },
  ]);
});
afterAll(() => t.close());

const hiddenFiles = () => [ids.draftMinutes, ids.unconfirmedFile, ids.secretPaperFile, ids.secretItemFile];

describe('GET /api/meetings/:id for the public pages', () => {
  it("lists each readable item's paper and documents and the meeting's own public files", async () => {
    const { status, body } = await json<MeetingDetail>(`/api/meetings/${ids.meeting}`);
    expect(status).toBe(200);
    const [first, second] = body.agendaItems;
    expect(first).toMatchObject({
      number: 'Ö 1',
      name: 'Neubau Feuerwehrgerätehaus',
      paper: { id: ids.publicPaper, reference: 'BV/2026/0101', name: 'Neubau Feuerwehrgerätehaus' },
    });
    expect(first!.paper!.paperType).toBe('Beschlussvorlage');
    expect(first!.files.map((f) => [f.id, f.fileName, f.version])).toEqual([[ids.mainFile, 'vorlage-v2.pdf', 2]]);
    expect(second).toMatchObject({ number: 'Ö 2', paper: null });
    expect(second!.files.map((f) => f.id)).toEqual([ids.itemFile]);
    expect(body.files.map((f: FileRef) => [f.id, f.role])).toEqual([[ids.invitation, 'invitation']]);
    expect(body.files[0]).toMatchObject({ name: 'Einladung', fileName: 'Einladung.pdf', mimeType: 'application/pdf' });
  });

  it('announces non-public items by number only: no name, paper, files or result, anywhere in the answer', async () => {
    const { text, body } = await json<MeetingDetail>(`/api/meetings/${ids.meeting}`);
    expect(body.agendaItems.slice(2)).toEqual([
      expect.objectContaining({ number: 'N 1', readable: false, name: null, paperId: null, paper: null, files: [] }),
      expect.objectContaining({ number: 'N 2', readable: false, name: null, paperId: null, paper: null, files: [] }),
    ]);
    expect(text).not.toContain(canary);
    for (const id of [...hiddenFiles(), ids.secretPaper, ids.publicPaperOnSecretItem]) expect(text).not.toContain(id);
  });

  it('gives a member of the committee the non-public items with their papers and files', async () => {
    const { body } = await json<MeetingDetail>(`/api/meetings/${ids.meeting}`, cookies.bauMember);
    const secret = body.agendaItems.find((i) => i.id === ids.secretItem)!;
    expect(secret.paper?.id).toBe(ids.secretPaper);
    expect(secret.files.map((f) => f.id).sort()).toEqual([ids.secretItemFile, ids.secretPaperFile].sort());
    // The unconfirmed draft minutes are not public, but the committee's members may read them.
    expect(body.files.map((f) => f.id)).toEqual([ids.invitation, ids.draftMinutes]);
  });
});

describe('GET /api/papers/:id for the public pages', () => {
  it('lists public files in their current version and the Beratungsfolge with the public item', async () => {
    const { status, text, body } = await json<PaperDetail>(`/api/papers/${ids.publicPaper}`);
    expect(status).toBe(200);
    expect(body.bodyText).toBe('Der Ausschuss empfiehlt den Neubau.');
    expect(body.files.map((f) => [f.id, f.fileName, f.version])).toEqual([[ids.mainFile, 'vorlage-v2.pdf', 2]]);
    expect(body.consultations).toEqual([
      {
        id: expect.any(String) as string,
        role: null,
        authoritative: false,
        organization: { id: ids.bau, name: 'Bauausschuss', shortName: null },
        meeting: {
          id: ids.meeting,
          name: 'Sitzung des Bauausschusses',
          start: '2026-11-26T17:00:00.000Z',
          cancelled: false,
          state: 'planned',
        },
        agendaItem: {
          id: ids.publicItem,
          number: 'Ö 1',
          name: 'Neubau Feuerwehrgerätehaus',
          result: 'einstimmig empfohlen',
        },
      },
    ]);
    expect(text).not.toContain(canary);
    expect(text).not.toContain(ids.unconfirmedFile);
  });

  it('shows a public paper on a non-public item without revealing the item', async () => {
    const { text, body } = await json<PaperDetail>(`/api/papers/${ids.publicPaperOnSecretItem}`);
    expect(body.consultations).toHaveLength(1);
    expect(body.consultations[0]).toMatchObject({ meeting: { id: ids.meeting }, agendaItem: null });
    expect(text).not.toContain(canary);
    expect(text).not.toContain(ids.secretItemWithPublicPaper);

    const member = await json<PaperDetail>(`/api/papers/${ids.publicPaperOnSecretItem}`, cookies.bauMember);
    expect(member.body.consultations[0]!.agendaItem).toMatchObject({ number: 'N 2', result: `${canary} abgelehnt` });
  });

  it('answers 404 for a non-public paper to the public, and shows its files to the office', async () => {
    const anonymous = await json<unknown>(`/api/papers/${ids.secretPaper}`);
    expect(anonymous.status).toBe(404);
    expect(anonymous.text).not.toContain(canary);
    const staff = await json<PaperDetail>(`/api/papers/${ids.secretPaper}`, cookies.staff);
    expect(staff.body.files.map((f) => f.id)).toEqual([ids.secretPaperFile]);
    expect(staff.body.consultations[0]!.agendaItem?.id).toBe(ids.secretItem);
  });
});

describe('GET /api/organizations/:id for the public pages', () => {
  it('lists current members chair first, deputies last, each with the faction they sit for', async () => {
    const { body, text } = await json<OrganizationDetail>(`/api/organizations/${ids.bau}`);
    expect(body.name).toBe('Bauausschuss');
    expect(body.members.map((m) => [m.person.id, m.role, m.deputy, m.faction?.name ?? null])).toEqual([
      [ids.chair, 'Vorsitzende', false, 'CDU-Fraktion'],
      [ids.member, null, false, 'SPD-Fraktion'],
      [ids.deputy, null, true, null],
    ]);
    expect(text).not.toContain(ids.former);
    expect(text).not.toContain('geheim@example.org');
  });

  it('follows the clock: a membership that starts later is not current yet', async () => {
    const db = t.ctx.database.db;
    const newcomer = await makePerson(db, ids.body!);
    await makeMembership(db, { id: newcomer.id, body_id: ids.body! }, ids.bau!, { start: '2026-12-01' });
    expect((await json<OrganizationDetail>(`/api/organizations/${ids.bau}`)).text).not.toContain(newcomer.id);
    clock.set(new Date('2026-12-01T08:00:00Z'));
    try {
      expect((await json<OrganizationDetail>(`/api/organizations/${ids.bau}`)).text).toContain(newcomer.id);
    } finally {
      clock.set(new Date('2026-11-21T10:00:00Z'));
    }
  });
});

describe('GET /api/persons/:id for the public pages', () => {
  it('names the current faction and every membership, and never the contact data', async () => {
    const { body, text } = await json<PersonDetail>(`/api/persons/${ids.member}`);
    expect(body.faction).toEqual({ id: ids.spd, name: 'SPD-Fraktion', shortName: null });
    expect(body.memberships.map((m) => [m.organization.name, m.organization.kind]).sort()).toEqual([
      ['Bauausschuss', 'committee'],
      ['Gemeinderat', 'council'],
      ['SPD-Fraktion', 'faction'],
    ]);
    expect(text).not.toContain('geheim@example.org');
    expect(text).not.toContain('0123 456');
  });

  it('gives no faction once the faction membership has ended, but keeps the past memberships', async () => {
    const { body } = await json<PersonDetail>(`/api/persons/${ids.former}`);
    expect(body.faction).toBeNull();
    expect(body.memberships.map((m) => m.endDate)).toEqual(['2026-10-31', '2026-10-31']);
  });

  it('shows the organization a membership is held for', async () => {
    const { body } = await json<PersonDetail>(`/api/persons/${ids.chair}`);
    const seat = body.memberships.find((m) => m.organization.id === ids.bau)!;
    expect(seat.onBehalfOfOrganization).toEqual({ id: ids.cdu, name: 'CDU-Fraktion', shortName: null });
  });
});

describe('GET /ical/meeting/:id.ics', () => {
  it('serves one event with the public agenda only, as a download', async () => {
    const response = await t.request(`/ical/meeting/${ids.meeting}.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/calendar');
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const text = await response.text();
    expect(text).not.toContain(canary);
    const events = new ICAL.Component(ICAL.parse(text) as unknown[]).getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    const event = new ICAL.Event(events[0]);
    expect(event.summary).toBe('Sitzung des Bauausschusses');
    expect(event.description).toContain('Ö 1 Neubau Feuerwehrgerätehaus');
    expect(event.uid).toBe(`meeting-${ids.meeting}@ratsmappe.test`);
  });

  it('answers 404 for an unknown or deleted meeting', async () => {
    expect((await t.request('/ical/meeting/00000000-0000-4000-8000-000000000000.ics')).status).toBe(404);
    expect((await t.request(`/ical/meeting/${ids.meeting}.txt`)).status).toBe(404);
  });
});
