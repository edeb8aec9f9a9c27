import { useEffect, useId, useState, type ReactNode } from 'react';
import { Link, navigate, paths, useSearch } from '../../app/router';
import { ErrorState } from '../../components/resource-state';
import { useDeviceSearch, type TabletSearchHit } from '../../data/tablet';
import { formatMeetingDate } from '../../i18n/format';
import type { TabletRuntime } from '../../offline/runtime';
import type { TextRange } from '../../offline/search-index';
import { useTabletT } from './use-tablet-t';

const pageSize = 20;
const typingDelayMs = 250;

/** Text with the query's words marked. */
export function Highlighted({ text, ranges }: { text: string; ranges: readonly TextRange[] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  ranges.forEach((range, i) => {
    if (range.start > at) parts.push(text.slice(at, range.start));
    parts.push(<mark key={i}>{text.slice(range.start, range.end)}</mark>);
    at = range.end;
  });
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

/** Offline search over this device: papers, agenda items and the text of the documents, as the sync left them. */
export function SearchPage({ runtime }: { runtime: TabletRuntime }) {
  const { t } = useTabletT();
  const inputId = useId();
  const hintId = useId();
  const query = new URLSearchParams(useSearch()).get('q') ?? '';
  const [draft, setDraft] = useState(query);
  // Back and forward change the address: the field follows it (the render-time update React recommends).
  const [shown, setShown] = useState(query);
  if (shown !== query) {
    setShown(query);
    setDraft(query);
  }
  const [more, setMore] = useState({ query, limit: pageSize });
  const limit = more.query === query ? more.limit : pageSize;
  const state = useDeviceSearch(runtime, query, limit);

  // The address follows the typing after a pause: the search is linkable, and one history entry, not one per letter.
  useEffect(() => {
    if (draft === query) return;
    const timer = window.setTimeout(
      () => navigate(paths.tabletSearch(draft.trim() === '' ? '' : draft), { replace: true, keepScroll: true }),
      typingDelayMs,
    );
    return () => window.clearTimeout(timer);
  }, [draft, query]);

  let status = '';
  if (state.status === 'searching') status = state.building ? t('tablet.search.building') : '';
  else if (state.status === 'ready') {
    status =
      state.total === 0
        ? t('tablet.search.none', { query: state.query.trim() })
        : t(state.exact ? 'tablet.search.count' : 'tablet.search.countAtLeast', {
            count: state.total,
            query: state.query.trim(),
          });
  }

  return (
    <section className="tablet-page" aria-labelledby="tablet-search-title">
      <h1 id="tablet-search-title">{t('tablet.search.title')}</h1>
      <p className="lead">{t('tablet.search.lead')}</p>
      <form
        role="search"
        className="tablet-search"
        aria-labelledby="tablet-search-title"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(paths.tabletSearch(draft), { replace: true, keepScroll: true });
        }}
      >
        <label htmlFor={inputId}>{t('tablet.search.label')}</label>
        <div className="tablet-search__row">
          <input
            id={inputId}
            type="search"
            enterKeyHint="search"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={hintId}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
          <button type="submit" className="button">
            {t('tablet.search.submit')}
          </button>
        </div>
        <p id={hintId} className="muted">
          {t('tablet.search.hint')}
        </p>
      </form>
      <p role="status" className="tablet-search__status">
        {status}
      </p>
      {state.status === 'error' && <ErrorState message={String(state.error)} />}
      {state.status === 'ready' && state.hits.length > 0 && (
        <>
          <ol className="tablet-results">
            {state.hits.map((hit) => (
              <SearchResult key={`${hit.kind}:${hit.id}`} hit={hit} />
            ))}
          </ol>
          {state.total > state.hits.length && (
            <p>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setMore({ query, limit: limit + pageSize })}
              >
                {t('tablet.search.more')}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}

function SearchResult({ hit }: { hit: TabletSearchHit }) {
  const { t, locale } = useTabletT();
  const title = <Highlighted text={hit.title} ranges={hit.titleHighlights} />;
  const context = [
    hit.label,
    hit.meeting
      ? `${hit.meeting.name}, ${formatMeetingDate(hit.meeting.start, locale)}`
      : hit.kind === 'document'
        ? null
        : t('tablet.search.noMeeting'),
    hit.page ? t('tablet.search.page', { page: hit.page }) : null,
  ].filter(Boolean);
  return (
    <li className="tablet-result">
      <p className="tablet-result__meta">
        <span className="badge">{t(`tablet.search.kind.${hit.kind}`)}</span> {context.join(' · ')}
      </p>
      <h2 className="tablet-result__title">{hit.to ? <Link to={hit.to}>{title}</Link> : title}</h2>
      {hit.snippet && (
        <p className="tablet-result__snippet">
          <Highlighted text={hit.snippet.text} ranges={hit.snippet.highlights} />
        </p>
      )}
    </li>
  );
}
