import { useRef, useState, type FormEvent } from 'react';
import { FormError, FormField } from '../../components/form-field';
import { issuesByField } from '../../data/commands';
import { useI18n } from '../../i18n/i18n';
import { formFailure } from './form-failure';
import { useOfficeT } from './office-shell';
import { isPaperType, paperTypes, type PaperTypeName } from './paper-types';
import { useFocusFirstInvalid } from './use-focus-first-invalid';

export interface PaperFormValues {
  name: string;
  paperType: PaperTypeName;
  date: string;
  bodyText: string;
  public: boolean;
}

/** The body of `POST /api/bodies/:bodyRef/papers` and `PATCH /api/papers/:id` (without the version). */
export interface PaperPayload {
  name: string;
  paperType: PaperTypeName;
  date: string;
  bodyText: string | null;
  public: boolean;
}

const paperFields = ['name', 'paperType', 'date', 'bodyText', 'public'] as const;
type PaperField = (typeof paperFields)[number];

export const emptyPaper: PaperFormValues = {
  name: '',
  paperType: 'Beschlussvorlage',
  date: '',
  bodyText: '',
  public: false,
};

export function paperFormValues(paper: {
  name: string;
  paperType: string;
  date: string | null;
  bodyText: string | null;
  public: boolean;
}): PaperFormValues {
  return {
    name: paper.name,
    // An imported paper may carry a type outside the list; the office picks one of the list when it edits it.
    paperType: isPaperType(paper.paperType) ? paper.paperType : 'Beschlussvorlage',
    date: paper.date ?? '',
    bodyText: paper.bodyText ?? '',
    public: paper.public,
  };
}

/**
 * Title, type, date, text and publicity of a paper, for creating and editing. The reference number is not a field:
 * the server assigns it (per body and year) when the paper is created.
 */
export function PaperForm({
  idPrefix,
  initial,
  submitLabel,
  onSubmit,
  editing = false,
}: {
  idPrefix: string;
  initial: PaperFormValues;
  submitLabel: string;
  onSubmit: (payload: PaperPayload) => Promise<unknown>;
  /** Editing an existing paper: switching it to non-public also hides its files, which the hint says. */
  editing?: boolean;
}) {
  const { t } = useOfficeT();
  const { t: tApp } = useI18n();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<PaperField, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const id = (field: string) => `${idPrefix}-${field}`;
  const set = (change: Partial<PaperFormValues>) => setValues((current) => ({ ...current, ...change }));

  const focusFirstInvalid = useFocusFirstInvalid(formRef);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const local: Partial<Record<PaperField, string>> = {};
    if (!values.name.trim()) local.name = t('office.required');
    if (!values.date) local.date = t('office.required');
    setErrors(local);
    setMessage(null);
    if (Object.keys(local).length > 0) {
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    onSubmit({
      name: values.name.trim(),
      paperType: values.paperType,
      date: values.date,
      bodyText: values.bodyText.trim() || null,
      public: values.public,
    })
      .catch((error: unknown) => {
        setErrors(issuesByField(error));
        setMessage(formFailure(error, tApp, paperFields));
        focusFirstInvalid();
      })
      .finally(() => setBusy(false));
  };

  return (
    <form ref={formRef} className="staff-form" onSubmit={handleSubmit} noValidate>
      <FormError message={message} />
      <FormField id={id('name')} label={t('paperForm.name')} error={errors.name}>
        {(props) => (
          <input
            {...props}
            value={values.name}
            required
            maxLength={500}
            onChange={(e) => set({ name: e.target.value })}
          />
        )}
      </FormField>
      <div className="form-row">
        <FormField id={id('type')} label={t('paperForm.type')} error={errors.paperType}>
          {(props) => (
            <select
              {...props}
              value={values.paperType}
              onChange={(e) => set({ paperType: e.target.value as PaperTypeName })}
            >
              {paperTypes.map((type) => (
                <option key={type} value={type}>
                  {t(`paperType.${type}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id={id('date')} label={t('paperForm.date')} error={errors.date}>
          {(props) => (
            <input
              {...props}
              type="date"
              required
              value={values.date}
              onChange={(e) => set({ date: e.target.value })}
            />
          )}
        </FormField>
      </div>
      <FormField id={id('text')} label={t('paperForm.text')} hint={t('paperForm.textHint')} error={errors.bodyText}>
        {(props) => (
          <textarea
            {...props}
            rows={8}
            maxLength={100_000}
            value={values.bodyText}
            onChange={(e) => set({ bodyText: e.target.value })}
          />
        )}
      </FormField>
      <div className="form-field">
        <label>
          <input
            type="checkbox"
            checked={values.public}
            aria-describedby={id('public-hint')}
            onChange={(e) => set({ public: e.target.checked })}
          />{' '}
          {t('paperForm.public')}
        </label>
        <p id={id('public-hint')} className="form-field__hint">
          {editing ? `${t('paperForm.publicHint')} ${t('paperForm.hideFilesHint')}` : t('paperForm.publicHint')}
        </p>
        {errors.public && <p className="form-field__error">{errors.public}</p>}
      </div>
      <button type="submit" className="button" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
