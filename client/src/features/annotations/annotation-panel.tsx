import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { AnnotationHeader, AnnotationScope, AnnotationValues, HistoryEntry } from '@ratsmappe/shared';
import { annotationColors } from '@ratsmappe/shared/annotations/annotation';
import type { AnnotationChanges, AnnotationView, ShareTargets } from '../../data/annotations';
import type { AnnotationT } from './annotation-messages';
import type { PlacedAnnotation } from './page-overlay';

/** A note being placed: not written until saved. */
export interface NoteDraft {
  header: AnnotationHeader;
  target: NonNullable<AnnotationValues['target']>;
}

export interface AnnotationPanelProps {
  t: AnnotationT;
  items: readonly PlacedAnnotation[];
  selectedId: string | null;
  draft: NoteDraft | null;
  shareTargets: ShareTargets;
  onSelect: (id: string | null) => void;
  onGoTo: (page: number) => void;
  onSave: (header: AnnotationHeader, changes: AnnotationChanges, label: string) => Promise<boolean>;
  onDraftDone: () => void;
  /** An older version of the document: the annotations as they were on it, not editable. */
  readOnly?: boolean;
}

/** Arrow keys move between the list's entries (their first button), Home and End to the ends. */
export function onListKeyDown(event: KeyboardEvent<HTMLElement>) {
  if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return;
  const target = event.target as HTMLElement;
  if (!target.matches('[data-list-entry]')) return;
  const entries = [...event.currentTarget.querySelectorAll<HTMLElement>('[data-list-entry]')];
  const at = entries.indexOf(target);
  const next =
    event.key === 'Home'
      ? 0
      : event.key === 'End'
        ? entries.length - 1
        : Math.min(entries.length - 1, Math.max(0, at + (event.key === 'ArrowDown' ? 1 : -1)));
  event.preventDefault();
  entries[next]?.focus();
}

export function kindLabel(t: AnnotationT, kind: AnnotationView['kind']): string {
  return t(`annot.kind.${kind}`);
}

function historyText(t: AnnotationT, entry: HistoryEntry): string {
  const value =
    entry.field === 'scope'
      ? (entry.value as AnnotationScope).kind
      : entry.field === 'strokes' || entry.field === 'target'
        ? '…'
        : typeof entry.value === 'string'
          ? entry.value
          : JSON.stringify(entry.value);
  return t('annot.historyValue', { field: t(`annot.field.${entry.field}`), value });
}

/** The edits of an own annotation that lost to one made at the same time on another device; nothing when none did. */
export function EditConflictHistory({ t, history }: { t: AnnotationT; history: readonly HistoryEntry[] }) {
  if (history.length === 0) return null;
  return (
    <div className="annot-entry__history">
      <p>{t('annot.history')}</p>
      <ul>
        {history.map((entry) => (
          <li key={`${entry.field}-${entry.hlc}`}>{historyText(t, entry)}</li>
        ))}
      </ul>
    </div>
  );
}

/** The document's annotations: where each is, its state on this version, editing, deleting, history. */
export function AnnotationPanel(props: AnnotationPanelProps) {
  const { t, items, draft } = props;
  const placed = items
    .filter((i) => i.placement.page !== null)
    .sort(
      (a, b) => a.placement.page! - b.placement.page! || a.annotation.createdAt.localeCompare(b.annotation.createdAt),
    );
  const orphaned = items.filter((i) => i.placement.page === null);
  return (
    <div className="annot-panel__content">
      {draft && (
        <section aria-labelledby="annot-draft-title" className="annot-draft">
          <h3 id="annot-draft-title">{t('annot.newNote', { page: draft.target.page })}</h3>
          <AnnotationEditor
            {...props}
            header={draft.header}
            values={null}
            onDone={props.onDraftDone}
            extra={{ target: draft.target }}
          />
        </section>
      )}
      {items.length === 0 && !draft && <p className="muted">{t('annot.panelEmpty')}</p>}
      {placed.length > 0 && <AnnotationList {...props} entries={placed} label={t('annot.panelTitle')} />}
      {orphaned.length > 0 && (
        <section aria-labelledby="annot-orphaned-title" className="annot-orphaned">
          <h3 id="annot-orphaned-title">{t('annot.orphanedTitle')}</h3>
          <p className="muted">{t('annot.orphanedHint')}</p>
          <AnnotationList {...props} entries={orphaned} />
        </section>
      )}
    </div>
  );
}

