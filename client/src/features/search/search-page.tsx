import type { SearchResult, SearchResultType } from '@ratsmappe/shared';
import { useId, useRef, useState } from 'react';
import { Link, navigate, paths, useSearch } from '../../app/router';
import { Breadcrumb } from '../../components/breadcrumb';
import { NotFound } from '../../components/not-found';
import { ErrorState, LoadingState } from '../../components/resource-state';
import { useBody, useOrganizations } from '../../data/calendar';
import { searchPageSize, useSearchResults } from '../../data/public';
import { formatDay } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { meetingOrganizations } from '../calendar/calendar-page';
import { agendaItemAnchor } from '../meeting/agenda';
import { parseSearchParams, searchQueryString, typeParam } from './search-query';
import { SearchForm } from './search-form';
import { Snippet } from './snippet';

// The shared `searchResultTypes` value would pull zod into this chunk; the Record keys below are checked instead.
const resultTypes: readonly SearchResultType[] = ['paper', 'agenda_item', 'meeting', 'file'];

const typeLabel: Record<SearchResult['type'], MessageKey> = {
  paper: 'search.typeLabel.paper',
  agenda_item: 'search.typeLabel.agenda_item',
  meeting: 'search.typeLabel.meeting',
  file: 'search.typeLabel.file',
};

const typePlural: Record<SearchResult['type'], MessageKey> = {
  paper: 'search.typePlural.paper',
  agenda_item: 'search.typePlural.agenda_item',
  meeting: 'search.typePlural.meeting',
  file: 'search.typePlural.file',
};

