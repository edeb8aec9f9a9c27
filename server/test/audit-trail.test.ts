import type { AuditEntry, CreatedAccount, Page } from '@ratsmappe/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeBody, makePerson, signIn } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';

let t: TestApp;
let bodyA: string;
let bodyB: string;
let admin: string;
let staffA: string;
let staffAId: string;
let staffB: string;
let councillorId: string;
let organizationA: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.ctx.database.db;
  bodyA = (await makeBody(db)).id;
  bodyB = (await makeBody(db)).id;
  admin = await signIn(t, (await makeAccount(db, { systemAdmin: true })).email);
  const staffAccount = await makeAccount(db, { officeStaffOf: [bodyA] });
  staffAId = staffAccount.id;
  await db.updateTable('account').set({ display_name: 'Petra Verwaltung' }).where('id', '=', staffAId).execute();
  staffA = await signIn(t, staffAccount.email);
  staffB = await signIn(t, (await makeAccount(db, { officeStaffOf: [bodyB] })).email);

  organizationA = await createCommittee(staffA, bodyA, 'Bauausschuss A');
  await createCommittee(staffA, bodyA, 'Kulturausschuss A');
  await createCommittee(staffB, bodyB, 'Bauausschuss B');
  const person = await makePerson(db, bodyA);
  const created = await t.request('/api/accounts', {
    method: 'POST',
    cookie: staffA,
    body: JSON.stringify({ email: 'rat@example.org', displayName: 'Rat A', personIds: [person.id] }),
  });
  councillorId = ((await created.json()) as CreatedAccount).account.id;
  await t.request('/api/bodies', {
    method: 'POST',
    cookie: admin,
    body: JSON.stringify({ slug: 'neue-gemeinde', name: 'Neue Gemeinde' }),
  });
  await t.request('/api/session', {
    method: 'POST',
    body: JSON.stringify({ email: 'rat@example.org', password: 'Geheimnis-im-Klartext' }),
  });
});
afterAll(() => t.close());

