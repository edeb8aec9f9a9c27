import { useId, useRef, useState, type FormEvent } from 'react';
import type { Body, SessionInfo, StaffTotpRequirement, TotpEnrolment, TotpStatus } from '@ratsmappe/shared';
import { Link, paths } from '../../../app/router';
import { FormError, FormField } from '../../../components/form-field';
import { ErrorState, LoadingState } from '../../../components/resource-state';
import { ApiError, getJson } from '../../../data/api';
import { sendJson } from '../../../data/commands';
import { setSession } from '../../../data/session';
import { errorMessage, useApiResource, type Resource } from '../../../data/use-api-resource';
import { useI18n } from '../../../i18n/i18n';
import { OfficeGate } from '../office-shell';
import { useKept } from '../use-kept';
import { useAccountT } from './account-messages';
import { QrCode } from './qr-code';
import '../master-data/master-data.css';

const totpStatusPath = '/api/session/totp';
const requirementPath = (slug: string) => `/api/bodies/${encodeURIComponent(slug)}/staff-totp-requirement`;

/**
 * `/verwaltung/:bodySlug/konto`: the signed-in account's second factor, and for the body's office staff whether the
 * body requires one. Open to any signed-in account: staff whose rights wait for a second factor set it up here.
 */
export function AccountPage({ slug }: { slug: string }) {
  return (
    <OfficeGate slug={slug} signedInSuffices>
      {({ body, session }) => <AccountSections body={body} session={session} />}
    </OfficeGate>
  );
}

function AccountSections({ body, session }: { body: Body; session: SessionInfo }) {
  const { t } = useAccountT();
  const status = useKept(useApiResource<TotpStatus>(totpStatusPath));
  const staff = session.officeStaffBodyIds.includes(body.id);
  return (
    <section className="staff-page" aria-labelledby="account-title">
      <h1 id="account-title">{t('account.title')}</h1>
      <p className="lead">{t('account.intro', { name: session.account.displayName, email: session.account.email })}</p>
      {status.status === 'loading' && <LoadingState />}
      {status.status === 'error' && <ErrorState message={status.message} onRetry={status.retry} />}
      {status.status === 'success' && (
        <>
          <TotpPanel status={status.data} bodyId={body.id} onChanged={status.retry} />
          {staff && <StaffRequirementPanel body={body} ownTotpEnabled={status.data.enabled} />}
        </>
      )}
      {!staff && (
        <p>
          <Link to={paths.body(body.slug)}>{body.name}</Link>
        </p>
      )}
    </section>
  );
}

/** Six digits, as the server's `totpCodeSchema` wants them; anything else is refused before sending. */
export function isTotpCode(code: string): boolean {
  return /^\d{6}$/.test(code);
}

function TotpPanel({ status, bodyId, onChanged }: { status: TotpStatus; bodyId: string; onChanged: () => void }) {
  const { t, locale } = useAccountT();
  const { t: tApp } = useI18n();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [notice, setNotice] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const requiredHere = status.requiredForBodyIds.includes(bodyId);

  const start = () => {
    setBusy(true);
    setMessage(null);
    sendJson<TotpEnrolment>('POST', `${totpStatusPath}/enrol`, undefined, locale).then(
      (started) => {
        setBusy(false);
        setEnrolment(started);
      },
      (error: unknown) => {
        setBusy(false);
        setMessage(errorMessage(error, tApp));
      },
    );
  };

  const finished = (text: string) => {
    setEnrolment(null);
    setNotice(text);
    onChanged();
    // Staff rights that waited for the second factor apply now (or stop applying): the session says which. Asked
    // quietly (not `loadSession`, whose "loading" state would unmount this page and its notice).
    getJson<SessionInfo>('/api/session', { locale }).then(setSession, () => undefined);
  };

  return (
    <section aria-labelledby="totp-title" className="office-panel">
      <h2 id="totp-title">{t('totp.title')}</h2>
      <p>{t('totp.explain')}</p>
      <p role="status" className="status-line">
        {notice}
      </p>
      {status.enrolmentRequired && <p className="notice">{t('totp.required')}</p>}
      {status.enabled ? (
        <>
          <p>
            <strong>{t('totp.enabled')}</strong>
          </p>
          <h3>{t('totp.disableTitle')}</h3>
          {requiredHere && <p className="notice">{t('totp.disableRequired')}</p>}
          <CodeForm
            idPrefix="totp-disable"
            hint={t('totp.disableHint')}
            submitLabel={t('totp.disable')}
            send={(code) => sendJson<void>('POST', `${totpStatusPath}/disable`, { code }, locale)}
            onDone={() => finished(t('totp.disabled'))}
          />
        </>
      ) : enrolment ? (
        <Enrolment enrolment={enrolment} onConfirmed={() => finished(t('totp.confirmed'))} />
      ) : (
        <>
          <p>{t('totp.notEnabled')}</p>
          {status.confirmationPending && <p>{t('totp.pending')}</p>}
          <FormError message={message} />
          <button type="button" className="button" disabled={busy} onClick={start}>
            {status.confirmationPending ? t('totp.restart') : t('totp.start')}
          </button>
        </>
      )}
    </section>
  );
}

