import type { CreatedAccount, ErrorResponse, SessionInfo } from '@ratsmappe/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { totpCode } from '../src/modules/session/totp.js';
import { makeAccount, makeBody, makePerson, signIn } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';

const clock = new ManualClock(new Date('2026-03-02T08:00:00Z'));
const newPassword = 'Kaffee im Ratssaal ist kalt';
let t: TestApp;
let admin: string;
let adminEmail: string;
let bodyId: string;
let n = 0;

beforeAll(async () => {
  t = await createTestApp({ clock, env: { SETUP_LINK_HOURS: '72' } });
  const db = t.ctx.database.db;
  bodyId = (await makeBody(db)).id;
  adminEmail = (await makeAccount(db, { systemAdmin: true })).email;
  admin = await signIn(t, adminEmail);
});

/** Moving the clock by days ends every session (idle timeout): the admin signs in again afterwards. */
async function advance(ms: number) {
  clock.advance(ms);
  admin = await signIn(t, adminEmail);
}
afterAll(() => t.close());

async function createCouncillor(): Promise<CreatedAccount> {
  const person = await makePerson(t.ctx.database.db, bodyId);
  const response = await t.request('/api/accounts', {
    method: 'POST',
    cookie: admin,
    body: JSON.stringify({ email: `Rat-${++n}@Example.org`, displayName: person.name, personIds: [person.id] }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as CreatedAccount;
}

const tokenOf = (created: CreatedAccount) => new URL(created.setupLink.setupUrl).hash.replace('#token=', '');

function setUp(token: string, password = newPassword, headers: Record<string, string> = {}) {
  return t.request('/api/account-setup', { method: 'POST', headers, body: JSON.stringify({ token, password }) });
}

async function errorOf(response: Response) {
  return ((await response.json()) as ErrorResponse).error;
}

describe('one-time set-up links', () => {
  it('creates an account without a password and hands out a one-time link in the URL fragment', async () => {
    const created = await createCouncillor();
    expect(created.account.passwordSet).toBe(false);
    expect(created.account.setupLinkPending).toBe(true);
    expect(created.account.email).toBe(`rat-${n}@example.org`);
    expect(created.setupLink.setupUrl).toMatch(/^http:\/\/ratsmappe\.test\/konto\/einrichten#token=[A-Za-z0-9_-]{43}$/);
    expect(new Date(created.setupLink.expires).getTime() - clock.now().getTime()).toBe(72 * 3_600_000);
    // Only a hash is stored: the token itself appears nowhere in the database.
    const stored = await t.ctx.database.db.selectFrom('account_setup_link').select('token_hash').execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(tokenOf(created));
    const noPassword = await t.request('/api/session', {
      method: 'POST',
      body: JSON.stringify({ email: created.account.email, password: 'irgendein-Passwort' }),
    });
    expect(noPassword.status).toBe(401);
  });

  it('sets the password through the link, after which the account can sign in', async () => {
    const created = await createCouncillor();
    expect((await setUp(tokenOf(created))).status).toBe(204);
    const cookie = await signIn(t, created.account.email, newPassword);
    const info = (await (await t.request('/api/session', { cookie })).json()) as SessionInfo;
    expect(info.account.id).toBe(created.account.id);
    const account = await t.request(`/api/accounts/${created.account.id}`, { cookie: admin });
    expect(await account.json()).toMatchObject({ passwordSet: true, setupLinkPending: false });
  });

  it('refuses a reused link with 410 and a clear message in German and English', async () => {
    const created = await createCouncillor();
    const token = tokenOf(created);
    expect((await setUp(token)).status).toBe(204);
    const again = await setUp(token, 'ein ganz anderes Passwort');
    expect(again.status).toBe(410);
    expect(await errorOf(again)).toMatchObject({
      code: 'setup_link_used',
      message: expect.stringContaining('bereits verwendet') as string,
    });
    const english = await setUp(token, 'ein ganz anderes Passwort', { 'accept-language': 'en' });
    expect((await errorOf(english)).message).toContain('already been used');
    // The first password still holds.
    await signIn(t, created.account.email, newPassword);
  });

  it('refuses an expired link with 410 and leaves the account without a password', async () => {
    const created = await createCouncillor();
    await advance(72 * 3_600_000 + 1000);
    const response = await setUp(tokenOf(created));
    expect(response.status).toBe(410);
    expect(await errorOf(response)).toMatchObject({
      code: 'setup_link_expired',
      message: 'Dieser Einrichtungslink ist abgelaufen. Bitte bitten Sie Ihre Verwaltung um einen neuen Link.',
    });
    const account = await t.request(`/api/accounts/${created.account.id}`, { cookie: admin });
    expect(await account.json()).toMatchObject({ passwordSet: false, setupLinkPending: false });
  });

  it('accepts a link just before it expires', async () => {
    const created = await createCouncillor();
    await advance(72 * 3_600_000 - 1000);
    expect((await setUp(tokenOf(created))).status).toBe(204);
  });

  it('refuses the link of a deactivated account', async () => {
    const created = await createCouncillor();
    const off = await t.request(`/api/accounts/${created.account.id}/deactivate`, { method: 'POST', cookie: admin });
    expect(off.status).toBe(200);
    const response = await setUp(tokenOf(created));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('setup_link_invalid');
    // Reactivating does not revive the old link; a new one is needed.
    await t.request(`/api/accounts/${created.account.id}/reactivate`, { method: 'POST', cookie: admin });
    expect((await setUp(tokenOf(created))).status).toBe(400);
  });

  it('refuses an unknown token', async () => {
    const response = await setUp('A'.repeat(43));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('setup_link_invalid');
  });

  it('invalidates older links when access is reset, and ends the sessions of the old password at set-up', async () => {
    const created = await createCouncillor();
    expect((await setUp(tokenOf(created))).status).toBe(204);
    const oldSession = await signIn(t, created.account.email, newPassword);

    const first = await t.request(`/api/accounts/${created.account.id}/setup-link`, { method: 'POST', cookie: admin });
    const second = await t.request(`/api/accounts/${created.account.id}/setup-link`, { method: 'POST', cookie: admin });
    expect(first.status).toBe(201);
    const firstToken = new URL(((await first.json()) as { setupUrl: string }).setupUrl).hash.slice('#token='.length);
    const secondToken = new URL(((await second.json()) as { setupUrl: string }).setupUrl).hash.slice('#token='.length);

    expect((await setUp(firstToken, 'das erste neue Passwort')).status).toBe(400);
    expect((await setUp(secondToken, 'das zweite neue Passwort')).status).toBe(204);
    expect((await t.request('/api/session', { cookie: oldSession })).status).toBe(401);
    await signIn(t, created.account.email, 'das zweite neue Passwort');
  });

  it('does not bypass an enrolled second factor when access is reset', async () => {
    const created = await createCouncillor();
    await setUp(tokenOf(created));
    const cookie = await signIn(t, created.account.email, newPassword);
    const enrol = await t.request('/api/session/totp/enrol', { method: 'POST', cookie });
    const { secret } = (await enrol.json()) as { secret: string };
    const confirm = await t.request('/api/session/totp/confirm', {
      method: 'POST',
      cookie,
      body: JSON.stringify({ code: totpCode(secret, clock.now()) }),
    });
    expect(confirm.status).toBe(204);

    const reset = await t.request(`/api/accounts/${created.account.id}/setup-link`, { method: 'POST', cookie: admin });
    const token = new URL(((await reset.json()) as { setupUrl: string }).setupUrl).hash.slice('#token='.length);
    expect((await setUp(token, 'nach dem Zurücksetzen')).status).toBe(204);
    const passwordOnly = await t.request('/api/session', {
      method: 'POST',
      body: JSON.stringify({ email: created.account.email, password: 'nach dem Zurücksetzen' }),
    });
    expect(passwordOnly.status).toBe(401);
    expect((await errorOf(passwordOnly)).code).toBe('totp_required');
  });

  it('refuses a password that is too short, common or the e-mail address, without using up the link', async () => {
    const created = await createCouncillor();
    const token = tokenOf(created);
    const short = await setUp(token, 'kurz');
    expect(short.status).toBe(400);
    expect((await errorOf(short)).code).toBe('validation_failed');
    const common = await setUp(token, 'Passwort1234');
    expect(common.status).toBe(400);
    expect(await errorOf(common)).toMatchObject({
      code: 'weak_password',
      message: expect.stringContaining('sehr verbreitet') as string,
    });
    const email = await setUp(token, created.account.email.toUpperCase());
    expect((await errorOf(email)).code).toBe('weak_password');
    expect((await setUp(token, 'x'.repeat(501))).status).toBe(400);
    expect((await setUp(token)).status).toBe(204);
  });

  it('records set-up and rejected links in the audit trail, never the password or token', async () => {
    const created = await createCouncillor();
    const token = tokenOf(created);
    await setUp(token);
    await setUp(token);
    const rows = await t.ctx.database.db
      .selectFrom('audit_log')
      .select(['action', 'account_id', 'body_id', 'details'])
      .where('object_id', '=', created.account.id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual([
      'account.create',
      'account.setup_complete',
      'account.setup_link_rejected',
    ]);
    expect(rows.every((r) => r.body_id === bodyId)).toBe(true);
    expect(rows[2]!.details).toEqual({ reason: 'setup_link_used' });
    const text = JSON.stringify(rows);
    expect(text).not.toContain(token);
    expect(text).not.toContain(newPassword);
  });
});
