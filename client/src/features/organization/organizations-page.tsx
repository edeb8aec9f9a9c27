import type { Organization, OrganizationKind } from '@ratsmappe/shared';
import { Link, paths } from '../../app/router';
import { Breadcrumb } from '../../components/breadcrumb';
import { NotFound } from '../../components/not-found';
import { ErrorState, LoadingState } from '../../components/resource-state';
import { useBody, useOrganizations } from '../../data/calendar';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

const kindOrder: readonly OrganizationKind[] = [
  'council',
  'committee',
  'advisory_board',
  'faction',
  'other',
  'administration',
];

export const kindLabel: Record<OrganizationKind, MessageKey> = {
  council: 'orgKind.council',
  committee: 'orgKind.committee',
  faction: 'orgKind.faction',
  advisory_board: 'orgKind.advisory_board',
  administration: 'orgKind.administration',
  other: 'orgKind.other',
};

/** `/:bodySlug/gremien`: council, committees, boards and factions, grouped by kind. */
export function OrganizationsPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const body = useBody(slug);
  const organizations = useOrganizations(slug);
  const bodyName = body.status === 'success' ? body.data.name : null;

  if (body.status === 'error' && body.notFound) return <NotFound text={t('body.notFound')} />;
  const groups =
    organizations.status === 'success'
      ? kindOrder
          .map((kind) => [kind, organizations.data.filter((o) => o.kind === kind && !o.deleted)] as const)
          .filter(([, list]) => list.length > 0)
      : [];

  return (
    <>
      <title>{`${t('organizations.title')}${bodyName ? ` – ${bodyName}` : ''} – ${t('app.name')}`}</title>
      <Breadcrumb items={[{ to: paths.body(slug), label: bodyName ?? t('nav.start') }]} />
      <h1>{t('organizations.title')}</h1>
      {organizations.status === 'loading' && <LoadingState />}
      {organizations.status === 'error' && <ErrorState message={organizations.message} onRetry={organizations.retry} />}
      {organizations.status === 'success' && groups.length === 0 && <p>{t('organizations.empty')}</p>}
      {groups.map(([kind, list]) => (
        <section key={kind} aria-labelledby={`kind-${kind}`}>
          <h2 id={`kind-${kind}`}>{t(kindLabel[kind])}</h2>
          <ul className="link-list" aria-labelledby={`kind-${kind}`}>
            {list.map((o: Organization) => (
              <li key={o.id}>
                <Link to={paths.organization(slug, o.id)}>{o.name}</Link>
                {o.shortName && o.shortName !== o.name && <span className="muted"> ({o.shortName})</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
