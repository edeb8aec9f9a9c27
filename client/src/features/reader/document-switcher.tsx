import { useEffect, useId, useRef, useState } from 'react';
import { useReaderMessages } from './use-reader-messages';

export interface RelatedDocument {
  id: string;
  title: string;
}

interface DocumentSwitcherProps {
  documents: readonly RelatedDocument[];
  currentId?: string;
  onOpen: (id: string) => void;
}

/**
 * Jump between a paper and its attachments without leaving the reader: a disclosure button in the toolbar opens
 * the list; Escape or a choice closes it and puts focus back on the button.
 */
export function DocumentSwitcher({ documents, currentId, onOpen }: DocumentSwitcherProps) {
  const { t } = useReaderMessages();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);

  const choose = (id: string) => {
    setOpen(false);
    button.current?.focus();
    if (id !== currentId) onOpen(id);
  };

  return (
    <div
      className="reader-switcher"
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
      onBlur={(event) => {
        if (open && !root.current?.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button
        type="button"
        ref={button}
        className="reader-button"
        aria-expanded={open}
        aria-controls={listId}
        title={t('reader.documentsLong')}
        onClick={() => setOpen((value) => !value)}
      >
        {t('reader.documents', { count: documents.length })}
      </button>
      <ul id={listId} className="reader-switcher__list" hidden={!open} aria-label={t('reader.documentsLong')}>
        {documents.map((doc) => (
          <li key={doc.id}>
            <button
              type="button"
              className="reader-switcher__item"
              aria-current={doc.id === currentId ? 'true' : undefined}
              onClick={() => choose(doc.id)}
            >
              {doc.title}
              {doc.id === currentId ? <span className="visually-hidden"> {t('reader.current')}</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
