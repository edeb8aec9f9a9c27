import { berlinInstant } from '@ratsmappe/shared';

/** Calendar arithmetic on `yyyy-mm-dd` strings; UTC midnight stands in for the day so DST never shifts it. */

const dayMs = 86_400_000;
const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

export function assertIsoDate(date: string): void {
  if (!isoDatePattern.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw new Error(`not a yyyy-mm-dd date: ${date}`);
  }
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The first date on or after `date` that falls on `day`. */
export function nextWeekday(date: string, day: number): string {
  return addDays(date, (day - weekday(date) + 7) % 7);
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** `12.03.2025` */
export function germanDate(date: string): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

const weekdayNames = ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'];
const monthNames = [
  'Januar',
  'Februar',
  'März',
  'April',
  'Mai',
  'Juni',
  'Juli',
  'August',
  'September',
  'Oktober',
  'November',
  'Dezember',
];

/** `Donnerstag, 12. März 2025` */
export function germanLongDate(date: string): string {
  const day = Number(date.slice(8, 10));
  const month = monthNames[Number(date.slice(5, 7)) - 1]!;
  return `${weekdayNames[weekday(date)]!}, ${day}. ${month} ${yearOf(date)}`;
}

/** An instant at a Berlin wall-clock time on a calendar day. */
export function at(date: string, time: string): Date {
  return berlinInstant(date, time);
}

export function addMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * 60_000);
}

export function maxInstant(...instants: Date[]): Date {
  return new Date(Math.max(...instants.map((i) => i.getTime())));
}

export function minInstant(...instants: Date[]): Date {
  return new Date(Math.min(...instants.map((i) => i.getTime())));
}

/** `18:30` in Berlin time of an instant built with `at`. */
export function berlinTime(instant: Date): string {
  return new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}
