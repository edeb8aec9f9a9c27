import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Body, SessionInfo } from '@ratsmappe/shared';
import { FormError, FormField } from '../../components/form-field';
import { Link, navigate, paths } from '../../app/router';
import { ApiError, getJson } from '../../data/api';
import { issuesByField, sendJson } from '../../data/commands';
import { setSession, useSession } from '../../data/session';
import { errorMessage } from '../../data/use-api-resource';
import { useI18n } from '../../i18n/i18n';
import { useLocalCatalog } from '../../i18n/local-catalog';
import { sessionMessages } from './session-messages';

export interface SignInErrors {
  message: string | null;
  fields: Partial<Record<'email' | 'password' | 'totp', string>>;
  /** The server wants the second factor now. */
  totpRequired: boolean;
}

/**
 * Maps a failed sign-in to the form: field issues to their fields, a missing or wrong code to the code field, and
 * everything else (wrong password, throttling with its wait time) as the form's message, as the server worded it.
 */
export function signInErrors(error: unknown, fallback: string): SignInErrors {
  if (!(error instanceof ApiError)) return { message: fallback, fields: {}, totpRequired: false };
  const fields: SignInErrors['fields'] = {};
  for (const [field, message] of Object.entries(issuesByField(error))) {
    if (field === 'email' || field === 'password' || field === 'totp') fields[field] = message;
  }
  if (error.code === 'totp_required' || error.code === 'totp_invalid') {
    fields.totp = error.serverMessage || fallback;
    return { message: error.code === 'totp_invalid' ? error.serverMessage : null, fields, totpRequired: true };
  }
  return { message: error.serverMessage || fallback, fields, totpRequired: false };
}

/** Why the visitor was sent here, e.g. a revoked tablet that has just wiped itself. */
function signInReason(): 'device-revoked' | null {
  return new URLSearchParams(window.location.search).get('grund') === 'geraet-gesperrt' ? 'device-revoked' : null;
}

/** Where to go after sign-in: the page that sent the visitor here (same origin only), else the first office. */
function returnTarget(): string | null {
  const target = new URLSearchParams(window.location.search).get('zurueck');
  return target && target.startsWith('/') && !target.startsWith('//') ? target : null;
}

export function SignInPage() {
  const { t: tApp, locale } = useI18n();
  const { t } = useLocalCatalog(sessionMessages);
  const session = useSession({ required: true });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<SignInErrors>({ message: null, fields: {}, totpRequired: false });
  const [showTotp, setShowTotp] = useState(false);
  const totpRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (showTotp) totpRef.current?.focus();
  }, [showTotp]);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const body = { email, password, ...(showTotp && totp ? { totp } : {}) };
    sendJson<SessionInfo>('POST', '/api/session', body, locale)
      .then(async (info) => {
        setSession(info);
        const target = returnTarget() ?? (await firstOffice(info, locale));
        navigate(target);
      })
      .catch((error: unknown) => {
        const next = signInErrors(error, errorMessage(error, tApp));
        setErrors(next);
        if (next.totpRequired) setShowTotp(true);
        setBusy(false);
      });
  };

  if (session.status === 'signed-in') {
    return (
      <section aria-labelledby="sign-in-title" className="staff-page">
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        <p>{t('signIn.alreadySignedIn', { name: session.info.account.displayName })}</p>
        <OfficeLinks info={session.info} />
      </section>
    );
  }

  return (
    <section aria-labelledby="sign-in-title" className="staff-page">
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      <p className="lead">{t('signIn.intro')}</p>
      {signInReason() === 'device-revoked' && (
        <p className="notice notice--danger" role="alert">
          {t('signIn.deviceRevoked')}
        </p>
      )}
      <form className="staff-form" onSubmit={handleSubmit} noValidate>
        <FormError message={errors.message} />
        <FormField id="sign-in-email" label={t('signIn.email')} error={errors.fields.email}>
          {(props) => (
            <input
              {...props}
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </FormField>
        <FormField id="sign-in-password" label={t('signIn.password')} error={errors.fields.password}>
          {(props) => (
            <input
              {...props}
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </FormField>
        {showTotp && (
          <FormField id="sign-in-totp" label={t('signIn.totp')} hint={t('signIn.totpHint')} error={errors.fields.totp}>
            {(props) => (
              <input
                {...props}
                ref={totpRef}
                name="totp"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]{6}"
                maxLength={6}
                value={totp}
                onChange={(e) => setTotp(e.target.value.replace(/\D/g, ''))}
              />
            )}
          </FormField>
        )}
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
      <p>
        <Link to="/">{t('signIn.back')}</Link>
      </p>
    </section>
  );
}

async function firstOffice(info: SessionInfo, locale: 'de' | 'en'): Promise<string> {
  // Councillors (accounts linked to a person) without an office role go to their meetings.
  if (info.officeStaffBodyIds.length === 0) return info.personIds.length > 0 ? paths.tabletHome() : '/';
  try {
    const bodies = await getJson<{ data: Body[] }>('/api/bodies', { locale });
    const body = bodies.data.find((b) => info.officeStaffBodyIds.includes(b.id));
    return body ? paths.office(body.slug) : '/';
  } catch {
    return '/';
  }
}

function OfficeLinks({ info }: { info: SessionInfo }) {
  const { t } = useLocalCatalog(sessionMessages);
  const { locale } = useI18n();
  const [bodies, setBodies] = useState<Body[]>([]);
  useEffect(() => {
    if (info.officeStaffBodyIds.length === 0) return;
    getJson<{ data: Body[] }>('/api/bodies', { locale }).then(
      (answer) => setBodies(answer.data.filter((b) => info.officeStaffBodyIds.includes(b.id))),
      () => setBodies([]),
    );
  }, [info, locale]);
  return (
    <ul className="inline-list">
      {info.personIds.length > 0 && (
        <li>
          <Link to={paths.tabletHome()}>{t('signIn.toTablet')}</Link>
        </li>
      )}
      {bodies.map((body) => (
        <li key={body.id}>
          <Link to={paths.office(body.slug)}>{t('signIn.toOffice', { body: body.name })}</Link>
        </li>
      ))}
    </ul>
  );
}
