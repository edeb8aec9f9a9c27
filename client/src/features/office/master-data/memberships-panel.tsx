import { useId, useState, type FormEvent } from 'react';
import type { Membership, MembershipStatus, Organization, PersonListItem } from '@ratsmappe/shared';
import { berlinDate } from '@ratsmappe/shared/time/berlin';
import { Link } from '../../../app/router';
import { formatShortDay } from '../../../i18n/format';
import { ErrorState, LoadingState } from '../../../components/resource-state';
import { refusalText } from '../../../data/commands';
import {
  CheckboxField,
  ConfirmAction,
  FormFailureNotice,
  RowLabel,
  SelectField,
  TextField,
  useOfficeForm,
} from './form-kit';
import { masterDataPaths, useOrganizationList, usePersonList, write } from './master-data-api';
import { useMasterDataT, type MasterDataT } from './master-data-messages';
import { termPeriod } from './terms-section';
import { validateEnd, validateMembership, type MembershipField, type MembershipValues } from './validation';

/** One membership as both lists show it: seen from the organization (a person) or from the person (an organization). */
export interface MembershipRow {
  id: string;
  role: string | null;
  deputy: boolean;
  votingRight: boolean;
  startDate: string;
  endDate: string | null;
  onBehalfOf: string | null;
  onBehalfOfName: string | null;
  /** The other side: the person on an organization's page, the organization on a person's page. */
  other: { name: string; to: string };
}

export type StatusFilter = MembershipStatus | 'all';

export function statusOn(row: { startDate: string; endDate: string | null }, today: string): MembershipStatus {
  if (row.startDate > today) return 'upcoming';
  if (row.endDate !== null && row.endDate < today) return 'ended';
  return 'current';
}

const membershipFields: readonly MembershipField[] = [
  'personId',
  'organizationId',
  'role',
  'startDate',
  'endDate',
  'onBehalfOf',
];

export type Side = { kind: 'organization'; organization: Organization } | { kind: 'person'; personId: string };

/**
 * Memberships of one organization or one person: filter by status, add, change, end ("end membership" sets the
 * last day; that is how access to non-public papers ends) and delete a record entered by mistake.
 */
export function MembershipsPanel({
  slug,
  side,
  rows,
  status,
  onStatus,
  onChanged,
}: {
  slug: string;
  side: Side;
  rows:
    | { status: 'loading' }
    | { status: 'error'; message: string; retry: () => void }
    | { status: 'success'; rows: MembershipRow[] };
  status: StatusFilter;
  onStatus: (status: StatusFilter) => void;
  onChanged: () => void;
}) {
  const { t } = useMasterDataT();
  const id = useId();
  const [notice, setNotice] = useState('');
  const [formKey, setFormKey] = useState(0);
  const [today] = useState(() => berlinDate(new Date()));
  const changed = (text: string) => {
    setNotice(text);
    onChanged();
  };

  return (
    <section aria-labelledby={`${id}-title`} className="memberships-panel">
      <h2 id={`${id}-title`}>{t('md.memberships.title')}</h2>
      <p role="status" className="status-line">
        {notice}
      </p>
      <details className="office-panel">
        <summary>
          <h3 className="office-panel__title">{t('md.memberships.new')}</h3>
        </summary>
        <MembershipForm
          key={formKey}
          slug={slug}
          side={side}
          membership={null}
          onSaved={() => {
            setFormKey((k) => k + 1);
            changed(t('md.memberships.created'));
          }}
        />
      </details>
      <div className="form-field filter-inline">
        <label htmlFor={`${id}-status`} className="form-field__label">
          {t('md.memberships.show')}
        </label>
        <select id={`${id}-status`} value={status} onChange={(e) => onStatus(e.target.value as StatusFilter)}>
          <option value="current">{t('md.status.current')}</option>
          <option value="upcoming">{t('md.status.upcoming')}</option>
          <option value="ended">{t('md.status.ended')}</option>
          <option value="all">{t('md.status.all')}</option>
        </select>
      </div>
      {rows.status === 'loading' && <LoadingState />}
      {rows.status === 'error' && <ErrorState message={rows.message} onRetry={rows.retry} />}
      {rows.status === 'success' &&
        (rows.rows.length === 0 ? (
          <p>{t('md.memberships.none')}</p>
        ) : (
          <ul className="office-list" aria-labelledby={`${id}-title`}>
            {rows.rows.map((row) => (
              <MembershipItem
                key={`${row.id}|${row.startDate}|${row.endDate ?? ''}|${row.role ?? ''}|${String(row.deputy)}|${String(row.votingRight)}|${row.onBehalfOf ?? ''}`}
                slug={slug}
                side={side}
                row={row}
                today={today}
                onChanged={changed}
              />
            ))}
          </ul>
        ))}
    </section>
  );
}

