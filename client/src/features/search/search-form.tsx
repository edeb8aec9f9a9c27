import { useId, type FormEvent, type ReactNode } from 'react';
import { navigate, paths } from '../../app/router';
import { useI18n } from '../../i18n/i18n';

/**
 * A GET form to the body's search page: without JavaScript it still works as a plain link with `?q=`. With it, the
 * page is changed in place, and every non-empty field becomes part of the address.
 */
export function SearchForm({
  slug,
  defaultQuery = '',
  children,
  formKey,
  onSubmitted,
}: {
  slug: string;
  defaultQuery?: string;
  /** Extra fields (filters) inside the same form. */
  children?: ReactNode;
  /** Changes when the fields must show new defaults (the URL changed from outside the form). */
  formKey?: string;
  /** Called with the new query string (`?…` or '') just before the form navigates to it. */
  onSubmitted?: (search: string) => void;
}) {
  const { t } = useI18n();
  const inputId = useId();
  const hintId = useId();
  const action = paths.search(slug);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === 'string' && value.trim() !== '') params.set(name, value.trim());
    }
    const query = params.toString();
    const search = query ? `?${query}` : '';
    onSubmitted?.(search);
    navigate(`${action}${search}`);
  };

  return (
    <form key={formKey} role="search" className="search-form" action={action} method="get" onSubmit={submit}>
      <div className="search-form__row">
        <label htmlFor={inputId}>{t('search.label')}</label>
        <div className="search-form__input">
          <input
            id={inputId}
            name="q"
            type="search"
            defaultValue={defaultQuery}
            aria-describedby={hintId}
            autoComplete="off"
            enterKeyHint="search"
          />
          <button type="submit" className="button">
            {t('search.submit')}
          </button>
        </div>
        <p id={hintId} className="hint">
          {t('search.hint')}
        </p>
      </div>
      {children}
    </form>
  );
}
