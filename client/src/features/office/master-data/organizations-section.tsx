import { useId, useState, type FormEvent } from 'react';
import type { Body, Organization, OrganizationKind } from '@ratsmappe/shared';
import { Link, navigate, paths, useSearch } from '../../../app/router';
import { Breadcrumb } from '../../../components/breadcrumb';
import { NotFound } from '../../../components/not-found';
import { ErrorState, LoadingState } from '../../../components/resource-state';
import { organizationsPath } from '@ratsmappe/shared/api/public-pages';
import { refusalText } from '../../../data/commands';
import { ConfirmAction, FormFailureNotice, SelectField, TextField, useOfficeForm } from './form-kit';
import {
  masterDataPaths,
  useOrganizationList,
  useOrganizationMemberships,
  useOrganizationRecord,
  useTerms,
  write,
} from './master-data-api';
import { useKept } from '../use-kept';
import { useMasterDataT } from './master-data-messages';
import { MembershipsPanel, type StatusFilter } from './memberships-panel';
import { termPeriod } from './terms-section';
import { validateOrganization, type OrganizationField, type OrganizationValues } from './validation';

export const organizationKinds: readonly OrganizationKind[] = [
  'council',
  'committee',
  'faction',
  'advisory_board',
  'administration',
  'other',
];

const organizationFields: readonly OrganizationField[] = [
  'kind',
  'name',
  'shortName',
  'classification',
  'legislativeTermId',
  'startDate',
  'endDate',
];

/** Filters live in the query string (`?q=…&art=…`), so a filtered list can be linked and survives a reload. */
function readFilter(search: string): { q: string; kind: OrganizationKind | '' } {
  const params = new URLSearchParams(search);
  const kind = params.get('art') ?? '';
  return {
    q: params.get('q') ?? '',
    kind: (organizationKinds as readonly string[]).includes(kind) ? (kind as OrganizationKind) : '',
  };
}

