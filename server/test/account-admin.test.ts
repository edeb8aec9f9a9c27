import type { Account, CreatedAccount, ErrorResponse, Page } from '@ratsmappe/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeBody, makePerson, signIn } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';

let t: TestApp;
let bodyA: string;
let bodyB: string;
let admin: string;
let adminId: string;
let staffA: string;
let staffB: string;
let n = 0;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.ctx.database.db;
  bodyA = (await makeBody(db)).id;
  bodyB = (await makeBody(db)).id;
  const adminAccount = await makeAccount(db, { systemAdmin: true });
  adminId = adminAccount.id;
  admin = await signIn(t, adminAccount.email);
  staffA = await signIn(t, (await makeAccount(db, { officeStaffOf: [bodyA] })).email);
  staffB = await signIn(t, (await makeAccount(db, { officeStaffOf: [bodyB] })).email);
});
afterAll(() => t.close());

const email = () => `konto-${++n}@example.org`;

function post(path: string, cookie: string, body?: unknown) {
  return t.request(path, { method: 'POST', cookie, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

async function createAs(cookie: string, body: Record<string, unknown>) {
  return post('/api/accounts', cookie, { email: email(), displayName: 'Erika Muster', ...body });
}

async function councillorOf(bodyId: string, cookie = admin): Promise<CreatedAccount> {
  const person = await makePerson(t.ctx.database.db, bodyId);
  const response = await createAs(cookie, { personIds: [person.id] });
  expect(response.status).toBe(201);
  return (await response.json()) as CreatedAccount;
}

describe('who may create which accounts', () => {
  it('lets a system admin create office staff and system admin accounts', async () => {
    const staff = await createAs(admin, { grants: [{ role: 'office_staff', bodyId: bodyA }] });
    expect(staff.status).toBe(201);
    expect(((await staff.json()) as CreatedAccount).account.grants).toMatchObject([
      { role: 'office_staff', bodyId: bodyA },
    ]);
    const second = await createAs(admin, { grants: [{ role: 'system_admin' }] });
    expect(second.status).toBe(201);
  });

  it('lets office staff create councillor accounts for persons of their own body', async () => {
    const created = await councillorOf(bodyA, staffA);
    expect(created.account.manageable).toBe(true);
    expect(created.account.persons.map((p) => p.bodyId)).toEqual([bodyA]);
    expect(created.setupLink.setupUrl).toContain('/konto/einrichten#token=');
  });

  it('refuses office staff who try to grant roles or link persons of another body', async () => {
    expect((await createAs(staffA, { grants: [{ role: 'office_staff', bodyId: bodyA }] })).status).toBe(403);
    expect((await createAs(staffA, { grants: [{ role: 'system_admin' }] })).status).toBe(403);
    const foreign = await makePerson(t.ctx.database.db, bodyB);
    expect((await createAs(staffA, { personIds: [foreign.id] })).status).toBe(403);
    const count = await t.ctx.database.db
      .selectFrom('account_person')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('person_id', '=', foreign.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('refuses councillors and anonymous callers', async () => {
    const person = await makePerson(t.ctx.database.db, bodyA);
    const cookie = await signIn(t, (await makeAccount(t.ctx.database.db, { personIds: [person.id] })).email);
    const other = await makePerson(t.ctx.database.db, bodyA);
    expect((await createAs(cookie, { personIds: [other.id] })).status).toBe(403);
    expect((await t.request('/api/accounts', { cookie })).status).toBe(403);
    expect((await t.request('/api/accounts')).status).toBe(401);
  });

  it('refuses a second account for the same e-mail address or the same person', async () => {
    const person = await makePerson(t.ctx.database.db, bodyA);
    const address = email();
    expect(
      (await post('/api/accounts', admin, { email: address, displayName: 'A', personIds: [person.id] })).status,
    ).toBe(201);
    const sameEmail = await post('/api/accounts', admin, {
      email: address.toUpperCase(),
      displayName: 'B',
      grants: [{ role: 'system_admin' }],
    });
    expect(sameEmail.status).toBe(409);
    expect((await createAs(admin, { personIds: [person.id] })).status).toBe(409);
  });

  it('answers an account with neither role nor person, or an unknown body, with 400', async () => {
    const empty = await createAs(admin, {});
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as ErrorResponse).error.issues?.map((i) => i.path)).toEqual(['personIds']);
    const unknownBody = await createAs(admin, {
      grants: [{ role: 'office_staff', bodyId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(unknownBody.status).toBe(400);
  });
});

describe('body isolation', () => {
  it('never lets office staff of another body see or touch an account', async () => {
    const councillor = await councillorOf(bodyA);
    const id = councillor.account.id;
    expect((await t.request(`/api/accounts/${id}`, { cookie: staffB })).status).toBe(404);
    expect((await post(`/api/accounts/${id}/setup-link`, staffB)).status).toBe(404);
    expect((await post(`/api/accounts/${id}/deactivate`, staffB)).status).toBe(404);
    expect((await post(`/api/accounts/${id}/reactivate`, staffB)).status).toBe(404);
    const personB = await makePerson(t.ctx.database.db, bodyB);
    expect(
      (await t.request(`/api/accounts/${id}/persons/${personB.id}`, { method: 'PUT', cookie: staffB })).status,
    ).toBe(404);
    const listB = (await (await t.request('/api/accounts', { cookie: staffB })).json()) as Page<Account>;
    expect(listB.data.map((a) => a.id)).not.toContain(id);
    expect((await t.request(`/api/accounts?bodyId=${bodyA}`, { cookie: staffB })).status).toBe(403);
    const row = await t.ctx.database.db
      .selectFrom('account')
      .select('active')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.active).toBe(true);
  });

  it('keeps accounts that also open another body or carry a role out of office staff hands', async () => {
    // A councillor with mandates in A and B: staff of A must not be able to hand this login to someone else.
    const both = await councillorOf(bodyA);
    const personB = await makePerson(t.ctx.database.db, bodyB);
    const link = await t.request(`/api/accounts/${both.account.id}/persons/${personB.id}`, {
      method: 'PUT',
      cookie: admin,
    });
    expect(link.status).toBe(200);
    const seen = (await (await t.request(`/api/accounts/${both.account.id}`, { cookie: staffA })).json()) as Account;
    expect(seen.manageable).toBe(false);
    // Staff of A see only the mandate in A, not the one in B.
    expect(seen.persons.map((p) => p.bodyId)).toEqual([bodyA]);
    expect((await post(`/api/accounts/${both.account.id}/setup-link`, staffA)).status).toBe(403);
    expect((await post(`/api/accounts/${both.account.id}/deactivate`, staffA)).status).toBe(403);

    const colleague = (await (
      await createAs(admin, { grants: [{ role: 'office_staff', bodyId: bodyA }] })
    ).json()) as CreatedAccount;
    expect((await post(`/api/accounts/${colleague.account.id}/setup-link`, staffA)).status).toBe(403);
    expect((await post(`/api/accounts/${adminId}/setup-link`, staffA)).status).toBe(404);
  });

  it('lists for office staff the accounts of their body only, and for system admins all', async () => {
    const a = await councillorOf(bodyA);
    const b = await councillorOf(bodyB);
    const listA = (await (await t.request('/api/accounts?limit=200', { cookie: staffA })).json()) as Page<Account>;
    const idsA = listA.data.map((x) => x.id);
    expect(idsA).toContain(a.account.id);
    expect(idsA).not.toContain(b.account.id);
    expect(idsA).not.toContain(adminId);
    expect(listA.data.flatMap((x) => x.grants).every((g) => g.bodyId === bodyA)).toBe(true);
    const all = (await (await t.request('/api/accounts?limit=200', { cookie: admin })).json()) as Page<Account>;
    expect(all.data.map((x) => x.id)).toEqual(expect.arrayContaining([a.account.id, b.account.id, adminId]));
  });

  it('pages the account list with a cursor, sorted by e-mail address', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = (await (
        await t.request(`/api/accounts?limit=2${query}`, { cookie: admin })
      ).json()) as Page<Account>;
      seen.push(...page.data.map((x) => x.email));
      cursor = page.nextCursor;
    } while (cursor);
    const total = await t.ctx.database.db
      .selectFrom('account')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(seen).toHaveLength(Number(total.n));
    expect(seen).toEqual([...seen].sort());
  });
});

describe('deactivation and relinking', () => {
  it('ends every session at once when office staff deactivate a councillor, and allows reactivation', async () => {
    const councillor = await councillorOf(bodyA, staffA);
    const token = new URL(councillor.setupLink.setupUrl).hash.slice('#token='.length);
    await post('/api/account-setup', staffA, { token, password: 'ein langes Ratspasswort' });
    const first = await signIn(t, councillor.account.email, 'ein langes Ratspasswort');
    const second = await signIn(t, councillor.account.email, 'ein langes Ratspasswort');

    const off = await post(`/api/accounts/${councillor.account.id}/deactivate`, staffA);
    expect(off.status).toBe(200);
    expect(((await off.json()) as Account).active).toBe(false);
    const sessions = await t.ctx.database.db
      .selectFrom('session')
      .select('id_hash')
      .where('account_id', '=', councillor.account.id)
      .execute();
    expect(sessions).toEqual([]);
    expect((await t.request('/api/session', { cookie: first })).status).toBe(401);
    expect((await t.request('/api/session', { cookie: second })).status).toBe(401);
    const refused = await t.request('/api/session', {
      method: 'POST',
      body: JSON.stringify({ email: councillor.account.email, password: 'ein langes Ratspasswort' }),
    });
    expect(refused.status).toBe(401);
    expect((await post(`/api/accounts/${councillor.account.id}/setup-link`, staffA)).status).toBe(409);

    expect((await post(`/api/accounts/${councillor.account.id}/reactivate`, staffA)).status).toBe(200);
    await signIn(t, councillor.account.email, 'ein langes Ratspasswort');
  });

  it('does not let an admin deactivate their own account', async () => {
    expect((await post(`/api/accounts/${adminId}/deactivate`, admin)).status).toBe(409);
  });

  it('links a further person of the same body and refuses to unlink the last one for office staff', async () => {
    const councillor = await councillorOf(bodyA, staffA);
    const second = await makePerson(t.ctx.database.db, bodyA);
    const linked = await t.request(`/api/accounts/${councillor.account.id}/persons/${second.id}`, {
      method: 'PUT',
      cookie: staffA,
    });
    expect(linked.status).toBe(200);
    expect(((await linked.json()) as Account).persons).toHaveLength(2);
    const first = councillor.account.persons[0]!.id;
    expect(
      (await t.request(`/api/accounts/${councillor.account.id}/persons/${first}`, { method: 'DELETE', cookie: staffA }))
        .status,
    ).toBe(200);
    const last = await t.request(`/api/accounts/${councillor.account.id}/persons/${second.id}`, {
      method: 'DELETE',
      cookie: staffA,
    });
    expect(last.status).toBe(409);
  });

  it('lets only system admins add and remove roles', async () => {
    const councillor = await councillorOf(bodyA);
    expect(
      (await post(`/api/accounts/${councillor.account.id}/grants`, staffA, { role: 'office_staff', bodyId: bodyA }))
        .status,
    ).toBe(403);
    const granted = await post(`/api/accounts/${councillor.account.id}/grants`, admin, {
      role: 'office_staff',
      bodyId: bodyA,
    });
    expect(granted.status).toBe(201);
    const grant = ((await granted.json()) as Account).grants[0]!;
    expect(
      (await post(`/api/accounts/${councillor.account.id}/grants`, admin, { role: 'office_staff', bodyId: bodyA }))
        .status,
    ).toBe(409);
    const removed = await t.request(`/api/accounts/${councillor.account.id}/grants/${grant.id}`, {
      method: 'DELETE',
      cookie: admin,
    });
    expect(((await removed.json()) as Account).grants).toEqual([]);
    const ownAdminGrant = await t.ctx.database.db
      .selectFrom('role_grant')
      .select('id')
      .where('account_id', '=', adminId)
      .executeTakeFirstOrThrow();
    expect(
      (await t.request(`/api/accounts/${adminId}/grants/${ownAdminGrant.id}`, { method: 'DELETE', cookie: admin }))
        .status,
    ).toBe(409);
  });

  it('records every account change with who, what and which object', async () => {
    const councillor = await councillorOf(bodyA, staffA);
    await post(`/api/accounts/${councillor.account.id}/setup-link`, staffA);
    await post(`/api/accounts/${councillor.account.id}/deactivate`, staffA);
    await post(`/api/accounts/${councillor.account.id}/reactivate`, admin);
    const rows = await t.ctx.database.db
      .selectFrom('audit_log')
      .select(['action', 'account_id', 'body_id', 'object_type'])
      .where('object_id', '=', councillor.account.id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual([
      'account.create',
      'account.setup_link_issue',
      'account.deactivate',
      'account.reactivate',
    ]);
    expect(rows.every((r) => r.body_id === bodyA && r.object_type === 'account')).toBe(true);
    expect(rows.map((r) => r.account_id)).toEqual([...new Array<string | null>(3).fill(rows[0]!.account_id), adminId]);
    expect(rows[0]!.account_id).not.toBe(adminId);
  });
});