/** `/:bodySlug/suche?q=…`: full-text search over papers, agenda items, meetings and the text of documents. */
export function SearchPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const search = useSearch();
  const params = parseSearchParams(search);
  const results = useSearchResults(slug, params.q ? params : null);
  const body = useBody(slug);
  const organizations = useOrganizations(slug);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const ids = { type: useId(), organization: useId(), from: useId(), to: useId() };

  // The form keeps what the visitor typed after its own submit; an outside change (back, a link) resets it.
  const [form, setForm] = useState({ search, version: 0, pending: null as string | null });
  if (search !== form.search) {
    setForm({ search, version: search === form.pending ? form.version : form.version + 1, pending: null });
  }

  const bodyName = body.status === 'success' ? body.data.name : null;
  if (body.status === 'error' && body.notFound) return <NotFound text={t('body.notFound')} />;
  const choices = organizations.status === 'success' ? meetingOrganizations(organizations.data) : [];
  const pages = results.status === 'success' ? Math.max(1, Math.ceil(results.data.total / searchPageSize)) : 1;
  const goToPage = (page: number) => {
    navigate(paths.search(slug, searchQueryString({ ...params, page })));
    // Paging is a new list: put keyboard and screen reader users at its start.
    requestAnimationFrame(() => resultsHeading.current?.focus());
  };
  const pageLink = (page: number) => paths.search(slug, searchQueryString({ ...params, page }));

  return (
    <>
      <title>
        {`${params.q ? `${params.q} – ` : ''}${t('search.title')}${bodyName ? ` – ${bodyName}` : ''} – ${t('app.name')}`}
      </title>
      <Breadcrumb items={[{ to: paths.body(slug), label: bodyName ?? t('nav.start') }]} />
      <h1>{t('search.title')}</h1>
      <SearchForm
        slug={slug}
        defaultQuery={params.q}
        formKey={`${form.version}|${organizations.status}`}
        onSubmitted={(next) => setForm((f) => ({ ...f, pending: next }))}
      >
        <fieldset className="search-filters">
          <legend>{t('search.filters')}</legend>
          <div className="field">
            <label htmlFor={ids.type}>{t('search.type')}</label>
            <select id={ids.type} name="typ" defaultValue={params.type ? typeParam[params.type] : ''}>
              <option value="">{t('search.allTypes')}</option>
              {resultTypes.map((type) => (
                <option key={type} value={typeParam[type]}>
                  {t(typePlural[type])}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.organization}>{t('search.committee')}</label>
            <select id={ids.organization} name="gremium" defaultValue={params.organization ?? ''}>
              <option value="">{t('search.allCommittees')}</option>
              {choices.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.from}>{t('search.from')}</label>
            <input id={ids.from} name="von" type="date" defaultValue={params.from ?? ''} />
          </div>
          <div className="field">
            <label htmlFor={ids.to}>{t('search.to')}</label>
            <input id={ids.to} name="bis" type="date" defaultValue={params.to ?? ''} />
          </div>
        </fieldset>
      </SearchForm>

      <section aria-labelledby="search-results" aria-busy={results.status === 'loading' && params.q !== ''}>
        <h2 id="search-results" ref={resultsHeading} tabIndex={-1}>
          {t('search.results')}
        </h2>
        <p className="status" role="status">
          {params.q === ''
            ? t('search.prompt')
            : results.status === 'success'
              ? results.data.total === 0
                ? t('search.none', { query: params.q })
                : t('search.count', { count: results.data.total, query: params.q })
              : ''}
        </p>
        {params.q !== '' && results.status === 'loading' && <LoadingState />}
        {results.status === 'error' && <ErrorState message={results.message} onRetry={results.retry} />}
        {results.status === 'success' && results.data.results.length > 0 && (
          <>
            <ol className="search-results" start={(results.data.page - 1) * searchPageSize + 1}>
              {results.data.results.map((result) => (
                <SearchResultItem key={`${result.type}-${result.id}`} result={result} />
              ))}
            </ol>
            {pages > 1 && (
              <nav className="pagination" aria-label={t('search.pagination')}>
                {params.page > 1 && (
                  <Link
                    to={pageLink(params.page - 1)}
                    onClick={(event) => {
                      event.preventDefault();
                      goToPage(params.page - 1);
                    }}
                  >
                    <span aria-hidden="true">‹ </span>
                    {t('search.previous')}
                  </Link>
                )}
                <span>{t('search.pageOf', { page: params.page, pages })}</span>
                {params.page < pages && (
                  <Link
                    to={pageLink(params.page + 1)}
                    onClick={(event) => {
                      event.preventDefault();
                      goToPage(params.page + 1);
                    }}
                  >
                    {t('search.next')}
                    <span aria-hidden="true"> ›</span>
                  </Link>
                )}
              </nav>
            )}
          </>
        )}
      </section>
    </>
  );
}

function SearchResultItem({ result }: { result: SearchResult }) {
  const { locale, t } = useI18n();
  const slugOf = result.bodySlug;
  const target =
    result.type === 'paper'
      ? paths.paper(slugOf, result.id)
      : result.type === 'meeting'
        ? paths.meeting(slugOf, result.id)
        : result.type === 'agenda_item' && result.meeting
          ? `${paths.meeting(slugOf, result.meeting.id)}#${agendaItemAnchor(result.id)}`
          : null;
  const meta = [
    t(typeLabel[result.type]),
    result.reference,
    result.date ? formatDay(result.date, locale) : null,
    result.file ? result.file.fileName : null,
  ].filter(Boolean);
  return (
    <li className="search-result">
      <h3 className="search-result__title">
        {target ? (
          <Link to={target}>{result.title}</Link>
        ) : result.type === 'file' ? (
          // `#page=` opens the browser's PDF viewer where the words were found.
          <a href={`${paths.file(result.id)}${result.file?.page ? `#page=${result.file.page}` : ''}`}>{result.title}</a>
        ) : (
          result.title
        )}
      </h3>
      <p className="search-result__meta">{meta.join(' · ')}</p>
      {result.snippet && (
        <p className="search-result__snippet">
          <Snippet html={result.snippet} />
        </p>
      )}
      {(result.paper || (result.meeting && result.type !== 'meeting')) && (
        <p className="search-result__context">
          {result.paper && result.type !== 'paper' && (
            <Link to={paths.paper(slugOf, result.paper.id)}>
              {t('search.inPaper', {
                name: `${result.paper.reference ? `${result.paper.reference} ` : ''}${result.paper.name}`,
              })}
            </Link>
          )}
          {result.paper && result.meeting && result.type !== 'paper' && ' · '}
          {result.meeting && result.type !== 'meeting' && (
            <Link to={paths.meeting(slugOf, result.meeting.id)}>
              {t('search.inMeeting', { name: result.meeting.name })}
            </Link>
          )}
        </p>
      )}
    </li>
  );
}
