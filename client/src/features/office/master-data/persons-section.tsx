import { useId, useState, type FormEvent } from 'react';
import type { Body, Person, PersonContact, PersonDetail } from '@ratsmappe/shared';
import { berlinDate } from '@ratsmappe/shared/time/berlin';
import { Link, navigate, paths, useSearch } from '../../../app/router';
import { Breadcrumb } from '../../../components/breadcrumb';
import { NotFound } from '../../../components/not-found';
import { ErrorState, LoadingState } from '../../../components/resource-state';
import { refusalText } from '../../../data/commands';
import { CheckboxField, ConfirmAction, FormFailureNotice, SelectField, TextField, useOfficeForm } from './form-kit';
import {
  masterDataPaths,
  useOrganizationList,
  usePersonContact,
  usePersonList,
  usePersonRecord,
  write,
} from './master-data-api';
import { useKept } from '../use-kept';
import { useMasterDataT } from './master-data-messages';
import { MembershipsPanel, statusOn, type StatusFilter } from './memberships-panel';
import { splitTitles, validatePerson, type PersonField, type PersonValues } from './validation';

const personFields: readonly PersonField[] = ['formOfAddress', 'title', 'givenName', 'familyName', 'email', 'phone'];

/** `?q=…&fraktion=<id>|keine` */
function readFilter(search: string): { q: string; faction: string } {
  const params = new URLSearchParams(search);
  const faction = params.get('fraktion') ?? '';
  return { q: params.get('q') ?? '', faction: faction === 'keine' ? 'none' : faction };
}

