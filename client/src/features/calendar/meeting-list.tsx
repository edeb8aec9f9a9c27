import type { MeetingState, MeetingSummary } from '@ratsmappe/shared';
import { Link, paths } from '../../app/router';
import { formatMeetingDate, formatMeetingTime } from '../../i18n/format';
import { useI18n, type Translate } from '../../i18n/i18n';
import type { Locale } from '../../i18n/locale';
import type { MessageKey } from '../../i18n/messages';

export const stateLabel: Record<MeetingState, MessageKey> = {
  planned: 'meetingState.planned',
  invited: 'meetingState.invited',
  held: 'meetingState.held',
  minutes_released: 'meetingState.minutes_released',
};

export interface MeetingListProps {
  meetings: MeetingSummary[];
  /** The body's slug: each meeting's name links to its page. */
  slug?: string;
  labelledBy?: string;
  /** The heading level of each meeting's name, so the outline stays correct wherever the list sits. */
  headingLevel?: 3 | 4;
}

export function MeetingList({ meetings, slug, labelledBy, headingLevel = 3 }: MeetingListProps) {
  return (
    <ol className="meeting-list" aria-labelledby={labelledBy}>
      {meetings.map((meeting) => (
        <li key={meeting.id}>
          <MeetingCard meeting={meeting} slug={slug} headingLevel={headingLevel} />
        </li>
      ))}
    </ol>
  );
}

function MeetingCard({ meeting, slug, headingLevel }: { meeting: MeetingSummary; slug?: string; headingLevel: 3 | 4 }) {
  const { locale, t } = useI18n();
  const headingId = `meeting-${meeting.id}`;
  const time = meetingTimeText(meeting, locale, t);
  const place = meeting.location ? placeText(meeting.location) : '';
  const organizations = meeting.organizations.map((o) => o.name).join(', ');
  const Heading = headingLevel === 3 ? 'h3' : 'h4';

  return (
    <article className={meeting.cancelled ? 'meeting meeting--cancelled' : 'meeting'} aria-labelledby={headingId}>
      <p className="meeting__when">
        <time dateTime={meeting.start}>
          <span className="meeting__date">{formatMeetingDate(meeting.start, locale)}</span>{' '}
          <span className="meeting__time">{time}</span>
        </time>
      </p>
      <Heading className="meeting__name" id={headingId}>
        {slug ? <Link to={paths.meeting(slug, meeting.id)}>{meeting.name}</Link> : meeting.name}
      </Heading>
      <p className="meeting__badges">
        {meeting.cancelled && <span className="badge badge--cancelled">{t('meetings.cancelled')}</span>}
        <span className={`badge badge--${meeting.state}`}>
          <span className="visually-hidden">{t('meetings.state')}: </span>
          {t(stateLabel[meeting.state])}
        </span>
      </p>
      {(organizations || place) && (
        <dl className="meeting__facts">
          {organizations && (
            <div>
              <dt>{t('meetings.organizations')}</dt>
              <dd>{organizations}</dd>
            </div>
          )}
          {place && (
            <div>
              <dt>{t('meetings.location')}</dt>
              <dd>{place}</dd>
            </div>
          )}
        </dl>
      )}
    </article>
  );
}

/** "18:00 Uhr" or "18:00 – 20:00 Uhr" in Berlin time. */
export function meetingTimeText(meeting: Pick<MeetingSummary, 'start' | 'end'>, locale: Locale, t: Translate): string {
  const start = formatMeetingTime(meeting.start, locale);
  // An end on another day (rare, multi-day sessions) would make "18:00 – 10:00" misleading; show the start only.
  const end =
    meeting.end && formatMeetingDate(meeting.end, locale) === formatMeetingDate(meeting.start, locale)
      ? formatMeetingTime(meeting.end, locale)
      : null;
  return end ? t('meetings.timeRange', { start, end }) : t('meetings.time', { time: start });
}

export function placeText(location: NonNullable<MeetingSummary['location']>): string {
  const town = [location.postalCode, location.locality].filter(Boolean).join(' ');
  return [location.description, location.room, location.streetAddress, town].filter(Boolean).join(', ');
}
