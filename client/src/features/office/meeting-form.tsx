import { useRef, useState, type FormEvent } from 'react';
import { berlinDate, berlinDateTime, berlinInstant } from '@ratsmappe/shared/time/berlin';
import { FormError, FormField } from '../../components/form-field';
import { ErrorState, LoadingState } from '../../components/resource-state';
import { issuesByField } from '../../data/commands';
import { useOrganizations } from '../../data/calendar';
import { formatMeetingTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { formFailure } from './form-failure';
import { useOfficeT } from './office-shell';
import { useFocusFirstInvalid } from './use-focus-first-invalid';

/** What the form edits, as the inputs hold it: Berlin wall-clock date and times. */
export interface MeetingFormValues {
  name: string;
  date: string;
  start: string;
  end: string;
  place: string;
  organizationIds: string[];
}

/** The request body of `POST /api/bodies/:bodyRef/meetings` and `PATCH /api/meetings/:id` (without the version). */
export interface MeetingPayload {
  name: string;
  start: string;
  end: string | null;
  organizationIds: string[];
  locationDescription: string | null;
}

const meetingFields = ['name', 'date', 'start', 'end', 'organizationIds', 'locationDescription'] as const;
type MeetingField = (typeof meetingFields)[number];

export const emptyMeeting: MeetingFormValues = {
  name: '',
  date: '',
  start: '',
  end: '',
  place: '',
  organizationIds: [],
};

/** The form's values for an existing meeting (times as the council's clock shows them). */
export function meetingFormValues(meeting: {
  name: string;
  start: string;
  end: string | null;
  location: { description: string | null } | null;
  organizations: { id: string }[];
}): MeetingFormValues {
  return {
    name: meeting.name,
    date: berlinDate(new Date(meeting.start)),
    start: formatMeetingTime(meeting.start, 'de'),
    end: meeting.end ? formatMeetingTime(meeting.end, 'de') : '',
    place: meeting.location?.description ?? '',
    organizationIds: meeting.organizations.map((o) => o.id),
  };
}

/** Wall-clock time in Berlin, sent as ISO with its offset (DST handled by berlinInstant). */
export function meetingPayload(values: MeetingFormValues): MeetingPayload {
  return {
    name: values.name.trim(),
    start: berlinDateTime(berlinInstant(values.date, values.start)),
    end: values.end ? berlinDateTime(berlinInstant(values.date, values.end)) : null,
    organizationIds: values.organizationIds,
    locationDescription: values.place.trim() || null,
  };
}

/**
 * Name, date, times, committees (the first chosen leads) and place of a meeting, for creating and editing alike.
 * Checks what it can before sending and shows the server's field issues next to their fields.
 */
export function MeetingForm({
  slug,
  idPrefix,
  initial,
  submitLabel,
  onSubmit,
}: {
  slug: string;
  /** Keeps the ids unique when two forms could be on one page. */
  idPrefix: string;
  initial: MeetingFormValues;
  submitLabel: string;
  /** Sends the meeting; a rejection shows its reason in the form. */
  onSubmit: (payload: MeetingPayload) => Promise<unknown>;
}) {
  const { t } = useOfficeT();
  const { t: tApp } = useI18n();
  const organizations = useOrganizations(slug);
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<MeetingField, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const id = (field: string) => `${idPrefix}-${field}`;
  const set = (change: Partial<MeetingFormValues>) => setValues((current) => ({ ...current, ...change }));

  const toggle = (organizationId: string, checked: boolean) =>
    setValues((current) => ({
      ...current,
      organizationIds: checked
        ? [...current.organizationIds, organizationId]
        : current.organizationIds.filter((other) => other !== organizationId),
    }));

  const focusFirstInvalid = useFocusFirstInvalid(formRef);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const local: Partial<Record<MeetingField, string>> = {};
    if (!values.name.trim()) local.name = t('office.required');
    if (!values.date) local.date = t('office.required');
    if (!values.start) local.start = t('office.required');
    if (values.start && values.end && values.end < values.start) local.end = t('office.endBeforeStart');
    if (values.organizationIds.length === 0) local.organizationIds = t('office.chooseCommittee');
    setErrors(local);
    setMessage(null);
    if (Object.keys(local).length > 0) {
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    onSubmit(meetingPayload(values))
      .catch((error: unknown) => {
        setErrors(issuesByField(error));
        setMessage(formFailure(error, tApp, meetingFields));
        focusFirstInvalid();
      })
      .finally(() => setBusy(false));
  };

  const committeesError = errors.organizationIds;
  return (
    <form ref={formRef} className="staff-form" onSubmit={handleSubmit} noValidate>
      <FormError message={message} />
      <FormField id={id('name')} label={t('office.name')} error={errors.name}>
        {(props) => (
          <input
            {...props}
            value={values.name}
            required
            maxLength={200}
            onChange={(e) => set({ name: e.target.value })}
          />
        )}
      </FormField>
      <div className="form-row">
        <FormField id={id('date')} label={t('office.date')} error={errors.date}>
          {(props) => (
            <input
              {...props}
              type="date"
              required
              value={values.date}
              onChange={(e) => set({ date: e.target.value })}
            />
          )}
        </FormField>
        <FormField id={id('start')} label={t('office.start')} error={errors.start}>
          {(props) => (
            <input
              {...props}
              type="time"
              required
              value={values.start}
              onChange={(e) => set({ start: e.target.value })}
            />
          )}
        </FormField>
        <FormField id={id('end')} label={t('office.end')} error={errors.end}>
          {(props) => (
            <input {...props} type="time" value={values.end} onChange={(e) => set({ end: e.target.value })} />
          )}
        </FormField>
      </div>
      <fieldset
        className={committeesError ? 'form-field form-field--invalid' : 'form-field'}
        aria-describedby={`${id('committees-hint')}${committeesError ? ` ${id('committees-error')}` : ''}`}
      >
        <legend className="form-field__label">{t('office.committees')}</legend>
        <p id={id('committees-hint')} className="form-field__hint">
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
                    checked={values.organizationIds.includes(organization.id)}
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
          <p id={id('committees-error')} className="form-field__error">
            {committeesError}
          </p>
        )}
      </fieldset>
      <FormField id={id('place')} label={t('office.place')} error={errors.locationDescription}>
        {(props) => (
          <input {...props} value={values.place} maxLength={300} onChange={(e) => set({ place: e.target.value })} />
        )}
      </FormField>
      <button type="submit" className="button" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
