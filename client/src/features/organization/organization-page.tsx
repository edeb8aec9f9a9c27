import { berlinDate } from '@ratsmappe/shared/time/berlin';
import { useId, useState } from 'react';
import { Link, paths } from '../../app/router';
import { Breadcrumb } from '../../components/breadcrumb';
import { NotFound } from '../../components/not-found';
import { ErrorState, LoadingState } from '../../components/resource-state';
import { useBody, useMeetingFeed } from '../../data/calendar';
import { useOrganization } from '../../data/public';
import { useI18n } from '../../i18n/i18n';
import { addDays } from '@ratsmappe/shared/time/calendar-date';
import { MeetingList } from '../calendar/meeting-list';

/** `/:bodySlug/gremien/:organizationId`: current members with roles and factions, and the meetings. */
export function OrganizationPage({ slug, id }: { slug: string; id: string }) {
  const { t } = useI18n();
  const body = useBody(slug);
  const organization = useOrganization(id);
  const bodyName = body.status === 'success' ? body.data.name : null;
  const crumbs = [
    { to: paths.body(slug), label: bodyName ?? t('nav.start') },
    { to: paths.organizations(slug), label: t('organizations.title') },
  ];

  const foreign =
    organization.status === 'success' && body.status === 'success' && organization.data.bodyId !== body.data.id;
  if ((organization.status === 'error' && organization.notFound) || foreign) {
    return <NotFound backTo={paths.body(slug)} />;
  }
  if (organization.status !== 'success') {
    return (
      <>
        <Breadcrumb items={crumbs} />
        <h1>{t('organizations.title')}</h1>
        {organization.status === 'loading' && <LoadingState />}
        {organization.status === 'error' && <ErrorState message={organization.message} onRetry={organization.retry} />}
      </>
    );
  }

  const o = organization.data;
  return (
    <>
      <title>{`${o.name} – ${bodyName ?? t('app.name')}`}</title>
      <Breadcrumb items={crumbs} />
      <h1>{o.name}</h1>
      {o.classification && <p className="lead">{o.classification}</p>}
      {o.deleted && <p className="notice">{t('organization.deleted')}</p>}

      <section aria-labelledby="org-members">
        <h2 id="org-members">{t('organization.members')}</h2>
        {o.members.length === 0 ? (
          <p>{t('organization.noMembers')}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">{t('organization.membersCaption', { name: o.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('organization.person')}</th>
                  <th scope="col">{t('organization.role')}</th>
                  {o.kind !== 'faction' && <th scope="col">{t('organization.faction')}</th>}
                </tr>
              </thead>
              <tbody>
                {o.members.map((m) => (
                  <tr key={m.membershipId}>
                    <th scope="row">
                      <Link to={paths.person(slug, m.person.id)}>{m.person.name}</Link>
                    </th>
                    <td>{m.deputy ? t('organization.deputy') : (m.role ?? t('organization.member'))}</td>
                    {o.kind !== 'faction' && (
                      <td>
                        {m.faction ? <Link to={paths.organization(slug, m.faction.id)}>{m.faction.name}</Link> : '–'}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {o.kind !== 'faction' && o.kind !== 'administration' && <OrganizationMeetings slug={slug} id={o.id} />}
    </>
  );
}

function OrganizationMeetings({ slug, id }: { slug: string; id: string }) {
  const { t } = useI18n();
  const [today] = useState(() => berlinDate(new Date()));
  const upcoming = useMeetingFeed(slug, { from: today, organization: id, limit: 5 });
  const past = useMeetingFeed(slug, { to: addDays(today, -1), organization: id, order: 'desc', limit: 5 });
  const upcomingId = useId();
  const pastId = useId();

  return (
    <section aria-labelledby="org-meetings">
      <h2 id="org-meetings">{t('organization.meetings')}</h2>
      <p>
        <a href={paths.organizationIcal(id)}>{t('organization.subscribe')}</a>
      </p>
      {[
        { feed: upcoming, headingId: upcomingId, heading: t('calendar.upcomingHeading'), empty: t('meetings.empty') },
        { feed: past, headingId: pastId, heading: t('calendar.pastHeading'), empty: t('calendar.emptyPast') },
      ].map(({ feed, headingId, heading, empty }) => (
        <section key={headingId} aria-labelledby={headingId} aria-busy={feed.status === 'loading'}>
          <h3 id={headingId}>{heading}</h3>
          {feed.status === 'loading' && <LoadingState label={t('meetings.loading')} />}
          {feed.status === 'error' && <ErrorState message={feed.message} onRetry={feed.retry} />}
          {feed.status === 'success' && (
            <>
              {feed.meetings.length === 0 ? (
                <p>{empty}</p>
              ) : (
                <MeetingList meetings={feed.meetings} slug={slug} labelledBy={headingId} headingLevel={4} />
              )}
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
      ))}
    </section>
  );
}
