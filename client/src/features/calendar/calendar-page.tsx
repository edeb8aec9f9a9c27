import type { MeetingSummary, Organization } from '@ratsmappe/shared';
import { calendarMeetingQuery, parseCalendarState, type CalendarState } from '@ratsmappe/shared/api/public-pages';
import { berlinDate } from '@ratsmappe/shared/time/berlin';
import { addMonths } from '@ratsmappe/shared/time/calendar-date';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { Link, navigate, paths, useSearch } from '../../app/router';
import { Breadcrumb } from '../../components/breadcrumb';
import { NotFound } from '../../components/not-found';
import { ErrorState, LoadingState } from '../../components/resource-state';
import { useBody, useMeetingFeed, useMeetings, useOrganizations } from '../../data/calendar';
import { formatDayWithWeekday, formatMonth } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { calendarSearch } from './calendar-query';
import { MeetingList } from './meeting-list';
import { MonthGrid } from './month-grid';

/** Organizations that hold public meetings; factions and the administration do not. */
export function meetingOrganizations(organizations: Organization[]): Organization[] {
  return organizations.filter((o) => o.kind !== 'faction' && o.kind !== 'administration' && !o.deleted);
}

/** `/:bodySlug/sitzungen`: the meeting calendar as a list (upcoming or past) or as a month, filtered by committee. */
export function CalendarPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const state = parseCalendarState(new URLSearchParams(useSearch()));
  // Read the clock once per mount: render must stay pure, and a page open past midnight keeps its list.
  const [today] = useState(() => berlinDate(new Date()));
  const body = useBody(slug);
  const organizations = useOrganizations(slug);
  const committeeId = useId();

  if (body.status === 'error' && body.notFound) return <NotFound text={t('body.notFound')} />;
  const go = (next: Partial<CalendarState>, replace = false) =>
    navigate(paths.calendar(slug, calendarSearch({ ...state, ...next })), { keepScroll: true, replace });
  const link = (next: Partial<CalendarState>) => paths.calendar(slug, calendarSearch({ ...state, ...next }));
  const bodyName = body.status === 'success' ? body.data.name : null;
  const choices = organizations.status === 'success' ? meetingOrganizations(organizations.data) : [];

  return (
    <>
      <title>{`${t('calendar.title')}${bodyName ? ` – ${bodyName}` : ''} – ${t('app.name')}`}</title>
      <Breadcrumb items={[{ to: paths.body(slug), label: bodyName ?? t('nav.start') }]} />
      <h1>{t('calendar.title')}</h1>

      <div className="calendar-controls">
        <Toggle label={t('calendar.view')}>
          <ToggleLink to={link({ view: 'list', month: null, day: null })} current={state.view === 'list'}>
            {t('calendar.listView')}
          </ToggleLink>
          <ToggleLink to={link({ view: 'month' })} current={state.view === 'month'}>
            {t('calendar.monthView')}
          </ToggleLink>
        </Toggle>
        {state.view === 'list' && (
          <Toggle label={t('calendar.period')}>
            <ToggleLink to={link({ period: 'upcoming' })} current={state.period === 'upcoming'}>
              {t('calendar.upcoming')}
            </ToggleLink>
            <ToggleLink to={link({ period: 'past' })} current={state.period === 'past'}>
              {t('calendar.past')}
            </ToggleLink>
          </Toggle>
        )}
        <div className="field">
          <label htmlFor={committeeId}>{t('calendar.committee')}</label>
          <select
            id={committeeId}
            value={state.organization ?? ''}
            onChange={(event) => go({ organization: event.target.value || null, day: null }, true)}
          >
            <option value="">{t('calendar.allCommittees')}</option>
            {choices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
            {/* Keep a linked committee selectable before the list has arrived. */}
            {state.organization && !choices.some((o) => o.id === state.organization) && (
              <option value={state.organization}>{t('app.loading')}</option>
            )}
          </select>
        </div>
      </div>

      {state.view === 'list' ? (
        <ListView slug={slug} state={state} today={today} />
      ) : (
        <MonthView slug={slug} state={state} today={today} onSelectDay={(day) => selectDay(day, state, go)} />
      )}

      {body.status === 'success' && (
        <p className="subscribe-link">
          <a href={state.organization ? paths.organizationIcal(state.organization) : paths.bodyIcal(body.data.id)}>
            {t('calendar.subscribe')}
          </a>
        </p>
      )}
    </>
  );
}

function selectDay(day: string, state: CalendarState, go: (next: Partial<CalendarState>, replace?: boolean) => void) {
  // Within the month the address is replaced (arrow keys would flood the history); a new month is a new entry.
  go({ month: day.slice(0, 7), day }, state.month === day.slice(0, 7));
}

function Toggle({ label, children }: { label: string; children: ReactNode }) {
  return (
    <nav className="toggle" aria-label={label}>
      <span className="toggle__label" aria-hidden="true">
        {label}
      </span>
      <ul className="toggle__options">{children}</ul>
    </nav>
  );
}

function ToggleLink({ to, current, children }: { to: string; current: boolean; children: ReactNode }) {
  return (
    <li>
      <Link to={to} keepScroll aria-current={current ? 'true' : undefined} className="toggle__option">
        {children}
      </Link>
    </li>
  );
}

