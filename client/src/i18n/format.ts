import { councilTimeZone } from '@ratsmappe/shared/time/berlin';
import { intlLocale, type Locale } from './locale';

type FormatterKind = 'date' | 'time';

const options: Record<FormatterKind, Intl.DateTimeFormatOptions> = {
  date: { timeZone: councilTimeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  time: { timeZone: councilTimeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
};

// Building an Intl.DateTimeFormat is costly; a long meeting list would otherwise build two per row.
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, kind: FormatterKind): Intl.DateTimeFormat {
  const key = `${locale}:${kind}`;
  let cached = cache.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(intlLocale[locale], options[kind]);
    cache.set(key, cached);
  }
  return cached;
}

/** Weekday and date on the council's calendar, e.g. "Dienstag, 24. November 2026". */
export function formatMeetingDate(instant: string, locale: Locale): string {
  return formatter(locale, 'date').format(new Date(instant));
}

/** Wall-clock time in Europe/Berlin, e.g. "18:00", whatever the device's time zone. */
export function formatMeetingTime(instant: string, locale: Locale): string {
  return formatter(locale, 'time').format(new Date(instant));
}
