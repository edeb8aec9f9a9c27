import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, newTotpSecret, otpauthUri, totpCode } from './totp.js';

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const rfcSecret = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP', () => {
  it('reproduces the RFC 6238 SHA-1 test vectors (last six of the eight digits)', () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, eight] of vectors) {
      expect(hotp(Buffer.from('12345678901234567890'), Math.floor(seconds / 30), 8)).toBe(eight);
      expect(totpCode(rfcSecret, new Date(seconds * 1000))).toBe(eight.slice(2));
    }
  });

  it('round-trips base32 as RFC 4648 spells it', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    expect(base32Decode('mzxw 6ytb oi======').toString()).toBe('foobar');
    expect(() => base32Decode('MZXW1')).toThrow();
    expect(base32Decode(newTotpSecret())).toHaveLength(20);
  });

  it('accepts one step of drift either way, and never a step at or before the last used one', () => {
    const now = new Date(1_800_000_000_000);
    const previous = totpCode(rfcSecret, new Date(now.getTime() - 30_000));
    const next = totpCode(rfcSecret, new Date(now.getTime() + 30_000));
    const tooOld = totpCode(rfcSecret, new Date(now.getTime() - 60_000));
    const current = totpCode(rfcSecret, now);
    const step = Math.floor(now.getTime() / 30_000);
    expect(matchTotp(rfcSecret, previous, now, null)).toBe(step - 1);
    expect(matchTotp(rfcSecret, next, now, null)).toBe(step + 1);
    expect(matchTotp(rfcSecret, tooOld, now, null)).toBeNull();
    expect(matchTotp(rfcSecret, current, now, step - 1)).toBe(step);
    expect(matchTotp(rfcSecret, current, now, step)).toBeNull();
    expect(matchTotp(rfcSecret, previous, now, step)).toBeNull();
  });

  it('builds an otpauth URI that authenticator apps read', () => {
    const uri = new URL(otpauthUri('Ratsmappe', 'erika@example.org', 'MZXW6YTBOI'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Ratsmappe:erika@example.org');
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      secret: 'MZXW6YTBOI',
      issuer: 'Ratsmappe',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});
