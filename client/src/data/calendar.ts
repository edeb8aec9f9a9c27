import type { Body, MeetingSummary, Organization, Page } from '@ratsmappe/shared';
import { bodyPath, meetingsPath, organizationsPath, type MeetingQuery } from '@ratsmappe/shared/api/public-pages';
import { useCallback, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { getJson } from './api';
import { errorMessage, useApiResource, type Resource } from './use-api-resource';

export function useBodies(): Resource<Body[]> {
  const resource = useApiResource<{ data: Body[] }>('/api/bodies', { cache: true });
  return resource.status === 'success' ? { ...resource, data: resource.data.data } : resource;
}

/** The body of a page, by the slug in its URL; remembered, since every page of the body asks for it. */
export function useBody(slug: string): Resource<Body> {
  return useApiResource<Body>(bodyPath(slug), { cache: true });
}

export function useOrganizations(slug: string): Resource<Organization[]> {
  const resource = useApiResource<{ data: Organization[] }>(organizationsPath(slug), { cache: true });
  return resource.status === 'success' ? { ...resource, data: resource.data.data } : resource;
}

export function useMeetings(slug: string, query: MeetingQuery): Resource<Page<MeetingSummary>> {
  return useApiResource<Page<MeetingSummary>>(meetingsPath(slug, query));
}

export type MeetingFeed =
  | { status: 'loading' }
  | { status: 'error'; message: string; retry: () => void }
  | {
      status: 'success';
      meetings: MeetingSummary[];
      /** Present while there are more; loads the next page and appends it. */
      loadMore: (() => void) | null;
      loadingMore: boolean;
      loadMoreError: string | null;
      retry: () => void;
    };

interface More {
  path: string;
  meetings: MeetingSummary[];
  nextCursor: string | null;
  loading: boolean;
  error: string | null;
}

/** A keyset-paged list of meetings: the first page, then "show more" appends pages without reloading the rest. */
export function useMeetingFeed(slug: string, query: MeetingQuery): MeetingFeed {
  const { locale, t } = useI18n();
  const firstPath = meetingsPath(slug, query);
  const first = useApiResource<Page<MeetingSummary>>(firstPath);
  const [more, setMore] = useState<More | null>(null);
  const current = more?.path === firstPath ? more : null;
  const nextCursor = current ? current.nextCursor : first.status === 'success' ? first.data.nextCursor : null;

  const loadMore = useCallback(() => {
    if (!nextCursor) return;
    const base: More = current ?? { path: firstPath, meetings: [], nextCursor, loading: false, error: null };
    setMore({ ...base, loading: true, error: null });
    getJson<Page<MeetingSummary>>(meetingsPath(slug, query, nextCursor), { locale }).then(
      (page) =>
        setMore((previous) =>
          previous?.path === firstPath
            ? {
                path: firstPath,
                meetings: [...previous.meetings, ...page.data],
                nextCursor: page.nextCursor,
                loading: false,
                error: null,
              }
            : previous,
        ),
      (error: unknown) =>
        setMore((previous) =>
          previous?.path === firstPath ? { ...previous, loading: false, error: errorMessage(error, t) } : previous,
        ),
    );
    // `query` is encoded in firstPath; depending on it directly would only repeat that.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current, firstPath, nextCursor, locale, slug, t]);

  if (first.status !== 'success') return first.status === 'loading' ? first : { ...first };
  return {
    status: 'success',
    meetings: [...first.data.data, ...(current?.meetings ?? [])],
    loadMore: nextCursor ? loadMore : null,
    loadingMore: current?.loading ?? false,
    loadMoreError: current?.error ?? null,
    retry: first.retry,
  };
}
