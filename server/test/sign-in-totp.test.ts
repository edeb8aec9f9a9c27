import type { ErrorResponse, SessionInfo, TotpEnrolment, TotpStatus } from '@ratsmappe/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { totpCode } from '../src/modules/session/totp.js';
import { makeAccount, makeBody, signIn, testPassword } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';

const clock = new ManualClock(new Date('2026-03-02T08:00:00Z'));
let t: TestApp;
let bodyId: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  bodyId = (await makeBody(t.ctx.database.db)).id;
});
afterAll(() => t.close());

function signInWith(email: string, totp?: string, password = testPassword) {
  return t.request('/api/session', {
    method: 'POST',
    body: JSON.stringify({ email, password, ...(totp === undefined ? {} : { totp }) }),
  });
}

const cookieOf = (response: Response) => (response.headers.get('set-cookie') ?? '').split(';')[0]!;
const codeOf = async (response: Response) => ((await response.json()) as ErrorResponse).error.code;

/** Enrols a second factor for the signed-in account and returns its secret. */
async function enrol(cookie: string): Promise<string> {
  const enrolment = await t.request('/api/session/totp/enrol', { method: 'POST', cookie });
  expect(enrolment.status).toBe(201);
  const { secret } = (await enrolment.json()) as TotpEnrolment;
  const confirm = await t.request('/api/session/totp/confirm', {
    method: 'POST',
    cookie,
    body: JSON.stringify({ code: totpCode(secret, clock.now()) }),
  });
  expect(confirm.status).toBe(204);
  return secret;
}

