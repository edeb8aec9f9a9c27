import { Link } from '../../app/router';
import { ErrorState, LoadingState } from '../../components/resource-state';
import { useBodies, useUpcomingMeetings } from '../../data/calendar';
import { useI18n } from '../../i18n/i18n';
import { MeetingList } from './meeting-list';

/** A body's public start page: its upcoming meetings. */
export function BodyCalendarPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const bodies = useBodies();
  const meetings = useUpcomingMeetings(slug);
  const body = bodies.status === 'success' ? bodies.data.find((b) => b.slug === slug) : undefined;
  const unknownBody = bodies.status === 'success' && !body;
  const heading = body?.name ?? (unknownBody ? t('app.notFoundTitle') : t('app.loading'));

  return (
    <>
      <title>{`${body?.name ?? t('meetings.title')} – ${t('app.name')}`}</title>
      <nav className="breadcrumb" aria-label={t('app.breadcrumb')}>
        <Link to="/">{t('body.allBodies')}</Link>
      </nav>
      <h1>{heading}</h1>
      {bodies.status === 'error' && <ErrorState message={bodies.message} onRetry={bodies.retry} />}
      {unknownBody ? (
        <p>{t('body.notFound')}</p>
      ) : (
        <section aria-labelledby="upcoming-meetings" aria-busy={meetings.status === 'loading'}>
          <h2 id="upcoming-meetings">{t('meetings.title')}</h2>
          {meetings.status === 'loading' && <LoadingState label={t('meetings.loading')} />}
          {meetings.status === 'error' && <ErrorState message={meetings.message} onRetry={meetings.retry} />}
          {meetings.status === 'success' &&
            (meetings.data.data.length === 0 ? (
              <p>{t('meetings.empty')}</p>
            ) : (
              <MeetingList meetings={meetings.data.data} labelledBy="upcoming-meetings" />
            ))}
        </section>
      )}
    </>
  );
}
