import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, paths } from '../../../app/router';
import { FormField } from '../../../components/form-field';
import { ApiError } from '../../../data/api';
import { issuesByField } from '../../../data/commands';
import { errorMessage } from '../../../data/use-api-resource';
import { useI18n } from '../../../i18n/i18n';
import type { FieldErrors } from './validation';
import { useMasterDataT } from './master-data-messages';
import { useFocusFirstInvalid } from '../use-focus-first-invalid';

export interface FormFailure {
  message: string;
  /** The server asks for a second factor first (a body that requires one): the form links to the account page. */
  needsTotp: boolean;
}

/**
 * Form state of the master data forms: check locally, send, and show what went wrong at the fields it concerns
 * (local or from the server's issues) with the first of them focused, plus the form's own message. Issues for paths
 * the form has no field for (a refused delete, a record changed meanwhile) join the message.
 */
export function useOfficeForm<F extends string>(fields: readonly F[]) {
  const { t: tApp } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [busy, setBusy] = useState(false);

  const focusFirstInvalid = useFocusFirstInvalid(formRef);

  function submit<T>(local: FieldErrors<F>, send: () => Promise<T>, done: (result: T) => void): void {
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length > 0) {
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    send().then(
      (result) => {
        setBusy(false);
        done(result);
      },
      (error: unknown) => {
        setBusy(false);
        const { fieldErrors, failure: next } = describeFailure(error, fields, errorMessage(error, tApp));
        setErrors(fieldErrors);
        setFailure(next);
        focusFirstInvalid();
      },
    );
  }

  const reset = () => {
    setErrors({});
    setFailure(null);
  };
  return { formRef, errors, failure, busy, submit, reset };
}

/** Splits a failed write into field errors and the form's message (the pure part of `useOfficeForm`). */
export function describeFailure<F extends string>(
  error: unknown,
  fields: readonly F[],
  fallback: string,
): { fieldErrors: FieldErrors<F>; failure: FormFailure } {
  const byField = issuesByField(error);
  const fieldErrors: FieldErrors<F> = {};
  const other: string[] = [];
  for (const [path, message] of Object.entries(byField)) {
    if ((fields as readonly string[]).includes(path)) fieldErrors[path as F] = message;
    else other.push(message);
  }
  const message = [fallback, ...other].join(' ');
  return {
    fieldErrors,
    failure: { message, needsTotp: error instanceof ApiError && error.code === 'totp_enrolment_required' },
  };
}

/** The form's message, announced when it appears; with a way to the second factor when that is what is missing. */
export function FormFailureNotice({ failure, slug }: { failure: FormFailure | null; slug: string }) {
  const { t } = useMasterDataT();
  return (
    <div role="alert" className={failure ? 'notice notice--danger' : undefined}>
      {failure && (
        <>
          {failure.message}
          {failure.needsTotp && (
            <>
              {' '}
              <Link to={paths.officeAccount(slug)}>{t('md.toAccount')}</Link>
            </>
          )}
        </>
      )}
    </div>
  );
}

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
}

export function TextField({
  required,
  maxLength,
  type = 'text',
  autoComplete,
  list,
  ...field
}: FieldProps & {
  required?: boolean;
  maxLength?: number;
  type?: 'text' | 'email' | 'tel' | 'date' | 'search';
  autoComplete?: string;
  list?: string;
}) {
  return (
    <FormField id={field.id} label={field.label} hint={field.hint} error={field.error}>
      {(props) => (
        <input
          {...props}
          type={type}
          value={field.value}
          required={required}
          maxLength={maxLength}
          autoComplete={autoComplete ?? 'off'}
          list={list}
          onChange={(e) => field.onChange(e.target.value)}
        />
      )}
    </FormField>
  );
}

export function SelectField({
  options,
  required,
  ...field
}: FieldProps & {
  required?: boolean;
  options: readonly (
    { value: string; label: string } | { group: string; options: { value: string; label: string }[] }
  )[];
}) {
  return (
    <FormField id={field.id} label={field.label} hint={field.hint} error={field.error}>
      {(props) => (
        <select {...props} value={field.value} required={required} onChange={(e) => field.onChange(e.target.value)}>
          {options.map((option) =>
            'group' in option ? (
              option.options.length > 0 && (
                <optgroup key={option.group} label={option.group}>
                  {option.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </optgroup>
              )
            ) : (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ),
          )}
        </select>
      )}
    </FormField>
  );
}

export function CheckboxField({
  id,
  label,
  hint,
  checked,
  onChange,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className="form-field form-field--checkbox">
      <label htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(e) => onChange(e.target.checked)}
        />{' '}
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="form-field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/**
 * Deleting asks once more in place (no browser dialog): the first press shows what will happen and a second
 * button that does it; focus moves to that button so keyboard users stay in step.
 */
/** A short visible action ("Bearbeiten") whose accessible name also says what it acts on, for lists of rows. */
export function RowLabel({ action, context }: { action: string; context: string }) {
  return (
    <>
      {action}
      <span className="visually-hidden">: {context}</span>
    </>
  );
}

export function ConfirmAction({
  label,
  question,
  confirmLabel,
  onConfirm,
  busy,
}: {
  label: ReactNode;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  busy?: boolean;
}) {
  const { t } = useMasterDataT();
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button type="button" className="button button--secondary" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm-action" role="group" aria-label={question}>
      <span>{question}</span>{' '}
      <button type="button" className="button button--danger" disabled={busy} ref={confirmRef} onClick={onConfirm}>
        {confirmLabel}
      </button>{' '}
      <button type="button" className="button button--secondary" onClick={() => setAsking(false)}>
        {t('md.cancel')}
      </button>
    </span>
  );
}
