import { useState } from 'react';
import type { SyncAgendaItem } from '@ratsmappe/shared';
import { votingIntentions } from '@ratsmappe/shared/annotations/annotation';
import { Link, paths } from '../../app/router';
import { saveAnnotation, useMeetingAnnotations, useShareTargets, type AnnotationView } from '../../data/annotations';
import { newAnnotationHeader } from '../../offline/annotations';
import type { TabletRuntime } from '../../offline/runtime';
import { useAnnotationT, type AnnotationT } from './annotation-messages';
import { EditConflictHistory, kindLabel, onListKeyDown, ScopeSelect, scopeKey, scopeOf } from './annotation-panel';
import './annotations.css';

type Intention = (typeof votingIntentions)[number];

/** All of the user's annotations of a meeting, each a link to its place (the document opened at the page). */
export function MeetingAnnotations({ runtime, meetingId }: { runtime: TabletRuntime; meetingId: string }) {
  const { t } = useAnnotationT();
  const live = useMeetingAnnotations(runtime, meetingId);
  if (live.status !== 'ready') return null;
  const entries = live.data;
  return (
    <section aria-labelledby="annot-meeting-title" className="annot-meeting">
      <h2 id="annot-meeting-title">{t('annot.meetingList')}</h2>
      {entries.length === 0 ? (
        <p className="muted">{t('annot.meetingListEmpty')}</p>
      ) : (
        <ul className="annot-list" onKeyDown={onListKeyDown}>
          {entries.map(({ annotation, file, item }) => {
            const page = annotation.values.target?.page;
            const where = file
              ? `${file.name}${page ? `, ${t('annot.onPage', { page })}` : ''}`
              : item
                ? `${item.number ? `${item.number} ` : ''}${item.name}`
                : '';
            const href = file
              ? `${paths.tabletDocument(file.id)}?seite=${page ?? 1}&anmerkung=${annotation.id}`
              : `${paths.tabletMeeting(meetingId)}#top-${annotation.agendaItemId}`;
            return (
              <li key={annotation.id} className="annot-entry" data-annotation-id={annotation.id}>
                <Link to={href} className="annot-entry__main" data-list-entry="">
                  <span className="annot-entry__kind">{kindLabel(t, annotation.kind)}</span>: {where}
                </Link>
                {annotation.values.target?.quote && (
                  <q className="annot-entry__quote">{annotation.values.target.quote.exact}</q>
                )}
                {annotation.values.text && <p className="annot-entry__text">{annotation.values.text}</p>}
                {annotation.values.votingIntention && (
                  <p>
                    <VotingBadge t={t} intention={annotation.values.votingIntention} />
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The private note on an agenda item, with the voting intention; edited in place. */
export function ItemNote({
  runtime,
  item,
  bodyId,
  note,
}: {
  runtime: TabletRuntime;
  item: SyncAgendaItem;
  bodyId: string;
  note: AnnotationView | undefined;
}) {
  const { t } = useAnnotationT();
  const [editing, setEditing] = useState(false);
  const itemName = `${item.number ? `${item.number} ` : ''}${item.name}`;
  if (!editing) {
    return (
      <div className="item-note" id={`top-${item.id}`}>
        {note && (
          <div className="item-note__shown">
            {note.values.text && <p className="item-note__text">{note.values.text}</p>}
            {note.values.votingIntention && <VotingBadge t={t} intention={note.values.votingIntention} />}
            <EditConflictHistory t={t} history={note.history} />
          </div>
        )}
        <button
          type="button"
          className="button button--secondary"
          aria-label={`${note ? t('annot.edit') : t('annot.itemNoteAdd')}: ${itemName}`}
          onClick={() => setEditing(true)}
        >
          {note ? t('annot.edit') : t('annot.itemNoteAdd')}
        </button>
      </div>
    );
  }
  return (
    <ItemNoteForm
      runtime={runtime}
      item={item}
      bodyId={bodyId}
      note={note}
      itemName={itemName}
      onDone={() => setEditing(false)}
    />
  );
}

function VotingBadge({ t, intention }: { t: AnnotationT; intention: Intention }) {
  return <span className="badge">{t('annot.votingBadge', { value: t(`annot.voting.${intention}`) })}</span>;
}

function ItemNoteForm({
  runtime,
  item,
  bodyId,
  note,
  itemName,
  onDone,
}: {
  runtime: TabletRuntime;
  item: SyncAgendaItem;
  bodyId: string;
  note: AnnotationView | undefined;
  itemName: string;
  onDone: () => void;
}) {
  const { t } = useAnnotationT();
  const shares = useShareTargets(runtime, bodyId);
  const [text, setText] = useState(note?.values.text ?? '');
  const [intention, setIntention] = useState<Intention | null>(note?.values.votingIntention ?? null);
  const [scope, setScope] = useState(scopeKey(note?.values.scope ?? { kind: 'private', organizationId: null }));
  const [error, setError] = useState<string | null>(null);
  const base = `item-note-${item.id}`;
  const save = async () => {
    const header = note ?? newAnnotationHeader('itemNote', { agendaItemId: item.id }, new Date());
    const changes: Parameters<typeof saveAnnotation>[2] = {};
    if ((text || null) !== (note?.values.text ?? null)) changes.text = text || null;
    if (intention !== (note?.values.votingIntention ?? null)) changes.votingIntention = intention;
    if (!note || scope !== scopeKey(note.values.scope)) changes.scope = scopeOf(scope);
    try {
      await saveAnnotation(runtime, header, changes);
      onDone();
    } catch (failure) {
      setError(t('annot.saveFailed', { message: failure instanceof Error ? failure.message : String(failure) }));
    }
  };
  const remove = async () => {
    if (note) await saveAnnotation(runtime, note, { deleted: true });
    onDone();
  };
  return (
    <form
      className="item-note"
      id={`top-${item.id}`}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div className="form-field">
        <label htmlFor={`${base}-text`}>{t('annot.itemNoteLabel', { item: itemName })}</label>
        <textarea
          id={`${base}-text`}
          rows={3}
          maxLength={20_000}
          value={text}
          autoFocus
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <fieldset className="annot-colors">
        <legend>{t('annot.voting')}</legend>
        {([null, ...votingIntentions] as (Intention | null)[]).map((value) => (
          <label key={value ?? 'none'} className="annot-color-choice">
            <input
              type="radio"
              name={`${base}-intention`}
              checked={intention === value}
              onChange={() => setIntention(value)}
            />
            {t(`annot.voting.${value ?? 'none'}`)}
          </label>
        ))}
      </fieldset>
      <ScopeSelect
        t={t}
        id={`${base}-scope`}
        value={scope}
        onChange={setScope}
        targets={shares.status === 'ready' ? shares.data : { factions: [], committees: [] }}
      />
      {error && (
        <p role="alert" className="notice">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button">
          {t('annot.save')}
        </button>
        {note && (
          <button type="button" className="button button--secondary" onClick={() => void remove()}>
            {t('annot.delete')}
          </button>
        )}
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('annot.cancel')}
        </button>
      </div>
    </form>
  );
}
