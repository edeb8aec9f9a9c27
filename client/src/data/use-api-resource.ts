import { useCallback, useEffect, useState } from 'react';
import { useI18n, type Translate } from '../i18n/i18n';
import type { Locale } from '../i18n/locale';
import { ApiError, getJson } from './api';

export type Resource<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string; notFound: boolean; retry: () => void }
  | { status: 'success'; data: T; retry: () => void };

type Settled<T> = { key: string; ok: true; data: T } | { key: string; ok: false; message: string; notFound: boolean };

export interface ResourceOptions {
  /**
   * Keep the answer for the rest of the visit and share one request between callers: for data that a page visit
   * does not change (a body, its committees), so moving between pages does not ask again.
   */
  cache?: boolean;
}

const cacheLimit = 100;
const cached = new Map<string, unknown>();
const pending = new Map<string, Promise<unknown>>();

function cacheKey(locale: Locale, path: string): string {
  return `${locale}|${path}`;
}

/** One request per path and language, its answer remembered; failures are not remembered. */
function sharedRequest<T>(path: string, locale: Locale): Promise<T> {
  const key = cacheKey(locale, path);
  let request = pending.get(key);
  if (!request) {
    request = getJson<T>(path, { locale }).then(
      (data) => {
        pending.delete(key);
        if (cached.size >= cacheLimit) cached.delete(cached.keys().next().value!);
        cached.set(key, data);
        return data;
      },
      (error: unknown) => {
        pending.delete(key);
        throw error;
      },
    );
    pending.set(key, request);
  }
  return request as Promise<T>;
}

/**
 * Answers fetched ahead for a page that is about to mount; each is taken once, and only while fresh. Once it has
 * arrived (`answer`), the page renders with it at once instead of showing "loading" for a frame first.
 */
interface Prefetched {
  request: Promise<unknown>;
  at: number;
  answer?: { data: unknown };
}
const prefetched = new Map<string, Prefetched>();
const prefetchFreshMs = 10_000;

/**
 * Starts loading a resource before the component that shows it exists, e.g. while its code is still loading: on a
 * cold start that overlaps the page's chunk and its data instead of fetching one after the other.
 */
export function prefetchResource(path: string, locale: Locale, options: ResourceOptions = {}): void {
  const key = cacheKey(locale, path);
  if (options.cache) {
    if (!cached.has(key)) sharedRequest(path, locale).catch(() => undefined);
    return;
  }
  if (prefetched.has(key)) return;
  const request = getJson(path, { locale });
  const entry: Prefetched = { request, at: Date.now() };
  request.then(
    (data) => (entry.answer = { data }),
    () => undefined,
  );
  prefetched.set(key, entry);
}

/**
 * Takes an answer the server already gave (inside index.html, see `first-view.ts`) as if it had been prefetched:
 * the page renders with it and no request goes out. Only for the exact path and language the page will ask for.
 */
export function provideResource(path: string, locale: Locale, data: unknown, options: ResourceOptions = {}): void {
  const key = cacheKey(locale, path);
  if (options.cache) {
    if (cached.size >= cacheLimit) cached.delete(cached.keys().next().value!);
    cached.set(key, data);
    return;
  }
  prefetched.set(key, { request: Promise.resolve(data), at: Date.now(), answer: { data } });
}

/** A fresh prefetched answer that has arrived, without taking it (render may run twice; the effect takes it). */
function arrivedPrefetch(key: string): { data: unknown } | undefined {
  const entry = prefetched.get(key);
  return entry && Date.now() - entry.at < prefetchFreshMs ? entry.answer : undefined;
}

function takePrefetched<T>(key: string): Promise<T> | undefined {
  const entry = prefetched.get(key);
  if (!entry) return undefined;
  prefetched.delete(key);
  return Date.now() - entry.at < prefetchFreshMs ? (entry.request as Promise<T>) : undefined;
}

/** Forgets a remembered answer (in every language) after a write changed it, so the next page asks again. */
export function forgetResource(path: string): void {
  for (const key of [...cached.keys()]) if (key.endsWith(`|${path}`)) cached.delete(key);
}

/** Forgets everything remembered (tests; the server-side first view, between requests). */
export function clearResourceCache(): void {
  cached.clear();
  pending.clear();
  prefetched.clear();
}

/**
 * Loads one API resource with plain fetch; `null` waits (for a path that depends on other data). The settled result
 * remembers which request it answers, so a change of path or language shows "loading" at once instead of the
 * previous page's data.
 */
export function useApiResource<T>(path: string | null, options: ResourceOptions = {}): Resource<T> {
  const { locale, t } = useI18n();
  const [attempt, setAttempt] = useState(0);
  const key = `${locale}|${attempt}|${path}`;
  const useCache = options.cache === true;
  const [settled, setSettled] = useState<Settled<T> | null>(() => {
    const arrived = path !== null && !useCache ? arrivedPrefetch(cacheKey(locale, path)) : undefined;
    return arrived ? { key, ok: true, data: arrived.data as T } : null;
  });
  const remembered = useCache && path !== null ? cached.get(cacheKey(locale, path)) : undefined;
  const settledKey = settled?.key;

  useEffect(() => {
    if (path === null || remembered !== undefined) return;
    if (settledKey === key) {
      // Mounted with an answer that had arrived ahead: take it, so a later visit of the page asks again.
      void takePrefetched(cacheKey(locale, path));
      return;
    }
    const controller = new AbortController();
    // A superseded request must not settle: its answer would replace the current one's.
    const request = useCache
      ? sharedRequest<T>(path, locale)
      : ((attempt === 0 ? takePrefetched<T>(cacheKey(locale, path)) : undefined) ??
        getJson<T>(path, { locale, signal: controller.signal }));
    request.then(
      (data) => {
        if (!controller.signal.aborted) setSettled({ key, ok: true, data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setSettled({ key, ok: false, message: errorMessage(error, t), notFound: isNotFound(error) });
        }
      },
    );
    return () => controller.abort();
  }, [key, path, locale, t, useCache, remembered, attempt, settledKey]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  if (remembered !== undefined) return { status: 'success', data: remembered as T, retry };
  if (settled === null || settled.key !== key) return { status: 'loading' };
  return settled.ok
    ? { status: 'success', data: settled.data, retry }
    : { status: 'error', message: settled.message, notFound: settled.notFound, retry };
}

export function errorMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.serverMessage) return error.serverMessage;
    if (error.code === 'network') return t('app.networkError');
  }
  return t('app.unexpectedResponse');
}

/** True when the object does not exist or may not be seen: the server answers both with 404. */
function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'not_found';
}
