import { useRef, useState, type FormEvent } from 'react';
import { FormError, FormField } from '../../components/form-field';
import { Link, paths } from '../../app/router';
import { ApiError } from '../../data/api';
import { issuesByField, sendJson } from '../../data/commands';
import { errorMessage } from '../../data/use-api-resource';
import { useI18n } from '../../i18n/i18n';
import { useLocalCatalog } from '../../i18n/local-catalog';
import { sessionMessages } from './session-messages';

const minLength = 12;

/** The token sits in the fragment (`#token=…`) so it never reaches a server log or a Referer header. */
function tokenFromHash(): string | null {
  return new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token');
}

export function AccountSetupPage() {
  const { t: tApp, locale } = useI18n();
  const { t } = useLocalCatalog(sessionMessages);
  const [token] = useState(tokenFromHash);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [serverError, setServerError] = useState<{ message: string; password?: string } | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);

  const tooShort = password.length < minLength ? t('setup.tooShort', { count: password.length }) : undefined;
  const mismatch = confirm !== password ? t('setup.mismatch') : undefined;

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!token || tooShort || mismatch) return;
    setBusy(true);
    sendJson('POST', '/api/account-setup', { token, password }, locale)
      .then(() => {
        // Clear the used token from the address bar and history.
        window.history.replaceState(null, '', window.location.pathname);
        setDone(true);
        requestAnimationFrame(() => doneRef.current?.focus());
      })
      .catch((error: unknown) => {
        const fields = issuesByField(error);
        const weak = error instanceof ApiError && error.code === 'weak_password';
        setServerError({
          message: errorMessage(error, tApp),
          ...(fields.password || weak ? { password: fields.password ?? errorMessage(error, tApp) } : {}),
        });
      })
      .finally(() => setBusy(false));
  };

  if (done) {
    return (
      <section aria-labelledby="setup-title" className="staff-page">
        <h1 id="setup-title">{t('setup.title')}</h1>
        <p ref={doneRef} tabIndex={-1} role="status">
          {t('setup.done')}
        </p>
        <p>
          <Link to={paths.signIn()} className="button">
            {t('setup.toSignIn')}
          </Link>
        </p>
      </section>
    );
  }

  return (
    <section aria-labelledby="setup-title" className="staff-page">
      <h1 id="setup-title">{t('setup.title')}</h1>
      {!token ? (
        <p className="notice notice--danger" role="alert">
          {t('setup.noToken')}
        </p>
      ) : (
        <>
          <p className="lead">{t('setup.intro')}</p>
          <form className="staff-form" onSubmit={handleSubmit} noValidate>
            <FormError message={serverError?.message ?? null} />
            <FormField
              id="setup-password"
              label={t('setup.password')}
              hint={t('setup.rules')}
              error={(submitted ? tooShort : undefined) ?? serverError?.password}
            >
              {(props) => (
                <input
                  {...props}
                  type="password"
                  autoComplete="new-password"
                  minLength={minLength}
                  required
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                />
              )}
            </FormField>
            <FormField id="setup-confirm" label={t('setup.confirm')} error={submitted ? mismatch : undefined}>
              {(props) => (
                <input
                  {...props}
                  type="password"
                  autoComplete="new-password"
                  required
                  value={confirm}
                  onChange={(e) => setConfirm(e.target.value)}
                />
              )}
            </FormField>
            <button type="submit" className="button" disabled={busy}>
              {t('setup.submit')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
