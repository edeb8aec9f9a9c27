import type { Locale } from '@ratsmappe/shared';

export type { Locale };

const storageKey = 'ratsmappe.locale';

/** The saved choice, else German: the product is German first and does not guess from the browser. */
export function readStoredLocale(): Locale {
  try {
    const stored = localStorage.getItem(storageKey);
    return stored === 'en' ? 'en' : 'de';
  } catch {
    // Storage can be blocked (private mode, policies); the app must still start.
    return 'de';
  }
}

export function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(storageKey, locale);
  } catch {
    // Not persisting a language choice is acceptable; failing to switch is not.
  }
}

/** BCP 47 tags for Intl: the region fixes conventions such as 24-hour time in English too. */
export const intlLocale: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };
