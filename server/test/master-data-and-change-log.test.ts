import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeLogEntry, Meeting, MeetingDetail, Organization, Person } from './types.js';
import { makeAccount, makeBody, signIn } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';

let t: TestApp;
let bodyId: string;
let staffCookie: string;

beforeAll(async () => {
  t = await createTestApp();
  const body = await makeBody(t.ctx.database.db, { name: 'Ortsgemeinde Birkenfeld' });
  bodyId = body.id;
  const staff = await makeAccount(t.ctx.database.db, { officeStaffOf: [bodyId] });
  staffCookie = await signIn(t, staff.email);
});
afterAll(() => t.close());

const json = (value: unknown) => JSON.stringify(value);

async function changesAfter(seq: string): Promise<ChangeLogEntry[]> {
  const response = await t.request(`/api/bodies/${bodyId}/changes?after=${seq}&limit=1000`, { cookie: staffCookie });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: ChangeLogEntry[] }).data;
}

async function lastSeq(): Promise<string> {
  const all = await changesAfter('0');
  return all.at(-1)?.seq ?? '0';
}

describe('master data over HTTP with the change log', () => {
  it('creates, reads and soft-deletes an organization, logging each change in order', async () => {
    const before = await lastSeq();
    const created = await t.request(`/api/bodies/${bodyId}/organizations`, {
      method: 'POST',
      cookie: staffCookie,
      body: json({ kind: 'committee', name: 'Bau- und Umweltausschuss', shortName: 'BUA' }),
    });
    expect(created.status).toBe(201);
    const organization = (await created.json()) as Organization;
    expect(organization).toMatchObject({ name: 'Bau- und Umweltausschuss', kind: 'committee', deleted: false });

    const renamed = await t.request(`/api/organizations/${organization.id}`, {
      method: 'PATCH',
      cookie: staffCookie,
      body: json({ name: 'Bau-, Umwelt- und Verkehrsausschuss' }),
    });
    expect(renamed.status).toBe(200);

    const read = await t.request(`/api/organizations/${organization.id}`);
    expect(((await read.json()) as Organization).name).toBe('Bau-, Umwelt- und Verkehrsausschuss');

    const deleted = await t.request(`/api/organizations/${organization.id}`, { method: 'DELETE', cookie: staffCookie });
    expect(deleted.status).toBe(204);

    const tombstone = (await (await t.request(`/api/organizations/${organization.id}`)).json()) as Organization;
    expect(tombstone).toMatchObject({ id: organization.id, deleted: true });
    expect(Date.parse(tombstone.modified)).toBeGreaterThanOrEqual(Date.parse(organization.modified));

    const listed = (await (await t.request(`/api/bodies/${bodyId}/organizations`)).json()) as { data: Organization[] };
    expect(listed.data.map((o) => o.id)).not.toContain(organization.id);

    const changes = (await changesAfter(before)).filter((c) => c.entityId === organization.id);
    expect(changes.map((c) => c.op)).toEqual(['upsert', 'upsert', 'delete']);
    const seqs = changes.map((c) => BigInt(c.seq));
    expect([...seqs].sort((a, b) => (a < b ? -1 : 1))).toEqual(seqs);
  });

  it('refuses to change a deleted organization', async () => {
    const organization = (await (
      await t.request(`/api/bodies/${bodyId}/organizations`, {
        method: 'POST',
        cookie: staffCookie,
        body: json({ kind: 'faction', name: 'Freie Wählergruppe Birkenfeld' }),
      })
    ).json()) as Organization;
    await t.request(`/api/organizations/${organization.id}`, { method: 'DELETE', cookie: staffCookie });
    const response = await t.request(`/api/organizations/${organization.id}`, {
      method: 'PATCH',
      cookie: staffCookie,
      body: json({ name: 'Neu' }),
    });
    expect(response.status).toBe(409);
  });

  it('builds a meeting with a numbered agenda and bumps the meeting when an item is added', async () => {
    const committee = (await (
      await t.request(`/api/bodies/${bodyId}/organizations`, {
        method: 'POST',
        cookie: staffCookie,
        body: json({ kind: 'committee', name: 'Haupt- und Finanzausschuss' }),
      })
    ).json()) as Organization;
    const meetingResponse = await t.request(`/api/bodies/${bodyId}/meetings`, {
      method: 'POST',
      cookie: staffCookie,
      body: json({
        name: '12. Sitzung des Haupt- und Finanzausschusses',
        start: '2026-12-03T18:00:00+01:00',
        end: '2026-12-03T20:30:00+01:00',
        organizationIds: [committee.id],
        locationDescription: 'Rathaus Birkenfeld, Großer Sitzungssaal',
      }),
    });
    expect(meetingResponse.status).toBe(201);
    const meeting = (await meetingResponse.json()) as Meeting;
    expect(meeting.organizations.map((o) => o.name)).toEqual(['Haupt- und Finanzausschuss']);
    expect(meeting.location?.description).toBe('Rathaus Birkenfeld, Großer Sitzungssaal');

    const before = await lastSeq();
    const add = (body: object) =>
      t.request(`/api/meetings/${meeting.id}/agenda-items`, { method: 'POST', cookie: staffCookie, body: json(body) });
    expect((await add({ name: 'Grundstücksangelegenheit Flurstück 17/3', public: false })).status).toBe(201);
    expect((await add({ name: 'Eröffnung der Sitzung', public: true })).status).toBe(201);
    const haushalt = (await (await add({ name: 'Haushaltssatzung 2027', public: true })).json()) as { id: string };
    expect((await add({ name: 'Stellenplan', public: true, parentId: haushalt.id })).status).toBe(201);

    const detail = (await (
      await t.request(`/api/meetings/${meeting.id}`, { cookie: staffCookie })
    ).json()) as MeetingDetail;
    expect(detail.agendaItems.map((i) => `${i.number} ${i.name}`)).toEqual([
      'Ö 1 Eröffnung der Sitzung',
      'Ö 2 Haushaltssatzung 2027',
      'Ö 2.1 Stellenplan',
      'N 1 Grundstücksangelegenheit Flurstück 17/3',
    ]);
    expect(Date.parse(detail.modified)).toBeGreaterThan(Date.parse(meeting.modified));

    const changes = await changesAfter(before);
    expect(changes.filter((c) => c.entity === 'agenda_item' && c.op === 'upsert').length).toBeGreaterThanOrEqual(4);
    expect(changes.some((c) => c.entity === 'meeting' && c.entityId === meeting.id)).toBe(true);
  });

  it('creates a person with a membership and shows only public fields', async () => {
    const council = (await (
      await t.request(`/api/bodies/${bodyId}/organizations`, {
        method: 'POST',
        cookie: staffCookie,
        body: json({ kind: 'council', name: 'Ortsgemeinderat Birkenfeld', classification: 'Parlament' }),
      })
    ).json()) as Organization;
    const personResponse = await t.request(`/api/bodies/${bodyId}/persons`, {
      method: 'POST',
      cookie: staffCookie,
      body: json({
        givenName: 'Jürgen',
        familyName: 'Weißbäcker',
        formOfAddress: 'Herr',
        title: ['Dr.'],
        email: 'j.weissbaecker@example.org',
      }),
    });
    expect(personResponse.status).toBe(201);
    const person = (await personResponse.json()) as Person;
    expect(person.name).toBe('Herr Dr. Jürgen Weißbäcker');
    expect(JSON.stringify(person)).not.toContain('example.org');

    const membership = await t.request(`/api/bodies/${bodyId}/memberships`, {
      method: 'POST',
      cookie: staffCookie,
      body: json({ personId: person.id, organizationId: council.id, role: 'Mitglied', startDate: '2024-07-01' }),
    });
    expect(membership.status).toBe(201);
    const read = (await (await t.request(`/api/persons/${person.id}`)).json()) as Person & {
      memberships: { organizationId: string }[];
    };
    expect(read.memberships.map((m) => m.organizationId)).toEqual([council.id]);
  });

  it('writes nothing when a request fails half-way (a membership into another body)', async () => {
    const otherBody = await makeBody(t.ctx.database.db);
    const foreignCouncil = await t.ctx.database.db
      .insertInto('organization')
      .values({ body_id: otherBody.id, kind: 'council', name: 'Fremder Rat' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const person = (await (
      await t.request(`/api/bodies/${bodyId}/persons`, {
        method: 'POST',
        cookie: staffCookie,
        body: json({ givenName: 'Anna', familyName: 'Quer' }),
      })
    ).json()) as Person;
    const before = await lastSeq();
    const response = await t.request(`/api/bodies/${bodyId}/memberships`, {
      method: 'POST',
      cookie: staffCookie,
      body: json({ personId: person.id, organizationId: foreignCouncil.id, startDate: '2024-07-01' }),
    });
    expect(response.status).toBe(400);
    expect(await changesAfter(before)).toEqual([]);
  });

  it('keeps the audit trail append-only', async () => {
    const db = t.ctx.database.db;
    const entries = await db.selectFrom('audit_log').select(['action', 'account_id']).execute();
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['organization.create', 'organization.delete']),
    );
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(db.updateTable('audit_log').set({ action: 'x' }).execute()).rejects.toThrow(/append-only/);
  });
});