function describeSeat(row: MembershipRow, t: MasterDataT): string[] {
  const parts = [
    row.role ?? '',
    row.deputy && row.role?.toLowerCase() !== t('md.memberships.deputyShort').toLowerCase()
      ? t('md.memberships.deputyShort')
      : '',
    row.votingRight ? '' : t('md.memberships.noVoteShort'),
    row.onBehalfOfName ? t('md.memberships.forFaction', { faction: row.onBehalfOfName }) : '',
  ];
  return [...new Set(parts.filter(Boolean))];
}

function MembershipItem({
  slug,
  side,
  row,
  today,
  onChanged,
}: {
  slug: string;
  side: Side;
  row: MembershipRow;
  today: string;
  onChanged: (notice: string) => void;
}) {
  const { t, locale } = useMasterDataT();
  const [open, setOpen] = useState<'edit' | 'end' | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const status = statusOn(row, today);
  const toggle = (what: 'edit' | 'end') => setOpen((current) => (current === what ? null : what));

  const remove = () => {
    setBusy(true);
    setRefusal(null);
    write('DELETE', masterDataPaths.membership(row.id), undefined, locale).then(
      () => onChanged(t('md.memberships.deleted', { name: row.other.name })),
      (error: unknown) => {
        setBusy(false);
        setRefusal(refusalText(error, t('md.failed')));
      },
    );
  };

  return (
    <li className="office-list__item master-data-row">
      <Link to={row.other.to} className="office-list__link">
        {row.other.name}
      </Link>
      {describeSeat(row, t).map((part) => (
        <span key={part}>{part}</span>
      ))}
      <span>{termPeriod(row, locale, t)}</span>
      <span className={status === 'ended' ? 'badge badge--muted' : 'badge'}>{t(`md.status.${status}`)}</span>
      <span className="button-row">
        <button
          type="button"
          className="button button--secondary"
          aria-expanded={open === 'edit'}
          onClick={() => toggle('edit')}
        >
          <RowLabel action={t('md.edit')} context={t('md.memberships.context', { name: row.other.name })} />
        </button>
        {status !== 'ended' && (
          <button
            type="button"
            className="button button--secondary"
            aria-expanded={open === 'end'}
            onClick={() => toggle('end')}
          >
            <RowLabel action={t('md.end')} context={t('md.memberships.context', { name: row.other.name })} />
          </button>
        )}
        <ConfirmAction
          label={
            <RowLabel action={t('md.deleteAction')} context={t('md.memberships.context', { name: row.other.name })} />
          }
          question={t('md.memberships.deleteQuestion', { name: row.other.name })}
          confirmLabel={t('md.delete')}
          busy={busy}
          onConfirm={remove}
        />
      </span>
      {refusal && (
        <p role="alert" className="notice notice--danger master-data-row__wide">
          {refusal}
        </p>
      )}
      {open === 'edit' && (
        <div className="master-data-row__wide">
          <MembershipForm
            slug={slug}
            side={side}
            membership={row}
            onSaved={() => onChanged(t('md.saved', { name: row.other.name }))}
            onCancel={() => setOpen(null)}
          />
        </div>
      )}
      {open === 'end' && (
        <div className="master-data-row__wide">
          <EndMembershipForm
            slug={slug}
            row={row}
            today={today}
            onSaved={(ended) =>
              onChanged(
                t('md.memberships.ended', {
                  name: row.other.name,
                  date: formatShortDay(ended.endDate ?? row.startDate, locale),
                }),
              )
            }
            onCancel={() => setOpen(null)}
          />
        </div>
      )}
    </li>
  );
}

export function EndMembershipForm({
  slug,
  row,
  today,
  onSaved,
  onCancel,
}: {
  slug: string;
  row: MembershipRow;
  today: string;
  onSaved: (membership: Membership) => void;
  onCancel: () => void;
}) {
  const { t, locale } = useMasterDataT();
  const id = useId();
  const [endDate, setEndDate] = useState(row.startDate > today ? row.startDate : today);
  const { formRef, errors, failure, busy, submit } = useOfficeForm(['endDate'] as const);
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit(
      validateEnd(endDate, row.startDate, locale),
      () => write<Membership>('POST', `${masterDataPaths.membership(row.id)}/end`, { endDate }, locale),
      onSaved,
    );
  };
  return (
    <form ref={formRef} className="staff-form" onSubmit={handleSubmit} noValidate>
      <FormFailureNotice failure={failure} slug={slug} />
      <TextField
        id={`${id}-end`}
        type="date"
        label={t('md.memberships.lastDay')}
        hint={t('md.memberships.lastDayHint')}
        required
        value={endDate}
        error={errors.endDate}
        onChange={setEndDate}
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {t('md.memberships.end')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('md.cancel')}
        </button>
      </div>
    </form>
  );
}

const suggestedRoles = ['Mitglied', 'Vorsitz', 'stellv. Vorsitz', 'Fraktionsvorsitz', 'sachkundige/r Bürger/in'];

function personLabel(person: PersonListItem): string {
  const name = [person.familyName, person.givenName].filter(Boolean).join(', ') || person.name;
  return person.faction ? `${name} (${person.faction.shortName ?? person.faction.name})` : name;
}

