import type { Body } from '@ratsmappe/shared';
import { Link, paths, type MasterDataSection } from '../../../app/router';
import { OfficeGate } from '../office-shell';
import { LocationsSection } from './locations-section';
import { useMasterDataT } from './master-data-messages';
import { OrganizationDetailPage, OrganizationsSection } from './organizations-section';
import { PersonDetailPage, PersonsSection } from './persons-section';
import { TermsSection } from './terms-section';
import './master-data.css';

/** `/verwaltung/:bodySlug/stammdaten/…`: the office's master data, one section per kind of record. */
export function MasterDataPage({
  slug,
  section,
  id,
}: {
  slug: string;
  section: MasterDataSection | null;
  id: string | null;
}) {
  return (
    <OfficeGate slug={slug}>
      {({ body }) => (
        <div className="staff-page master-data">
          <MasterDataNav slug={slug} current={section} onDetail={id !== null} />
          <SectionView body={body} section={section} id={id} />
        </div>
      )}
    </OfficeGate>
  );
}

function SectionView({ body, section, id }: { body: Body; section: MasterDataSection | null; id: string | null }) {
  switch (section) {
    case null:
      return <Overview body={body} />;
    case 'gremien':
      return id ? <OrganizationDetailPage body={body} id={id} /> : <OrganizationsSection body={body} />;
    case 'personen':
      return id ? <PersonDetailPage body={body} id={id} /> : <PersonsSection body={body} />;
    case 'wahlperioden':
      return <TermsSection body={body} />;
    case 'orte':
      return <LocationsSection body={body} />;
  }
}

const sectionKeys = {
  gremien: { label: 'md.nav.organizations', text: 'md.overview.organizations' },
  personen: { label: 'md.nav.persons', text: 'md.overview.persons' },
  wahlperioden: { label: 'md.nav.terms', text: 'md.overview.terms' },
  orte: { label: 'md.nav.locations', text: 'md.overview.locations' },
} as const;

function MasterDataNav({
  slug,
  current,
  onDetail,
}: {
  slug: string;
  current: MasterDataSection | null;
  onDetail: boolean;
}) {
  const { t } = useMasterDataT();
  return (
    <nav className="sub-nav" aria-label={t('md.nav.label')}>
      <ul>
        {(Object.keys(sectionKeys) as MasterDataSection[]).map((section) => (
          <li key={section}>
            <Link
              to={paths.officeMasterData(slug, section)}
              aria-current={section === current ? (onDetail ? 'true' : 'page') : undefined}
            >
              {t(sectionKeys[section].label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Overview({ body }: { body: Body }) {
  const { t } = useMasterDataT();
  return (
    <section aria-labelledby="md-title">
      <h1 id="md-title">{t('md.title', { body: body.name })}</h1>
      <p className="lead">{t('md.intro')}</p>
      <ul className="link-list">
        {(Object.keys(sectionKeys) as MasterDataSection[]).map((section) => (
          <li key={section}>
            <Link to={paths.officeMasterData(body.slug, section)}>{t(sectionKeys[section].label)}</Link>
            <p className="hint">{t(sectionKeys[section].text)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
