import { z } from 'zod';

export const errorCodes = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'too_many_requests',
  'internal',
  'unavailable',
  'totp_required',
  'totp_invalid',
  'totp_enrolment_required',
  'setup_link_invalid',
  'setup_link_expired',
  'setup_link_used',
  'weak_password',
  'device_revoked',
  'device_unknown',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const fieldIssueSchema = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    issues: z.array(fieldIssueSchema).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const locales = ['de', 'en'] as const;
export type Locale = (typeof locales)[number];

/** Messages shown to users, German first. Keys are error codes; the server picks by Accept-Language. */
export const errorMessages: Record<Locale, Record<ErrorCode, string>> = {
  de: {
    bad_request: 'Die Anfrage ist fehlerhaft.',
    validation_failed: 'Einige Angaben sind ungültig. Bitte prüfen Sie die markierten Felder.',
    unauthenticated: 'Bitte melden Sie sich an.',
    invalid_credentials: 'E-Mail-Adresse oder Passwort ist falsch.',
    forbidden: 'Dafür fehlt Ihnen die Berechtigung.',
    not_found: 'Nicht gefunden.',
    conflict: 'Der Datensatz wurde inzwischen geändert oder steht im Widerspruch zu vorhandenen Daten.',
    payload_too_large: 'Die Datei ist zu groß.',
    unsupported_media_type: 'Dieser Dateityp wird nicht angenommen.',
    too_many_requests: 'Zu viele Versuche. Bitte warten Sie einen Moment.',
    internal: 'Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.',
    unavailable: 'Der Dienst ist vorübergehend nicht verfügbar.',
    totp_required: 'Bitte geben Sie zusätzlich den sechsstelligen Code aus Ihrer Authenticator-App ein.',
    totp_invalid: 'Der Code aus der Authenticator-App ist falsch oder wurde schon verwendet.',
    totp_enrolment_required:
      'Ihre Verwaltung verlangt für Ihr Konto einen zweiten Faktor. Bitte richten Sie zuerst die Anmeldung mit Authenticator-App ein.',
    setup_link_invalid: 'Dieser Einrichtungslink ist ungültig. Bitte bitten Sie Ihre Verwaltung um einen neuen Link.',
    setup_link_expired: 'Dieser Einrichtungslink ist abgelaufen. Bitte bitten Sie Ihre Verwaltung um einen neuen Link.',
    setup_link_used:
      'Dieser Einrichtungslink wurde bereits verwendet. Melden Sie sich mit Ihrem Passwort an oder bitten Sie Ihre Verwaltung um einen neuen Link.',
    weak_password:
      'Dieses Passwort ist nicht geeignet: Es ist sehr verbreitet oder enthält Ihre E-Mail-Adresse. Bitte wählen Sie ein anderes.',
    device_revoked:
      'Dieses Gerät wurde gesperrt. Die Daten auf dem Gerät werden gelöscht; melden Sie sich erneut an, um es wieder zu nutzen.',
    device_unknown: 'Dieses Gerät ist nicht angemeldet. Bitte melden Sie das Gerät neu an.',
  },
  en: {
    bad_request: 'The request is malformed.',
    validation_failed: 'Some fields are invalid. Please check the marked fields.',
    unauthenticated: 'Please sign in.',
    invalid_credentials: 'The e-mail address or password is wrong.',
    forbidden: 'You are not allowed to do this.',
    not_found: 'Not found.',
    conflict: 'The record has changed in the meantime or conflicts with existing data.',
    payload_too_large: 'The file is too large.',
    unsupported_media_type: 'This file type is not accepted.',
    too_many_requests: 'Too many attempts. Please wait a moment.',
    internal: 'An internal error occurred. Please try again later.',
    unavailable: 'The service is temporarily unavailable.',
    totp_required: 'Please also enter the six-digit code from your authenticator app.',
    totp_invalid: 'The code from the authenticator app is wrong or has already been used.',
    totp_enrolment_required:
      'Your council office requires a second factor for your account. Please set up sign-in with an authenticator app first.',
    setup_link_invalid: 'This set-up link is not valid. Please ask your council office for a new one.',
    setup_link_expired: 'This set-up link has expired. Please ask your council office for a new one.',
    setup_link_used:
      'This set-up link has already been used. Sign in with your password or ask your council office for a new link.',
    weak_password:
      'This password is not suitable: it is very common or contains your e-mail address. Please choose another.',
    device_revoked: 'This device has been revoked. Its data is being deleted; sign in again to use it.',
    device_unknown: 'This device is not registered. Please register the device again.',
  },
};

/** The message of a throttled request names the wait, rounded up to whole minutes (Retry-After carries seconds). */
export function retryAfterMessage(locale: Locale, retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return locale === 'de'
    ? `Zu viele fehlgeschlagene Versuche. Bitte versuchen Sie es in ${minutes} ${minutes === 1 ? 'Minute' : 'Minuten'} erneut.`
    : `Too many failed attempts. Please try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}

/** Picks the first supported language from an Accept-Language header; German when none matches. */
export function pickLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return 'de';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) if (lang === 'de' || lang === 'en') return lang;
  return 'de';
}
