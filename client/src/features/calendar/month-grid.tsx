import type { MeetingSummary } from '@ratsmappe/shared';
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { formatDayWithWeekday, weekdayNames } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { addDays, addMonths, lastDayOfMonth } from '@ratsmappe/shared/time/calendar-date';
import { monthWeeks, weekdayIndex } from './calendar-query';

export interface MonthGridProps {
  /** `yyyy-mm` */
  month: string;
  /** `yyyy-mm-dd` inside `month`: the one day in the tab order, and the one whose meetings are listed. */
  selectedDay: string;
  today: string;
  meetingsByDay: ReadonlyMap<string, readonly MeetingSummary[]>;
  /** A day was chosen, by pointer or keys; it may lie in another month. */
  onSelectDay: (day: string) => void;
  labelledBy: string;
}

/**
 * The month as an ARIA grid: one tab stop (the selected day), arrow keys move by day and week, Home/End to the
 * week's ends, Page Up/Down by month. Selection follows focus, so the list of the day's meetings below always
 * matches the focused day; each day's accessible name carries its date and the number of meetings (as text, not
 * aria-label, so the name and what is on screen cannot disagree).
 */
export function MonthGrid({ month, selectedDay, today, meetingsByDay, onSelectDay, labelledBy }: MonthGridProps) {
  const { locale, t } = useI18n();
  const hintId = useId();
  const gridRef = useRef<HTMLTableElement>(null);
  const focusAfterMove = useRef(false);

  useEffect(() => {
    if (!focusAfterMove.current) return;
    focusAfterMove.current = false;
    gridRef.current?.querySelector<HTMLButtonElement>(`button[data-day="${selectedDay}"]`)?.focus();
  }, [selectedDay, month]);

  const move = (event: KeyboardEvent<HTMLButtonElement>, day: string) => {
    const target = targetDay(event.key, day);
    if (!target) return;
    event.preventDefault();
    focusAfterMove.current = true;
    onSelectDay(target);
  };

  const weekdays = weekdayNames(locale);
  return (
    <>
      <p id={hintId} className="hint">
        {t('calendar.monthHint')}
      </p>
      <table ref={gridRef} role="grid" className="month-grid" aria-labelledby={labelledBy} aria-describedby={hintId}>
        <thead>
          <tr>
            {weekdays.map((name) => (
              <th key={name} scope="col">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(month).map((week) => (
            <tr key={week.find((d) => d !== null) ?? month}>
              {week.map((day, index) => {
                if (day === null) return <td key={`empty-${index}`} className="month-grid__empty" />;
                const meetings = meetingsByDay.get(day) ?? [];
                const count =
                  meetings.length === 0
                    ? t('calendar.dayNone')
                    : meetings.length === 1
                      ? t('calendar.dayOne')
                      : t('calendar.dayMany', { count: meetings.length });
                const isToday = day === today;
                const label = [formatDayWithWeekday(day, locale), isToday ? t('calendar.today') : null, count]
                  .filter(Boolean)
                  .join(', ');
                return (
                  <td key={day} aria-selected={day === selectedDay}>
                    <button
                      type="button"
                      data-day={day}
                      className={[
                        'month-grid__day',
                        meetings.length > 0 ? 'month-grid__day--busy' : '',
                        isToday ? 'month-grid__day--today' : '',
                      ]
                        .filter(Boolean)
                        .join(' ')}
                      tabIndex={day === selectedDay ? 0 : -1}
                      aria-current={isToday ? 'date' : undefined}
                      onClick={() => onSelectDay(day)}
                      onKeyDown={(event) => move(event, day)}
                    >
                      {/* The name is this full text; the visible day number and short names are its picture. */}
                      <span className="visually-hidden">{label}</span>
                      <span className="month-grid__number" aria-hidden="true">
                        {Number(day.slice(8))}
                      </span>
                      {meetings.length > 0 && (
                        <span className="month-grid__names" aria-hidden="true">
                          {meetings.map((m) => (
                            <span key={m.id} className={m.cancelled ? 'month-grid__name--cancelled' : undefined}>
                              {m.organizations[0]?.shortName ?? m.organizations[0]?.name ?? m.name}
                            </span>
                          ))}
                        </span>
                      )}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Where a key moves from `day`, or null for keys the grid does not handle. */
export function targetDay(key: string, day: string): string | null {
  switch (key) {
    case 'ArrowLeft':
      return addDays(day, -1);
    case 'ArrowRight':
      return addDays(day, 1);
    case 'ArrowUp':
      return addDays(day, -7);
    case 'ArrowDown':
      return addDays(day, 7);
    case 'Home':
      return addDays(day, -weekdayIndex(day));
    case 'End':
      return addDays(day, 6 - weekdayIndex(day));
    case 'PageUp':
    case 'PageDown': {
      const month = addMonths(day.slice(0, 7), key === 'PageUp' ? -1 : 1);
      // The same day of the month where it exists, else the month's last day (31 March → 30 April).
      const last = lastDayOfMonth(month);
      const same = `${month}-${day.slice(8)}`;
      return same > last ? last : same;
    }
    default:
      return null;
  }
}