/** One list of entries (the placed ones, or those that could not be placed), moved through with the arrow keys. */
function AnnotationList(props: AnnotationPanelProps & { entries: PlacedAnnotation[]; label?: string }) {
  const { entries, label, selectedId } = props;
  return (
    <ul className="annot-list" onKeyDown={onListKeyDown} aria-label={label}>
      {entries.map((item) => (
        <AnnotationEntry key={item.annotation.id} {...props} item={item} selected={item.annotation.id === selectedId} />
      ))}
    </ul>
  );
}

function AnnotationEntry(props: AnnotationPanelProps & { item: PlacedAnnotation; selected: boolean }) {
  const { t, item, selected, onSelect, onGoTo, onSave } = props;
  const { annotation, placement } = item;
  const { values } = annotation;
  const [editing, setEditing] = useState(false);
  const entry = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (selected) entry.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const page = placement.page === null ? null : placement.page + 1;
  const label = kindLabel(t, annotation.kind);
  const quote = values.target?.quote?.exact;
  const scope = values.scope.kind;
  return (
    <li
      ref={entry}
      className={`annot-entry${selected ? ' annot-entry--selected' : ''}`}
      data-annotation-id={annotation.id}
      data-kind={annotation.kind}
    >
      <button
        type="button"
        className="annot-entry__main"
        data-list-entry=""
        aria-current={selected ? 'true' : undefined}
        onClick={() => {
          onSelect(annotation.id);
          if (page !== null) onGoTo(page);
        }}
      >
        <span className="annot-entry__kind">
          {annotation.kind === 'highlight' && (
            <span
              className="annot-swatch"
              aria-hidden="true"
              style={{ background: `var(--annot-${values.color ?? 'yellow'})` }}
            />
          )}
          {label}
        </span>{' '}
        <span className="muted">
          {page !== null
            ? t('annot.onPage', { page })
            : values.target
              ? t('annot.oldPage', { page: values.target.page })
              : ''}
        </span>
      </button>
      {quote && placement.status !== 'changed' && <q className="annot-entry__quote">{quote}</q>}
      {values.text && <p className="annot-entry__text">{values.text}</p>}
      <p className="annot-entry__badges">
        {placement.status === 'changed' && <span className="badge badge--warning">{t('annot.changed')}</span>}
        {placement.status === 'orphaned' && <span className="badge badge--warning">{t('annot.orphaned')}</span>}
        {!annotation.own && <span className="badge">{t('annot.readOnly', { name: annotation.authorName })}</span>}
        {annotation.own && scope !== 'private' && <span className="badge">{t(`annot.sharedWith.${scope}`)}</span>}
        {annotation.pending && <span className="badge badge--muted">{t('annot.pending')}</span>}
      </p>
      {placement.status === 'changed' && quote && (
        <div className="annot-entry__changed">
          <p>{t('annot.changedOld', { quote })}</p>
          {placement.passage && <p>{t('annot.changedNew', { quote: placement.passage.text })}</p>}
        </div>
      )}
      <EditConflictHistory t={t} history={annotation.history} />
      {annotation.own && !props.readOnly && !editing && (
        <div className="button-row annot-entry__actions">
          <button
            type="button"
            className="button button--secondary"
            aria-label={`${t('annot.edit')}: ${label}${page !== null ? `, ${t('annot.onPage', { page })}` : ''}`}
            onClick={() => {
              onSelect(annotation.id);
              setEditing(true);
            }}
          >
            {t('annot.edit')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            aria-label={`${t('annot.delete')}: ${label}${page !== null ? `, ${t('annot.onPage', { page })}` : ''}`}
            onClick={() => void onSave(annotation, { deleted: true }, t('annot.deleted', { what: label }))}
          >
            {t('annot.delete')}
          </button>
        </div>
      )}
      {annotation.own && !props.readOnly && editing && (
        <AnnotationEditor {...props} header={annotation} values={values} onDone={() => setEditing(false)} />
      )}
    </li>
  );
}

function scopeKey(scope: AnnotationScope): string {
  return scope.kind === 'private' ? 'private' : `${scope.kind}:${scope.organizationId}`;
}

function scopeOf(key: string): AnnotationScope {
  if (key === 'private') return { kind: 'private', organizationId: null };
  const [kind, organizationId] = key.split(':') as ['faction' | 'committee', string];
  return { kind, organizationId };
}

export function ScopeSelect({
  t,
  id,
  value,
  onChange,
  targets,
}: {
  t: AnnotationT;
  id: string;
  value: string;
  onChange: (key: string) => void;
  targets: ShareTargets;
}) {
  return (
    <div className="form-field">
      <label htmlFor={id}>{t('annot.scope')}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="private">{t('annot.scope.private')}</option>
        {targets.factions.map((o) => (
          <option key={o.id} value={`faction:${o.id}`}>
            {t('annot.scope.faction', { name: o.name })}
          </option>
        ))}
        {targets.committees.map((o) => (
          <option key={o.id} value={`committee:${o.id}`}>
            {t('annot.scope.committee', { name: o.name })}
          </option>
        ))}
      </select>
    </div>
  );
}

export { scopeKey, scopeOf };

function AnnotationEditor(
  props: AnnotationPanelProps & {
    header: AnnotationHeader;
    values: AnnotationValues | null;
    onDone: () => void;
    extra?: AnnotationChanges;
  },
) {
  const { t, header, values, onDone, onSave, shareTargets, extra } = props;
  const base = `annot-edit-${header.id}`;
  const [text, setText] = useState(values?.text ?? '');
  const [color, setColor] = useState(values?.color ?? 'yellow');
  const [scope, setScope] = useState(scopeKey(values?.scope ?? { kind: 'private', organizationId: null }));
  const textArea = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    textArea.current?.focus();
  }, []);
  const hasText = header.kind === 'note' || header.kind === 'highlight';
  const save = async () => {
    const changes: AnnotationChanges = { ...extra };
    if (hasText && (text || null) !== (values?.text ?? null)) changes.text = text || null;
    if (header.kind === 'highlight' && color !== values?.color) changes.color = color;
    if (!values || scope !== scopeKey(values.scope)) changes.scope = scopeOf(scope);
    if (Object.keys(changes).length > 0 && (await onSave(header, changes, kindLabel(t, header.kind)))) onDone();
    else if (Object.keys(changes).length === 0) onDone();
  };
  return (
    <form
      className="annot-editor"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDone();
      }}
    >
      {hasText && (
        <div className="form-field">
          <label htmlFor={`${base}-text`}>{header.kind === 'note' ? t('annot.text') : t('annot.comment')}</label>
          <textarea
            id={`${base}-text`}
            ref={textArea}
            rows={3}
            maxLength={20_000}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
      )}
      {header.kind === 'highlight' && (
        <fieldset className="annot-colors">
          <legend>{t('annot.colors')}</legend>
          {annotationColors.map((c) => (
            <label key={c} className="annot-color-choice">
              <input type="radio" name={`${base}-color`} checked={color === c} onChange={() => setColor(c)} />
              <span className="annot-swatch" aria-hidden="true" style={{ background: `var(--annot-${c})` }} />
              {t(`annot.color.${c}`)}
            </label>
          ))}
        </fieldset>
      )}
      <ScopeSelect t={t} id={`${base}-scope`} value={scope} onChange={setScope} targets={shareTargets} />
      <div className="button-row">
        <button type="submit" className="button">
          {t('annot.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('annot.cancel')}
        </button>
      </div>
    </form>
  );
}
