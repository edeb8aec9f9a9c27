import { useId, useState, type FormEvent } from 'react';
import type { Body, Location } from '@ratsmappe/shared';
import { navigate, paths, useSearch } from '../../../app/router';
import { ErrorState, LoadingState } from '../../../components/resource-state';
import { refusalText } from '../../../data/commands';
import { usePagedList } from '../paged-list';
import { ConfirmAction, FormFailureNotice, RowLabel, TextField, useOfficeForm } from './form-kit';
import { masterDataPaths, write } from './master-data-api';
import { useMasterDataT } from './master-data-messages';
import { orNull, validateLocation, type LocationField, type LocationValues } from './validation';

const locationFields: readonly LocationField[] = [
  'description',
  'room',
  'streetAddress',
  'postalCode',
  'locality',
  'subLocality',
];

export function locationAddress(location: Location): string {
  const town = [location.postalCode, location.locality].filter(Boolean).join(' ');
  return [location.room, location.streetAddress, town, location.subLocality].filter(Boolean).join(', ');
}

/** `…/stammdaten/orte`: the body's places (meeting rooms, offices), many of them made by the meeting form. */
export function LocationsSection({ body }: { body: Body }) {
  const { t } = useMasterDataT();
  const search = useSearch();
  const q = new URLSearchParams(search).get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const [notice, setNotice] = useState('');
  const [formKey, setFormKey] = useState(0);
  const list = usePagedList<Location>(masterDataPaths.locations(body.slug, q), (cursor) =>
    masterDataPaths.locations(body.slug, q, cursor),
  );
  const reload = list.status === 'success' ? list.reload : () => undefined;
  const changed = (text: string) => {
    setNotice(text);
    reload();
  };

  const applyFilter = (event: FormEvent) => {
    event.preventDefault();
    const query = draft.trim() ? `?${new URLSearchParams({ q: draft.trim() }).toString()}` : '';
    navigate(paths.officeMasterData(body.slug, 'orte', undefined, query), { replace: true, keepScroll: true });
  };

  return (
    <section aria-labelledby="locations-title">
      <h1 id="locations-title">{t('md.locations.title')}</h1>
      <p className="lead">{t('md.locations.intro')}</p>
      <p role="status" className="status-line">
        {notice}
      </p>
      <details className="office-panel">
        <summary>
          <h2 className="office-panel__title">{t('md.locations.new')}</h2>
        </summary>
        <LocationForm
          key={formKey}
          slug={body.slug}
          location={null}
          onSaved={(created) => {
            setFormKey((k) => k + 1);
            changed(t('md.locations.created', { name: created.description ?? '' }));
          }}
        />
      </details>
      <form role="search" className="staff-form form-row" onSubmit={applyFilter} aria-label={t('md.filter')}>
        <TextField id="locations-q" type="search" label={t('md.locations.search')} value={draft} onChange={setDraft} />
        <button type="submit" className="button">
          {t('md.filterButton')}
        </button>
      </form>
      {list.status === 'loading' && <LoadingState />}
      {list.status === 'error' && <ErrorState message={list.message} onRetry={list.retry} />}
      {list.status === 'success' && (
        <>
          {list.items.length === 0 ? (
            <p>{t('md.locations.empty')}</p>
          ) : (
            <ul className="office-list" aria-labelledby="locations-title">
              {list.items.map((location) => (
                <LocationRow
                  key={`${location.id}|${location.modified}`}
                  slug={body.slug}
                  location={location}
                  onChanged={changed}
                />
              ))}
            </ul>
          )}
          {list.more && (
            <button type="button" className="button button--secondary" onClick={list.more} disabled={list.loadingMore}>
              {t('md.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function LocationRow({
  slug,
  location,
  onChanged,
}: {
  slug: string;
  location: Location;
  onChanged: (notice: string) => void;
}) {
  const { t, locale } = useMasterDataT();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const name = location.description ?? locationAddress(location);

  const remove = () => {
    setBusy(true);
    setRefusal(null);
    write('DELETE', masterDataPaths.location(location.id), undefined, locale).then(
      () => onChanged(t('md.locations.deleted', { name })),
      (error: unknown) => {
        setBusy(false);
        setRefusal(refusalText(error, t('md.failed')));
      },
    );
  };

  return (
    <li className="office-list__item master-data-row">
      <span className="office-list__link">{name}</span>
      {locationAddress(location) && <span>{locationAddress(location)}</span>}
      <span className="badge">{t('md.locations.uses', { count: location.useCount })}</span>
      <span className="button-row">
        <button
          type="button"
          className="button button--secondary"
          aria-expanded={editing}
          onClick={() => setEditing((open) => !open)}
        >
          <RowLabel action={t('md.edit')} context={t('md.quoted', { name })} />
        </button>
        <ConfirmAction
          label={<RowLabel action={t('md.deleteAction')} context={t('md.quoted', { name })} />}
          question={t('md.locations.deleteQuestion', { name })}
          confirmLabel={t('md.delete')}
          busy={busy}
          onConfirm={remove}
        />
      </span>
      {refusal && (
        <p role="alert" className="notice notice--danger master-data-row__wide">
          {refusal}
        </p>
      )}
      {editing && (
        <div className="master-data-row__wide">
          <LocationForm
            slug={slug}
            location={location}
            onSaved={(saved) => onChanged(t('md.saved', { name: saved.description ?? name }))}
            onCancel={() => setEditing(false)}
          />
        </div>
      )}
    </li>
  );
}

export function LocationForm({
  slug,
  location,
  onSaved,
  onCancel,
}: {
  slug: string;
  location: Location | null;
  onSaved: (location: Location) => void;
  onCancel?: () => void;
}) {
  const { t, locale } = useMasterDataT();
  const id = useId();
  const [values, setValues] = useState<LocationValues>({
    description: location?.description ?? '',
    room: location?.room ?? '',
    streetAddress: location?.streetAddress ?? '',
    postalCode: location?.postalCode ?? '',
    locality: location?.locality ?? '',
    subLocality: location?.subLocality ?? '',
  });
  const { formRef, errors, failure, busy, submit } = useOfficeForm(locationFields);
  const set = (field: LocationField) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const payload: Record<LocationField, string | null> = {
      description: orNull(values.description),
      room: orNull(values.room),
      streetAddress: orNull(values.streetAddress),
      postalCode: orNull(values.postalCode),
      locality: orNull(values.locality),
      subLocality: orNull(values.subLocality),
    };
    submit(
      validateLocation(values, locale),
      () =>
        location
          ? write<Location>('PATCH', masterDataPaths.location(location.id), payload, locale)
          : write<Location>('POST', `/api/bodies/${encodeURIComponent(slug)}/locations`, payload, locale),
      onSaved,
    );
  };

  return (
    <form ref={formRef} className="staff-form" onSubmit={handleSubmit} noValidate>
      <FormFailureNotice failure={failure} slug={slug} />
      <TextField
        id={`${id}-description`}
        label={t('md.locations.description')}
        hint={t('md.locations.descriptionHint')}
        required
        maxLength={300}
        value={values.description}
        error={errors.description}
        onChange={set('description')}
      />
      <div className="form-row">
        <TextField
          id={`${id}-room`}
          label={t('md.locations.room')}
          maxLength={100}
          value={values.room}
          error={errors.room}
          onChange={set('room')}
        />
        <TextField
          id={`${id}-street`}
          label={t('md.locations.street')}
          maxLength={200}
          value={values.streetAddress}
          error={errors.streetAddress}
          onChange={set('streetAddress')}
        />
      </div>
      <div className="form-row">
        <TextField
          id={`${id}-postal`}
          label={t('md.locations.postalCode')}
          maxLength={10}
          value={values.postalCode}
          error={errors.postalCode}
          onChange={set('postalCode')}
        />
        <TextField
          id={`${id}-locality`}
          label={t('md.locations.locality')}
          maxLength={100}
          value={values.locality}
          error={errors.locality}
          onChange={set('locality')}
        />
        <TextField
          id={`${id}-sub`}
          label={t('md.locations.subLocality')}
          maxLength={100}
          value={values.subLocality}
          error={errors.subLocality}
          onChange={set('subLocality')}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {location ? t('md.save') : t('md.locations.create')}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('md.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
