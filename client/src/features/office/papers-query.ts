import { isPaperType, type PaperTypeName } from './paper-types';

/**
 * The office paper list's filters live in the address, so a filtered list can be linked and survives going to a
 * paper and back: `?q=Radweg&art=Antrag&jahr=2026&sichtbarkeit=nicht-oeffentlich`.
 */
export interface PaperFilters {
  q: string;
  type: PaperTypeName | null;
  year: number | null;
  visibility: 'public' | 'non-public' | null;
}

export const noPaperFilters: PaperFilters = { q: '', type: null, year: null, visibility: null };

const visibilityWords = { public: 'oeffentlich', 'non-public': 'nicht-oeffentlich' } as const;

export function parsePaperFilters(search: string): PaperFilters {
  const params = new URLSearchParams(search);
  const type = params.get('art') ?? '';
  const year = Number(params.get('jahr'));
  const visibility = params.get('sichtbarkeit');
  return {
    q: (params.get('q') ?? '').trim().slice(0, 200),
    type: isPaperType(type) ? type : null,
    year: Number.isInteger(year) && year >= 1900 && year <= 2999 ? year : null,
    visibility:
      visibility === visibilityWords.public
        ? 'public'
        : visibility === visibilityWords['non-public']
          ? 'non-public'
          : null,
  };
}

export function paperFilterQuery(filters: PaperFilters): string {
  const query = new URLSearchParams();
  if (filters.q) query.set('q', filters.q);
  if (filters.type) query.set('art', filters.type);
  if (filters.year !== null) query.set('jahr', String(filters.year));
  if (filters.visibility) query.set('sichtbarkeit', visibilityWords[filters.visibility]);
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** `GET /api/bodies/:bodyRef/papers` for these filters (and the page after `cursor`). */
export function papersApiPath(slug: string, filters: PaperFilters, cursor?: string): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.type) params.set('type', filters.type);
  if (filters.year !== null) params.set('year', String(filters.year));
  if (filters.visibility) params.set('public', String(filters.visibility === 'public'));
  params.set('limit', '25');
  if (cursor) params.set('cursor', cursor);
  return `/api/bodies/${encodeURIComponent(slug)}/papers?${params.toString()}`;
}
