import { useId, useRef, useState, type FormEvent } from 'react';
import type { Body, MeetingSummary } from '@ratsmappe/shared';
import { berlinDate, berlinDateTime, berlinInstant } from '@ratsmappe/shared/time/berlin';
import { Link, navigate, paths } from '../../app/router';
import { FormError, FormField } from '../../components/form-field';
import { ErrorState, LoadingState } from '../../components/resource-state';
import { issuesByField, sendJson } from '../../data/commands';
import { meetingsPath } from '@ratsmappe/shared/api/public-pages';
import { useOrganizations } from '../../data/calendar';
import { errorMessage } from '../../data/use-api-resource';
import { formatMeetingDate, formatMeetingTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { OfficeGate, stateLabel, useOfficeT } from './office-shell';
import { usePagedList } from './paged-list';

export function OfficePage({ slug }: { slug: string }) {
  const { t } = useOfficeT();
  return (
    <OfficeGate slug={slug}>
      {({ body }) => (
        <section aria-labelledby="office-title" className="staff-page">
          <h1 id="office-title">{t('office.title', { body: body.name })}</h1>
          <NewMeetingForm body={body} />
          <MeetingList slug={slug} past={false} />
          <MeetingList slug={slug} past={true} />
        </section>
      )}
    </OfficeGate>
  );
}

function previousDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function MeetingList({ slug, past }: { slug: string; past: boolean }) {
  const { t, locale } = useOfficeT();
  const [today] = useState(() => berlinDate(new Date()));
  const query = past ? { to: previousDay(today), order: 'desc' as const } : { from: today };
  const base = meetingsPath(slug, query);
  const list = usePagedList<MeetingSummary>(base, (cursor) => meetingsPath(slug, query, cursor));
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{past ? t('office.past') : t('office.upcoming')}</h2>
      {list.status === 'loading' && <LoadingState />}
      {list.status === 'error' && <ErrorState message={list.message} onRetry={list.retry} />}
      {list.status === 'success' && (
        <>
          {list.items.length === 0 ? (
            <p>{t('office.noMeetings')}</p>
          ) : (
            <ul className="office-list">
              {list.items.map((meeting) => (
                <li key={meeting.id} className="office-list__item">
                  <Link to={paths.officeMeeting(slug, meeting.id)} className="office-list__link">
                    {meeting.name}
                  </Link>
                  <span>
                    {formatMeetingDate(meeting.start, locale)}, {formatMeetingTime(meeting.start, locale)}
                  </span>
                  <span className="badge">{stateLabel(t, meeting.state)}</span>
                  {meeting.cancelled && <span className="badge badge--cancelled">{t('office.cancelled')}</span>}
                </li>
              ))}
            </ul>
          )}
          {list.more && (
            <button type="button" className="button button--secondary" onClick={list.more} disabled={list.loadingMore}>
              {t('office.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

type MeetingField = 'name' | 'date' | 'start' | 'end' | 'organizationIds' | 'locationDescription';

function NewMeetingForm({ body }: { body: Body }) {
  const { t } = useOfficeT();
  const { t: tApp, locale } = useI18n();
  const organizations = useOrganizations(body.slug);
  const [name, setName] = useState('');
  const [date, setDate] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [place, setPlace] = useState('');
  const [organizationIds, setOrganizationIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<Partial<Record<MeetingField, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const toggle = (id: string, checked: boolean) =>
    setOrganizationIds((ids) => (checked ? [...ids, id] : ids.filter((other) => other !== id)));

  const focusFirstInvalid = () =>
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const local: Partial<Record<MeetingField, string>> = {};
    if (!name.trim()) local.name = t('office.required');
    if (!date) local.date = t('office.required');
    if (!start) local.start = t('office.required');
    if (organizationIds.length === 0) local.organizationIds = t('office.chooseCommittee');
    setErrors(local);
    setMessage(null);
    if (Object.keys(local).length > 0) {
      focusFirstInvalid();
      return;
    }
    // Wall-clock time in Berlin, sent as ISO with its offset (DST handled by berlinInstant).
    const startIso = berlinDateTime(berlinInstant(date, start));
    const endIso = end ? berlinDateTime(berlinInstant(date, end)) : null;
    setBusy(true);
    sendJson<MeetingSummary>(
      'POST',
      `/api/bodies/${encodeURIComponent(body.slug)}/meetings`,
      { name, start: startIso, end: endIso, organizationIds, locationDescription: place || null },
      locale,
    )
      .then((created) => navigate(paths.officeMeeting(body.slug, created.id)))
      .catch((error: unknown) => {
        setErrors(issuesByField(error));
        setMessage(errorMessage(error, tApp));
        setBusy(false);
        focusFirstInvalid();
      });
  };

  const committeesError = errors.organizationIds;
  return (
    <details className="office-panel" open>
      <summary>
        <h2 className="office-panel__title">{t('office.newMeeting')}</h2>
      </summary>
      <form ref={formRef} className="staff-form" onSubmit={handleSubmit} noValidate>
        <FormError message={message} />
        <FormField id="meeting-name" label={t('office.name')} error={errors.name}>
          {(props) => (
            <input {...props} value={name} required maxLength={200} onChange={(e) => setName(e.target.value)} />
          )}
        </FormField>
        <div className="form-row">
          <FormField id="meeting-date" label={t('office.date')} error={errors.date}>
            {(props) => (
              <input {...props} type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
            )}
          </FormField>
          <FormField id="meeting-start" label={t('office.start')} error={errors.start}>
            {(props) => (
              <input {...props} type="time" required value={start} onChange={(e) => setStart(e.target.value)} />
            )}
          </FormField>
          <FormField id="meeting-end" label={t('office.end')} error={errors.end}>
            {(props) => <input {...props} type="time" value={end} onChange={(e) => setEnd(e.target.value)} />}
          </FormField>
        </div>
        <fieldset
          className={committeesError ? 'form-field form-field--invalid' : 'form-field'}
          aria-describedby={`meeting-committees-hint${committeesError ? ' meeting-committees-error' : ''}`}
        >
          <legend className="form-field__label">{t('office.committees')}</legend>
          <p id="meeting-committees-hint" className="form-field__hint">
            {t('office.committeesHint')}
          </p>
          {organizations.status === 'loading' && <LoadingState />}
          {organizations.status === 'error' && <ErrorState message={organizations.message} />}
          {organizations.status === 'success' && (
            <ul className="checkbox-list">
              {organizations.data.map((organization, index) => (
                <li key={organization.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={organizationIds.includes(organization.id)}
                      onChange={(e) => toggle(organization.id, e.target.checked)}
                      {...(committeesError && index === 0 ? { 'aria-invalid': true } : {})}
                    />{' '}
                    {organization.name}
                  </label>
                </li>
              ))}
            </ul>
          )}
          {committeesError && (
            <p id="meeting-committees-error" className="form-field__error">
              {committeesError}
            </p>
          )}
        </fieldset>
        <FormField id="meeting-place" label={t('office.place')} error={errors.locationDescription}>
          {(props) => <input {...props} value={place} maxLength={300} onChange={(e) => setPlace(e.target.value)} />}
        </FormField>
        <button type="submit" className="button" disabled={busy}>
          {t('office.create')}
        </button>
      </form>
    </details>
  );
}