describe('enrolling a second factor', () => {
  it('needs a valid first code before the secret counts, and ends the other sessions', async () => {
    const account = await makeAccount(t.ctx.database.db);
    const other = await signIn(t, account.email);
    const cookie = await signIn(t, account.email);
    const enrolment = await t.request('/api/session/totp/enrol', { method: 'POST', cookie });
    const { secret, otpauthUri } = (await enrolment.json()) as TotpEnrolment;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toContain(`secret=${secret}`);
    const pending = (await (await t.request('/api/session/totp', { cookie })).json()) as TotpStatus;
    expect(pending).toMatchObject({ enabled: false, confirmationPending: true });
    // Not active yet: the password alone still signs in.
    expect((await signInWith(account.email)).status).toBe(201);

    const wrongCode = String((Number(totpCode(secret, clock.now())) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await t.request('/api/session/totp/confirm', {
      method: 'POST',
      cookie,
      body: JSON.stringify({ code: wrongCode }),
    });
    expect(wrong.status).toBe(400);
    expect(await codeOf(wrong)).toBe('totp_invalid');

    const confirm = await t.request('/api/session/totp/confirm', {
      method: 'POST',
      cookie,
      body: JSON.stringify({ code: totpCode(secret, clock.now()) }),
    });
    expect(confirm.status).toBe(204);
    expect((await t.request('/api/session', { cookie })).status).toBe(200);
    expect((await t.request('/api/session', { cookie: other })).status).toBe(401);
    expect(((await (await t.request('/api/session/totp', { cookie })).json()) as TotpStatus).enabled).toBe(true);
    expect((await t.request('/api/session/totp/enrol', { method: 'POST', cookie })).status).toBe(409);
  });
});

describe('signing in with a second factor', () => {
  let email: string;
  let secret: string;
  beforeAll(async () => {
    email = (await makeAccount(t.ctx.database.db)).email;
    clock.advance(60_000);
    secret = await enrol(await signIn(t, email));
  });

  it('answers the password alone with totp_required and opens no session', async () => {
    const before = await t.ctx.database.db.selectFrom('session').select('id_hash').execute();
    const response = await signInWith(email);
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await response.json()).toEqual({
      error: {
        code: 'totp_required',
        message: 'Bitte geben Sie zusätzlich den sechsstelligen Code aus Ihrer Authenticator-App ein.',
      },
    });
    expect(await t.ctx.database.db.selectFrom('session').select('id_hash').execute()).toHaveLength(before.length);
  });

  it('signs in with password and code, and never accepts the same code twice', async () => {
    clock.advance(60_000);
    const code = totpCode(secret, clock.now());
    const first = await signInWith(email, code);
    expect(first.status).toBe(201);
    expect((await t.request('/api/session', { cookie: cookieOf(first) })).status).toBe(200);
    const replay = await signInWith(email, code);
    expect(replay.status).toBe(400);
    expect(await codeOf(replay)).toBe('totp_invalid');
    // Nor the code of the step before, which would still be within the drift window.
    clock.advance(30_000);
    expect((await signInWith(email, code)).status).toBe(400);
    expect((await signInWith(email, totpCode(secret, clock.now()))).status).toBe(201);
  });

  it('tolerates one step of clock drift', async () => {
    clock.advance(60_000);
    const ahead = totpCode(secret, new Date(clock.now().getTime() + 30_000));
    expect((await signInWith(email, ahead)).status).toBe(201);
  });

  it('refuses a wrong code, and a right code with a wrong password', async () => {
    clock.advance(60_000);
    const code = totpCode(secret, clock.now());
    const wrongCode = String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
    expect(await codeOf(await signInWith(email, wrongCode))).toBe('totp_invalid');
    const wrongPassword = await signInWith(email, code, 'falsches Passwort');
    expect(wrongPassword.status).toBe(401);
    expect(await codeOf(wrongPassword)).toBe('invalid_credentials');
    // The code was not used up by the failed attempt.
    expect((await signInWith(email, code)).status).toBe(201);
  });

  it('counts wrong codes towards the sign-in limit', async () => {
    clock.advance(60 * 60_000);
    for (let i = 0; i < 5; i++) {
      const response = await signInWith(email, String(100000 + i));
      expect(response.status).toBe(400);
    }
    expect((await signInWith(email, totpCode(secret, clock.now()))).status).toBe(429);
    clock.advance(15 * 60_000);
  });

  it('switches the second factor off only with a current code', async () => {
    clock.advance(60_000);
    const cookie = cookieOf(await signInWith(email, totpCode(secret, clock.now())));
    const noCode = await t.request('/api/session/totp/disable', {
      method: 'POST',
      cookie,
      body: JSON.stringify({ code: '000000' }),
    });
    expect(noCode.status).toBe(400);
    clock.advance(30_000);
    const off = await t.request('/api/session/totp/disable', {
      method: 'POST',
      cookie,
      body: JSON.stringify({ code: totpCode(secret, clock.now()) }),
    });
    expect(off.status).toBe(204);
    expect((await signInWith(email)).status).toBe(201);
  });
});

describe('lost authenticator', () => {
  it('lets a system admin remove the second factor, which ends the sessions of the account', async () => {
    const db = t.ctx.database.db;
    const admin = await signIn(t, (await makeAccount(db, { systemAdmin: true })).email);
    const account = await makeAccount(db, { officeStaffOf: [bodyId] });
    const cookie = await signIn(t, account.email);
    clock.advance(60_000);
    await enrol(cookie);
    const staffAttempt = await t.request(`/api/accounts/${account.id}/totp`, { method: 'DELETE', cookie });
    expect(staffAttempt.status).toBe(403);
    const reset = await t.request(`/api/accounts/${account.id}/totp`, { method: 'DELETE', cookie: admin });
    expect(reset.status).toBe(200);
    expect((await t.request('/api/session', { cookie })).status).toBe(401);
    expect((await signInWith(account.email)).status).toBe(201);
  });
});

describe('a body that requires a second factor for its office staff', () => {
  let strictBody: string;
  beforeAll(async () => {
    clock.advance(60 * 60_000);
    strictBody = (await makeBody(t.ctx.database.db)).id;
  });

  it("is switched on by a system admin or the body's own staff, never by staff of another body", async () => {
    const db = t.ctx.database.db;
    const admin = await signIn(t, (await makeAccount(db, { systemAdmin: true })).email);
    const foreignStaff = await signIn(t, (await makeAccount(db, { officeStaffOf: [bodyId] })).email);
    const path = `/api/bodies/${strictBody}/staff-totp-requirement`;
    const put = (cookie: string, required: boolean) =>
      t.request(path, { method: 'PUT', cookie, body: JSON.stringify({ required }) });
    expect((await put(foreignStaff, true)).status).toBe(403);
    expect(await (await t.request(path, { cookie: admin })).json()).toEqual({ required: false });
    expect((await put(admin, true)).status).toBe(200);
    expect(await (await t.request(path, { cookie: admin })).json()).toEqual({ required: true });
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'body_id', 'details'])
      .where('action', '=', 'body.staff_totp_requirement')
      .execute();
    expect(audit).toEqual([
      { action: 'body.staff_totp_requirement', body_id: strictBody, details: { required: true } },
    ]);
  });

  const createCommittee = (cookie: string, body: string, name: string) =>
    t.request(`/api/bodies/${body}/organizations`, {
      method: 'POST',
      cookie,
      body: JSON.stringify({ kind: 'committee', name }),
    });

  it('lets staff without one sign in, keeps their staff rights dormant, and refuses writes with a clear code', async () => {
    const account = await makeAccount(t.ctx.database.db, { officeStaffOf: [strictBody, bodyId] });
    const cookie = await signIn(t, account.email);
    const info = (await (await t.request('/api/session', { cookie })).json()) as SessionInfo;
    expect(info.officeStaffBodyIds).toEqual([bodyId]);
    expect(await (await t.request('/api/session/totp', { cookie })).json()).toEqual({
      enabled: false,
      confirmationPending: false,
      requiredForBodyIds: [strictBody],
      enrolmentRequired: true,
    });

    const write = await createCommittee(cookie, strictBody, 'Ausschuss ohne zweiten Faktor');
    expect(write.status).toBe(403);
    expect(((await write.json()) as ErrorResponse).error).toEqual({
      code: 'totp_enrolment_required',
      message:
        'Ihre Verwaltung verlangt für Ihr Konto einen zweiten Faktor. Bitte richten Sie zuerst die Anmeldung mit Authenticator-App ein.',
    });
    // Staff-only reads of that body are closed too: a password alone must not open its non-public content.
    expect((await t.request(`/api/bodies/${strictBody}/changes`, { cookie })).status).toBe(403);
    expect((await t.request(`/api/bodies/${strictBody}/audit`, { cookie })).status).toBe(403);
    // A set-up link needs no session, so the pending enrolment does not stand in its way.
    const setUp = await t.request('/api/account-setup', {
      method: 'POST',
      cookie,
      body: JSON.stringify({ token: 'A'.repeat(43), password: 'ein langes neues Passwort' }),
    });
    expect(await codeOf(setUp)).toBe('setup_link_invalid');
    // Reads of the other body keep working.
    expect((await t.request(`/api/bodies/${bodyId}/changes`, { cookie })).status).toBe(200);

    await enrol(cookie);
    expect((await createCommittee(cookie, strictBody, 'Ausschuss mit zweitem Faktor')).status).toBe(201);
    expect((await t.request(`/api/bodies/${strictBody}/changes`, { cookie })).status).toBe(200);
    const after = (await (await t.request('/api/session', { cookie })).json()) as SessionInfo;
    expect([...after.officeStaffBodyIds].sort()).toEqual([strictBody, bodyId].sort());
  });

  it('does not touch staff of other bodies', async () => {
    const cookie = await signIn(t, (await makeAccount(t.ctx.database.db, { officeStaffOf: [bodyId] })).email);
    expect((await createCommittee(cookie, bodyId, 'Ausschuss ohne Pflicht')).status).toBe(201);
  });
});
