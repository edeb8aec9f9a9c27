import type { MeetingQuery } from '../../data/calendar';

/**
 * The calendar's state lives in the address, so every view can be linked and bookmarked:
 * `?ansicht=monat&monat=2026-11&tag=2026-11-24&gremium=<uuid>` or `?zeitraum=vergangen&gremium=<uuid>`.
 * Defaults are left out, so the plain `/sitzungen` is the upcoming list.
 */
export type CalendarView = 'list' | 'month';
export type CalendarPeriod = 'upcoming' | 'past';

export interface CalendarState {
  view: CalendarView;
  period: CalendarPeriod;
  organization: string | null;
  /** `yyyy-mm`; null is the current month. */
  month: string | null;
  /** `yyyy-mm-dd` inside `month`; null selects the first day with a meeting, or today. */
  day: string | null;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
const dayPattern = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function parseCalendarState(search: string): CalendarState {
  const params = new URLSearchParams(search);
  const organization = params.get('gremium');
  const month = params.get('monat');
  const day = params.get('tag');
  return {
    view: params.get('ansicht') === 'monat' ? 'month' : 'list',
    period: params.get('zeitraum') === 'vergangen' ? 'past' : 'upcoming',
    organization: organization && uuid.test(organization) ? organization : null,
    month: month && monthPattern.test(month) ? month : null,
    day: day && dayPattern.test(day) ? day : null,
  };
}

/** The query string for a state, `''` or starting with `?`; only what differs from the defaults. */
export function calendarSearch(state: CalendarState): string {
  const params = new URLSearchParams();
  if (state.view === 'month') {
    params.set('ansicht', 'monat');
    if (state.month) params.set('monat', state.month);
    if (state.day) params.set('tag', state.day);
  } else if (state.period === 'past') {
    params.set('zeitraum', 'vergangen');
  }
  if (state.organization) params.set('gremium', state.organization);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** What the calendar asks the API for first (the list's first page, or the month), in one place for the prefetch. */
export function calendarMeetingQuery(state: CalendarState, today: string): MeetingQuery {
  const organization = state.organization ?? undefined;
  if (state.view === 'month') {
    const month = state.month ?? today.slice(0, 7);
    return { from: `${month}-01`, to: lastDayOfMonth(month), organization, limit: 200 };
  }
  return state.period === 'upcoming'
    ? { from: today, order: 'asc', organization }
    : { to: addDays(today, -1), order: 'desc', organization };
}

/** Calendar arithmetic on `yyyy-mm-dd` strings, in UTC so no time zone or DST can shift a day. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addMonths(month: string, months: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function lastDayOfMonth(month: string): string {
  return addDays(`${addMonths(month, 1)}-01`, -1);
}

/** Monday = 0 … Sunday = 6, the German week. */
export function weekdayIndex(date: string): number {
  return (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
}

/** The weeks of a month grid, Monday first; days outside the month are null. */
export function monthWeeks(month: string): (string | null)[][] {
  const first = `${month}-01`;
  const last = lastDayOfMonth(month);
  const cells: (string | null)[] = Array.from({ length: weekdayIndex(first) }, () => null);
  for (let day = first; day <= last; day = addDays(day, 1)) cells.push(day);
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
