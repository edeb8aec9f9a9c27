import { useEffect } from 'react';
import { Link, paths } from '../../app/router';
import { Breadcrumb } from '../../components/breadcrumb';
import { NotFound } from '../../components/not-found';
import { ErrorState, LoadingState } from '../../components/resource-state';
import { useBody } from '../../data/calendar';
import { useMeetingDetail } from '../../data/public';
import { formatMeetingDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { meetingTimeText, placeText, stateLabel } from '../calendar/meeting-list';
import { FileList } from '../documents/file-list';
import { Agenda, showsNonPublic } from './agenda';

/** `/:bodySlug/sitzungen/:meetingId`: date, place, committees, documents and the public agenda of one meeting. */
export function MeetingPage({ slug, id }: { slug: string; id: string }) {
  const { locale, t } = useI18n();
  const body = useBody(slug);
  const meeting = useMeetingDetail(id);
  const bodyName = body.status === 'success' ? body.data.name : null;
  const crumbs = [
    { to: paths.body(slug), label: bodyName ?? t('nav.start') },
    { to: paths.calendar(slug), label: t('calendar.title') },
  ];
  const loaded = meeting.status === 'success';

  useEffect(() => {
    // Links to one agenda item (from a paper or a search hit) end in #top-<id>; it exists only once loaded.
    if (!loaded || !window.location.hash) return;
    document.getElementById(decodeURIComponent(window.location.hash.slice(1)))?.scrollIntoView();
  }, [loaded]);

  // A meeting of another body under this body's address is as unknown as a missing one.
  const foreign = meeting.status === 'success' && body.status === 'success' && meeting.data.bodyId !== body.data.id;
  if ((meeting.status === 'error' && meeting.notFound) || foreign) return <NotFound backTo={paths.body(slug)} />;
  if (meeting.status !== 'success') {
    return (
      <>
        <Breadcrumb items={crumbs} />
        <h1>{t('paper.meeting')}</h1>
        {meeting.status === 'loading' && <LoadingState />}
        {meeting.status === 'error' && <ErrorState message={meeting.message} onRetry={meeting.retry} />}
      </>
    );
  }

  const m = meeting.data;
  const place = m.location ? placeText(m.location) : '';
  return (
    <>
      <title>{`${m.name}, ${formatMeetingDate(m.start, locale)} – ${bodyName ?? t('app.name')}`}</title>
      <Breadcrumb items={crumbs} />
      <h1>{m.name}</h1>
      {m.cancelled && (
        <p className="notice notice--danger">
          <span className="badge badge--cancelled">{t('meetings.cancelled')}</span> {t('meeting.cancelledNotice')}
        </p>
      )}
      {showsNonPublic(m.agendaItems, m.files) && (
        <p className="notice notice--non-public">{t('meeting.nonPublicNote')}</p>
      )}
      <dl className="facts" aria-label={t('meeting.details')}>
        <div>
          <dt>{t('meeting.when')}</dt>
          <dd>
            <time dateTime={m.start}>
              {formatMeetingDate(m.start, locale)}, {meetingTimeText(m, locale, t)}
            </time>
          </dd>
        </div>
        {place && (
          <div>
            <dt>{t('meetings.location')}</dt>
            <dd>{place}</dd>
          </div>
        )}
        {m.organizations.length > 0 && (
          <div>
            <dt>{t('meetings.organizations')}</dt>
            <dd>
              <ul className="inline-list">
                {m.organizations.map((o) => (
                  <li key={o.id}>
                    <Link to={paths.organization(slug, o.id)}>{o.name}</Link>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('meetings.state')}</dt>
          <dd>{t(stateLabel[m.state])}</dd>
        </div>
      </dl>

      <section aria-labelledby="meeting-calendar" className="actions">
        <h2 id="meeting-calendar" className="visually-hidden">
          {t('meeting.calendar')}
        </h2>
        <ul className="plain-list">
          <li>
            <a href={paths.meetingIcal(m.id)} download>
              {t('meeting.addToCalendar')}
            </a>
          </li>
          {m.organizations.map((o) => (
            <li key={o.id}>
              <a href={paths.organizationIcal(o.id)}>{t('meeting.subscribeCommittee', { name: o.name })}</a>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="meeting-documents">
        <h2 id="meeting-documents">{t('meeting.documents')}</h2>
        {m.files.length === 0 ? (
          <p>{t('meeting.noDocuments')}</p>
        ) : (
          <FileList files={m.files} label={t('meeting.documents')} />
        )}
      </section>

      <section aria-labelledby="meeting-agenda">
        <h2 id="meeting-agenda">{t('meeting.agenda')}</h2>
        {m.agendaItems.length === 0 ? <p>{t('meeting.noAgenda')}</p> : <Agenda items={m.agendaItems} slug={slug} />}
      </section>
    </>
  );
}
