import { describe, expect, it } from 'vitest';
import { berlinDate, berlinDateTime, berlinInstant } from './berlin.js';

describe('Berlin time', () => {
  it('formats winter and summer instants with their offsets and without fractions or Z', () => {
    expect(berlinDateTime(new Date('2026-01-15T17:30:00.123Z'))).toBe('2026-01-15T18:30:00+01:00');
    expect(berlinDateTime(new Date('2026-07-15T17:30:00Z'))).toBe('2026-07-15T19:30:00+02:00');
  });

  it('takes the Berlin calendar day, not the UTC day', () => {
    expect(berlinDate(new Date('2026-11-21T23:30:00Z'))).toBe('2026-11-22');
  });

  it('converts wall-clock times to instants on both sides of a DST change', () => {
    expect(berlinInstant('2026-03-28', '18:00').toISOString()).toBe('2026-03-28T17:00:00.000Z');
    expect(berlinInstant('2026-03-30', '18:00').toISOString()).toBe('2026-03-30T16:00:00.000Z');
    expect(berlinInstant('2026-10-26', '09:30').toISOString()).toBe('2026-10-26T08:30:00.000Z');
  });
});
