import { startPageQuery } from '@ratsmappe/shared/api/public-pages';
import { berlinDate } from '@ratsmappe/shared/time/berlin';
import { useState } from 'react';
import { Link, paths } from '../../app/router';
import { Breadcrumb } from '../../components/breadcrumb';
import { NotFound } from '../../components/not-found';
import { ErrorState, LoadingState } from '../../components/resource-state';
import { useBody, useMeetings } from '../../data/calendar';
import { useI18n } from '../../i18n/i18n';
import { MeetingList } from '../calendar/meeting-list';
import { SearchForm } from '../search/search-form';

/** A body's public start page: its next meetings, a search field, and the way to everything else. */
export function BodyStartPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const body = useBody(slug);
  // Read the clock once per mount: render must stay pure, and a page open past midnight keeps its list.
  const [today] = useState(() => berlinDate(new Date()));
  const meetings = useMeetings(slug, startPageQuery(today));

  if (body.status === 'error' && body.notFound) return <NotFound text={t('body.notFound')} />;
  const data = body.status === 'success' ? body.data : null;
  const address = data ? [data.streetAddress, [data.postalCode, data.locality].filter(Boolean).join(' ')] : [];

  return (
    <>
      <title>{`${data?.name ?? t('app.loading')} – ${t('app.name')}`}</title>
      <Breadcrumb items={[{ to: '/', label: t('body.allBodies') }]} />
      <h1>{data?.name ?? t('app.loading')}</h1>
      {body.status === 'error' && <ErrorState message={body.message} onRetry={body.retry} />}
      {data && (data.classification || address.some(Boolean)) && (
        <p className="lead">{[data.classification, ...address].filter(Boolean).join(' · ')}</p>
      )}

      <section aria-labelledby="next-meetings" aria-busy={meetings.status === 'loading'}>
        <h2 id="next-meetings">{t('start.nextMeetings')}</h2>
        {meetings.status === 'loading' && <LoadingState label={t('meetings.loading')} />}
        {meetings.status === 'error' && <ErrorState message={meetings.message} onRetry={meetings.retry} />}
        {meetings.status === 'success' &&
          (meetings.data.data.length === 0 ? (
            <p>{t('meetings.empty')}</p>
          ) : (
            <MeetingList meetings={meetings.data.data} slug={slug} labelledBy="next-meetings" />
          ))}
        <p className="more-link">
          <Link to={paths.calendar(slug)}>{t('start.allMeetings')}</Link>
        </p>
      </section>

      <section aria-labelledby="start-search">
        <h2 id="start-search">{t('search.title')}</h2>
        <SearchForm slug={slug} />
      </section>

      <section aria-labelledby="start-explore">
        <h2 id="start-explore">{t('start.explore')}</h2>
        <ul className="link-cards">
          <li>
            <Link to={paths.calendar(slug)} className="link-card">
              <span className="link-card__title">{t('calendar.title')}</span>
              <span className="link-card__text">{t('start.calendarText')}</span>
            </Link>
          </li>
          <li>
            <Link to={paths.organizations(slug)} className="link-card">
              <span className="link-card__title">{t('organizations.title')}</span>
              <span className="link-card__text">{t('start.organizationsText')}</span>
            </Link>
          </li>
          <li>
            <Link to={paths.search(slug)} className="link-card">
              <span className="link-card__title">{t('search.title')}</span>
              <span className="link-card__text">{t('start.searchText')}</span>
            </Link>
          </li>
        </ul>
      </section>

      {data && (
        <section aria-labelledby="start-subscribe">
          <h2 id="start-subscribe">{t('start.subscribe')}</h2>
          <ul className="plain-list">
            <li>
              <a href={paths.bodyIcal(data.id)}>{t('start.ical')}</a>
            </li>
            <li>
              <a href={paths.bodyAtom(data.id)}>{t('start.atom')}</a>
            </li>
            <li>
              <a href={paths.bodyOparl(data.id)}>{t('start.oparl')}</a>
            </li>
            {data.website && (
              <li>
                {t('start.website')}: <a href={data.website}>{data.website.replace(/^https?:\/\//, '')}</a>
              </li>
            )}
          </ul>
        </section>
      )}
    </>
  );
}
