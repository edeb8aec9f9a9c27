import type { Body, MeetingSummary, Page } from '@ratsmappe/shared';
import { berlinDate } from '@ratsmappe/shared/time/berlin';
import { useState } from 'react';
import { useApiResource, type Resource } from './use-api-resource';

export function useBodies(): Resource<Body[]> {
  const resource = useApiResource<{ data: Body[] }>('/api/bodies');
  return resource.status === 'success' ? { ...resource, data: resource.data.data } : resource;
}

export const upcomingMeetingsLimit = 20;

/** Public meetings from `today` on; `today` is a Berlin calendar day (`berlinDate`), not the device's. */
export function upcomingMeetingsPath(bodySlug: string, today: string): string {
  const query = new URLSearchParams({ from: today, limit: String(upcomingMeetingsLimit) });
  return `/api/bodies/${encodeURIComponent(bodySlug)}/meetings?${query.toString()}`;
}

export function useUpcomingMeetings(bodySlug: string): Resource<Page<MeetingSummary>> {
  // Read the clock once per mount: render must stay pure, and a page open past midnight keeps its list.
  const [today] = useState(() => berlinDate(new Date()));
  return useApiResource<Page<MeetingSummary>>(upcomingMeetingsPath(bodySlug, today));
}
