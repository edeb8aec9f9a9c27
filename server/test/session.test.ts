import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeBody, signIn, testPassword } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';
import type { ErrorResponse, SessionInfo } from './types.js';

let t: TestApp;
let bodyId: string;
let email: string;
let accountId: string;

beforeAll(async () => {
  t = await createTestApp();
  bodyId = (await makeBody(t.ctx.database.db)).id;
  const account = await makeAccount(t.ctx.database.db, { officeStaffOf: [bodyId] });
  email = account.email;
  accountId = account.id;
});
afterAll(() => t.close());

describe('sign-in and sessions', () => {
  it('sets a __Host- cookie that is HttpOnly, Secure and SameSite=Lax', async () => {
    const response = await t.request('/api/session', {
      method: 'POST',
      body: JSON.stringify({ email: email.toUpperCase(), password: testPassword }),
    });
    expect(response.status).toBe(201);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-ratsmappe-session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/);
    const info = (await response.json()) as SessionInfo;
    expect(info.officeStaffBodyIds).toEqual([bodyId]);
  });

  it('rejects a wrong password with a German message and the same answer as an unknown address', async () => {
    const wrong = await t.request('/api/session', {
      method: 'POST',
      body: JSON.stringify({ email, password: 'falsch' }),
    });
    const unknown = await t.request('/api/session', {
      method: 'POST',
      body: JSON.stringify({ email: 'niemand@example.org', password: 'falsch' }),
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const body = (await wrong.json()) as ErrorResponse;
    expect(body.error.message).toBe('E-Mail-Adresse oder Passwort ist falsch.');
    expect(await unknown.json()).toEqual(body);
  });

  it('issues a new session id at every sign-in, ignoring a planted cookie', async () => {
    const planted = '__Host-ratsmappe-session=planted-by-attacker';
    const response = await t.request('/api/session', {
      method: 'POST',
      cookie: planted,
      body: JSON.stringify({ email, password: testPassword }),
    });
    const issued = (response.headers.get('set-cookie') ?? '').split(';')[0];
    expect(issued).not.toBe(planted);
    expect((await t.request('/api/session', { cookie: planted })).status).toBe(401);
  });

  it('refuses unsafe requests without our Origin (CSRF)', async () => {
    const cookie = await signIn(t, email);
    const body = JSON.stringify({ kind: 'committee', name: 'Ausschuss ohne Herkunft' });
    const noOrigin = await t.app.request(`http://ratsmappe.test/api/bodies/${bodyId}/organizations`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body,
    });
    expect(noOrigin.status).toBe(403);
    const foreign = await t.request(`/api/bodies/${bodyId}/organizations`, {
      method: 'POST',
      cookie,
      headers: { origin: 'https://evil.example' },
      body,
    });
    expect(foreign.status).toBe(403);
    const count = await t.ctx.database.db
      .selectFrom('organization')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('name', '=', 'Ausschuss ohne Herkunft')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('ends the session at sign-out', async () => {
    const cookie = await signIn(t, email);
    expect((await t.request('/api/session', { cookie })).status).toBe(200);
    expect((await t.request('/api/session', { method: 'DELETE', cookie })).status).toBe(204);
    expect((await t.request('/api/session', { cookie })).status).toBe(401);
  });

  it('ends every session of a deactivated account at once', async () => {
    const account = await makeAccount(t.ctx.database.db, { officeStaffOf: [bodyId] });
    const first = await signIn(t, account.email);
    const second = await signIn(t, account.email);
    await t.ctx.database.db.updateTable('account').set({ active: false }).where('id', '=', account.id).execute();
    expect((await t.request('/api/session', { cookie: first })).status).toBe(401);
    expect((await t.request('/api/session', { cookie: second })).status).toBe(401);
    const write = await t.request(`/api/bodies/${bodyId}/organizations`, {
      method: 'POST',
      cookie: first,
      body: JSON.stringify({ kind: 'committee', name: 'Nach der Deaktivierung' }),
    });
    expect(write.status).toBe(401);
  });

  it('signs out everywhere', async () => {
    const a = await signIn(t, email);
    const b = await signIn(t, email);
    expect((await t.request('/api/session/all', { method: 'DELETE', cookie: a })).status).toBe(204);
    expect((await t.request('/api/session', { cookie: b })).status).toBe(401);
    const trail = await t.ctx.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('account_id', '=', accountId)
      .execute();
    expect(trail.map((r) => r.action)).toContain('session.sign_out_everywhere');
  });
});

describe('input validation', () => {
  it('answers invalid input with 400 and the field issues, in the requested language', async () => {
    const cookie = await signIn(t, email);
    const response = await t.request(`/api/bodies/${bodyId}/meetings`, {
      method: 'POST',
      cookie,
      headers: { 'accept-language': 'en' },
      body: JSON.stringify({ name: '', start: 'morgen', organizationIds: [] }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorResponse;
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toBe('Some fields are invalid. Please check the marked fields.');
    expect(body.error.issues?.map((i) => i.path).sort()).toEqual(['name', 'organizationIds', 'start']);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const cookie = await signIn(t, email);
    const response = await t.request(`/api/bodies/${bodyId}/organizations`, {
      method: 'POST',
      cookie,
      body: '{"kind":',
    });
    expect(response.status).toBe(400);
  });

  it('answers a non-uuid id with 404 like an unknown one', async () => {
    expect((await t.request('/api/meetings/1%20or%201=1')).status).toBe(404);
    expect((await t.request('/api/meetings/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
