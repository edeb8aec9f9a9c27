import type { MeetingState, MeetingSummary } from '@ratsmappe/shared';
import { formatMeetingDate, formatMeetingTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

const stateLabel: Record<MeetingState, MessageKey> = {
  planned: 'meetingState.planned',
  invited: 'meetingState.invited',
  held: 'meetingState.held',
  minutes_released: 'meetingState.minutes_released',
};

export function MeetingList({ meetings, labelledBy }: { meetings: MeetingSummary[]; labelledBy?: string }) {
  return (
    <ol className="meeting-list" aria-labelledby={labelledBy}>
      {meetings.map((meeting) => (
        <li key={meeting.id}>
          <MeetingCard meeting={meeting} />
        </li>
      ))}
    </ol>
  );
}

function MeetingCard({ meeting }: { meeting: MeetingSummary }) {
  const { locale, t } = useI18n();
  const headingId = `meeting-${meeting.id}`;
  const start = formatMeetingTime(meeting.start, locale);
  // An end on another day (rare, multi-day sessions) would make "18:00 – 10:00" misleading; show the start only.
  const end =
    meeting.end && formatMeetingDate(meeting.end, locale) === formatMeetingDate(meeting.start, locale)
      ? formatMeetingTime(meeting.end, locale)
      : null;
  const time = end ? t('meetings.timeRange', { start, end }) : t('meetings.time', { time: start });
  const place = meeting.location ? placeText(meeting.location) : '';
  const organizations = meeting.organizations.map((o) => o.name).join(', ');

  return (
    <article className={meeting.cancelled ? 'meeting meeting--cancelled' : 'meeting'} aria-labelledby={headingId}>
      <p className="meeting__when">
        <time dateTime={meeting.start}>
          <span className="meeting__date">{formatMeetingDate(meeting.start, locale)}</span>{' '}
          <span className="meeting__time">{time}</span>
        </time>
      </p>
      <h3 className="meeting__name" id={headingId}>
        {meeting.name}
      </h3>
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

function placeText(location: NonNullable<MeetingSummary['location']>): string {
  const town = [location.postalCode, location.locality].filter(Boolean).join(' ');
  return [location.description, location.room, location.streetAddress, town].filter(Boolean).join(', ');
}
