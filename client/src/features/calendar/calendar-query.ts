import type { CalendarState } from '@ratsmappe/shared/api/public-pages';
import { addDays, lastDayOfMonth } from '@ratsmappe/shared/time/calendar-date';

// The state's parsing and the first API query live in shared: the server answers that query ahead (index.html).

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
