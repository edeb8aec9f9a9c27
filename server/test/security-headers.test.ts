import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeMembership, makePerson, signIn } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';
import { addItem, createMeeting, createPaper, setUpOffice, type Office } from './office-fixtures.js';

/**
 * Security headers on every door (issue 7): a CSP without 'unsafe-eval' that forbids framing, no MIME sniffing,
 * a referrer policy, and `Cache-Control: no-store` on everything answered for a signed-in user. Session cookies
 * are `__Host-`, HttpOnly, Secure, SameSite=Lax.
 */
let t: TestApp;
let office: Office;
let councillor: string;
const doors: { path: string; signedIn: boolean }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  office = await setUpOffice(t);
  const meeting = await createMeeting(t, office);
  const paper = await createPaper(t, office, { name: 'Feuerwehrbedarfsplan' });
  await addItem(t, office, meeting.id, { name: 'Feuerwehr', public: true, paperId: paper.id });
  const person = await makePerson(t.ctx.database.db, office.bodyId);
  await makeMembership(t.ctx.database.db, person, office.committeeId);
  councillor = await signIn(t, (await makeAccount(t.ctx.database.db, { personIds: [person.id] })).email);
  const paths = [
    '/',
    '/vg-musterstadt/sitzungen',
    '/healthz',
    '/api/bodies',
    `/api/bodies/${office.bodyId}/meetings`,
    `/api/meetings/${meeting.id}`,
    `/api/papers/${paper.id}`,
    `/api/search?q=Feuerwehr`,
    '/api/session',
    '/api/sync/devices',
    '/api/does-not-exist',
    '/oparl/v1/system',
    `/oparl/v1/body/${office.bodyId}/meeting`,
    `/ical/body/${office.bodyId}.ics`,
    `/feeds/body/${office.bodyId}.atom`,
    '/files/00000000-0000-4000-8000-000000000000',
  ];
  for (const path of paths) doors.push({ path, signedIn: false }, { path, signedIn: true });
});

afterAll(async () => {
  await t.close();
});

describe('security headers', () => {
  it('sends a strict CSP, nosniff and a referrer policy on every door, signed in or not', async () => {
    for (const door of doors) {
      const response = await t.request(door.path, door.signedIn ? { cookie: councillor } : {});
      const label = `${door.path} (${door.signedIn ? 'signed in' : 'anonymous'}) → ${response.status}`;
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, label).toContain("frame-ancestors 'none'");
      expect(csp, label).not.toContain("'unsafe-eval'");
      expect(csp, label).not.toContain('unsafe-inline');
      expect(response.headers.get('x-content-type-options'), label).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), label).toBeTruthy();
    }
  });

  it('never lets a cache keep an API answer given to a signed-in user', async () => {
    for (const door of doors.filter((d) => d.signedIn && d.path.startsWith('/api/'))) {
      const response = await t.request(door.path, { cookie: councillor });
      expect(response.headers.get('cache-control'), door.path).toContain('no-store');
    }
  });

  it('sets the session cookie as __Host-, HttpOnly, Secure, SameSite=Lax', async () => {
    const account = await makeAccount(t.ctx.database.db);
    const response = await t.request('/api/session', {
      method: 'POST',
      body: JSON.stringify({ email: account.email, password: 'richtig-gutes-Passwort-2026' }),
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
  });
});
