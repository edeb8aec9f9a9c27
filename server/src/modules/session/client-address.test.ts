import { describe, expect, it } from 'vitest';
import { normalizeAddress } from './client-address.js';
import { isPasswordAcceptable } from './password-policy.js';

describe('client addresses for throttling', () => {
  it('keeps IPv4, unwraps IPv4-mapped IPv6 and groups IPv6 by its /64', () => {
    expect(normalizeAddress('192.0.2.7')).toBe('192.0.2.7');
    expect(normalizeAddress('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(normalizeAddress('2001:db8:0:12:aaaa::1')).toBe('2001:db8:0:12::/64');
    expect(normalizeAddress('2001:0db8:0000:0012:ffff:1:2:3')).toBe('2001:db8:0:12::/64');
    expect(normalizeAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(normalizeAddress('::1')).toBe('0:0:0:0::/64');
  });
});

describe('password policy', () => {
  it('refuses common passwords and the e-mail address, and accepts a passphrase', () => {
    expect(isPasswordAcceptable('Passwort1234', 'erika@example.org')).toBe(false);
    expect(isPasswordAcceptable('erika.muster@example.org', 'Erika.Muster@example.org')).toBe(false);
    expect(isPasswordAcceptable('erika-muster', 'erika.muster@example.org')).toBe(false);
    expect(isPasswordAcceptable('xxxxxxxxxxxxxx', 'erika@example.org')).toBe(false);
    expect(isPasswordAcceptable('Kaffee im Ratssaal ist kalt', 'erika@example.org')).toBe(true);
  });
});
