import { useEffect, useRef, useState, type RefObject } from 'react';
import type { FindState } from './use-find';
import { useReaderMessages } from './use-reader-messages';

interface FindBarProps {
  id: string;
  state: FindState;
  pageCount: number;
  inputRef: RefObject<HTMLInputElement | null>;
  /** Searched at once when the bar opens (a hit chosen in the device search). */
  initialQuery?: string | undefined;
  onSearch: (query: string) => void;
  onStep: (direction: 1 | -1) => void;
  onClose: () => void;
}

const typingDelayMs = 300;

/** Search field with previous/next and a live status ("Treffer 2 von 17, Seite 40"). */
export function FindBar({ id, state, pageCount, inputRef, initialQuery, onSearch, onStep, onClose }: FindBarProps) {
  const { t } = useReaderMessages();
  const [value, setValue] = useState(initialQuery ?? '');
  const submitted = useRef('');

  // Search while typing, after a pause; Enter searches at once (or goes to the next hit of the same search).
  useEffect(() => {
    if (value === submitted.current) return;
    const timer = window.setTimeout(() => {
      submitted.current = value;
      onSearch(value);
    }, typingDelayMs);
    return () => window.clearTimeout(timer);
  }, [value, onSearch]);

  const count = state.matches.length;
  const selected = state.selected >= 0 ? state.matches[state.selected] : undefined;
  let status = '';
  if (state.query !== '') {
    if (count === 0) {
      status =
        state.progress === null
          ? t('reader.findNone')
          : t('reader.findSearching', { page: state.progress, count: pageCount });
    } else if (selected) {
      status = t(state.progress === null ? 'reader.findOnPage' : 'reader.findResultMore', {
        index: state.selected + 1,
        count,
        page: selected.page + 1,
      });
    }
  }

  return (
    <form
      id={id}
      className="reader__find"
      role="search"
      aria-label={t('reader.findLong')}
      onSubmit={(event) => {
        event.preventDefault();
        if (value === submitted.current && count > 0) onStep(1);
        else {
          submitted.current = value;
          onSearch(value);
        }
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onClose();
        } else if (event.key === 'Enter' && event.shiftKey) {
          event.preventDefault();
          onStep(-1);
        }
      }}
    >
      <label className="reader__find-label">
        <span className="visually-hidden">{t('reader.findInput')}</span>
        <input
          ref={inputRef}
          type="search"
          enterKeyHint="search"
          autoComplete="off"
          spellCheck={false}
          value={value}
          placeholder={t('reader.findLong')}
          onChange={(event) => setValue(event.target.value)}
        />
      </label>
      <button
        type="button"
        className="reader-button"
        aria-label={t('reader.findPrevious')}
        title={t('reader.findPrevious')}
        disabled={count === 0}
        onClick={() => onStep(-1)}
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        type="button"
        className="reader-button"
        aria-label={t('reader.findNext')}
        title={t('reader.findNext')}
        disabled={count === 0}
        onClick={() => onStep(1)}
      >
        <span aria-hidden="true">↓</span>
      </button>
      <output className="reader__find-status" role="status" aria-live="polite">
        {status}
      </output>
      <button type="button" className="reader-button" onClick={onClose}>
        {t('reader.findClose')}
      </button>
    </form>
  );
}
