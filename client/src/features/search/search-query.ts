import type { SearchResultType } from '@ratsmappe/shared';
import type { SearchParams } from '../../data/public';

/** German words in the address for the result types: `?q=Kita&typ=vorlage&gremium=…&von=…&bis=…&seite=2`. */
export const typeParam: Record<SearchResultType, string> = {
  paper: 'vorlage',
  agenda_item: 'top',
  meeting: 'sitzung',
  file: 'dokument',
};

const typeOf = new Map(Object.entries(typeParam).map(([type, word]) => [word, type as SearchResultType]));
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const day = /^\d{4}-\d{2}-\d{2}$/;

export function parseSearchParams(search: string): SearchParams {
  const params = new URLSearchParams(search);
  const page = Number(params.get('seite'));
  const organization = params.get('gremium') ?? '';
  const from = params.get('von') ?? '';
  const to = params.get('bis') ?? '';
  return {
    q: (params.get('q') ?? '').trim().slice(0, 200),
    type: typeOf.get(params.get('typ') ?? ''),
    organization: uuid.test(organization) ? organization : undefined,
    from: day.test(from) ? from : undefined,
    to: day.test(to) ? to : undefined,
    page: Number.isInteger(page) && page >= 1 && page <= 500 ? page : 1,
  };
}

export function searchQueryString(params: SearchParams): string {
  const query = new URLSearchParams();
  if (params.q) query.set('q', params.q);
  if (params.type) query.set('typ', typeParam[params.type]);
  if (params.organization) query.set('gremium', params.organization);
  if (params.from) query.set('von', params.from);
  if (params.to) query.set('bis', params.to);
  if (params.page > 1) query.set('seite', String(params.page));
  const text = query.toString();
  return text ? `?${text}` : '';
}
