import { useId, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactNode } from 'react';
import { useReaderMessages } from './use-reader-messages';
import './reader.css';

export interface SidePane {
  title: string;
  content: ReactNode;
}

/** Landscape and wide enough for two readable pages: a landscape iPad (1024 px and up) qualifies, portrait does not. */
export const sideBySideQuery = '(orientation: landscape) and (min-width: 900px)';
/** A portrait tablet: tall enough for two documents one above the other (a phone is not). */
export const stackedQuery = '(orientation: portrait) and (min-width: 600px) and (min-height: 800px)';

function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/**
 * Two documents next to each other on a landscape tablet (paper and plan, or two versions), one above the other on
 * a portrait tablet; on a phone they become tabs, one at a time. Both stay mounted, so turning the device or
 * switching tabs keeps each one's page, zoom and search.
 */
export function SideBySide({ left, right }: { left: SidePane; right: SidePane }) {
  const { t } = useReaderMessages();
  const wide = useMediaQuery(sideBySideQuery);
  const tall = useMediaQuery(stackedQuery);
  const layout = wide ? 'columns' : tall ? 'rows' : 'tabs';
  const both = layout !== 'tabs';
  const [selected, setSelected] = useState<0 | 1>(0);
  const id = useId();
  const tabs = [useRef<HTMLButtonElement>(null), useRef<HTMLButtonElement>(null)];
  const panes = [left, right];

  const onTabKey = (event: KeyboardEvent) => {
    let next: 0 | 1 | null = null;
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') next = selected === 0 ? 1 : 0;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = 1;
    if (next === null) return;
    event.preventDefault();
    setSelected(next);
    tabs[next]!.current?.focus();
  };

  // One element tree for both layouts, so turning the tablet keeps both readers (and their state) mounted.
  return (
    <div
      className={`side-by-side side-by-side--${layout}`}
      role={both ? 'group' : undefined}
      aria-label={both ? t('sideBySide.label') : undefined}
    >
      {both ? null : (
        <div className="side-by-side__tabs" role="tablist" aria-label={t('sideBySide.tabs')}>
          {panes.map((pane, index) => (
            <button
              key={index}
              ref={tabs[index]}
              type="button"
              role="tab"
              id={`${id}-tab-${index}`}
              aria-selected={selected === index}
              aria-controls={`${id}-panel-${index}`}
              tabIndex={selected === index ? 0 : -1}
              onClick={() => setSelected(index as 0 | 1)}
              onKeyDown={onTabKey}
            >
              {pane.title}
            </button>
          ))}
        </div>
      )}
      {panes.map((pane, index) => (
        <div
          key={index}
          className="side-by-side__pane"
          role={both ? undefined : 'tabpanel'}
          id={`${id}-panel-${index}`}
          aria-labelledby={both ? undefined : `${id}-tab-${index}`}
          hidden={!both && selected !== index}
        >
          {pane.content}
        </div>
      ))}
    </div>
  );
}
