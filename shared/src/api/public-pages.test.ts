import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calendarMeetingQuery,
  firstViewRequests,
  meetingsPath,
  parseCalendarState,
  type QueryParams,
} from './public-pages.js';

// A global of Node and browsers alike, which shared's ES-only types do not declare.
const { URLSearchParams } = globalThis as unknown as {
  URLSearchParams: new (init?: string) => QueryParams & { set(name: string, value: string): void; toString(): string };
};

describe('meetingsPath', () => {
  it('encodes its query exactly as URLSearchParams does, whatever the values', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string({ minLength: 1 }), (from, organization, cursor) => {
        const expected = new URLSearchParams();
        if (from) expected.set('from', from);
        if (organization) expected.set('organization', organization);
        expected.set('limit', '20');
        expected.set('cursor', cursor);
        expect(meetingsPath('musterstadt', { from, organization }, cursor)).toBe(
          `/api/bodies/musterstadt/meetings?${expected.toString()}`,
        );
      }),
    );
  });
});

describe('firstViewRequests', () => {
  it('asks the calendar for its view of the address, from the given Berlin day', () => {
    const state = (search: string) => new URLSearchParams(search);
    expect(firstViewRequests({ name: 'calendar', slug: 'musterstadt' }, state(''), '2026-11-21')).toEqual([
      { path: '/api/bodies/musterstadt', cache: true },
      { path: '/api/bodies/musterstadt/organizations', cache: true },
      { path: '/api/bodies/musterstadt/meetings?from=2026-11-21&limit=20', cache: false },
    ]);
    expect(
      firstViewRequests({ name: 'calendar', slug: 'musterstadt' }, state('?zeitraum=vergangen'), '2026-11-01')[2],
    ).toEqual({ path: '/api/bodies/musterstadt/meetings?to=2026-10-31&order=desc&limit=20', cache: false });
    expect(calendarMeetingQuery(parseCalendarState(state('?ansicht=monat&monat=2028-02')), '2026-11-21')).toEqual({
      from: '2028-02-01',
      to: '2028-02-29',
      organization: undefined,
      limit: 200,
    });
  });

  it('asks the start page for the body and its next five meetings', () => {
    expect(firstViewRequests({ name: 'body', slug: 'musterstadt' }, new URLSearchParams(), '2026-11-21')).toEqual([
      { path: '/api/bodies/musterstadt', cache: true },
      { path: '/api/bodies/musterstadt/meetings?from=2026-11-21&limit=5', cache: false },
    ]);
  });
});
