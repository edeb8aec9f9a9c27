import { useId, useState } from 'react';
import type { SearchResponse, SearchResult } from '@ratsmappe/shared';
import { getJson } from '../../data/api';
import { errorMessage } from '../../data/use-api-resource';
import { useI18n } from '../../i18n/i18n';
import { useOfficeT } from './office-shell';

export interface PickedPaper {
  id: string;
  label: string;
}

/**
 * Finds a paper of the body by reference or title through the search API (which shows the office its non-public
 * papers too) and picks one; "no paper" is always a choice.
 */
export function PaperPicker({
  slug,
  value,
  onChange,
}: {
  slug: string;
  value: PickedPaper | null;
  onChange: (paper: PickedPaper | null) => void;
}) {
  const { t } = useOfficeT();
  const { t: tApp, locale } = useI18n();
  const id = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const [status, setStatus] = useState('');

  const search = () => {
    const q = query.trim();
    if (!q) return;
    const params = new URLSearchParams({ q, body: slug, type: 'paper', limit: '10' });
    getJson<SearchResponse>(`/api/search?${params.toString()}`, { locale }).then(
      (answer) => {
        setResults(answer.results);
        setStatus(t('paper.found', { count: answer.results.length }));
      },
      (error: unknown) => {
        setResults([]);
        setStatus(errorMessage(error, tApp));
      },
    );
  };

  const label = (r: SearchResult) => (r.reference ? `${r.reference} – ${r.title}` : r.title);
  return (
    <fieldset className="form-field paper-picker">
      <legend className="form-field__label">{t('paper.legend')}</legend>
      <div className="form-row">
        <div className="form-field">
          <label htmlFor={`${id}-q`}>{t('paper.search')}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              // Enter searches instead of submitting the whole item form.
              if (e.key === 'Enter') {
                e.preventDefault();
                search();
              }
            }}
          />
        </div>
        <button type="button" className="button button--secondary" onClick={search}>
          {t('paper.searchButton')}
        </button>
      </div>
      <p role="status" className="form-field__hint">
        {status}
      </p>
      <ul className="checkbox-list">
        <li>
          <label>
            <input type="radio" name={`${id}-paper`} checked={value === null} onChange={() => onChange(null)} />{' '}
            {t('paper.none')}
          </label>
        </li>
        {value && !results?.some((r) => r.id === value.id) && (
          <li>
            <label>
              <input type="radio" name={`${id}-paper`} checked onChange={() => undefined} /> {value.label}
            </label>
          </li>
        )}
        {results?.map((result) => (
          <li key={result.id}>
            <label>
              <input
                type="radio"
                name={`${id}-paper`}
                checked={value?.id === result.id}
                onChange={() => onChange({ id: result.id, label: label(result) })}
              />{' '}
              {label(result)}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
