import type {
  LegislativeTerm,
  MembershipStatus,
  Organization,
  OrganizationKind,
  OrganizationMembership,
  PersonContact,
  PersonDetail,
  PersonListItem,
} from '@ratsmappe/shared';
import { organizationsPath } from '@ratsmappe/shared/api/public-pages';
import { sendJson } from '../../../data/commands';
import { forgetResource, useApiResource, type Resource } from '../../../data/use-api-resource';
import type { Locale } from '../../../i18n/locale';

/** Reads and writes of the office's master data screens; the server checks every write again. */

const bodyApi = (slug: string) => `/api/bodies/${encodeURIComponent(slug)}`;

function withQuery(path: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

export const masterDataPaths = {
  terms: (slug: string) => `${bodyApi(slug)}/legislative-terms`,
  term: (id: string) => `/api/legislative-terms/${id}`,
  organizations: (slug: string, filter: { kind?: OrganizationKind | undefined; q?: string | undefined } = {}) =>
    withQuery(organizationsPath(slug), { kind: filter.kind, q: filter.q }),
  organization: (id: string) => `/api/organizations/${id}`,
  organizationMemberships: (id: string, status: MembershipStatus | 'all') =>
    withQuery(`/api/organizations/${id}/memberships`, { status }),
  persons: (slug: string, filter: { q?: string | undefined; faction?: string | undefined } = {}) =>
    withQuery(`${bodyApi(slug)}/persons`, { q: filter.q, faction: filter.faction }),
  person: (id: string) => `/api/persons/${id}`,
  personContact: (id: string) => `/api/persons/${id}/contact`,
  memberships: (slug: string) => `${bodyApi(slug)}/memberships`,
  membership: (id: string) => `/api/memberships/${id}`,
  locations: (slug: string, q: string, cursor?: string) =>
    withQuery(`${bodyApi(slug)}/locations`, { q, limit: '50', cursor }),
  location: (id: string) => `/api/locations/${id}`,
};

const unwrap = <T>(resource: Resource<{ data: T }>): Resource<T> =>
  resource.status === 'success' ? { ...resource, data: resource.data.data } : resource;

export function useTerms(slug: string): Resource<LegislativeTerm[]> {
  return unwrap(useApiResource<{ data: LegislativeTerm[] }>(masterDataPaths.terms(slug)));
}

export function useOrganizationList(
  slug: string,
  filter: { kind?: OrganizationKind | undefined; q?: string | undefined } = {},
): Resource<Organization[]> {
  return unwrap(useApiResource<{ data: Organization[] }>(masterDataPaths.organizations(slug, filter)));
}

export function usePersonList(
  slug: string,
  filter: { q?: string | undefined; faction?: string | undefined } = {},
): Resource<PersonListItem[]> {
  return unwrap(useApiResource<{ data: PersonListItem[] }>(masterDataPaths.persons(slug, filter)));
}

export function useOrganizationRecord(id: string): Resource<Organization> {
  return useApiResource<Organization>(masterDataPaths.organization(id));
}

export function useOrganizationMemberships(id: string, status: MembershipStatus | 'all') {
  return unwrap(
    useApiResource<{ data: OrganizationMembership[] }>(masterDataPaths.organizationMemberships(id, status)),
  );
}

export function usePersonRecord(id: string): Resource<PersonDetail> {
  return useApiResource<PersonDetail>(masterDataPaths.person(id));
}

export function usePersonContact(id: string): Resource<PersonContact> {
  return useApiResource<PersonContact>(masterDataPaths.personContact(id));
}

/** A write; the public pages' remembered list of organizations is forgotten when organizations change. */
export async function write<T>(
  method: 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body: unknown,
  locale: Locale,
  forget?: string,
): Promise<T> {
  const result = await sendJson<T>(method, path, body, locale);
  if (forget) forgetResource(forget);
  return result;
}
