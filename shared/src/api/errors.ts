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
  },
};

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
