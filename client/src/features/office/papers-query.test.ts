import { describe, expect, it } from 'vitest';
import { paperListQuerySchema } from '@ratsmappe/shared/schemas/paper';
import { noPaperFilters, paperFilterQuery, papersApiPath, parsePaperFilters } from './papers-query';

describe('the paper list filters in the address', () => {
  it('reads back what it writes', () => {
    const filters = { q: 'Radweg 0002/2026', type: 'Antrag' as const, year: 2026, visibility: 'non-public' as const };
    const query = paperFilterQuery(filters);
    expect(query).toBe('?q=Radweg+0002%2F2026&art=Antrag&jahr=2026&sichtbarkeit=nicht-oeffentlich');
    expect(parsePaperFilters(query)).toEqual(filters);
  });

  it('writes nothing for no filters', () => {
    expect(paperFilterQuery(noPaperFilters)).toBe('');
    expect(parsePaperFilters('')).toEqual(noPaperFilters);
  });

  it('drops what is not a filter value instead of sending it to the server', () => {
    expect(parsePaperFilters('?art=Sonstiges&jahr=26&sichtbarkeit=geheim&q=%20%20')).toEqual(noPaperFilters);
  });

  it('asks the server with the query its schema accepts', () => {
    const path = papersApiPath('vg-lindenau', { q: 'Kita', type: 'Anfrage', year: 2025, visibility: 'public' }, 'abc');
    const [base, query] = path.split('?');
    expect(base).toBe('/api/bodies/vg-lindenau/papers');
    expect(paperListQuerySchema.parse(Object.fromEntries(new URLSearchParams(query)))).toEqual({
      q: 'Kita',
      type: 'Anfrage',
      year: 2025,
      public: true,
      cursor: 'abc',
      limit: 25,
    });
  });
});