async function createCommittee(cookie: string, bodyId: string, name: string): Promise<string> {
  const response = await t.request(`/api/bodies/${bodyId}/organizations`, {
    method: 'POST',
    cookie,
    body: JSON.stringify({ kind: 'committee', name }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function trail(path: string, cookie: string): Promise<Page<AuditEntry>> {
  const response = await t.request(path, { cookie });
  expect(response.status).toBe(200);
  return (await response.json()) as Page<AuditEntry>;
}

describe("a body's audit trail", () => {
  it("shows office staff their body's writes, newest first, with the actor's name", async () => {
    const page = await trail(`/api/bodies/${bodyA}/audit`, staffA);
    expect(page.data.map((e) => e.action)).toEqual(['account.create', 'organization.create', 'organization.create']);
    expect(page.data.every((e) => e.bodyId === bodyA)).toBe(true);
    const ids = page.data.map((e) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : 1)));
    expect(page.data[2]).toMatchObject({
      actor: { id: staffAId, displayName: 'Petra Verwaltung' },
      action: 'organization.create',
      objectType: 'organization',
      objectId: organizationA,
    });
    expect(page.data[0]).toMatchObject({ objectType: 'account', objectId: councillorId });
  });

  it('never shows staff of one body the trail of another', async () => {
    const own = await trail(`/api/bodies/${bodyB}/audit`, staffB);
    expect(own.data.map((e) => e.action)).toEqual(['organization.create']);
    expect(own.data.every((e) => e.bodyId === bodyB)).toBe(true);
    expect((await t.request(`/api/bodies/${bodyA}/audit`, { cookie: staffB })).status).toBe(403);
    expect((await t.request(`/api/bodies/${bodyA}/audit`)).status).toBe(401);
    // A system admin is not office staff of the body: body content changes are not theirs to read.
    expect((await t.request(`/api/bodies/${bodyA}/audit`, { cookie: admin })).status).toBe(403);
  });

  it('filters by action (exactly or by prefix), actor, object type, object and time', async () => {
    const base = `/api/bodies/${bodyA}/audit`;
    expect((await trail(`${base}?action=organization.create`, staffA)).data).toHaveLength(2);
    expect((await trail(`${base}?action=account.*`, staffA)).data.map((e) => e.action)).toEqual(['account.create']);
    expect((await trail(`${base}?action=organization`, staffA)).data).toHaveLength(0);
    expect((await trail(`${base}?accountId=${staffAId}`, staffA)).data).toHaveLength(3);
    expect((await trail(`${base}?objectType=account`, staffA)).data.map((e) => e.objectId)).toEqual([councillorId]);
    expect((await trail(`${base}?objectId=${organizationA}`, staffA)).data.map((e) => e.objectId)).toEqual([
      organizationA,
    ]);

    const all = (await trail(base, staffA)).data;
    const middle = all[1]!;
    const from = await trail(`${base}?from=${encodeURIComponent(middle.at)}`, staffA);
    expect(from.data.map((e) => e.id)).toEqual(all.filter((e) => e.at >= middle.at).map((e) => e.id));
    const to = await trail(`${base}?to=${encodeURIComponent(middle.at)}`, staffA);
    expect(to.data.map((e) => e.id)).toEqual(all.filter((e) => e.at < middle.at).map((e) => e.id));
    expect((await trail(`${base}?from=2099-01-01T00:00:00Z`, staffA)).data).toEqual([]);
  });

  it('pages by id with a cursor, without gaps or repeats', async () => {
    const all = (await trail(`/api/bodies/${bodyA}/audit`, staffA)).data.map((e) => e.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await trail(`/api/bodies/${bodyA}/audit?limit=1${query}`, staffA);
      seen.push(...page.data.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('answers malformed filters and cursors with 400', async () => {
    for (const query of ['action=DROP%20TABLE', 'accountId=1', 'from=gestern', 'cursor=kaputt', 'limit=0']) {
      expect((await t.request(`/api/bodies/${bodyA}/audit?${query}`, { cookie: staffA })).status).toBe(400);
    }
  });

  it('lets details through only as ids, flags, numbers and dates, never free text', async () => {
    const meetingId = '6a0e3c9e-6b1f-4c55-9d44-0d1f3e6f1a01';
    await t.ctx.database.db
      .insertInto('audit_log')
      .values({
        account_id: staffAId,
        body_id: bodyA,
        action: 'agenda_item.create',
        object_type: 'agenda_item',
        object_id: '6a0e3c9e-6b1f-4c55-9d44-0d1f3e6f1a02',
        details: JSON.stringify({
          meetingId,
          public: false,
          supplement: true,
          position: 3,
          title: 'Ankauf Grundstück Mühlenweg (nichtöffentlich)',
          reason: 'Ankauf Grundstück Mühlenweg',
          nested: { name: 'Mühlenweg' },
          names: ['Mühlenweg'],
        }),
      })
      .execute();
    const entry = (await trail(`/api/bodies/${bodyA}/audit?action=agenda_item.create`, staffA)).data[0]!;
    expect(entry.details).toEqual({ meetingId, public: false, supplement: true, position: 3 });
    expect(JSON.stringify(entry)).not.toContain('Mühlenweg');
  });

  it('offers no way to change or delete an entry', async () => {
    const entry = (await trail(`/api/bodies/${bodyA}/audit`, staffA)).data[0]!;
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const response = await t.request(`/api/bodies/${bodyA}/audit/${entry.id}`, { method, cookie: staffA });
      expect(response.status).toBe(404);
      expect((await t.request(`/api/audit/${entry.id}`, { method, cookie: admin })).status).toBe(404);
    }
  });
});

describe("the administration's audit trail", () => {
  it('shows system admins account and body changes and sign-ins, but no body content changes', async () => {
    const page = await trail('/api/audit?limit=200', admin);
    const actions = page.data.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['account.create', 'body.create', 'session.sign_in_failed']));
    expect(actions).not.toContain('organization.create');
    const failed = page.data.find((e) => e.action === 'session.sign_in_failed')!;
    expect(failed.details).toMatchObject({ email: 'rat@example.org', reason: 'no_password' });
    expect(JSON.stringify(page)).not.toContain('Geheimnis-im-Klartext');
  });

  it('narrows to one body and to an action prefix', async () => {
    const page = await trail(`/api/audit?bodyId=${bodyA}`, admin);
    expect(page.data.map((e) => e.action)).toEqual(['account.create']);
    const sessions = await trail('/api/audit?action=session.*&limit=200', admin);
    expect(sessions.data.length).toBeGreaterThan(0);
    expect(sessions.data.every((e) => e.action.startsWith('session.'))).toBe(true);
  });

  it('is for system admins only', async () => {
    expect((await t.request('/api/audit', { cookie: staffA })).status).toBe(403);
    expect((await t.request('/api/audit')).status).toBe(401);
  });
});
