import type {
  MeetingDetail,
  OrganizationDetail,
  PaperDetail,
  PersonDetail,
  SearchResponse,
  SearchResultType,
} from '@ratsmappe/shared';
import { useApiResource, type Resource } from './use-api-resource';

export const meetingPath = (id: string) => `/api/meetings/${id}`;
export const paperPath = (id: string) => `/api/papers/${id}`;
export const organizationPath = (id: string) => `/api/organizations/${id}`;
export const personPath = (id: string) => `/api/persons/${id}`;

export function useMeetingDetail(id: string): Resource<MeetingDetail> {
  return useApiResource<MeetingDetail>(meetingPath(id));
}

export function usePaper(id: string): Resource<PaperDetail> {
  return useApiResource<PaperDetail>(paperPath(id));
}

export function useOrganization(id: string): Resource<OrganizationDetail> {
  return useApiResource<OrganizationDetail>(organizationPath(id));
}

export function usePerson(id: string): Resource<PersonDetail> {
  return useApiResource<PersonDetail>(personPath(id));
}

export interface SearchParams {
  q: string;
  type?: SearchResultType;
  organization?: string;
  from?: string;
  to?: string;
  page: number;
}

export const searchPageSize = 20;

export function searchPath(bodySlug: string, params: SearchParams): string {
  const query = new URLSearchParams({ q: params.q, body: bodySlug });
  if (params.type) query.set('type', params.type);
  if (params.organization) query.set('organization', params.organization);
  if (params.from) query.set('from', params.from);
  if (params.to) query.set('to', params.to);
  query.set('page', String(params.page));
  query.set('limit', String(searchPageSize));
  return `/api/search?${query.toString()}`;
}

/** Searches only with a non-empty query; `null` params wait. */
export function useSearchResults(bodySlug: string, params: SearchParams | null): Resource<SearchResponse> {
  return useApiResource<SearchResponse>(params && params.q.trim() !== '' ? searchPath(bodySlug, params) : null);
}
