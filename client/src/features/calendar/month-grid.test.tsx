import type { MeetingSummary } from '@ratsmappe/shared';
import { act, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from '../../test/render';
import { parseCalendarState } from '@ratsmappe/shared/api/public-pages';
import { calendarSearch, monthWeeks } from './calendar-query';
import { MonthGrid, targetDay } from './month-grid';

afterEach(cleanup);

function meeting(id: string, start: string, name: string): MeetingSummary {
  return {
    id,
    bodyId: '00000000-0000-4000-8000-0000000000b1',
    name,
    state: 'invited',
    cancelled: false,
    start,
    end: null,
    organizations: [{ id: '00000000-0000-4000-8000-0000000000c1', name: 'Bauausschuss', shortName: 'BUA' }],
    location: null,
    deleted: false,
    modified: '2026-11-01T10:00:00Z',
  };
}

const byDay = new Map([
  [
    '2026-11-24',
    [
      meeting('00000000-0000-4000-8000-000000000001', '2026-11-24T16:00:00Z', 'Bauausschuss'),
      meeting('00000000-0000-4000-8000-000000000002', '2026-11-24T17:00:00Z', 'Finanzausschuss'),
    ],
  ],
  ['2026-11-26', [meeting('00000000-0000-4000-8000-000000000003', '2026-11-26T17:00:00Z', 'Stadtrat')]],
]);

function renderGrid(onSelectDay = vi.fn(), selectedDay = '2026-11-24') {
  const rendered = render(
    <>
      <h2 id="month">November 2026</h2>
      <MonthGrid
        month="2026-11"
        selectedDay={selectedDay}
        today="2026-11-21"
        meetingsByDay={byDay}
        onSelectDay={onSelectDay}
        labelledBy="month"
      />
    </>,
  );
  return { ...rendered, onSelectDay };
}

function press(element: Element, key: string) {
  act(() => {
    element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

describe('monthWeeks', () => {
  it('lays out a month Monday first, with blanks before the 1st and after the last day', () => {
    const weeks = monthWeeks('2026-11');
    // 1 November 2026 is a Sunday.
    expect(weeks[0]).toEqual([null, null, null, null, null, null, '2026-11-01']);
    expect(weeks.at(-1)).toEqual(['2026-11-30', null, null, null, null, null, null]);
    expect(weeks).toHaveLength(6);
  });
});

describe('MonthGrid', () => {
  it('is a labelled grid with weekday headers and one tab stop, on the selected day', () => {
    const { container } = renderGrid();
    const grid = container.querySelector('[role="grid"]')!;
    expect(grid.getAttribute('aria-labelledby')).toBe('month');
    expect([...grid.querySelectorAll('th')].map((th) => th.textContent)).toEqual([
      'Mo',
      'Di',
      'Mi',
      'Do',
      'Fr',
      'Sa',
      'So',
    ]);
    const tabbable = [...grid.querySelectorAll('button')].filter((b) => b.tabIndex === 0);
    expect(tabbable.map((b) => b.dataset.day)).toEqual(['2026-11-24']);
    expect(grid.querySelectorAll('button')).toHaveLength(30);
  });

  it('names each day with its date, today and its number of meetings', () => {
    const { container } = renderGrid();
    const label = (day: string) => container.querySelector(`button[data-day="${day}"] .visually-hidden`)?.textContent;
    expect(label('2026-11-24')).toBe('Dienstag, 24. November 2026, 2 Sitzungen');
    expect(label('2026-11-26')).toBe('Donnerstag, 26. November 2026, 1 Sitzung');
    expect(label('2026-11-21')).toBe('Samstag, 21. November 2026, heute, keine Sitzung');
    expect(container.querySelector('button[data-day="2026-11-21"]')?.getAttribute('aria-current')).toBe('date');
    expect(container.querySelector('td[aria-selected="true"] button')?.getAttribute('data-day')).toBe('2026-11-24');
  });

  it('moves by day, week and month with the keys of the grid pattern', () => {
    const { container, onSelectDay } = renderGrid();
    const day = container.querySelector('button[data-day="2026-11-24"]')!;
    for (const key of ['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp']) {
      press(day, key);
    }
    expect(onSelectDay.mock.calls.map((call: unknown[]) => call[0])).toEqual([
      '2026-11-25',
      '2026-11-23',
      '2026-12-01',
      '2026-11-17',
      '2026-11-23',
      '2026-11-29',
      '2026-12-24',
      '2026-10-24',
    ]);
    press(day, 'a');
    expect(onSelectDay).toHaveBeenCalledTimes(8);
  });

  it('moves focus to the newly selected day once it is rendered', () => {
    function Stateful() {
      const [day, setDay] = useState('2026-11-24');
      return (
        <MonthGrid
          month={day.slice(0, 7)}
          selectedDay={day}
          today="2026-11-21"
          meetingsByDay={byDay}
          onSelectDay={setDay}
          labelledBy="month"
        />
      );
    }
    const { container } = render(<Stateful />);
    const from = container.querySelector<HTMLButtonElement>('button[data-day="2026-11-24"]')!;
    act(() => from.focus());
    press(from, 'ArrowRight');
    expect((document.activeElement as HTMLElement | null)?.dataset.day).toBe('2026-11-25');
    // Into the next month: the grid shows December, and focus follows.
    press(document.activeElement!, 'ArrowDown');
    expect((document.activeElement as HTMLElement | null)?.dataset.day).toBe('2026-12-02');
  });

  it('selects a day on click', () => {
    const { container, onSelectDay } = renderGrid();
    act(() => container.querySelector<HTMLButtonElement>('button[data-day="2026-11-26"]')!.click());
    expect(onSelectDay).toHaveBeenCalledWith('2026-11-26');
  });
});

describe('targetDay', () => {
  it('keeps the day of the month on Page Down where it exists, else takes the last day', () => {
    expect(targetDay('PageDown', '2026-01-31')).toBe('2026-02-28');
    expect(targetDay('PageUp', '2026-03-31')).toBe('2026-02-28');
    expect(targetDay('PageDown', '2026-12-15')).toBe('2027-01-15');
  });
});

describe('calendar state in the address', () => {
  it('reads and writes only what differs from the upcoming list', () => {
    expect(parseCalendarState(new URLSearchParams(''))).toEqual({
      view: 'list',
      period: 'upcoming',
      organization: null,
      month: null,
      day: null,
    });
    const state = parseCalendarState(
      new URLSearchParams('?ansicht=monat&monat=2026-11&tag=2026-11-24&gremium=00000000-0000-4000-8000-0000000000c1'),
    );
    expect(state).toMatchObject({ view: 'month', month: '2026-11', day: '2026-11-24' });
    expect(calendarSearch(state)).toBe(
      '?ansicht=monat&monat=2026-11&tag=2026-11-24&gremium=00000000-0000-4000-8000-0000000000c1',
    );
    expect(calendarSearch(parseCalendarState(new URLSearchParams('?zeitraum=vergangen')))).toBe('?zeitraum=vergangen');
  });

  it('ignores values that are not what they claim to be', () => {
    expect(parseCalendarState(new URLSearchParams('?ansicht=x&monat=2026-13&tag=gestern&gremium=1%20or%201'))).toEqual({
      view: 'list',
      period: 'upcoming',
      organization: null,
      month: null,
      day: null,
    });
  });
});
