import { useState, type FormEvent } from 'react';
import type { Paper } from '@ratsmappe/shared';
import { Link, navigate, paths, useSearch } from '../../app/router';
import { ErrorState, LoadingState } from '../../components/resource-state';
import { sendJson } from '../../data/commands';
import { formatShortDay } from '../../i18n/format';
import { OfficeGate, useOfficeT } from './office-shell';
import { usePagedList } from './paged-list';
import { emptyPaper, PaperForm } from './paper-form';
import { isPaperType, paperTypes } from './paper-types';
import { paperFilterQuery, papersApiPath, parsePaperFilters, type PaperFilters } from './papers-query';

/** `/verwaltung/:bodySlug/vorlagen`: the body's papers, non-public ones included, and a form for a new one. */
export function PapersPage({ slug }: { slug: string }) {
  const { t } = useOfficeT();
  return (
    <OfficeGate slug={slug}>
      {({ body }) => (
        <section aria-labelledby="papers-title" className="staff-page">
          <h1 id="papers-title">{t('papers.title', { body: body.name })}</h1>
          <NewPaper slug={slug} />
          <PaperList slug={slug} />
        </section>
      )}
    </OfficeGate>
  );
}

function NewPaper({ slug }: { slug: string }) {
  const { t, locale } = useOfficeT();
  return (
    <details className="office-panel">
      <summary>
        <h2 className="office-panel__title">{t('papers.new')}</h2>
      </summary>
      <p className="hint">{t('papers.referenceHint')}</p>
      <PaperForm
        idPrefix="new-paper"
        initial={emptyPaper}
        submitLabel={t('papers.create')}
        onSubmit={(payload) =>
          sendJson<Paper>('POST', `/api/bodies/${encodeURIComponent(slug)}/papers`, payload, locale).then((created) =>
            navigate(paths.officePaper(slug, created.id)),
          )
        }
      />
    </details>
  );
}

function PaperList({ slug }: { slug: string }) {
  const { t, locale } = useOfficeT();
  const search = useSearch();
  const filters = parsePaperFilters(search);
  const list = usePagedList<Paper>(papersApiPath(slug, filters), (cursor) => papersApiPath(slug, filters, cursor));

  return (
    <section aria-labelledby="paper-list-title">
      <h2 id="paper-list-title">{t('papers.list')}</h2>
      {/* Keyed by the address: going back in history shows that list's filters in the form again. */}
      <FilterForm
        key={search}
        filters={filters}
        onApply={(next) =>
          navigate(paths.officePapers(slug, paperFilterQuery(next)), { replace: true, keepScroll: true })
        }
      />
      <p role="status" className="hint">
        {list.status === 'success' &&
          (list.more
            ? t('papers.shownMore', { count: list.items.length })
            : t('papers.shown', { count: list.items.length }))}
      </p>
      {list.status === 'loading' && <LoadingState />}
      {list.status === 'error' && <ErrorState message={list.message} onRetry={list.retry} />}
      {list.status === 'success' && list.items.length === 0 && <p>{t('papers.none')}</p>}
      {list.status === 'success' && list.items.length > 0 && (
        <>
          <table className="office-table">
            <thead>
              <tr>
                <th scope="col">{t('papers.reference')}</th>
                <th scope="col">{t('papers.name')}</th>
                <th scope="col">{t('papers.type')}</th>
                <th scope="col">{t('papers.date')}</th>
                <th scope="col">{t('papers.visibility')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((paper) => (
                <tr key={paper.id}>
                  <td>{paper.reference ?? '–'}</td>
                  <td>
                    <Link to={paths.officePaper(slug, paper.id)} className="office-list__link">
                      {paper.name}
                    </Link>
                  </td>
                  <td>{isPaperType(paper.paperType) ? t(`paperType.${paper.paperType}`) : paper.paperType}</td>
                  <td>{paper.date ? formatShortDay(paper.date, locale) : '–'}</td>
                  <td>
                    <span className={paper.public ? 'badge' : 'badge badge--cancelled'}>
                      {paper.public ? t('files.public') : t('files.nonPublic')}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.more && (
            <button type="button" className="button button--secondary" onClick={list.more} disabled={list.loadingMore}>
              {t('office.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function FilterForm({ filters, onApply }: { filters: PaperFilters; onApply: (filters: PaperFilters) => void }) {
  const { t } = useOfficeT();
  const [q, setQ] = useState(filters.q);
  const [type, setType] = useState(filters.type ?? '');
  const [year, setYear] = useState(filters.year === null ? '' : String(filters.year));
  const [visibility, setVisibility] = useState(filters.visibility ?? '');
  const yearValid = year === '' || /^\d{4}$/.test(year);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!yearValid) {
      document.getElementById('papers-year')?.focus();
      return;
    }
    onApply({
      q: q.trim(),
      type: isPaperType(type) ? type : null,
      year: year ? Number(year) : null,
      visibility: visibility === 'public' || visibility === 'non-public' ? visibility : null,
    });
  };

  return (
    <form className="staff-form form-row" role="search" aria-label={t('papers.filters')} onSubmit={handleSubmit}>
      <div className="form-field">
        <label htmlFor="papers-q" className="form-field__label">
          {t('papers.search')}
        </label>
        <input id="papers-q" type="search" value={q} maxLength={200} onChange={(e) => setQ(e.target.value)} />
      </div>
      <div className="form-field">
        <label htmlFor="papers-type" className="form-field__label">
          {t('papers.type')}
        </label>
        <select id="papers-type" value={type} onChange={(e) => setType(e.target.value)}>
          <option value="">{t('papers.allTypes')}</option>
          {paperTypes.map((paperType) => (
            <option key={paperType} value={paperType}>
              {t(`paperType.${paperType}`)}
            </option>
          ))}
        </select>
      </div>
      <div className={yearValid ? 'form-field' : 'form-field form-field--invalid'}>
        <label htmlFor="papers-year" className="form-field__label">
          {t('papers.year')}
        </label>
        <input
          id="papers-year"
          inputMode="numeric"
          size={6}
          value={year}
          maxLength={4}
          aria-invalid={yearValid ? undefined : true}
          aria-describedby={yearValid ? undefined : 'papers-year-error'}
          onChange={(e) => setYear(e.target.value.trim())}
        />
        {!yearValid && (
          <p id="papers-year-error" className="form-field__error">
            {t('papers.yearInvalid')}
          </p>
        )}
      </div>
      <div className="form-field">
        <label htmlFor="papers-visibility" className="form-field__label">
          {t('papers.visibility')}
        </label>
        <select id="papers-visibility" value={visibility} onChange={(e) => setVisibility(e.target.value)}>
          <option value="">{t('papers.allVisibilities')}</option>
          <option value="public">{t('files.public')}</option>
          <option value="non-public">{t('files.nonPublic')}</option>
        </select>
      </div>
      <button type="submit" className="button">
        {t('papers.apply')}
      </button>
    </form>
  );
}