/** `…/stammdaten/gremien`: council, committees, factions and other organizations, found by name and kind. */
export function OrganizationsSection({ body }: { body: Body }) {
  const { t } = useMasterDataT();
  const search = useSearch();
  const filter = readFilter(search);
  const [draft, setDraft] = useState(filter);
  const list = useOrganizationList(body.slug, { q: filter.q || undefined, kind: filter.kind || undefined });

  const applyFilter = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams();
    if (draft.q.trim()) params.set('q', draft.q.trim());
    if (draft.kind) params.set('art', draft.kind);
    const query = params.toString();
    navigate(paths.officeMasterData(body.slug, 'gremien', undefined, query ? `?${query}` : ''), {
      replace: true,
      keepScroll: true,
    });
  };

  return (
    <section aria-labelledby="organizations-title">
      <h1 id="organizations-title">{t('md.organizations.title')}</h1>
      <p className="lead">{t('md.organizations.intro', { body: body.name })}</p>
      <details className="office-panel">
        <summary>
          <h2 className="office-panel__title">{t('md.organizations.new')}</h2>
        </summary>
        <OrganizationForm
          body={body}
          organization={null}
          onSaved={(created) => navigate(paths.officeMasterData(body.slug, 'gremien', created.id))}
        />
      </details>
      <form role="search" className="staff-form form-row" onSubmit={applyFilter} aria-label={t('md.filter')}>
        <TextField
          id="organizations-q"
          type="search"
          label={t('md.organizations.search')}
          value={draft.q}
          onChange={(q) => setDraft((d) => ({ ...d, q }))}
        />
        <SelectField
          id="organizations-kind"
          label={t('md.organizations.kind')}
          value={draft.kind}
          onChange={(kind) => setDraft((d) => ({ ...d, kind: kind as OrganizationKind | '' }))}
          options={[
            { value: '', label: t('md.allKinds') },
            ...organizationKinds.map((kind) => ({ value: kind, label: t(`md.kind.${kind}`) })),
          ]}
        />
        <button type="submit" className="button">
          {t('md.filterButton')}
        </button>
      </form>
      <p role="status" className="status-line">
        {list.status === 'success' ? t('md.organizations.count', { count: list.data.length }) : ''}
      </p>
      {list.status === 'loading' && <LoadingState />}
      {list.status === 'error' && <ErrorState message={list.message} onRetry={list.retry} />}
      {list.status === 'success' && list.data.length > 0 && (
        <ul className="office-list" aria-labelledby="organizations-title">
          {list.data.map((organization) => (
            <li key={organization.id} className="office-list__item">
              <Link to={paths.officeMasterData(body.slug, 'gremien', organization.id)} className="office-list__link">
                {organization.name}
              </Link>
              {organization.shortName && <span>{organization.shortName}</span>}
              <span className="badge">{t(`md.kind.${organization.kind}`)}</span>
              {(organization.startDate || organization.endDate) && <OrganizationPeriod organization={organization} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function OrganizationPeriod({ organization }: { organization: Organization }) {
  const { t, locale } = useMasterDataT();
  return <span>{termPeriod(organization, locale, t)}</span>;
}

/** `…/stammdaten/gremien/:id`: the organization's record and its memberships. */
export function OrganizationDetailPage({ body, id }: { body: Body; id: string }) {
  const { t, locale } = useMasterDataT();
  const organization = useKept(useOrganizationRecord(id));
  const [status, setStatus] = useState<StatusFilter>('current');
  const memberships = useOrganizationMemberships(id, status);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const crumbs = [
    { to: paths.officeMasterData(body.slug), label: t('md.nav.label') },
    { to: paths.officeMasterData(body.slug, 'gremien'), label: t('md.nav.organizations') },
  ];

  if (organization.status === 'error' && organization.notFound) return <NotFound backTo={crumbs[1]!.to} />;
  if (organization.status !== 'success') {
    return (
      <>
        <Breadcrumb items={crumbs} />
        {organization.status === 'loading' ? (
          <LoadingState />
        ) : (
          <ErrorState message={organization.message} onRetry={organization.retry} />
        )}
      </>
    );
  }
  const record = organization.data;
  if (record.bodyId !== body.id) return <NotFound backTo={crumbs[1]!.to} />;

  const remove = () => {
    setBusy(true);
    setRefusal(null);
    write('DELETE', masterDataPaths.organization(id), undefined, locale, organizationsPath(body.slug)).then(
      () => navigate(paths.officeMasterData(body.slug, 'gremien')),
      (error: unknown) => {
        setBusy(false);
        setRefusal(refusalText(error, t('md.failed')));
      },
    );
  };

  return (
    <>
      <Breadcrumb items={crumbs} />
      <section aria-labelledby="organization-title">
        <h1 id="organization-title">{record.name}</h1>
        {record.deleted ? (
          <p className="notice">{t('md.organizations.deletedNotice')}</p>
        ) : (
          <>
            <p role="status" className="status-line">
              {notice}
            </p>
            <section aria-labelledby="organization-record">
              <h2 id="organization-record">{t('md.record')}</h2>
              <OrganizationForm
                key={record.modified}
                body={body}
                organization={record}
                onSaved={(saved) => {
                  setNotice(t('md.saved', { name: saved.name }));
                  organization.retry();
                }}
              />
              {refusal && (
                <p role="alert" className="notice notice--danger">
                  {refusal}
                </p>
              )}
              <ConfirmAction
                label={t('md.organizations.delete')}
                question={t('md.organizations.deleteQuestion', { name: record.name })}
                confirmLabel={t('md.delete')}
                busy={busy}
                onConfirm={remove}
              />
            </section>
            <MembershipsPanel
              slug={body.slug}
              side={{ kind: 'organization', organization: record }}
              status={status}
              onStatus={setStatus}
              onChanged={memberships.status === 'loading' ? () => undefined : memberships.retry}
              rows={
                memberships.status === 'success'
                  ? {
                      status: 'success',
                      rows: memberships.data.map((m) => ({
                        ...m,
                        onBehalfOfName: m.onBehalfOfOrganization?.name ?? null,
                        other: {
                          name: m.person.name,
                          to: paths.officeMasterData(body.slug, 'personen', m.person.id),
                        },
                      })),
                    }
                  : memberships
              }
            />
          </>
        )}
      </section>
    </>
  );
}

export function OrganizationForm({
  body,
  organization,
  onSaved,
}: {
  body: Body;
  organization: Organization | null;
  onSaved: (organization: Organization) => void;
}) {
  const { t, locale } = useMasterDataT();
  const id = useId();
  const terms = useTerms(body.slug);
  const [values, setValues] = useState<OrganizationValues>({
    kind: organization?.kind ?? 'committee',
    name: organization?.name ?? '',
    shortName: organization?.shortName ?? '',
    classification: organization?.classification ?? '',
    legislativeTermId: organization?.legislativeTermId ?? '',
    startDate: organization?.startDate ?? '',
    endDate: organization?.endDate ?? '',
  });
  const { formRef, errors, failure, busy, submit } = useOfficeForm(organizationFields);
  const set = (field: OrganizationField) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const payload = {
      kind: values.kind,
      name: values.name.trim(),
      shortName: values.shortName.trim() || null,
      classification: values.classification.trim() || null,
      legislativeTermId: values.legislativeTermId || null,
      startDate: values.startDate || null,
      endDate: values.endDate || null,
    };
    const forget = organizationsPath(body.slug);
    submit(
      validateOrganization(values, locale),
      () =>
        organization
          ? write<Organization>('PATCH', masterDataPaths.organization(organization.id), payload, locale, forget)
          : write<Organization>('POST', masterDataPaths.organizations(body.slug), payload, locale, forget),
      onSaved,
    );
  };

  return (
    <form ref={formRef} className="staff-form" onSubmit={handleSubmit} noValidate>
      <FormFailureNotice failure={failure} slug={body.slug} />
      <SelectField
        id={`${id}-kind`}
        label={t('md.organizations.kind')}
        required
        value={values.kind}
        error={errors.kind}
        onChange={set('kind')}
        options={organizationKinds.map((kind) => ({ value: kind, label: t(`md.kind.${kind}`) }))}
      />
      <TextField
        id={`${id}-name`}
        label={t('md.organizations.name')}
        required
        maxLength={200}
        value={values.name}
        error={errors.name}
        onChange={set('name')}
      />
      <div className="form-row">
        <TextField
          id={`${id}-short`}
          label={t('md.organizations.shortName')}
          maxLength={50}
          value={values.shortName}
          error={errors.shortName}
          onChange={set('shortName')}
        />
        <TextField
          id={`${id}-classification`}
          label={t('md.organizations.classification')}
          hint={t('md.organizations.classificationHint')}
          maxLength={100}
          value={values.classification}
          error={errors.classification}
          onChange={set('classification')}
        />
      </div>
      <SelectField
        id={`${id}-term`}
        label={t('md.organizations.term')}
        value={values.legislativeTermId}
        error={errors.legislativeTermId}
        onChange={set('legislativeTermId')}
        options={[
          { value: '', label: t('md.none') },
          ...(terms.status === 'success'
            ? terms.data.map((term) => ({ value: term.id, label: `${term.name} (${termPeriod(term, locale, t)})` }))
            : []),
        ]}
      />
      <div className="form-row">
        <TextField
          id={`${id}-start`}
          type="date"
          label={t('md.startDateOptional')}
          value={values.startDate}
          error={errors.startDate}
          onChange={set('startDate')}
        />
        <TextField
          id={`${id}-end`}
          type="date"
          label={t('md.endDateOptional')}
          value={values.endDate}
          error={errors.endDate}
          onChange={set('endDate')}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {organization ? t('md.save') : t('md.organizations.create')}
        </button>
      </div>
    </form>
  );
}
