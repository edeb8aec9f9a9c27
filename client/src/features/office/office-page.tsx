import { useId, useState } from 'react';
import type { Body, MeetingSummary } from '@ratsmappe/shared';
import { berlinDate } from '@ratsmappe/shared/time/berlin';
import { Link, navigate, paths } from '../../app/router';
import { ErrorState, LoadingState } from '../../components/resource-state';
import { sendJson } from '../../data/commands';
import { meetingsPath } from '@ratsmappe/shared/api/public-pages';
import { formatMeetingDate, formatMeetingTime } from '../../i18n/format';
import { emptyMeeting, MeetingForm } from './meeting-form';
import { OfficeGate, stateLabel, useOfficeT } from './office-shell';
import { usePagedList } from './paged-list';

export function OfficePage({ slug }: { slug: string }) {
  const { t } = useOfficeT();
  return (
    <OfficeGate slug={slug}>
      {({ body }) => (
        <section aria-labelledby="office-title" className="staff-page">
          <h1 id="office-title">{t('office.title', { body: body.name })}</h1>
          <NewMeetingForm body={body} />
          <MeetingList slug={slug} past={false} />
          <MeetingList slug={slug} past={true} />
        </section>
      )}
    </OfficeGate>
  );
}

function previousDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function MeetingList({ slug, past }: { slug: string; past: boolean }) {
  const { t, locale } = useOfficeT();
  const [today] = useState(() => berlinDate(new Date()));
  const query = past ? { to: previousDay(today), order: 'desc' as const } : { from: today };
  const base = meetingsPath(slug, query);
  const list = usePagedList<MeetingSummary>(base, (cursor) => meetingsPath(slug, query, cursor));
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{past ? t('office.past') : t('office.upcoming')}</h2>
      {list.status === 'loading' && <LoadingState />}
      {list.status === 'error' && <ErrorState message={list.message} onRetry={list.retry} />}
      {list.status === 'success' && (
        <>
          {list.items.length === 0 ? (
            <p>{t('office.noMeetings')}</p>
          ) : (
            <ul className="office-list">
              {list.items.map((meeting) => (
                <li key={meeting.id} className="office-list__item">
                  <Link to={paths.officeMeeting(slug, meeting.id)} className="office-list__link">
                    {meeting.name}
                  </Link>
                  <span>
                    {formatMeetingDate(meeting.start, locale)}, {formatMeetingTime(meeting.start, locale)}
                  </span>
                  <span className="badge">{stateLabel(t, meeting.state)}</span>
                  {meeting.cancelled && <span className="badge badge--cancelled">{t('office.cancelled')}</span>}
                </li>
              ))}
            </ul>
          )}
          {list.more && (
            <button type="button" className="button button--secondary" onClick={list.more} disabled={list.loadingMore}>
              {t('office.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function NewMeetingForm({ body }: { body: Body }) {
  const { t, locale } = useOfficeT();
  return (
    <details className="office-panel" open>
      <summary>
        <h2 className="office-panel__title">{t('office.newMeeting')}</h2>
      </summary>
      <MeetingForm
        slug={body.slug}
        idPrefix="meeting"
        initial={emptyMeeting}
        submitLabel={t('office.create')}
        onSubmit={(payload) =>
          sendJson<MeetingSummary>(
            'POST',
            `/api/bodies/${encodeURIComponent(body.slug)}/meetings`,
            payload,
            locale,
          ).then((created) => navigate(paths.officeMeeting(body.slug, created.id)))
        }
      />
    </details>
  );
}
