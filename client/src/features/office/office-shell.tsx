import type { ReactNode } from 'react';
import type { Body, SessionInfo, TotpStatus } from '@ratsmappe/shared';
import { Link, paths, usePathname } from '../../app/router';
import { ErrorState, LoadingState } from '../../components/resource-state';
import { useBody } from '../../data/calendar';
import { loadSession, useSession } from '../../data/session';
import { useApiResource } from '../../data/use-api-resource';
import { useI18n } from '../../i18n/i18n';
import { useLocalCatalog } from '../../i18n/local-catalog';
import { officeMessages, type OfficeMessageKey } from './office-messages';

export function useOfficeT() {
  return useLocalCatalog<OfficeMessageKey>(officeMessages);
}

export interface OfficeContext {
  body: Body;
  session: SessionInfo;
}

/**
 * The door of every office page: signed in, and office staff of this body (the server checks again on every
 * request; this only spares the staff member a page of refusals). `signedInSuffices` opens a page to any signed-in
 * account (the account page, where staff whose rights wait for a second factor set it up).
 */
export function OfficeGate({
  slug,
  signedInSuffices = false,
  children,
}: {
  slug: string;
  signedInSuffices?: boolean;
  children: (context: OfficeContext) => ReactNode;
}) {
  const { t } = useOfficeT();
  const { t: tApp } = useI18n();
  const session = useSession({ required: true });
  const body = useBody(slug);
  const pathname = usePathname();

  if (session.status === 'signed-out') {
    return (
      <section className="staff-page">
        <h1>{t('office.nav')}</h1>
        <p>{t('office.signInNeeded')}</p>
        <p>
          <Link to={paths.signIn(pathname)} className="button">
            {t('office.signIn')}
          </Link>
        </p>
      </section>
    );
  }
  if (body.status === 'error') return <ErrorState message={body.message} onRetry={body.retry} />;
  if (session.status === 'error') {
    return <ErrorState message={tApp('app.networkError')} onRetry={() => void loadSession(true)} />;
  }
  if (session.status !== 'signed-in' || body.status !== 'success') return <LoadingState />;
  const staff = session.info.officeStaffBodyIds.includes(body.data.id);
  if (!staff && !signedInSuffices) {
    return (
      <section className="staff-page" aria-labelledby="forbidden-title">
        <h1 id="forbidden-title">{t('office.forbiddenTitle')}</h1>
        <TotpDormantHint slug={slug} bodyId={body.data.id} />
        <p>{t('office.forbiddenText')}</p>
        <p>
          <Link to={paths.body(slug)}>{t('office.publicSite')}</Link>
        </p>
      </section>
    );
  }
  return (
    <div className="office">
      {staff && <OfficeNav slug={slug} bodyName={body.data.name} />}
      {children({ body: body.data, session: session.info })}
    </div>
  );
}

/** Staff whose rights wait for a second factor (the body requires one) are led to set it up. */
function TotpDormantHint({ slug, bodyId }: { slug: string; bodyId: string }) {
  const { t } = useOfficeT();
  const status = useApiResource<TotpStatus>('/api/session/totp');
  if (status.status !== 'success' || !status.data.requiredForBodyIds.includes(bodyId)) return null;
  if (!status.data.enrolmentRequired) return null;
  return (
    <div className="notice">
      <p>{t('office.totpDormant')}</p>
      <p>
        <Link to={paths.officeAccount(slug)} className="button">
          {t('office.setUpTotp')}
        </Link>
      </p>
    </div>
  );
}

function OfficeNav({ slug, bodyName }: { slug: string; bodyName: string }) {
  const { t } = useOfficeT();
  const pathname = usePathname();
  const links = [
    { to: paths.office(slug), label: t('office.meetings') },
    { to: paths.officePapers(slug), label: t('office.papers') },
    { to: paths.officeMasterData(slug), label: t('office.masterData'), section: true },
    { to: paths.officeAccounts(slug), label: t('accounts.nav'), section: true },
    { to: paths.officeAudit(slug), label: t('office.audit') },
    { to: paths.body(slug), label: t('office.publicSite') },
  ];
  const current = (link: { to: string; section?: boolean }) =>
    pathname === link.to ? 'page' : link.section && pathname.startsWith(`${link.to}/`) ? 'true' : undefined;
  const account = paths.officeAccount(slug);
  return (
    <nav className="body-nav" aria-label={t('office.title', { body: bodyName })}>
      <ul className="body-nav__list">
        {links.map((link) => (
          <li key={link.to}>
            <Link to={link.to} className="body-nav__link" aria-current={current(link)}>
              {link.label}
            </Link>
          </li>
        ))}
        <li className="body-nav__account">
          <Link to={account} className="body-nav__link" aria-current={pathname === account ? 'page' : undefined}>
            {t('office.account')}
          </Link>
        </li>
      </ul>
    </nav>
  );
}

export function stateLabel(t: ReturnType<typeof useOfficeT>['t'], state: string): string {
  const key = `office.state.${state}` as OfficeMessageKey;
  return key in officeMessages.de ? t(key) : state;
}
