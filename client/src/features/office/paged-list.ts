import { useCallback, useEffect, useState } from 'react';
import type { Page } from '@ratsmappe/shared';
import { getJson } from '../../data/api';
import { errorMessage } from '../../data/use-api-resource';
import { useI18n } from '../../i18n/i18n';

export type PagedList<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string; retry: () => void }
  | { status: 'success'; items: T[]; more: (() => void) | null; loadingMore: boolean; reload: () => void };

/** A keyset-paginated list with "load more"; `pathFor(cursor)` builds the request. `null` path waits. */
export function usePagedList<T>(basePath: string | null, pathFor: (cursor?: string) => string): PagedList<T> {
  const { locale, t } = useI18n();
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ key: string; items: T[]; next: string | null; error: string | null }>();
  const [loadingMore, setLoadingMore] = useState(false);
  const key = `${locale}|${attempt}|${basePath}`;

  useEffect(() => {
    if (basePath === null) return;
    const controller = new AbortController();
    getJson<Page<T>>(pathFor(), { locale, signal: controller.signal }).then(
      (page) => setState({ key, items: page.data, next: page.nextCursor, error: null }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ key, items: [], next: null, error: errorMessage(error, t) });
      },
    );
    return () => controller.abort();
    // pathFor is derived from basePath; the key covers it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  if (!state || state.key !== key) return { status: 'loading' };
  if (state.error !== null) return { status: 'error', message: state.error, retry: reload };
  const next = state.next;
  const more = next
    ? () => {
        setLoadingMore(true);
        getJson<Page<T>>(pathFor(next), { locale })
          .then(
            (page) => setState({ key, items: [...state.items, ...page.data], next: page.nextCursor, error: null }),
            (error: unknown) => setState({ ...state, error: errorMessage(error, t) }),
          )
          .finally(() => setLoadingMore(false));
      }
    : null;
  return { status: 'success', items: state.items, more, loadingMore, reload };
}
