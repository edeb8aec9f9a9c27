import type { Locale } from '../i18n/locale';
import { ApiError, isErrorResponse } from './api';

/**
 * Writes to the app API (office and sign-in only; the public pages never load this). Same-origin fetch sends the
 * Origin header the server's CSRF check wants, and the session cookie.
 */
export async function sendJson<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body: unknown,
  locale: Locale,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        'Accept-Language': locale,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError('network', '', null);
  }
  if (response.status === 204) return undefined as T;
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    throw new ApiError(response.ok ? 'unexpected_response' : 'internal', '', response.status);
  }
  if (!response.ok) throw apiErrorFrom(response.status, payload);
  return payload as T;
}

export function apiErrorFrom(status: number, payload: unknown): ApiError {
  if (isErrorResponse(payload)) {
    return new ApiError(payload.error.code, payload.error.message, status, payload.error.issues ?? []);
  }
  return new ApiError('unexpected_response', '', status);
}

/** Field issues by form field: the first segment of the issue's path (`organizationIds.0` → `organizationIds`). */
export function issuesByField(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!(error instanceof ApiError)) return result;
  for (const issue of error.issues) {
    const field = issue.path.split('.')[0] ?? '';
    result[field] = result[field] ? `${result[field]} ${issue.message}` : issue.message;
  }
  return result;
}

/** The server's words for a refusal: its message and, for a refused workflow step (409), the reason in the issues. */
export function refusalText(error: unknown, fallback: string): string {
  if (!(error instanceof ApiError)) return fallback;
  const reasons = error.issues.map((i) => i.message).filter((m) => m !== error.serverMessage);
  return [error.serverMessage || fallback, ...reasons].join(' ');
}
