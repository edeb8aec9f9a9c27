import type { ErrorCode, ErrorResponse, FieldIssue } from '@ratsmappe/shared';
import type { Locale } from '../i18n/locale';

/** Why a request failed: the server's error code, or a client-side reason when there was no usable answer. */
export type ApiErrorCode = ErrorCode | 'network' | 'unexpected_response';

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    /** Already localized by the server when it came from an error body; otherwise empty. */
    readonly serverMessage: string,
    readonly status: number | null,
    /** Field issues of a 400 or a refused workflow step (409), paths like `name` or `organizationIds.0`. */
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(serverMessage || code);
    this.name = 'ApiError';
  }
}

// A structural check instead of the shared zod schema: it keeps zod out of the public bundle.
export function isErrorResponse(body: unknown): body is ErrorResponse {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = body.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

/** GETs JSON from the app API. The locale goes out as Accept-Language so error messages come back localized. */
export async function getJson<T>(path: string, options: { locale: Locale; signal?: AbortSignal }): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { Accept: 'application/json', 'Accept-Language': options.locale },
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError('network', '', null);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    if (options.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    throw new ApiError(response.ok ? 'unexpected_response' : 'internal', '', response.status);
  }
  if (!response.ok) {
    if (isErrorResponse(body)) throw new ApiError(body.error.code, body.error.message, response.status);
    throw new ApiError('unexpected_response', '', response.status);
  }
  return body as T;
}
