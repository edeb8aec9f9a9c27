import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Agenda, ConsultationStep, MeetingSummary, Page } from '@ratsmappe/shared';
import { berlinDate } from '@ratsmappe/shared/time/berlin';
import { Link, paths } from '../../app/router';
import { FormError } from '../../components/form-field';
import { ErrorState, LoadingState } from '../../components/resource-state';
import { getJson } from '../../data/api';
import { issuesByField, sendJson } from '../../data/commands';
import { meetingsPath } from '@ratsmappe/shared/api/public-pages';
import { useOrganizations } from '../../data/calendar';
import { errorMessage } from '../../data/use-api-resource';
import { formatMeetingDate, formatMeetingTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { formFailure } from './form-failure';
import { stateLabel, useOfficeT } from './office-shell';
import { consultationRoles, resultSuggestions } from './paper-types';

/** Results are recorded from the invitation until the minutes are released (as the server allows). */
function canRecordResult(step: ConsultationStep): boolean {
  return (
    !!step.meeting && !step.meeting.cancelled && (step.meeting.state === 'invited' || step.meeting.state === 'held')
  );
}

/**
 * A paper's way through the committees (Beratungsfolge) as the office plans it: the steps in order with their
 * meeting, agenda item and result; a new step (committee, role, optionally the meeting and one of its agenda items);
 * the result of a step on an agenda; removing a step that is not on an agenda.
 */
export function ConsultationPath({
  slug,
  paperId,
  onChanged,
}: {
  slug: string;
  paperId: string;
  /** After a step was added, removed or linked (which moves the paper's version). */
  onChanged?: () => void;
}) {
  const { t, locale } = useOfficeT();
  const { t: tApp } = useI18n();
  const [steps, setSteps] = useState<ConsultationStep[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);

  const load = useCallback(() => {
    getJson<{ data: ConsultationStep[] }>(`/api/papers/${paperId}/consultations`, { locale }).then(
      (answer) => {
        setSteps(answer.data);
        setError(null);
      },
      (e: unknown) => setError(errorMessage(e, tApp)),
    );
  }, [paperId, locale, tApp]);
  useEffect(load, [load]);

  const changed = (text: string) => {
    setAnnouncement(text);
    load();
    onChanged?.();
  };

  return (
    <section aria-labelledby="consultations-title" className="consultation-path">
      <h2 id="consultations-title" ref={headingRef} tabIndex={-1}>
        {t('steps.title')}
      </h2>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      {error && <ErrorState message={error} onRetry={load} />}
      {!steps && !error && <LoadingState />}
      {steps && steps.length === 0 && <p>{t('steps.none')}</p>}
      {steps && steps.length > 0 && (
        <ol className="office-steps" aria-labelledby="consultations-title">
          {steps.map((step) => (
            <StepRow
              key={step.id}
              slug={slug}
              step={step}
              onChanged={changed}
              onRemoved={(text) => {
                changed(text);
                // The row and its button are gone: keep the focus in the section.
                headingRef.current?.focus();
              }}
            />
          ))}
        </ol>
      )}
      <AddStepForm slug={slug} paperId={paperId} onAdded={changed} />
    </section>
  );
}

function stepName(step: ConsultationStep): string {
  return [step.organization?.name, step.agendaItem?.number].filter(Boolean).join(', ') || step.role || '–';
}

function StepRow({
  slug,
  step,
  onChanged,
  onRemoved,
}: {
  slug: string;
  step: ConsultationStep;
  onChanged: (announcement: string) => void;
  onRemoved: (announcement: string) => void;
}) {
  const { t, locale } = useOfficeT();
  const { t: tApp } = useI18n();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = stepName(step);

  const remove = () => {
    if (!window.confirm(t('steps.removeConfirm', { step: name }))) return;
    setBusy(true);
    sendJson<void>('DELETE', `/api/consultations/${step.id}`, undefined, locale).then(
      () => onRemoved(t('steps.removed', { step: name })),
      (error: unknown) => {
        setMessage(formFailure(error, tApp));
        setBusy(false);
      },
    );
  };

  return (
    <li className="office-step">
      <h3 className="office-step__title">{step.organization?.name ?? t('steps.noCommittee')}</h3>
      <dl className="facts facts--compact">
        {(step.role || step.authoritative) && (
          <div>
            <dt>{t('steps.role')}</dt>
            <dd>{[step.role, step.authoritative ? t('steps.authoritative') : null].filter(Boolean).join(', ')}</dd>
          </div>
        )}
        <div>
          <dt>{t('steps.meeting')}</dt>
          <dd>
            {step.meeting ? (
              <>
                <Link to={paths.officeMeeting(slug, step.meeting.id)}>{step.meeting.name}</Link>
                {`, ${formatMeetingDate(step.meeting.start, locale)}, ${formatMeetingTime(step.meeting.start, locale)} `}
                <span className="badge">{stateLabel(t, step.meeting.state)}</span>
                {step.meeting.cancelled && <span className="badge badge--cancelled">{t('office.cancelled')}</span>}
              </>
            ) : (
              t('steps.noMeeting')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('steps.agendaItem')}</dt>
          <dd>
            {step.agendaItem
              ? [step.agendaItem.number, step.agendaItem.name].filter(Boolean).join(' ')
              : t('steps.notOnAgenda')}
          </dd>
        </div>
        <div>
          <dt>{t('steps.result')}</dt>
          <dd className="office-step__result">{step.result ?? t('steps.noResult')}</dd>
        </div>
      </dl>
      {step.agendaItem && canRecordResult(step) && (
        <ResultForm
          itemId={step.agendaItem.id}
          stepLabel={name}
          result={step.result}
          onSaved={(result) => onChanged(t('steps.resultSaved', { step: name, result: result || '–' }))}
        />
      )}
      {step.agendaItem && !canRecordResult(step) && <p className="hint">{t('steps.resultNotNow')}</p>}
      {!step.agendaItem && (
        <div className="button-row">
          <button type="button" className="button button--secondary" disabled={busy} onClick={remove}>
            {t('steps.remove', { step: name })}
          </button>
        </div>
      )}
      <FormError message={message} />
    </li>
  );
}

/** The result of a step is its agenda item's result: saved with `PATCH /api/agenda-items/:id`. */
function ResultForm({
  itemId,
  stepLabel,
  result,
  onSaved,
}: {
  itemId: string;
  stepLabel: string;
  result: string | null;
  onSaved: (result: string) => void;
}) {
  const { t, locale } = useOfficeT();
  const { t: tApp } = useI18n();
  const id = useId();
  const [value, setValue] = useState(result ?? '');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    sendJson<Agenda>('PATCH', `/api/agenda-items/${itemId}`, { result: value.trim() || null }, locale)
      .then(() => onSaved(value.trim()))
      .catch((error: unknown) => setMessage(formFailure(error, tApp, ['result'])))
      .finally(() => setBusy(false));
  };

  return (
    <form className="staff-form form-row" onSubmit={handleSubmit} noValidate>
      <div className="form-field">
        <label htmlFor={`${id}-result`} className="form-field__label">
          {t('steps.resultFor', { step: stepLabel })}
        </label>
        <input
          id={`${id}-result`}
          list={`${id}-results`}
          maxLength={200}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <datalist id={`${id}-results`}>
          {resultSuggestions.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      </div>
      <button type="submit" className="button" disabled={busy}>
        {t('steps.saveResult')}
      </button>
      <FormError message={message} />
    </form>
  );
}

/** Agenda items that can take the paper: not yet dealing with a paper, in a meeting whose agenda is still open. */
function openItems(agenda: Agenda) {
  if (agenda.cancelled || (agenda.state !== 'planned' && agenda.state !== 'invited')) return null;
  return agenda.items.filter((item) => item.paper === null);
}

function AddStepForm({
  slug,
  paperId,
  onAdded,
}: {
  slug: string;
  paperId: string;
  onAdded: (announcement: string) => void;
}) {
  const { t, locale } = useOfficeT();
  const { t: tApp } = useI18n();
  const organizations = useOrganizations(slug);
  const [today] = useState(() => berlinDate(new Date()));
  const [organizationId, setOrganizationId] = useState('');
  const [role, setRole] = useState('');
  const [authoritative, setAuthoritative] = useState(false);
  const [meetingId, setMeetingId] = useState('');
  const [itemId, setItemId] = useState('');
  // Each answer remembers what it was asked for, so a stale one is never shown for a new choice.
  const [loadedMeetings, setMeetings] = useState<{ organizationId: string; data: MeetingSummary[] } | null>(null);
  const [loadedAgenda, setAgenda] = useState<{ meetingId: string; data: Agenda } | null>(null);
  const meetings = loadedMeetings?.organizationId === organizationId ? loadedMeetings.data : null;
  const agenda = loadedAgenda?.meetingId === meetingId ? loadedAgenda.data : null;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const organizationRef = useRef<HTMLSelectElement>(null);

  // The committee's coming meetings, to plan the step for one of them.
  useEffect(() => {
    if (!organizationId) return;
    const controller = new AbortController();
    getJson<Page<MeetingSummary>>(meetingsPath(slug, { from: today, organization: organizationId, limit: 50 }), {
      locale,
      signal: controller.signal,
    }).then(
      (page) => setMeetings({ organizationId, data: page.data }),
      () => {
        if (!controller.signal.aborted) setMeetings({ organizationId, data: [] });
      },
    );
    return () => controller.abort();
  }, [slug, today, organizationId, locale]);

  // The chosen meeting's agenda, to put the paper on one of its items right away.
  useEffect(() => {
    if (!meetingId) return;
    const controller = new AbortController();
    getJson<Agenda>(`/api/meetings/${meetingId}/agenda`, { locale, signal: controller.signal }).then(
      (data) => setAgenda({ meetingId, data }),
      () => undefined,
    );
    return () => controller.abort();
  }, [meetingId, locale]);

  const reset = () => {
    setOrganizationId('');
    setRole('');
    setAuthoritative(false);
    setMeetingId('');
    setItemId('');
    setErrors({});
    setMessage(null);
  };

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!organizationId) {
      setErrors({ organizationId: t('steps.chooseCommittee') });
      organizationRef.current?.focus();
      return;
    }
    setErrors({});
    setMessage(null);
    setBusy(true);
    const organizationName =
      organizations.status === 'success' ? (organizations.data.find((o) => o.id === organizationId)?.name ?? '') : '';
    const item = itemId && agenda ? agenda.items.find((i) => i.id === itemId) : undefined;
    sendJson<ConsultationStep>(
      'POST',
      `/api/papers/${paperId}/consultations`,
      { organizationId, role: role.trim() || null, authoritative, meetingId: meetingId || null },
      locale,
    )
      .then(async () => {
        // On the agenda item, the server takes this planned step over (the same meeting) instead of adding one.
        const linkFailure =
          item && agenda
            ? await sendJson<Agenda>(
                'PATCH',
                `/api/agenda-items/${item.id}`,
                { paperId, version: agenda.version },
                locale,
              ).then(
                () => null,
                (error: unknown) => formFailure(error, tApp),
              )
            : null;
        // The step exists either way: the form starts over, so it is not sent twice.
        reset();
        if (linkFailure) setMessage(t('steps.addedNotLinked', { reason: linkFailure }));
        const step = [organizationName, linkFailure ? null : item?.number].filter(Boolean).join(', ');
        onAdded(t('steps.added', { step }));
      })
      .catch((error: unknown) => {
        setErrors(issuesByField(error));
        setMessage(formFailure(error, tApp, ['organizationId', 'role', 'meetingId']));
      })
      .finally(() => setBusy(false));
  };

  const items = agenda ? openItems(agenda) : null;
  return (
    <form className="staff-form office-panel" onSubmit={handleSubmit} noValidate aria-labelledby="add-step-title">
      <h3 id="add-step-title">{t('steps.add')}</h3>
      <FormError message={message} />
      <div className={errors.organizationId ? 'form-field form-field--invalid' : 'form-field'}>
        <label htmlFor="step-organization" className="form-field__label">
          {t('steps.committee')}
        </label>
        {organizations.status === 'loading' && <LoadingState />}
        {organizations.status === 'error' && <ErrorState message={organizations.message} />}
        <select
          id="step-organization"
          ref={organizationRef}
          value={organizationId}
          aria-invalid={errors.organizationId ? true : undefined}
          aria-describedby={errors.organizationId ? 'step-organization-error' : undefined}
          onChange={(e) => {
            setOrganizationId(e.target.value);
            setMeetingId('');
            setItemId('');
          }}
        >
          <option value="">{t('steps.chooseCommitteeOption')}</option>
          {organizations.status === 'success' &&
            organizations.data.map((organization) => (
              <option key={organization.id} value={organization.id}>
                {organization.name}
              </option>
            ))}
        </select>
        {errors.organizationId && (
          <p id="step-organization-error" className="form-field__error">
            {errors.organizationId}
          </p>
        )}
      </div>
      <div className="form-row">
        <div className={errors.role ? 'form-field form-field--invalid' : 'form-field'}>
          <label htmlFor="step-role" className="form-field__label">
            {t('steps.roleLabel')}
          </label>
          <input
            id="step-role"
            list="step-roles"
            maxLength={100}
            value={role}
            onChange={(e) => setRole(e.target.value)}
          />
          <datalist id="step-roles">
            {consultationRoles.map((suggestion) => (
              <option key={suggestion} value={suggestion} />
            ))}
          </datalist>
        </div>
        <label>
          <input type="checkbox" checked={authoritative} onChange={(e) => setAuthoritative(e.target.checked)} />{' '}
          {t('steps.authoritativeLabel')}
        </label>
      </div>
      <div className={errors.meetingId ? 'form-field form-field--invalid' : 'form-field'}>
        <label htmlFor="step-meeting" className="form-field__label">
          {t('steps.meetingOptional')}
        </label>
        <p id="step-meeting-hint" className="form-field__hint">
          {organizationId ? t('steps.meetingHint') : t('steps.meetingAfterCommittee')}
        </p>
        <select
          id="step-meeting"
          value={meetingId}
          disabled={!organizationId || meetings === null}
          aria-describedby="step-meeting-hint"
          onChange={(e) => {
            setMeetingId(e.target.value);
            setItemId('');
          }}
        >
          <option value="">{t('steps.noMeetingOption')}</option>
          {meetings?.map((meeting) => (
            <option key={meeting.id} value={meeting.id} disabled={meeting.cancelled}>
              {`${formatMeetingDate(meeting.start, locale)}, ${formatMeetingTime(meeting.start, locale)} – ${meeting.name}`}
              {meeting.cancelled ? ` (${t('office.cancelled')})` : ''}
            </option>
          ))}
        </select>
        {errors.meetingId && <p className="form-field__error">{errors.meetingId}</p>}
      </div>
      {meetingId && agenda && (
        <div className={errors.paperId ? 'form-field form-field--invalid' : 'form-field'}>
          <label htmlFor="step-item" className="form-field__label">
            {t('steps.itemOptional')}
          </label>
          <p id="step-item-hint" className="form-field__hint">
            {items === null
              ? t('steps.agendaClosed')
              : items.length === 0
                ? t('steps.noOpenItems')
                : t('steps.itemHint')}
          </p>
          <select
            id="step-item"
            value={itemId}
            disabled={!items || items.length === 0}
            aria-describedby="step-item-hint"
            onChange={(e) => setItemId(e.target.value)}
          >
            <option value="">{t('steps.noItemOption')}</option>
            {items?.map((item) => (
              <option key={item.id} value={item.id}>
                {[item.number, item.name].filter(Boolean).join(' ')}
              </option>
            ))}
          </select>
          {errors.paperId && <p className="form-field__error">{errors.paperId}</p>}
        </div>
      )}
      <button type="submit" className="button" disabled={busy}>
        {t('steps.addButton')}
      </button>
    </form>
  );
}
