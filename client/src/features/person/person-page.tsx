import type { PersonMembership } from '@ratsmappe/shared';
import { berlinDate } from '@ratsmappe/shared/time/berlin';
import { useState } from 'react';
import { Link, paths } from '../../app/router';
import { Breadcrumb } from '../../components/breadcrumb';
import { NotFound } from '../../components/not-found';
import { ErrorState, LoadingState } from '../../components/resource-state';
import { useBody } from '../../data/calendar';
import { usePerson } from '../../data/public';
import { formatDay } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';

/** `/:bodySlug/personen/:personId`: name, faction and memberships; the API sends public fields only. */
export function PersonPage({ slug, id }: { slug: string; id: string }) {
  const { t } = useI18n();
  const body = useBody(slug);
  const person = usePerson(id);
  const [today] = useState(() => berlinDate(new Date()));
  const bodyName = body.status === 'success' ? body.data.name : null;
  const crumbs = [
    { to: paths.body(slug), label: bodyName ?? t('nav.start') },
    { to: paths.organizations(slug), label: t('organizations.title') },
  ];

  const foreign = person.status === 'success' && body.status === 'success' && person.data.bodyId !== body.data.id;
  if ((person.status === 'error' && person.notFound) || foreign) return <NotFound backTo={paths.body(slug)} />;
  if (person.status !== 'success') {
    return (
      <>
        <Breadcrumb items={crumbs} />
        <h1>{t('app.loading')}</h1>
        {person.status === 'loading' && <LoadingState />}
        {person.status === 'error' && <ErrorState message={person.message} onRetry={person.retry} />}
      </>
    );
  }

  const p = person.data;
  const isCurrent = (m: PersonMembership) => m.startDate <= today && (m.endDate === null || m.endDate >= today);
  const current = p.memberships.filter(isCurrent);
  const former = p.memberships.filter((m) => !isCurrent(m) && m.startDate <= today);
  return (
    <>
      <title>{`${p.name} – ${bodyName ?? t('app.name')}`}</title>
      <Breadcrumb items={crumbs} />
      <h1>{p.name}</h1>
      {p.deleted && <p className="notice">{t('person.deleted')}</p>}
      {p.faction && (
        <dl className="facts">
          <div>
            <dt>{t('person.faction')}</dt>
            <dd>
              <Link to={paths.organization(slug, p.faction.id)}>{p.faction.name}</Link>
            </dd>
          </div>
        </dl>
      )}
      {!p.deleted && current.length === 0 && former.length === 0 && <p>{t('person.noMemberships')}</p>}
      {current.length > 0 && <Memberships id="current" heading={t('person.current')} slug={slug} list={current} />}
      {former.length > 0 && <Memberships id="former" heading={t('person.former')} slug={slug} list={former} />}
    </>
  );
}

function Memberships({
  id,
  heading,
  slug,
  list,
}: {
  id: string;
  heading: string;
  slug: string;
  list: PersonMembership[];
}) {
  const { locale, t } = useI18n();
  return (
    <section aria-labelledby={`memberships-${id}`}>
      <h2 id={`memberships-${id}`}>{heading}</h2>
      <ul className="membership-list" aria-labelledby={`memberships-${id}`}>
        {list.map((m) => (
          <li key={m.id}>
            <Link to={paths.organization(slug, m.organization.id)}>{m.organization.name}</Link>
            <span className="muted">
              {' – '}
              {[
                m.deputy ? t('organization.deputy') : m.role,
                m.onBehalfOfOrganization ? t('person.onBehalfOf', { name: m.onBehalfOfOrganization.name }) : null,
                m.endDate
                  ? t('person.period', { start: formatDay(m.startDate, locale), end: formatDay(m.endDate, locale) })
                  : t('person.since', { date: formatDay(m.startDate, locale) }),
              ]
                .filter(Boolean)
                .join(', ')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
