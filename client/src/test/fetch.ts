import { act } from 'react';
import { vi } from 'vitest';
import { clearResourceCache } from '../data/use-api-resource';

export function json(status: number, payload: unknown): Response {
  return new Response(JSON.stringify(payload), { status, headers: { 'Content-Type': 'application/json' } });
}

/** Answers fetch by path (without query) or by full URL; anything else is a 404 like the server's. */
export function stubFetch(routes: Record<string, () => Response>) {
  clearResourceCache();
  const fetchMock = vi.fn((url: string) => {
    const answer = routes[url] ?? routes[url.split('?')[0]!];
    return Promise.resolve(answer ? answer() : json(404, { error: { code: 'not_found', message: 'Nicht gefunden.' } }));
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** Lets pending fetches settle and React commit what they set. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

export interface ApiCall {
  method: string;
  url: string;
  body: unknown;
}

/**
 * Answers fetch by `METHOD path` (path without query, or the full URL), for screens that read and write the same
 * path; every call is recorded with its parsed JSON body. Anything else is a 404 like the server's.
 */
export function stubApi(routes: Record<string, (call: ApiCall) => Response>) {
  clearResourceCache();
  const calls: ApiCall[] = [];
  const fetchMock = vi.fn((url: string, init?: RequestInit) => {
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const call = { method, url, body };
    calls.push(call);
    const answer = routes[`${method} ${url}`] ?? routes[`${method} ${url.split('?')[0]!}`];
    return Promise.resolve(
      answer ? answer(call) : json(404, { error: { code: 'not_found', message: 'Nicht gefunden.' } }),
    );
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}
