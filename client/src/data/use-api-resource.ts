import { useCallback, useEffect, useState } from 'react';
import { useI18n, type Translate } from '../i18n/i18n';
import { ApiError, getJson } from './api';

export type Resource<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string; retry: () => void }
  | { status: 'success'; data: T; retry: () => void };

type Settled<T> = { key: string; ok: true; data: T } | { key: string; ok: false; message: string };

/**
 * Loads one API resource with plain fetch. The settled result remembers which request it answers, so a change of
 * path or language shows "loading" at once instead of the previous page's data.
 */
export function useApiResource<T>(path: string): Resource<T> {
  const { locale, t } = useI18n();
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  const key = `${locale}|${attempt}|${path}`;

  useEffect(() => {
    const controller = new AbortController();
    // A superseded request must not settle: its answer would replace the current one's.
    getJson<T>(path, { locale, signal: controller.signal }).then(
      (data) => {
        if (!controller.signal.aborted) setSettled({ key, ok: true, data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setSettled({ key, ok: false, message: errorMessage(error, t) });
      },
    );
    return () => controller.abort();
  }, [key, path, locale, t]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  if (settled === null || settled.key !== key) return { status: 'loading' };
  return settled.ok
    ? { status: 'success', data: settled.data, retry }
    : { status: 'error', message: settled.message, retry };
}

function errorMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.serverMessage) return error.serverMessage;
    if (error.code === 'network') return t('app.networkError');
  }
  return t('app.unexpectedResponse');
}
