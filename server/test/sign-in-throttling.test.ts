import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { ErrorResponse } from '@ratsmappe/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { makeAccount, testPassword } from './factories.js';
import { createTestApp, testOrigin, type TestApp } from './harness.js';

const clock = new ManualClock(new Date('2026-03-02T08:00:00Z'));
let t: TestApp;
let addressCounter = 0;

beforeAll(async () => {
  t = await createTestApp({ clock, env: { TRUST_PROXY: 'true' } });
});
afterAll(() => t.close());

const freshAddress = () => `198.51.100.${++addressCounter}`;

function attempt(app: TestApp, email: string, password: string, address?: string, language = 'de') {
  return app.request('/api/session', {
    method: 'POST',
    headers: { 'accept-language': language, ...(address ? { 'x-forwarded-for': `203.0.113.66, ${address}` } : {}) },
    body: JSON.stringify({ email, password }),
  });
}

async function fail(app: TestApp, email: string, times: number, address?: () => string) {
  for (let i = 0; i < times; i++) {
    expect((await attempt(app, email, 'falsches Passwort', address?.())).status).toBe(401);
  }
}

describe('throttling per account', () => {
  it('blocks an account after five failures with a German message naming the wait, then recovers', async () => {
    const { email } = await makeAccount(t.ctx.database.db);
    // Five failures from five addresses: only the per-account limit applies.
    await fail(t, email, 5, freshAddress);
    const blocked = await attempt(t, email, testPassword, freshAddress());
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('900');
    expect(blocked.headers.get('set-cookie')).toBeNull();
    const body = (await blocked.json()) as ErrorResponse;
    expect(body.error).toEqual({
      code: 'too_many_requests',
      message: 'Zu viele fehlgeschlagene Versuche. Bitte versuchen Sie es in 15 Minuten erneut.',
    });

    clock.advance(10 * 60_000 + 1000);
    const english = await attempt(t, email, testPassword, freshAddress(), 'en');
    expect(english.status).toBe(429);
    expect(english.headers.get('retry-after')).toBe('299');
    expect(((await english.json()) as ErrorResponse).error.message).toBe(
      'Too many failed attempts. Please try again in 5 minutes.',
    );

    clock.advance(5 * 60_000);
    expect((await attempt(t, email, testPassword, freshAddress())).status).toBe(201);
  });

  it('treats an unknown e-mail address like a known one', async () => {
    await fail(t, 'niemand-hier@example.org', 5, freshAddress);
    expect((await attempt(t, 'niemand-hier@example.org', 'noch ein Versuch', freshAddress())).status).toBe(429);
  });

  it('starts counting afresh after a successful sign-in', async () => {
    const { email } = await makeAccount(t.ctx.database.db);
    await fail(t, email, 4, freshAddress);
    expect((await attempt(t, email, testPassword, freshAddress())).status).toBe(201);
    await fail(t, email, 4, freshAddress);
    expect((await attempt(t, email, testPassword, freshAddress())).status).toBe(201);
  });

  it('does not let a burst of parallel guesses slip past the limit', async () => {
    const { email } = await makeAccount(t.ctx.database.db);
    const statuses = await Promise.all(
      Array.from({ length: 10 }, () => attempt(t, email, 'geraten', freshAddress()).then((r) => r.status)),
    );
    const checked = statuses.filter((s) => s === 401).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10 - checked);
    // Whatever the burst got through counts: only the rest of the five guesses remain.
    await fail(t, email, 5 - checked, freshAddress);
    expect((await attempt(t, email, testPassword, freshAddress())).status).toBe(429);
  });
});

describe('throttling per client address', () => {
  it('blocks an address after twenty failures across accounts; a success in between does not reset it', async () => {
    clock.advance(60 * 60_000);
    const address = freshAddress();
    const victims = await Promise.all(Array.from({ length: 5 }, () => makeAccount(t.ctx.database.db)));
    for (let i = 0; i < 19; i++) {
      expect((await attempt(t, victims[i % 4]!.email, `falsch-${i}`, address)).status).toBe(401);
      // Keep every account below its own limit by spreading the failures over time.
      if (i % 4 === 3) clock.advance(1000);
    }
    expect((await attempt(t, victims[4]!.email, testPassword, address)).status).toBe(201);
    expect((await attempt(t, victims[4]!.email, 'falsch-letzter', address)).status).toBe(401);

    const blocked = await attempt(t, victims[4]!.email, testPassword, address);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    // Another address is not affected.
    expect((await attempt(t, victims[4]!.email, testPassword, freshAddress())).status).toBe(201);

    clock.advance(15 * 60_000);
    expect((await attempt(t, victims[4]!.email, testPassword, address)).status).toBe(201);
  });

  it('records failed and throttled sign-ins in the audit trail without the password', async () => {
    const { email, id } = await makeAccount(t.ctx.database.db);
    const address = freshAddress();
    await fail(t, email, 5, () => address);
    await attempt(t, email, 'Geheimnis-im-Klartext', address);
    const rows = await t.ctx.database.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('account_id', '=', id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual([
      ...new Array<string>(5).fill('session.sign_in_failed'),
      'session.sign_in_throttled',
    ]);
    expect(rows[0]!.details).toEqual({ email, address, reason: 'password' });
    expect(JSON.stringify(rows)).not.toContain('falsches Passwort');
    expect(JSON.stringify(rows)).not.toContain('Geheimnis-im-Klartext');
    const stored = await t.ctx.database.db.selectFrom('sign_in_attempt').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(email);
    expect(JSON.stringify(stored)).not.toContain(address);
  });
});

describe('client address without a trusted proxy', () => {
  let plain: TestApp;
  beforeAll(async () => {
    plain = await createTestApp({ clock: new ManualClock(new Date('2026-03-02T08:00:00Z')) });
  });
  afterAll(() => plain.close());

  it('ignores X-Forwarded-For, so a client cannot pick a fresh address for every guess', async () => {
    const accounts = await Promise.all(Array.from({ length: 5 }, () => makeAccount(plain.ctx.database.db)));
    for (let i = 0; i < 20; i++) {
      expect((await attempt(plain, accounts[i % 5]!.email, 'falsch', freshAddress())).status).toBe(401);
    }
    const fresh = await makeAccount(plain.ctx.database.db);
    expect((await attempt(plain, fresh.email, testPassword, freshAddress())).status).toBe(429);
  });

  it('takes the address from the socket when served by @hono/node-server', async () => {
    const server = serve({ fetch: plain.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/api/session`, {
        method: 'POST',
        headers: { origin: testOrigin, 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.1' },
        body: JSON.stringify({ email: 'socket-test@example.org', password: 'falsch' }),
      });
      expect(response.status).toBe(401);
      const row = await plain.ctx.database.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'session.sign_in_failed')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(row.details).toMatchObject({ email: 'socket-test@example.org', address: '127.0.0.1' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