/** `…/stammdaten/personen`: everyone who holds or held a seat, found by name and current faction. */
export function PersonsSection({ body }: { body: Body }) {
  const { t } = useMasterDataT();
  const search = useSearch();
  const filter = readFilter(search);
  const [draft, setDraft] = useState(filter);
  const list = usePersonList(body.slug, { q: filter.q || undefined, faction: filter.faction || undefined });
  const factions = useOrganizationList(body.slug, { kind: 'faction' });

  const applyFilter = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams();
    if (draft.q.trim()) params.set('q', draft.q.trim());
    if (draft.faction) params.set('fraktion', draft.faction === 'none' ? 'keine' : draft.faction);
    const query = params.toString();
    navigate(paths.officeMasterData(body.slug, 'personen', undefined, query ? `?${query}` : ''), {
      replace: true,
      keepScroll: true,
    });
  };

  return (
    <section aria-labelledby="persons-title">
      <h1 id="persons-title">{t('md.persons.title')}</h1>
      <p className="lead">{t('md.persons.intro', { body: body.name })}</p>
      <details className="office-panel">
        <summary>
          <h2 className="office-panel__title">{t('md.persons.new')}</h2>
        </summary>
        <PersonForm
          slug={body.slug}
          person={null}
          contact={null}
          onSaved={(created) => navigate(paths.officeMasterData(body.slug, 'personen', created.id))}
        />
      </details>
      <form role="search" className="staff-form form-row" onSubmit={applyFilter} aria-label={t('md.filter')}>
        <TextField
          id="persons-q"
          type="search"
          label={t('md.persons.search')}
          value={draft.q}
          onChange={(q) => setDraft((d) => ({ ...d, q }))}
        />
        <SelectField
          id="persons-faction"
          label={t('md.persons.faction')}
          value={draft.faction}
          onChange={(faction) => setDraft((d) => ({ ...d, faction }))}
          options={[
            { value: '', label: t('md.persons.anyFaction') },
            { value: 'none', label: t('md.persons.noFaction') },
            ...(factions.status === 'success' ? factions.data.map((f) => ({ value: f.id, label: f.name })) : []),
          ]}
        />
        <button type="submit" className="button">
          {t('md.filterButton')}
        </button>
      </form>
      <p role="status" className="status-line">
        {list.status === 'success' ? t('md.persons.count', { count: list.data.length }) : ''}
      </p>
      {list.status === 'loading' && <LoadingState />}
      {list.status === 'error' && <ErrorState message={list.message} onRetry={list.retry} />}
      {list.status === 'success' && list.data.length > 0 && (
        <ul className="office-list" aria-labelledby="persons-title">
          {list.data.map((person) => (
            <li key={person.id} className="office-list__item">
              <Link to={paths.officeMasterData(body.slug, 'personen', person.id)} className="office-list__link">
                {person.name}
              </Link>
              <span>{person.faction ? person.faction.name : t('md.persons.noFactionShort')}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** `…/stammdaten/personen/:id`: a person's record with contact data, and their memberships. */
export function PersonDetailPage({ body, id }: { body: Body; id: string }) {
  const { t, locale } = useMasterDataT();
  const person = useKept(usePersonRecord(id));
  const contact = useKept(usePersonContact(id));
  const [status, setStatus] = useState<StatusFilter>('current');
  const [today] = useState(() => berlinDate(new Date()));
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const crumbs = [
    { to: paths.officeMasterData(body.slug), label: t('md.nav.label') },
    { to: paths.officeMasterData(body.slug, 'personen'), label: t('md.nav.persons') },
  ];

  if (person.status === 'error' && person.notFound) return <NotFound backTo={crumbs[1]!.to} />;
  if (person.status !== 'success') {
    return (
      <>
        <Breadcrumb items={crumbs} />
        {person.status === 'loading' ? (
          <LoadingState />
        ) : (
          <ErrorState message={person.message} onRetry={person.retry} />
        )}
      </>
    );
  }
  const record: PersonDetail = person.data;
  if (record.bodyId !== body.id) return <NotFound backTo={crumbs[1]!.to} />;

  const remove = () => {
    setBusy(true);
    setRefusal(null);
    write('DELETE', masterDataPaths.person(id), undefined, locale).then(
      () => navigate(paths.officeMasterData(body.slug, 'personen')),
      (error: unknown) => {
        setBusy(false);
        setRefusal(refusalText(error, t('md.failed')));
      },
    );
  };

  const rows = record.memberships
    .filter((m) => status === 'all' || statusOn(m, today) === status)
    .map((m) => ({
      ...m,
      onBehalfOfName: m.onBehalfOfOrganization?.name ?? null,
      other: { name: m.organization.name, to: paths.officeMasterData(body.slug, 'gremien', m.organization.id) },
    }))
    .sort((a, b) => b.startDate.localeCompare(a.startDate) || a.other.name.localeCompare(b.other.name));

  return (
    <>
      <Breadcrumb items={crumbs} />
      <section aria-labelledby="person-title">
        <h1 id="person-title">{record.name}</h1>
        {record.deleted ? (
          <p className="notice">{t('md.persons.deletedNotice')}</p>
        ) : (
          <>
            <p role="status" className="status-line">
              {notice}
            </p>
            {record.faction && <p>{t('md.persons.currentFaction', { faction: record.faction.name })}</p>}
            <section aria-labelledby="person-record">
              <h2 id="person-record">{t('md.record')}</h2>
              {contact.status === 'loading' && <LoadingState />}
              {contact.status === 'error' && <ErrorState message={contact.message} onRetry={contact.retry} />}
              {contact.status === 'success' && (
                <PersonForm
                  key={record.modified}
                  slug={body.slug}
                  person={record}
                  contact={contact.data}
                  onSaved={(saved) => {
                    setNotice(t('md.saved', { name: saved.name }));
                    person.retry();
                    contact.retry();
                  }}
                />
              )}
              {refusal && (
                <p role="alert" className="notice notice--danger">
                  {refusal}
                </p>
              )}
              <ConfirmAction
                label={t('md.persons.delete')}
                question={t('md.persons.deleteQuestion', { name: record.name })}
                confirmLabel={t('md.delete')}
                busy={busy}
                onConfirm={remove}
              />
            </section>
            <MembershipsPanel
              slug={body.slug}
              side={{ kind: 'person', personId: record.id }}
              status={status}
              onStatus={setStatus}
              onChanged={person.retry}
              rows={{ status: 'success', rows }}
            />
          </>
        )}
      </section>
    </>
  );
}

export function PersonForm({
  slug,
  person,
  contact,
  onSaved,
}: {
  slug: string;
  person: Person | null;
  contact: PersonContact | null;
  onSaved: (person: Person) => void;
}) {
  const { t, locale } = useMasterDataT();
  const id = useId();
  const [values, setValues] = useState<PersonValues>({
    formOfAddress: person?.formOfAddress ?? '',
    title: person?.title.join(', ') ?? '',
    givenName: person?.givenName ?? '',
    familyName: person?.familyName ?? '',
    email: contact?.email ?? '',
    phone: contact?.phone ?? '',
    contactPublic: contact?.contactPublic ?? false,
  });
  const { formRef, errors, failure, busy, submit } = useOfficeForm(personFields);
  const set = (field: PersonField) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const payload = {
      formOfAddress: values.formOfAddress.trim() || null,
      title: splitTitles(values.title),
      givenName: values.givenName.trim(),
      familyName: values.familyName.trim(),
      email: values.email.trim() || null,
      phone: values.phone.trim() || null,
      contactPublic: values.contactPublic,
    };
    submit(
      validatePerson(values, locale, t('md.persons.tooManyTitles')),
      () =>
        person
          ? write<Person>('PATCH', masterDataPaths.person(person.id), payload, locale)
          : write<Person>('POST', masterDataPaths.persons(slug), payload, locale),
      onSaved,
    );
  };

  return (
    <form ref={formRef} className="staff-form" onSubmit={handleSubmit} noValidate>
      <FormFailureNotice failure={failure} slug={slug} />
      <div className="form-row">
        <TextField
          id={`${id}-address`}
          label={t('md.persons.formOfAddress')}
          hint={t('md.persons.formOfAddressHint')}
          maxLength={50}
          value={values.formOfAddress}
          error={errors.formOfAddress}
          onChange={set('formOfAddress')}
        />
        <TextField
          id={`${id}-title`}
          label={t('md.persons.titles')}
          hint={t('md.persons.titlesHint')}
          value={values.title}
          error={errors.title}
          onChange={set('title')}
        />
      </div>
      <div className="form-row">
        <TextField
          id={`${id}-given`}
          label={t('md.persons.givenName')}
          required
          maxLength={100}
          value={values.givenName}
          error={errors.givenName}
          onChange={set('givenName')}
        />
        <TextField
          id={`${id}-family`}
          label={t('md.persons.familyName')}
          required
          maxLength={100}
          value={values.familyName}
          error={errors.familyName}
          onChange={set('familyName')}
        />
      </div>
      <fieldset className="form-field">
        <legend className="form-field__label">{t('md.persons.contact')}</legend>
        <p className="form-field__hint">{t('md.persons.contactHint')}</p>
        <div className="form-row">
          <TextField
            id={`${id}-email`}
            type="email"
            label={t('md.persons.email')}
            maxLength={200}
            value={values.email}
            error={errors.email}
            onChange={set('email')}
          />
          <TextField
            id={`${id}-phone`}
            type="tel"
            label={t('md.persons.phone')}
            maxLength={50}
            value={values.phone}
            error={errors.phone}
            onChange={set('phone')}
          />
        </div>
        <CheckboxField
          id={`${id}-public`}
          label={t('md.persons.contactPublic')}
          checked={values.contactPublic}
          onChange={(contactPublic) => setValues((v) => ({ ...v, contactPublic }))}
        />
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {person ? t('md.save') : t('md.persons.create')}
        </button>
      </div>
    </form>
  );
}
