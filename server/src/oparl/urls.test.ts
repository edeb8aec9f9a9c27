import { describe, expect, it } from 'vitest';
import { parseListQuery, parseOparlDateTime, toQueryString } from './list-query.js';
import { bodyLists, formatOparlPath, objectTypes, organizationLists, parseOparlPath, type OparlRoute } from './urls.js';

const id = '0b9f6a3c-58d1-4c55-9a8e-2f1f3c4d5e6f';

describe('OParl paths', () => {
  const routes: OparlRoute[] = [
    { kind: 'system' },
    { kind: 'bodies' },
    ...objectTypes.map((type) => ({ kind: 'object' as const, type, id })),
    ...Object.keys(bodyLists).map((list) => ({
      kind: 'bodyList' as const,
      bodyId: id,
      list: list as keyof typeof bodyLists,
    })),
    ...Object.keys(organizationLists).map((list) => ({
      kind: 'organizationList' as const,
      organizationId: id,
      list: list as keyof typeof organizationLists,
    })),
  ];

  it.each(routes.map((route) => [formatOparlPath(route), route] as const))('reads %s back as itself', (path, route) => {
    expect(parseOparlPath(path)).toEqual(route);
  });

  it('reads other spellings of a known path as the same route, so they can be redirected', () => {
    expect(formatOparlPath(parseOparlPath(`/oparl/v1/AGENDAITEM/${id.toUpperCase()}/`)!)).toBe(
      `/oparl/v1/agendaItem/${id}`,
    );
    expect(formatOparlPath(parseOparlPath(`/oparl/v1//body/${id}//agendaitems`)!)).toBe(
      `/oparl/v1/body/${id}/agendaItems`,
    );
    expect(formatOparlPath(parseOparlPath('/oparl/v1')!)).toBe('/oparl/v1/system');
  });

  it('names nothing for unknown types, lists and ids that are not uuids', () => {
    for (const path of [
      '/oparl/v1/sytem',
      `/oparl/v1/meeting/${id}/files`,
      '/oparl/v1/meeting/42',
      `/oparl/v1/body/${id}/papers/extra`,
      `/oparl/v2/body/${id}`,
      '/api/meetings',
    ]) {
      expect(parseOparlPath(path), path).toBeNull();
    }
  });
});

describe('OParl list queries', () => {
  it('reads date-times with offset, Z, fractions and an unencoded plus', () => {
    const instant = Date.parse('2025-05-14T15:00:00Z');
    for (const value of [
      '2025-05-14T17:00:00+02:00',
      '2025-05-14T15:00:00Z',
      '2025-05-14T15:00:00.900Z',
      '2025-05-14T17:00:00 02:00',
    ]) {
      expect(parseOparlDateTime(value)?.getTime(), value).toBe(instant);
    }
    for (const value of ['2025-02-30T10:00:00Z', '2025-05-14', '2025-05-14T24:00:00Z', '14.05.2025', '']) {
      expect(parseOparlDateTime(value), value).toBeNull();
    }
  });

  it('writes the filters in one order and spelling, whatever order they came in', () => {
    const query = parseListQuery({
      after: id.toUpperCase(),
      limit: '20',
      omit_internal: 'true',
      modified_until: '2025-01-01T00:00:00Z',
      created_since: '2024-07-01T12:00:00+02:00',
      unknown: 'ignored',
    });
    expect(toQueryString(query)).toBe(
      '?created_since=2024-07-01T12%3A00%3A00%2B02%3A00&modified_until=2025-01-01T01%3A00%3A00%2B01%3A00' +
        `&omit_internal=true&limit=20&after=${id}`,
    );
    expect(toQueryString(query, null)).not.toContain('after');
    expect(toQueryString(parseListQuery({}))).toBe('');
    expect(parseListQuery({ limit: '9999' }).limit).toBe(500);
  });
});