/** Base32 in groups of four, as apps show keys; the spaces are ignored when typed in. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

function Enrolment({ enrolment, onConfirmed }: { enrolment: TotpEnrolment; onConfirmed: () => void }) {
  const { t, locale } = useAccountT();
  return (
    <div className="totp-enrolment">
      <p>{t('totp.step1')}</p>
      <QrCode text={enrolment.otpauthUri} label={t('totp.qrLabel')} />
      <p>{t('totp.step2')}</p>
      <dl className="totp-enrolment__facts">
        <div>
          <dt>{t('totp.secret')}</dt>
          <dd>
            <code className="totp-secret">{groupSecret(enrolment.secret)}</code>
          </dd>
        </div>
        <div>
          <dt>{t('totp.uri')}</dt>
          <dd>
            <code className="totp-uri">{enrolment.otpauthUri}</code>
          </dd>
        </div>
      </dl>
      <p>{t('totp.step3')}</p>
      <CodeForm
        idPrefix="totp-confirm"
        submitLabel={t('totp.confirm')}
        send={(code) => sendJson<void>('POST', '/api/session/totp/confirm', { code }, locale)}
        onDone={onConfirmed}
        autoFocus
      />
    </div>
  );
}

/**
 * One code field: six digits checked before sending; a wrong or reused code (the server's `totp_invalid`) is shown
 * at the field, other failures as the form's message.
 */
export function CodeForm({
  idPrefix,
  hint,
  submitLabel,
  send,
  onDone,
  autoFocus = false,
}: {
  idPrefix: string;
  hint?: string;
  submitLabel: string;
  send: (code: string) => Promise<void>;
  onDone: () => void;
  autoFocus?: boolean;
}) {
  const { t } = useAccountT();
  const { t: tApp } = useI18n();
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    if (!isTotpCode(code)) {
      setFieldError(t('totp.codeInvalid'));
      inputRef.current?.focus();
      return;
    }
    setFieldError(undefined);
    setBusy(true);
    send(code).then(
      () => {
        setBusy(false);
        setCode('');
        onDone();
      },
      (error: unknown) => {
        setBusy(false);
        const text = errorMessage(error, tApp);
        if (error instanceof ApiError && (error.code === 'totp_invalid' || error.code === 'validation_failed')) {
          setFieldError(text);
          inputRef.current?.focus();
        } else {
          setMessage(text);
        }
      },
    );
  };

  return (
    <form className="staff-form" onSubmit={handleSubmit} noValidate>
      <FormError message={message} />
      <FormField id={`${idPrefix}-code`} label={t('totp.code')} hint={hint ?? t('totp.codeHint')} error={fieldError}>
        {(props) => (
          <input
            {...props}
            ref={inputRef}
            name="totp"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            // The code field is what the step asks for next; it appears after a button press.
            autoFocus={autoFocus}
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
          />
        )}
      </FormField>
      <button type="submit" className="button" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}

function StaffRequirementPanel({ body, ownTotpEnabled }: { body: Body; ownTotpEnabled: boolean }) {
  const { t } = useAccountT();
  const requirement: Resource<StaffTotpRequirement> = useApiResource<StaffTotpRequirement>(requirementPath(body.slug));
  const [notice, setNotice] = useState('');
  return (
    <section aria-labelledby="staff-totp-title" className="office-panel">
      <h2 id="staff-totp-title">{t('staff.title')}</h2>
      <p>{t('staff.explain', { body: body.name })}</p>
      <p role="status" className="status-line">
        {notice}
      </p>
      {requirement.status === 'loading' && <LoadingState />}
      {requirement.status === 'error' && <ErrorState message={requirement.message} onRetry={requirement.retry} />}
      {requirement.status === 'success' && (
        <RequirementForm
          key={String(requirement.data.required)}
          body={body}
          required={requirement.data.required}
          ownTotpEnabled={ownTotpEnabled}
          onSaved={(text) => {
            setNotice(text);
            requirement.retry();
          }}
        />
      )}
    </section>
  );
}

function RequirementForm({
  body,
  required,
  ownTotpEnabled,
  onSaved,
}: {
  body: Body;
  required: boolean;
  ownTotpEnabled: boolean;
  onSaved: (notice: string) => void;
}) {
  const { t, locale } = useAccountT();
  const { t: tApp } = useI18n();
  const id = useId();
  const [checked, setChecked] = useState(required);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const checkboxRef = useRef<HTMLInputElement>(null);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    if (checked && !required && !ownTotpEnabled) {
      setFieldError(t('staff.ownFirst'));
      checkboxRef.current?.focus();
      return;
    }
    setFieldError(null);
    setBusy(true);
    sendJson<StaffTotpRequirement>('PUT', requirementPath(body.slug), { required: checked }, locale).then(
      (saved) => {
        setBusy(false);
        onSaved(saved.required ? t('staff.savedOn', { body: body.name }) : t('staff.savedOff', { body: body.name }));
      },
      (error: unknown) => {
        setBusy(false);
        setMessage(errorMessage(error, tApp));
      },
    );
  };

  const errorId = `${id}-error`;
  return (
    <form className="staff-form" onSubmit={handleSubmit} noValidate>
      <FormError message={message} />
      <div className={fieldError ? 'form-field form-field--invalid' : 'form-field'}>
        <label htmlFor={`${id}-required`}>
          <input
            ref={checkboxRef}
            id={`${id}-required`}
            type="checkbox"
            checked={checked}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? errorId : undefined}
            onChange={(e) => setChecked(e.target.checked)}
          />{' '}
          {t('staff.required')}
        </label>
        {fieldError && (
          <p id={errorId} className="form-field__error">
            {fieldError}
          </p>
        )}
      </div>
      <button type="submit" className="button" disabled={busy}>
        {t('staff.save')}
      </button>
    </form>
  );
}
