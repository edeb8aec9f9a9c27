import { councilTimeZone } from '@ratsmappe/shared/time/berlin';
import { intlLocale, type Locale } from './locale';

type FormatterKind = 'date' | 'time' | 'day' | 'shortDay' | 'month' | 'weekdayShort' | 'weekdayLong';

const options: Record<FormatterKind, Intl.DateTimeFormatOptions> = {
  date: { timeZone: councilTimeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  time: { timeZone: councilTimeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  // Calendar dates (`yyyy-mm-dd`) are formatted at noon UTC in UTC: the same day everywhere.
  day: { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' },
  shortDay: { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' },
  month: { timeZone: 'UTC', month: 'long', year: 'numeric' },
  weekdayShort: { timeZone: 'UTC', weekday: 'short' },
  weekdayLong: { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
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

function calendarDay(date: string): Date {
  return new Date(`${date.slice(0, 10)}T12:00:00Z`);
}

/** Weekday and date on the council's calendar, e.g. "Dienstag, 24. November 2026". */
export function formatMeetingDate(instant: string, locale: Locale): string {
  return formatter(locale, 'date').format(new Date(instant));
}

/** Wall-clock time in Europe/Berlin, e.g. "18:00", whatever the device's time zone. */
export function formatMeetingTime(instant: string, locale: Locale): string {
  return formatter(locale, 'time').format(new Date(instant));
}

/** A calendar date `yyyy-mm-dd`, e.g. "24. November 2026". */
export function formatDay(date: string, locale: Locale): string {
  return formatter(locale, 'day').format(calendarDay(date));
}

/** A calendar date `yyyy-mm-dd`, e.g. "24.11.2026" (German) or "24/11/2026" (English). */
export function formatShortDay(date: string, locale: Locale): string {
  return formatter(locale, 'shortDay').format(calendarDay(date));
}

/** A calendar date with its weekday, e.g. "Dienstag, 24. November 2026". */
export function formatDayWithWeekday(date: string, locale: Locale): string {
  return formatter(locale, 'weekdayLong').format(calendarDay(date));
}

/** A month `yyyy-mm`, e.g. "November 2026". */
export function formatMonth(month: string, locale: Locale): string {
  return formatter(locale, 'month').format(calendarDay(`${month}-01`));
}

/** Short weekday names Monday to Sunday, the order of German calendars. */
export function weekdayNames(locale: Locale): string[] {
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) =>
    formatter(locale, 'weekdayShort').format(calendarDay(`2024-01-0${i + 1}`)),
  );
}

const sizeFormats = new Map<string, Intl.NumberFormat>();

/** "312 KB", "1,4 MB": decimal units, as file managers show them. */
export function formatFileSize(bytes: number, locale: Locale): string {
  const [value, unit, digits] =
    bytes >= 1_000_000 ? [bytes / 1_000_000, 'MB', 1] : bytes >= 1_000 ? [bytes / 1_000, 'KB', 0] : [bytes, 'B', 0];
  const key = `${locale}:${digits}`;
  let format = sizeFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale[locale], { maximumFractionDigits: digits });
    sizeFormats.set(key, format);
  }
  return `${format.format(value)} ${unit}`;
}