export function MembershipForm({
  slug,
  side,
  membership,
  onSaved,
  onCancel,
}: {
  slug: string;
  side: Side;
  membership: MembershipRow | null;
  onSaved: (membership: Membership) => void;
  onCancel?: () => void;
}) {
  const { t, locale } = useMasterDataT();
  const id = useId();
  const persons = usePersonList(slug);
  const organizations = useOrganizationList(slug);
  const [values, setValues] = useState<MembershipValues>({
    personId: side.kind === 'person' ? side.personId : '',
    organizationId: side.kind === 'organization' ? side.organization.id : '',
    role: membership?.role ?? '',
    deputy: membership?.deputy ?? false,
    votingRight: membership?.votingRight ?? true,
    startDate: membership?.startDate ?? '',
    endDate: membership?.endDate ?? '',
    onBehalfOf: membership?.onBehalfOf ?? '',
  });
  const { formRef, errors, failure, busy, submit } = useOfficeForm(membershipFields);
  const set =
    <K extends keyof MembershipValues>(field: K) =>
    (value: MembershipValues[K]) =>
      setValues((v) => ({ ...v, [field]: value }));

  const allOrganizations = organizations.status === 'success' ? organizations.data : [];
  const factions = allOrganizations.filter((o) => o.kind === 'faction' && o.id !== values.organizationId);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const seat = {
      role: values.role.trim() || null,
      deputy: values.deputy,
      votingRight: values.votingRight,
      startDate: values.startDate,
      endDate: values.endDate || null,
      onBehalfOf: values.onBehalfOf || null,
    };
    submit(
      validateMembership(values, locale),
      () =>
        membership
          ? write<Membership>('PATCH', masterDataPaths.membership(membership.id), seat, locale)
          : write<Membership>(
              'POST',
              masterDataPaths.memberships(slug),
              { personId: values.personId, organizationId: values.organizationId, ...seat },
              locale,
            ),
      onSaved,
    );
  };

  const kindGroups = (['council', 'committee', 'faction', 'advisory_board', 'administration', 'other'] as const).map(
    (kind) => ({
      group: t(`md.kind.${kind}`),
      options: allOrganizations.filter((o) => o.kind === kind).map((o) => ({ value: o.id, label: o.name })),
    }),
  );

  return (
    <form ref={formRef} className="staff-form" onSubmit={handleSubmit} noValidate>
      <FormFailureNotice failure={failure} slug={slug} />
      {!membership && side.kind === 'organization' && (
        <SelectField
          id={`${id}-person`}
          label={t('md.memberships.person')}
          required
          value={values.personId}
          error={errors.personId}
          onChange={set('personId')}
          options={[
            { value: '', label: persons.status === 'success' ? t('md.choose') : t('md.loadingChoices') },
            ...(persons.status === 'success' ? persons.data.map((p) => ({ value: p.id, label: personLabel(p) })) : []),
          ]}
        />
      )}
      {!membership && side.kind === 'person' && (
        <SelectField
          id={`${id}-organization`}
          label={t('md.memberships.organization')}
          required
          value={values.organizationId}
          error={errors.organizationId}
          onChange={set('organizationId')}
          options={[
            { value: '', label: organizations.status === 'success' ? t('md.choose') : t('md.loadingChoices') },
            ...kindGroups,
          ]}
        />
      )}
      <TextField
        id={`${id}-role`}
        label={t('md.memberships.role')}
        hint={t('md.memberships.roleHint')}
        maxLength={100}
        list={`${id}-roles`}
        value={values.role}
        error={errors.role}
        onChange={set('role')}
      />
      <datalist id={`${id}-roles`}>
        {suggestedRoles.map((role) => (
          <option key={role} value={role} />
        ))}
      </datalist>
      <CheckboxField
        id={`${id}-deputy`}
        label={t('md.memberships.deputy')}
        checked={values.deputy}
        onChange={set('deputy')}
      />
      <CheckboxField
        id={`${id}-voting`}
        label={t('md.memberships.votingRight')}
        checked={values.votingRight}
        onChange={set('votingRight')}
      />
      <div className="form-row">
        <TextField
          id={`${id}-start`}
          type="date"
          label={t('md.startDate')}
          required
          value={values.startDate}
          error={errors.startDate}
          onChange={set('startDate')}
        />
        <TextField
          id={`${id}-end`}
          type="date"
          label={t('md.endDateOptional')}
          value={values.endDate}
          error={errors.endDate}
          onChange={set('endDate')}
        />
      </div>
      {!(side.kind === 'organization' && side.organization.kind === 'faction') && (
        <SelectField
          id={`${id}-faction`}
          label={t('md.memberships.onBehalfOf')}
          hint={t('md.memberships.onBehalfOfHint')}
          value={values.onBehalfOf}
          error={errors.onBehalfOf}
          onChange={set('onBehalfOf')}
          options={[{ value: '', label: t('md.none') }, ...factions.map((f) => ({ value: f.id, label: f.name }))]}
        />
      )}
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {membership ? t('md.save') : t('md.memberships.create')}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('md.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