function ListView({ slug, state, today }: { slug: string; state: CalendarState; today: string }) {
  const { locale, t } = useI18n();
  const upcoming = state.period === 'upcoming';
  const feed = useMeetingFeed(slug, calendarMeetingQuery(state, today));
  const headingId = useId();
  const groups = useMemo(() => (feed.status === 'success' ? groupByMonth(feed.meetings) : []), [feed]);

  return (
    <section aria-labelledby={headingId} aria-busy={feed.status === 'loading'}>
      <h2 id={headingId}>{upcoming ? t('calendar.upcomingHeading') : t('calendar.pastHeading')}</h2>
      {feed.status === 'loading' && <LoadingState label={t('meetings.loading')} />}
      {feed.status === 'error' && <ErrorState message={feed.message} onRetry={feed.retry} />}
      {feed.status === 'success' && (
        <>
          {feed.meetings.length === 0 && <p>{upcoming ? t('meetings.empty') : t('calendar.emptyPast')}</p>}
          {groups.map(([month, meetings]) => (
            <section key={month} aria-labelledby={`${headingId}-${month}`} className="month-group">
              <h3 id={`${headingId}-${month}`}>{formatMonth(month, locale)}</h3>
              <MeetingList meetings={meetings} slug={slug} labelledBy={`${headingId}-${month}`} headingLevel={4} />
            </section>
          ))}
          <p className="status" role="status">
            {feed.meetings.length > 0 ? t('calendar.shown', { count: feed.meetings.length }) : ''}
          </p>
          {feed.loadMoreError && <ErrorState message={feed.loadMoreError} />}
          {feed.loadMore && (
            <button
              type="button"
              className="button button--secondary"
              onClick={feed.loadMore}
              disabled={feed.loadingMore}
            >
              {feed.loadingMore ? t('app.loading') : t('calendar.loadMore')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

/** Consecutive meetings by Berlin month, in the order given (ascending or descending). */
function groupByMonth(meetings: MeetingSummary[]): [string, MeetingSummary[]][] {
  const groups: [string, MeetingSummary[]][] = [];
  for (const meeting of meetings) {
    const month = berlinDate(new Date(meeting.start)).slice(0, 7);
    const last = groups.at(-1);
    if (last && last[0] === month) last[1].push(meeting);
    else groups.push([month, [meeting]]);
  }
  return groups;
}

function MonthView({
  slug,
  state,
  today,
  onSelectDay,
}: {
  slug: string;
  state: CalendarState;
  today: string;
  onSelectDay: (day: string) => void;
}) {
  const { locale, t } = useI18n();
  const month = state.month ?? today.slice(0, 7);
  const meetings = useMeetings(slug, calendarMeetingQuery(state, today));
  const headingId = useId();
  const dayHeadingId = useId();
  const byDay = useMemo(() => {
    const map = new Map<string, MeetingSummary[]>();
    if (meetings.status !== 'success') return map;
    for (const meeting of meetings.data.data) {
      const day = berlinDate(new Date(meeting.start));
      map.set(day, [...(map.get(day) ?? []), meeting]);
    }
    return map;
  }, [meetings]);

  const selectedDay =
    state.day && state.day.startsWith(month)
      ? state.day
      : today.startsWith(month)
        ? today
        : ([...byDay.keys()].sort()[0] ?? `${month}-01`);
  const dayMeetings = byDay.get(selectedDay) ?? [];
  const monthLink = (m: string) => paths.calendar(slug, calendarSearch({ ...state, month: m, day: null }));

  return (
    <section aria-labelledby={headingId} aria-busy={meetings.status === 'loading'}>
      <div className="month-nav">
        <h2 id={headingId}>{formatMonth(month, locale)}</h2>
        <nav aria-label={t('calendar.monthNavigation')}>
          <ul className="month-nav__links">
            <li>
              <Link to={monthLink(addMonths(month, -1))} keepScroll>
                <span aria-hidden="true">‹ </span>
                {t('calendar.previousMonth')}
              </Link>
            </li>
            <li>
              <Link
                to={monthLink(today.slice(0, 7))}
                keepScroll
                aria-current={month === today.slice(0, 7) ? 'true' : undefined}
              >
                {t('calendar.thisMonth')}
              </Link>
            </li>
            <li>
              <Link to={monthLink(addMonths(month, 1))} keepScroll>
                {t('calendar.nextMonth')}
                <span aria-hidden="true"> ›</span>
              </Link>
            </li>
          </ul>
        </nav>
      </div>
      {meetings.status === 'error' && <ErrorState message={meetings.message} onRetry={meetings.retry} />}
      <MonthGrid
        month={month}
        selectedDay={selectedDay}
        today={today}
        meetingsByDay={byDay}
        onSelectDay={onSelectDay}
        labelledBy={headingId}
      />
      <p className="status" role="status">
        {meetings.status === 'loading'
          ? t('meetings.loading')
          : meetings.status === 'success'
            ? t('calendar.monthCount', { count: meetings.data.data.length })
            : ''}
      </p>
      <section aria-labelledby={dayHeadingId} className="day-meetings">
        <h3 id={dayHeadingId}>{t('calendar.meetingsOn', { date: formatDayWithWeekday(selectedDay, locale) })}</h3>
        {meetings.status === 'success' &&
          (dayMeetings.length === 0 ? (
            <p>{t('calendar.noMeetingsOn')}</p>
          ) : (
            <MeetingList meetings={dayMeetings} slug={slug} labelledBy={dayHeadingId} headingLevel={4} />
          ))}
      </section>
    </section>
  );
}
