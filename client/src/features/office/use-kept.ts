import { useState } from 'react';
import type { Resource } from '../../data/use-api-resource';

/**
 * A resource that keeps showing its last answer while it is asked again after a write (`retry`), instead of
 * "loading": the page does not jump, and what is open on it (a form, a notice) stays. Only for resources whose path
 * does not change; a new path would show the old path's answer until the new one is in.
 */
export function useKept<T>(resource: Resource<T>): Resource<T> {
  const data = resource.status === 'success' ? resource.data : undefined;
  const [kept, setKept] = useState<{ data: T } | null>(null);
  // Adjusting state while rendering (react.dev "storing information from previous renders"): no extra effect pass.
  if (data !== undefined && data !== kept?.data) setKept({ data });
  if (resource.status === 'loading' && kept) return { status: 'success', data: kept.data, retry: () => undefined };
  return resource;
}
