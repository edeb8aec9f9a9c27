import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { makeAccount, signIn, testPassword } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';

const clock = new ManualClock(new Date('2026-03-02T08:00:00Z'));
const minute = 60_000;
let t: TestApp;
let email: string;

beforeAll(async () => {
  // The smallest timeouts the configuration allows: 5 minutes idle, 1 hour in total.
  t = await createTestApp({ clock, env: { SESSION_IDLE_MINUTES: '5', SESSION_ABSOLUTE_HOURS: '1' } });
  email = (await makeAccount(t.ctx.database.db)).email;
});
afterAll(() => t.close());

const status = async (cookie: string) => (await t.request('/api/session', { cookie })).status;

describe('session lifetime', () => {
  it('gives the cookie the absolute lifetime as Max-Age', async () => {
    const response = await t.request('/api/session', {
      method: 'POST',
      body: JSON.stringify({ email, password: testPassword }),
    });
    expect(response.headers.get('set-cookie')).toMatch(/Max-Age=3600[;]/);
  });

  it('ends a session that has been idle longer than the idle timeout, and deletes it', async () => {
    const cookie = await signIn(t, email);
    clock.advance(5 * minute - 1000);
    expect(await status(cookie)).toBe(200);
    clock.advance(5 * minute - 1000);
    expect(await status(cookie)).toBe(200);
    clock.advance(5 * minute + 1000);
    expect(await status(cookie)).toBe(401);
    // Gone for good: going back in time does not revive it.
    clock.advance(-10 * minute);
    expect(await status(cookie)).toBe(401);
    clock.advance(10 * minute);
  });

  it('ends a session at its absolute lifetime however active it is', async () => {
    const cookie = await signIn(t, email);
    for (let elapsed = 4; elapsed < 60; elapsed += 4) {
      clock.advance(4 * minute);
      expect(await status(cookie)).toBe(200);
    }
    clock.advance(4 * minute);
    expect(await status(cookie)).toBe(401);
  });

  it('keeps other sessions of the account when one expires', async () => {
    const old = await signIn(t, email);
    clock.advance(3 * minute);
    const fresh = await signIn(t, email);
    clock.advance(3 * minute);
    expect(await status(old)).toBe(401);
    expect(await status(fresh)).toBe(200);
  });
});
