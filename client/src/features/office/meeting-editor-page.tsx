import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { Agenda, AgendaItemView, MeetingDetail, MeetingState } from '@ratsmappe/shared';
import { Link, paths } from '../../app/router';
import { FormError, FormField } from '../../components/form-field';
import { ErrorState, LoadingState } from '../../components/resource-state';
import { getJson } from '../../data/api';
import { issuesByField, refusalText, sendJson } from '../../data/commands';
import { errorMessage } from '../../data/use-api-resource';
import { formatMeetingDate, formatMeetingTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { AgendaBuilder } from './agenda-builder';
import { FilesPanel } from './files-panel';
import { MeetingForm, meetingFormValues, type MeetingPayload } from './meeting-form';
import { OfficeGate, stateLabel, useOfficeT } from './office-shell';
import { PaperPicker, type PickedPaper } from './paper-picker';

/** The one next state (strictly forward, as the server's meetingTransitions) and its button. */
const nextState: Record<MeetingState, MeetingState | null> = {
  planned: 'invited',
  invited: 'held',
  held: 'minutes_released',
  minutes_released: null,
};
const stateButton = {
  invited: 'editor.invite',
  held: 'editor.held',
  minutes_released: 'editor.release',
} as const;

export function MeetingEditorPage({ slug, id }: { slug: string; id: string }) {
  return <OfficeGate slug={slug}>{() => <MeetingEditor slug={slug} id={id} />}</OfficeGate>;
}

function MeetingEditor({ slug, id }: { slug: string; id: string }) {
  const { t, locale } = useOfficeT();
  const { t: tApp } = useI18n();
  const [meeting, setMeeting] = useState<MeetingDetail | null>(null);
  const [agenda, setAgenda] = useState<Agenda | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [stateMessage, setStateMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [editKey, setEditKey] = useState(0);
  const [filesKey, setFilesKey] = useState(0);
  const statusRef = useRef<HTMLParagraphElement>(null);

  const load = useCallback(() => {
    Promise.all([
      getJson<MeetingDetail>(`/api/meetings/${id}`, { locale }),
      getJson<Agenda>(`/api/meetings/${id}/agenda`, { locale }),
    ]).then(
      ([m, a]) => {
        setMeeting(m);
        setAgenda(a);
        setLoadError(null);
      },
      (error: unknown) => setLoadError(errorMessage(error, tApp)),
    );
  }, [id, locale, tApp]);

  useEffect(load, [load]);

  const refreshAgenda = useCallback(() => {
    getJson<Agenda>(`/api/meetings/${id}/agenda`, { locale }).then(setAgenda, () => undefined);
  }, [id, locale]);

  /** After the meeting's own files changed: its file list (minutes, invitation) and the version both move. */
  const refreshMeeting = useCallback(() => {
    getJson<MeetingDetail>(`/api/meetings/${id}`, { locale }).then(setMeeting, () => undefined);
    refreshAgenda();
  }, [id, locale, refreshAgenda]);

  if (loadError) return <ErrorState message={loadError} onRetry={load} />;
  if (!meeting || !agenda) return <LoadingState />;

  const next = meeting.cancelled ? null : nextState[meeting.state];
  const afterStep = (updated: MeetingDetail) => {
    setMeeting(updated);
    setStateMessage({ text: t('editor.stateChanged', { state: stateLabel(t, updated.state) }), error: false });
    return getJson<Agenda>(`/api/meetings/${id}/agenda`, { locale }).then(setAgenda);
  };
  const failStep = (error: unknown) =>
    setStateMessage({ text: refusalText(error, errorMessage(error, tApp)), error: true });
  const settle = () => {
    setBusy(false);
    requestAnimationFrame(() => statusRef.current?.focus());
  };

  const advance = (state: MeetingState) => {
    setBusy(true);
    sendJson<MeetingDetail>('POST', `/api/meetings/${id}/state`, { state, version: agenda.version }, locale)
      .then(afterStep)
      .catch(failStep)
      .finally(settle);
  };
  const cancel = () => {
    if (!window.confirm(t('editor.cancelConfirm'))) return;
    setBusy(true);
    sendJson<MeetingDetail>('POST', `/api/meetings/${id}/cancel`, undefined, locale)
      .then(afterStep)
      .catch(failStep)
      .finally(settle);
  };

  const regenerate = () => {
    setBusy(true);
    sendJson<MeetingDetail>('POST', `/api/meetings/${id}/invitation`, undefined, locale)
      .then((updated) => {
        setMeeting(updated);
        setStateMessage({ text: t('invitation.regenerated'), error: false });
        setFilesKey((n) => n + 1);
        return getJson<Agenda>(`/api/meetings/${id}/agenda`, { locale }).then(setAgenda);
      })
      .catch(failStep)
      .finally(settle);
  };

  const saveMeeting = (payload: MeetingPayload) =>
    sendJson<MeetingDetail>('PATCH', `/api/meetings/${id}`, { ...payload, version: agenda.version }, locale).then(
      (updated) => {
        setMeeting(updated);
        setEditKey((n) => n + 1);
        setStateMessage({ text: t('editor.meetingSaved'), error: false });
        refreshAgenda();
      },
    );

  const editable = !meeting.cancelled && (meeting.state === 'planned' || meeting.state === 'invited');
  const invitations = meeting.files.filter((file) => file.role === 'invitation');
  const minutesMissing = meeting.state === 'held' && !meeting.files.some((file) => file.role === 'results_protocol');
  return (
    <section aria-labelledby="editor-title" className="staff-page">
      <p>
        <Link to={paths.office(slug)}>{t('editor.back')}</Link>
      </p>
      <h1 id="editor-title">{meeting.name}</h1>
      <p>
        {formatMeetingDate(meeting.start, locale)}, {formatMeetingTime(meeting.start, locale)}
        {meeting.location?.description ? ` · ${meeting.location.description}` : ''}
      </p>
      <div className="office-panel">
        <p ref={statusRef} tabIndex={-1}>
          <strong>{t('editor.state', { state: stateLabel(t, meeting.state) })}</strong>
          {meeting.cancelled && <span className="badge badge--cancelled">{t('office.cancelled')}</span>}
        </p>
        <div className="button-row">
          {next && (
            <button type="button" className="button" disabled={busy} onClick={() => advance(next)}>
              {t(stateButton[next as keyof typeof stateButton])}
            </button>
          )}
          {!meeting.cancelled && meeting.state !== 'held' && meeting.state !== 'minutes_released' && (
            <button type="button" className="button button--secondary" disabled={busy} onClick={cancel}>
              {t('editor.cancel')}
            </button>
          )}
        </div>
        {minutesMissing && !meeting.cancelled && <p className="hint">{t('editor.minutesHint')}</p>}
        <div role={stateMessage?.error ? 'alert' : 'status'}>
          {stateMessage && (
            <p className={stateMessage.error ? 'notice notice--danger' : 'notice'}>{stateMessage.text}</p>
          )}
        </div>
      </div>

      {!meeting.cancelled && (
        <details className="office-panel">
          <summary>
            <h2 className="office-panel__title">{t('editor.editMeeting')}</h2>
          </summary>
          {meeting.state !== 'planned' && <p className="hint">{t('editor.editAfterInvitation')}</p>}
          <MeetingForm
            key={editKey}
            slug={slug}
            idPrefix="meeting-edit"
            initial={meetingFormValues(meeting)}
            submitLabel={t('editor.saveMeeting')}
            onSubmit={saveMeeting}
          />
        </details>
      )}

      <section aria-labelledby="invitation-title" className="office-panel">
        <h2 id="invitation-title" className="office-panel__title">
          {t('invitation.title')}
        </h2>
        {invitations.length === 0 ? (
          <p className="hint">{meeting.state === 'planned' ? t('invitation.notYet') : t('invitation.none')}</p>
        ) : (
          <ul className="link-list">
            {invitations.map((file) => (
              <li key={file.id}>
                <a href={paths.file(file.id)}>{file.name}</a>{' '}
                <span className="hint">{t('invitation.version', { version: file.version })}</span>
              </li>
            ))}
          </ul>
        )}
        {meeting.state === 'invited' && !meeting.cancelled && (
          <div className="button-row">
            <button type="button" className="button button--secondary" disabled={busy} onClick={regenerate}>
              {t('invitation.regenerate')}
            </button>
            <span className="hint">{t('invitation.regenerateHint')}</span>
          </div>
        )}
      </section>

      <h2>{t('editor.agenda')}</h2>
      {editable && <AddItemForm slug={slug} meetingId={id} onAdded={(a) => setAgenda(a)} />}
      <AgendaBuilder
        meetingId={id}
        agenda={agenda}
        editable={editable}
        onChange={setAgenda}
        onReload={load}
        onFilesChanged={refreshAgenda}
      />

      <FilesPanel
        owner={{ type: 'meeting', id }}
        label={t('files.meeting')}
        defaultRole={meeting.state === 'held' ? 'results_protocol' : 'auxiliary'}
        reloadKey={filesKey}
        onChanged={refreshMeeting}
      />
    </section>
  );
}

function AddItemForm({
  slug,
  meetingId,
  onAdded,
}: {
  slug: string;
  meetingId: string;
  onAdded: (agenda: Agenda) => void;
}) {
  const { t, locale } = useOfficeT();
  const { t: tApp } = useI18n();
  const [name, setName] = useState('');
  const [isPublic, setPublic] = useState(true);
  const [paper, setPaper] = useState<PickedPaper | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setErrors({ name: t('office.required') });
      nameRef.current?.focus();
      return;
    }
    setBusy(true);
    sendJson<AgendaItemView>(
      'POST',
      `/api/meetings/${meetingId}/agenda-items`,
      { name, public: isPublic, paperId: paper?.id ?? null },
      locale,
    )
      .then(async (item) => {
        const agenda = await getJson<Agenda>(`/api/meetings/${meetingId}/agenda`, { locale });
        onAdded(agenda);
        const number = agenda.items.find((i) => i.id === item.id)?.number ?? '';
        setDone(t('editor.added', { name: item.name ?? name, number }));
        setName('');
        setPaper(null);
        setErrors({});
        setMessage(null);
        // Ready for the next item.
        nameRef.current?.focus();
      })
      .catch((error: unknown) => {
        setErrors(issuesByField(error));
        setMessage(refusalText(error, errorMessage(error, tApp)));
      })
      .finally(() => setBusy(false));
  };

  return (
    <form className="staff-form staff-form--inline" onSubmit={handleSubmit} noValidate aria-label={t('editor.addItem')}>
      <FormError message={message} />
      <FormField id="item-name" label={t('editor.itemName')} error={errors.name}>
        {(props) => (
          <input {...props} ref={nameRef} value={name} maxLength={500} onChange={(e) => setName(e.target.value)} />
        )}
      </FormField>
      <fieldset className="form-field">
        <legend className="form-field__label">{t('editor.itemPart')}</legend>
        <label>
          <input type="radio" name="item-part" checked={isPublic} onChange={() => setPublic(true)} />{' '}
          {t('editor.public')}
        </label>{' '}
        <label>
          <input type="radio" name="item-part" checked={!isPublic} onChange={() => setPublic(false)} />{' '}
          {t('editor.nonPublic')}
        </label>
      </fieldset>
      <PaperPicker slug={slug} value={paper} onChange={setPaper} />
      {errors.paperId && <p className="form-field__error">{errors.paperId}</p>}
      <button type="submit" className="button" disabled={busy}>
        {t('editor.add')}
      </button>
      <p role="status" className="visually-hidden">
        {done}
      </p>
    </form>
  );
}
