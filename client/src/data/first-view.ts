import { firstViewElementId, type FirstViewPayload } from '@ratsmappe/shared/api/public-pages';
import type { Locale } from '../i18n/locale';

/**
 * The answers the server put into index.html for this page (cold loads of a body's start page or calendar), by API
 * path; empty when there are none, they were given in another language, or they cannot be read. Read once: the
 * element is removed, so nothing later mistakes them for current data.
 */
export function takeFirstViewAnswers(locale: Locale): ReadonlyMap<string, unknown> {
  const element = document.getElementById(firstViewElementId);
  if (!element) return new Map();
  element.remove();
  try {
    const payload = JSON.parse(element.textContent) as Partial<FirstViewPayload> | null;
    if (payload?.locale !== locale || typeof payload.answers !== 'object' || payload.answers === null) {
      return new Map();
    }
    return new Map(Object.entries(payload.answers));
  } catch {
    // A damaged payload costs only the head start: the page asks the API as usual.
    return new Map();
  }
}
