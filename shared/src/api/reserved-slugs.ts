/**
 * First path segments the server answers itself; a body slug must not shadow them (see docs/conventions.md).
 * Kept free of zod: the client's first-page code reads it.
 */
export const reservedSlugs = [
  'api',
  'oparl',
  'files',
  'ical',
  'feeds',
  'assets',
  'healthz',
  'readyz',
  'sw.js',
  // The client's own pages outside a body: sign-in, account set-up, office workspace.
  'anmelden',
  'konto',
  'verwaltung',
  // The councillors' offline app (tablet client).
  'app',
] as const;
