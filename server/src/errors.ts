import { fieldIssueTexts, type ErrorCode, type FieldIssue, type Locale } from '@ratsmappe/shared';

/** A failure the caller can act on; mapped to an HTTP status and a localized message by app.onError. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly issues?: FieldIssue[],
  ) {
    super(detail ?? code);
  }
}

export const notFound = (detail?: string) => new DomainError('not_found', detail);
export const forbidden = (detail?: string) => new DomainError('forbidden', detail);
export const unauthenticated = () => new DomainError('unauthenticated');
export const conflict = (detail?: string) => new DomainError('conflict', detail);
export const badRequest = (detail?: string, issues?: FieldIssue[]) => new DomainError('bad_request', detail, issues);

/**
 * A period (term, organization, membership) whose end lies before its start, answered on the end date field. The
 * shared schemas check each request on its own; this checks the dates an update leaves, old and new together.
 */
export function requirePeriodInOrder(startDate: string | null, endDate: string | null, locale: Locale): void {
  if (startDate && endDate && endDate < startDate) {
    throw new DomainError('validation_failed', undefined, [
      { path: 'endDate', message: fieldIssueTexts[locale].endBeforeStart },
    ]);
  }
}

/** A 429 that says when to come back (the `Retry-After` header and a message naming the wait). */
export class RetryLaterError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('too_many_requests');
  }
}

export const statusOf: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 429 | 500 | 503> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal: 500,
  unavailable: 503,
  totp_required: 401,
  totp_invalid: 400,
  totp_enrolment_required: 403,
  setup_link_invalid: 400,
  setup_link_expired: 410,
  setup_link_used: 410,
  weak_password: 400,
  device_revoked: 410,
  device_unknown: 404,
};
