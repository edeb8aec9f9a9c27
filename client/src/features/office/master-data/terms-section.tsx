import { useId, useState, type FormEvent } from 'react';
import type { Body, LegislativeTerm } from '@ratsmappe/shared';
import { ErrorState, LoadingState } from '../../../components/resource-state';
import { refusalText } from '../../../data/commands';
import { formatShortDay } from '../../../i18n/format';
import { ConfirmAction, FormFailureNotice, RowLabel, TextField, useOfficeForm } from './form-kit';
import { masterDataPaths, useTerms, write } from './master-data-api';
import { useMasterDataT } from './master-data-messages';
import { validateTerm, type TermField, type TermValues } from './validation';

const termFields: readonly TermField[] = ['name', 'startDate', 'endDate'];

/** `…/stammdaten/wahlperioden`: a body's legislative terms, edited in the list. */
export function TermsSection({ body }: { body: Body }) {
  const { t } = useMasterDataT();
  const terms = useTerms(body.slug);
  const [notice, setNotice] = useState('');
  const [formKey, setFormKey] = useState(0);
  const reload = terms.status === 'loading' ? () => undefined : terms.retry;

  return (
    <section aria-labelledby="terms-title">
      <h1 id="terms-title">{t('md.terms.title')}</h1>
      <p className="lead">{t('md.terms.intro', { body: body.name })}</p>
      <p role="status" className="status-line">
        {notice}
      </p>
      <details className="office-panel">
        <summary>
          <h2 className="office-panel__title">{t('md.terms.new')}</h2>
        </summary>
        <TermForm
          key={formKey}
          slug={body.slug}
          term={null}
          onSaved={(term) => {
            setNotice(t('md.terms.created', { name: term.name }));
            setFormKey((k) => k + 1);
            reload();
          }}
        />
      </details>
      {terms.status === 'loading' && <LoadingState />}
      {terms.status === 'error' && <ErrorState message={terms.message} onRetry={terms.retry} />}
      {terms.status === 'success' &&
        (terms.data.length === 0 ? (
          <p>{t('md.terms.empty')}</p>
        ) : (
          <ul className="office-list" aria-labelledby="terms-title">
            {terms.data.map((term) => (
              <TermRow
                key={`${term.id}|${term.modified}`}
                slug={body.slug}
                term={term}
                onChanged={(text) => {
                  setNotice(text);
                  reload();
                }}
              />
            ))}
          </ul>
        ))}
    </section>
  );
}

export function termPeriod(
  term: { startDate: string | null; endDate: string | null },
  locale: 'de' | 'en',
  t: ReturnType<typeof useMasterDataT>['t'],
): string {
  const start = term.startDate ? formatShortDay(term.startDate, locale) : null;
  const end = term.endDate ? formatShortDay(term.endDate, locale) : null;
  if (start && end) return `${start} – ${end}`;
  if (start) return t('md.since', { date: start });
  if (end) return t('md.until', { date: end });
  return '';
}

function TermRow({
  slug,
  term,
  onChanged,
}: {
  slug: string;
  term: LegislativeTerm;
  onChanged: (notice: string) => void;
}) {
  const { t, locale } = useMasterDataT();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const remove = () => {
    setBusy(true);
    setRefusal(null);
    write('DELETE', masterDataPaths.term(term.id), undefined, locale).then(
      () => onChanged(t('md.terms.deleted', { name: term.name })),
      (error: unknown) => {
        setBusy(false);
        setRefusal(refusalText(error, t('md.failed')));
      },
    );
  };

  return (
    <li className="office-list__item master-data-row">
      <span className="office-list__link">{term.name}</span>
      <span>{termPeriod(term, locale, t)}</span>
      <span className="badge">{t('md.terms.organizationCount', { count: term.organizationCount })}</span>
      <span className="button-row">
        <button
          type="button"
          className="button button--secondary"
          aria-expanded={editing}
          onClick={() => setEditing((open) => !open)}
        >
          <RowLabel action={t('md.edit')} context={t('md.quoted', { name: term.name })} />
        </button>
        <ConfirmAction
          label={<RowLabel action={t('md.deleteAction')} context={t('md.quoted', { name: term.name })} />}
          question={t('md.terms.deleteQuestion', { name: term.name })}
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
          <TermForm
            slug={slug}
            term={term}
            onSaved={(saved) => onChanged(t('md.saved', { name: saved.name }))}
            onCancel={() => setEditing(false)}
          />
        </div>
      )}
    </li>
  );
}

export function TermForm({
  slug,
  term,
  onSaved,
  onCancel,
}: {
  slug: string;
  term: LegislativeTerm | null;
  onSaved: (term: LegislativeTerm) => void;
  onCancel?: () => void;
}) {
  const { t, locale } = useMasterDataT();
  const id = useId();
  const [values, setValues] = useState<TermValues>({
    name: term?.name ?? '',
    startDate: term?.startDate ?? '',
    endDate: term?.endDate ?? '',
  });
  const { formRef, errors, failure, busy, submit } = useOfficeForm(termFields);
  const set = (field: TermField) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const payload = { name: values.name.trim(), startDate: values.startDate, endDate: values.endDate || null };
    submit(
      validateTerm(values, locale),
      () =>
        term
          ? write<LegislativeTerm>('PATCH', masterDataPaths.term(term.id), payload, locale)
          : write<LegislativeTerm>('POST', masterDataPaths.terms(slug), payload, locale),
      onSaved,
    );
  };

  return (
    <form ref={formRef} className="staff-form" onSubmit={handleSubmit} noValidate>
      <FormFailureNotice failure={failure} slug={slug} />
      <TextField
        id={`${id}-name`}
        label={t('md.terms.name')}
        hint={t('md.terms.nameHint')}
        required
        maxLength={200}
        value={values.name}
        error={errors.name}
        onChange={set('name')}
      />
      <div className="form-row">
        <TextField
          id={`${id}-start`}
          type="date"
          label={t('md.startDate')}
          required
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
          {term ? t('md.save') : t('md.terms.create')}
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
