import {
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import type { Agenda, AgendaEntry } from '@ratsmappe/shared';
import { ApiError } from '../../data/api';
import { refusalText, sendJson } from '../../data/commands';
import { errorMessage } from '../../data/use-api-resource';
import { formatMeetingDate, formatMeetingTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import {
  indent,
  moveDown,
  moveTo,
  moveToPart,
  moveUp,
  outdent,
  possibleMoves,
  toArrangement,
  treeFromEntries,
  type AgendaTree,
  type AgendaTreeItem,
  type DropPosition,
} from './agenda-tree';
import { FilesPanel } from './files-panel';
import { formFailure } from './form-failure';
import { useOfficeT } from './office-shell';
import { resultSuggestions } from './paper-types';

type Control = 'up' | 'down' | 'indent' | 'outdent' | 'toPublic' | 'toNonPublic' | 'row';

interface DragState {
  id: string;
  targetId: string | null;
  position: DropPosition | null;
}

export function AgendaBuilder({
  meetingId,
  agenda,
  editable,
  onChange,
  onReload,
  onFilesChanged,
}: {
  meetingId: string;
  agenda: Agenda;
  editable: boolean;
  onChange: (agenda: Agenda) => void;
  onReload: () => void;
  onFilesChanged: () => void;
}) {
  const { t, locale } = useOfficeT();
  const { t: tApp } = useI18n();
  const tree = useMemo(() => treeFromEntries(agenda.items), [agenda]);
  const entries = useMemo(() => new Map(agenda.items.map((item) => [item.id, item])), [agenda]);
  // The arrangement being saved, shown at once (the numbers follow with the server's answer).
  const [pending, setPending] = useState<AgendaTree | null>(null);
  const [problem, setProblem] = useState<{ text: string; conflict: boolean } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [drag, setDrag] = useState<DragState | null>(null);
  const focusAfter = useRef<{ id: string; control: Control } | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const shown = pending ?? tree;
  const structureEditable = editable;
  // Results and resolutions: from the invitation until the minutes are released, as the server allows.
  const resultsEditable = !agenda.cancelled && (agenda.state === 'invited' || agenda.state === 'held');

  useLayoutEffect(() => {
    // Moving a row in the DOM drops the focus; put it back on the same control, or the row if that is now disabled.
    const target = focusAfter.current;
    if (!target || !listRef.current) return;
    const control = listRef.current.querySelector<HTMLButtonElement>(`[data-control="${target.id}:${target.control}"]`);
    const row = listRef.current.querySelector<HTMLElement>(`[data-row="${target.id}"]`);
    const element = control && !control.disabled ? control : row;
    if (element && document.activeElement !== element) element.focus();
  }, [shown]);

  const nameOf = (id: string) => entries.get(id)?.name ?? '';

  const apply = (next: AgendaTree, id: string, control: Control) => {
    if (next === shown || pending !== null) return;
    setPending(next);
    setProblem(null);
    focusAfter.current = { id, control };
    sendJson<Agenda>(
      'PUT',
      `/api/meetings/${meetingId}/agenda`,
      { version: agenda.version, items: toArrangement(next) },
      locale,
    )
      .then((updated) => {
        onChange(updated);
        const number = updated.items.find((item) => item.id === id)?.number ?? '';
        setAnnouncement(t('editor.moved', { name: nameOf(id), number }));
      })
      .catch((error: unknown) => {
        const conflict = error instanceof ApiError && error.code === 'conflict';
        const reason = refusalText(error, errorMessage(error, tApp));
        setProblem({ text: conflict ? `${t('editor.conflict')} ${reason}` : reason, conflict });
      })
      .finally(() => {
        setPending(null);
      });
  };

  const operations = {
    up: (id: string) => moveUp(shown, id),
    down: (id: string) => moveDown(shown, id),
    indent: (id: string) => indent(shown, id),
    outdent: (id: string) => outdent(shown, id),
    toPublic: (id: string) => moveToPart(shown, id, true),
    toNonPublic: (id: string) => moveToPart(shown, id, false),
  };

  const handleKeyDown = (event: KeyboardEvent, id: string) => {
    if (!editable || !event.altKey) return;
    // Alt+arrows move the caret by words in a text field; they are not meant for the agenda there.
    if ((event.target as HTMLElement).closest('input, textarea, select')) return;
    const byKey: Partial<Record<string, 'up' | 'down' | 'indent' | 'outdent'>> = {
      ArrowUp: 'up',
      ArrowDown: 'down',
      ArrowRight: 'indent',
      ArrowLeft: 'outdent',
    };
    const operation = byKey[event.key];
    if (!operation) return;
    event.preventDefault();
    event.stopPropagation();
    apply(operations[operation](id), id, 'row');
  };

  // Pointer events cover mouse, pen and touch alike (HTML5 drag events do not fire for touch in every browser).
  const dropTarget = (event: PointerEvent, id: string): Pick<DragState, 'targetId' | 'position'> => {
    const row = document.elementFromPoint(event.clientX, event.clientY)?.closest<HTMLElement>('[data-row]');
    const targetId = row?.dataset.row ?? null;
    if (!row || !targetId || targetId === id) return { targetId: null, position: null };
    const rect = row.getBoundingClientRect();
    const fraction = (event.clientY - rect.top) / Math.max(rect.height, 1);
    const order: DropPosition[] =
      fraction < 0.3 ? ['before'] : fraction > 0.7 ? ['after'] : ['inside', fraction < 0.5 ? 'before' : 'after'];
    const position = order.find((p) => moveTo(shown, id, targetId, p) !== shown) ?? null;
    return { targetId: position ? targetId : null, position };
  };

  const dragHandlers = (id: string) => ({
    onPointerDown: (event: PointerEvent<HTMLElement>) => {
      if (!editable || pending !== null) return;
      event.preventDefault();
      event.currentTarget.setPointerCapture(event.pointerId);
      setDrag({ id, targetId: null, position: null });
    },
    onPointerMove: (event: PointerEvent<HTMLElement>) => {
      if (drag?.id !== id) return;
      setDrag({ id, ...dropTarget(event, id) });
    },
    onPointerUp: () => {
      if (drag?.id === id && drag.targetId && drag.position) {
        apply(moveTo(shown, id, drag.targetId, drag.position), id, 'row');
      }
      setDrag(null);
    },
    onPointerCancel: () => setDrag(null),
  });

  const renderRow = (id: string, item: AgendaTreeItem | null) => {
    const entry = entries.get(id);
    const name = entry?.name ?? '';
    const possible = possibleMoves(shown, id);
    const dropClass =
      drag && drag.targetId === id && drag.position
        ? ` agenda-row--drop-${drag.position}`
        : drag?.id === id
          ? ' agenda-row--dragging'
          : '';
    const button = (control: Exclude<Control, 'row'>, label: string, symbol: string) => (
      <button
        type="button"
        className="icon-button"
        data-control={`${id}:${control}`}
        disabled={!possible[control]}
        title={label}
        onClick={() => apply(operations[control](id), id, control)}
      >
        <span aria-hidden="true">{symbol}</span>
        <span className="visually-hidden">{label}</span>
      </button>
    );
    return (
      <div className={`agenda-row${dropClass}`} data-row={id} tabIndex={-1} onKeyDown={(e) => handleKeyDown(e, id)}>
        {editable && (
          <span className="drag-handle" aria-hidden="true" title={t('editor.drag', { name })} {...dragHandlers(id)}>
            ⠿
          </span>
        )}
        <span className="agenda-row__number">{entry?.number ?? ''}</span>
        <span className="agenda-row__name">{name}</span>
        <ItemBadges entry={entry} />
        {editable && (
          <span className="agenda-row__controls" role="group" aria-label={name}>
            {button('up', t('editor.up', { name }), '↑')}
            {button('down', t('editor.down', { name }), '↓')}
            {button('indent', t('editor.indent', { name }), '→')}
            {button('outdent', t('editor.outdent', { name }), '←')}
            {item && item.public && button('toNonPublic', t('editor.toNonPublic', { name }), 'N')}
            {item && !item.public && button('toPublic', t('editor.toPublic', { name }), 'Ö')}
          </span>
        )}
        {entry && (structureEditable || resultsEditable) && (
          <ItemEdit
            entry={entry}
            agenda={agenda}
            structureEditable={structureEditable}
            resultsEditable={resultsEditable}
            onSaved={(updated) => {
              // Focus stays in the form; the last move's focus target does not apply to this change.
              focusAfter.current = null;
              onChange(updated);
              setAnnouncement(t('item.saved', { name: updated.items.find((i) => i.id === id)?.name ?? name }));
            }}
            onReload={onReload}
          />
        )}
        <ItemFiles
          id={id}
          label={t('files.item', { number: entry?.number ?? name })}
          ownerPublic={entry?.public ?? true}
          onChanged={onFilesChanged}
        />
      </div>
    );
  };

  const part = (isPublic: boolean) => {
    const items = shown.filter((item) => item.public === isPublic);
    const headingId = isPublic ? 'agenda-part-public' : 'agenda-part-non-public';
    return (
      <section aria-labelledby={headingId} className={isPublic ? 'agenda-part' : 'agenda-part agenda-part--non-public'}>
        <h3 id={headingId}>{isPublic ? t('editor.publicPart') : t('editor.nonPublicPart')}</h3>
        {items.length === 0 ? (
          <p className="hint">{t('editor.emptyPart')}</p>
        ) : (
          <ol className="agenda-builder">
            {items.map((item) => (
              <li key={item.id}>
                {renderRow(item.id, item)}
                {item.children.length > 0 && (
                  <ol className="agenda-builder agenda-builder--sub">
                    {item.children.map((child) => (
                      <li key={child.id}>{renderRow(child.id, null)}</li>
                    ))}
                  </ol>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    );
  };

  return (
    <div ref={listRef} className="agenda-editor" aria-busy={pending !== null}>
      {editable ? <p className="hint">{t('editor.keyboardHint')}</p> : <p className="hint">{t('editor.locked')}</p>}
      <div role={problem ? 'alert' : undefined}>
        {problem && (
          <div className="notice notice--danger">
            <p>{problem.text}</p>
            {problem.conflict && (
              <button
                type="button"
                className="button"
                onClick={() => {
                  setProblem(null);
                  onReload();
                }}
              >
                {t('editor.reload')}
              </button>
            )}
          </div>
        )}
      </div>
      <p role="status" className="visually-hidden">
        {pending ? t('editor.saving') : announcement}
      </p>
      {part(true)}
      {part(false)}
    </div>
  );
}

function ItemBadges({ entry }: { entry: AgendaEntry | undefined }) {
  const { t, locale } = useOfficeT();
  if (!entry) return null;
  return (
    <>
      {entry.supplementAt && (
        <span className="badge badge--warning">
          {t('editor.supplement', {
            time: `${formatMeetingDate(entry.supplementAt, locale)}, ${formatMeetingTime(entry.supplementAt, locale)}`,
          })}
        </span>
      )}
      {entry.paper && (
        <span className="badge">{t('editor.paper', { reference: entry.paper.reference ?? entry.paper.name })}</span>
      )}
      {entry.result && <span className="badge badge--result">{t('item.resultBadge', { result: entry.result })}</span>}
    </>
  );
}

/** An item's files, loaded only when opened: a long agenda would otherwise ask for every item's files at once. */
function ItemFiles({
  id,
  label,
  ownerPublic,
  onChanged,
}: {
  id: string;
  label: string;
  ownerPublic: boolean;
  onChanged: () => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <details className="agenda-row__files" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{label}</summary>
      {open && (
        <FilesPanel owner={{ type: 'agenda_item', id }} label={label} ownerPublic={ownerPublic} onChanged={onChanged} />
      )}
    </details>
  );
}

/**
 * Title, result and resolution text of one item (`PATCH /api/agenda-items/:id`), rendered only when opened. The title
 * while the agenda is open (after the invitation the change is a supplement with its time); result and resolution
 * from the invitation until the minutes are released.
 */
function ItemEdit({
  entry,
  agenda,
  structureEditable,
  resultsEditable,
  onSaved,
  onReload,
}: {
  entry: AgendaEntry;
  agenda: Agenda;
  structureEditable: boolean;
  resultsEditable: boolean;
  onSaved: (agenda: Agenda) => void;
  onReload: () => void;
}) {
  const { t } = useOfficeT();
  const [open, setOpen] = useState(false);
  return (
    <details className="agenda-row__edit" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t('item.edit', { name: entry.name })}</summary>
      {open && (
        <ItemForm
          entry={entry}
          agenda={agenda}
          structureEditable={structureEditable}
          resultsEditable={resultsEditable}
          onSaved={onSaved}
          onReload={onReload}
        />
      )}
    </details>
  );
}

function ItemForm({
  entry,
  agenda,
  structureEditable,
  resultsEditable,
  onSaved,
  onReload,
}: {
  entry: AgendaEntry;
  agenda: Agenda;
  structureEditable: boolean;
  resultsEditable: boolean;
  onSaved: (agenda: Agenda) => void;
  onReload: () => void;
}) {
  const { t, locale } = useOfficeT();
  const { t: tApp } = useI18n();
  const id = useId();
  const [name, setName] = useState(entry.name);
  const [result, setResult] = useState(entry.result ?? '');
  const [resolution, setResolution] = useState(entry.resolutionText ?? '');
  const [problem, setProblem] = useState<{ text: string; conflict: boolean } | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (structureEditable && !name.trim()) {
      setNameError(t('office.required'));
      nameRef.current?.focus();
      return;
    }
    setNameError(null);
    const changes: Record<string, string | null> = {};
    if (structureEditable && name.trim() !== entry.name) changes.name = name.trim();
    if (resultsEditable && (result.trim() || null) !== entry.result) changes.result = result.trim() || null;
    if (resultsEditable && (resolution.trim() || null) !== entry.resolutionText) {
      changes.resolutionText = resolution.trim() || null;
    }
    if (Object.keys(changes).length === 0) {
      setProblem({ text: t('item.unchanged'), conflict: false });
      return;
    }
    setBusy(true);
    sendJson<Agenda>('PATCH', `/api/agenda-items/${entry.id}`, { ...changes, version: agenda.version }, locale)
      .then(onSaved)
      .catch((error: unknown) => {
        const conflict = error instanceof ApiError && error.code === 'conflict';
        setProblem({ text: formFailure(error, tApp, ['name']), conflict });
      })
      .finally(() => setBusy(false));
  };

  return (
    <form className="staff-form" onSubmit={handleSubmit} noValidate>
      <div role="alert">
        {problem && (
          <div className={problem.conflict ? 'notice notice--danger' : 'notice'}>
            <p>{problem.text}</p>
            {problem.conflict && (
              <button type="button" className="button button--secondary" onClick={onReload}>
                {t('editor.reload')}
              </button>
            )}
          </div>
        )}
      </div>
      {structureEditable && (
        <div className={nameError ? 'form-field form-field--invalid' : 'form-field'}>
          <label htmlFor={`${id}-name`} className="form-field__label">
            {t('item.name')}
          </label>
          {agenda.state !== 'planned' && (
            <p id={`${id}-name-hint`} className="form-field__hint">
              {t('item.supplementHint')}
            </p>
          )}
          <input
            id={`${id}-name`}
            ref={nameRef}
            value={name}
            maxLength={500}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={
              [agenda.state !== 'planned' ? `${id}-name-hint` : '', nameError ? `${id}-name-error` : '']
                .filter(Boolean)
                .join(' ') || undefined
            }
            onChange={(e) => setName(e.target.value)}
          />
          {nameError && (
            <p id={`${id}-name-error`} className="form-field__error">
              {nameError}
            </p>
          )}
        </div>
      )}
      {resultsEditable && (
        <>
          <div className="form-field">
            <label htmlFor={`${id}-result`} className="form-field__label">
              {t('item.result')}
            </label>
            <input
              id={`${id}-result`}
              list={`${id}-results`}
              maxLength={200}
              value={result}
              onChange={(e) => setResult(e.target.value)}
            />
            <datalist id={`${id}-results`}>
              {resultSuggestions.map((suggestion) => (
                <option key={suggestion} value={suggestion} />
              ))}
            </datalist>
          </div>
          <div className="form-field">
            <label htmlFor={`${id}-resolution`} className="form-field__label">
              {t('item.resolution')}
            </label>
            <textarea
              id={`${id}-resolution`}
              rows={5}
              maxLength={20_000}
              value={resolution}
              onChange={(e) => setResolution(e.target.value)}
            />
          </div>
        </>
      )}
      {!resultsEditable && agenda.state === 'planned' && <p className="hint">{t('item.resultLater')}</p>}
      <button type="submit" className="button" disabled={busy}>
        {t('item.save')}
      </button>
    </form>
  );
}
