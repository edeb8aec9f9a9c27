import type { Agenda, AgendaItemView, ErrorResponse, MeetingDetail, MeetingSummary, Paper } from '@ratsmappe/shared';
import { expect } from 'vitest';
import { makeAccount, makeBody, makeMembership, makeOrganization, makePerson, signIn } from './factories.js';
import type { TestApp } from './harness.js';

/** Support for the office workflow tests: a body with its office, a committee and a councillor, and short requests. */

export const json = (value: unknown) => JSON.stringify(value);

export interface Office {
  bodyId: string;
  committeeId: string;
  /** Office staff of this body. */
  staff: string;
  /** A member of the committee, signed in, without office rights. */
  councillor: string;
  /** Office staff of another body. */
  foreignStaff: string;
}

export async function setUpOffice(t: TestApp, bodyName = 'Ortsgemeinde Birkenfeld'): Promise<Office> {
  const db = t.ctx.database.db;
  const body = await makeBody(db, { name: bodyName });
  await db
    .updateTable('body')
    .set({
      street_address: 'Marktplatz 1',
      postal_code: '55765',
      locality: 'Birkenfeld',
      contact_email: 'sitzungsdienst@birkenfeld.example',
    })
    .where('id', '=', body.id)
    .execute();
  const committee = await makeOrganization(db, body.id, 'committee', 'Haupt- und Finanzausschuss');
  const person = await makePerson(db, body.id);
  await makeMembership(db, person, committee.id, { start: '2020-01-01' });
  const other = await makeBody(db);
  const [staff, councillor, foreignStaff] = await Promise.all([
    makeAccount(db, { officeStaffOf: [body.id] }),
    makeAccount(db, { personIds: [person.id] }),
    makeAccount(db, { officeStaffOf: [other.id] }),
  ]);
  return {
    bodyId: body.id,
    committeeId: committee.id,
    staff: await signIn(t, staff.email),
    councillor: await signIn(t, councillor.email),
    foreignStaff: await signIn(t, foreignStaff.email),
  };
}

export async function createMeeting(
  t: TestApp,
  office: Office,
  overrides: Record<string, unknown> = {},
): Promise<MeetingSummary> {
  const response = await t.request(`/api/bodies/${office.bodyId}/meetings`, {
    method: 'POST',
    cookie: office.staff,
    body: json({
      name: '12. Sitzung des Haupt- und Finanzausschusses',
      start: '2026-12-03T18:00:00+01:00',
      end: '2026-12-03T20:30:00+01:00',
      organizationIds: [office.committeeId],
      locationDescription: 'Rathaus Birkenfeld, Großer Sitzungssaal',
      ...overrides,
    }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as MeetingSummary;
}

export async function addItem(
  t: TestApp,
  office: Office,
  meetingId: string,
  item: { name: string; public: boolean; parentId?: string; paperId?: string },
): Promise<AgendaItemView> {
  const response = await t.request(`/api/meetings/${meetingId}/agenda-items`, {
    method: 'POST',
    cookie: office.staff,
    body: json(item),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as AgendaItemView;
}

export async function createPaper(
  t: TestApp,
  office: Office,
  paper: { name: string; date?: string; paperType?: string; public?: boolean; reference?: string },
): Promise<Paper> {
  const response = await t.request(`/api/bodies/${office.bodyId}/papers`, {
    method: 'POST',
    cookie: office.staff,
    body: json({ date: '2026-11-02', paperType: 'Beschlussvorlage', public: true, ...paper }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Paper;
}

export async function getAgenda(t: TestApp, office: Office, meetingId: string): Promise<Agenda> {
  const response = await t.request(`/api/meetings/${meetingId}/agenda`, { cookie: office.staff });
  expect(response.status).toBe(200);
  return (await response.json()) as Agenda;
}

/** The agenda as "number name" lines, the way a council prints it. */
export function printed(agenda: Agenda): string[] {
  return agenda.items.map((i) => `${i.number} ${i.name}`);
}

export function setState(
  t: TestApp,
  office: Office,
  meetingId: string,
  state: string,
  headers?: Record<string, string>,
) {
  return t.request(`/api/meetings/${meetingId}/state`, {
    method: 'POST',
    cookie: office.staff,
    headers,
    body: json({ state }),
  });
}

export async function invite(t: TestApp, office: Office, meetingId: string): Promise<MeetingDetail> {
  const response = await setState(t, office, meetingId, 'invited');
  expect(response.status).toBe(200);
  return (await response.json()) as MeetingDetail;
}

export async function errorOf(response: Response) {
  return ((await response.json()) as ErrorResponse).error;
}

export async function auditEntries(t: TestApp, action: string, objectId?: string) {
  let query = t.ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (objectId) query = query.where('object_id', '=', objectId);
  return query.orderBy('id').execute();
}
