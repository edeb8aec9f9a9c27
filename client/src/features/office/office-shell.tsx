import type { ReactNode } from 'react';
import type { Body, SessionInfo } from '@ratsmappe/shared';
import { Link, paths, usePathname } from '../../app/router';
import { ErrorState, LoadingState } from '../../components/resource-state';
import { useBody } from '../../data/calendar';
import { loadSession, useSession } from '../../data/session';
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
 * request; this only spares the staff member a page of refusals).
 */
export function OfficeGate({ slug, children }: { slug: string; children: (context: OfficeContext) => ReactNode }) {
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
  if (!session.info.officeStaffBodyIds.includes(body.data.id)) {
    return (
      <section className="staff-page" aria-labelledby="forbidden-title">
        <h1 id="forbidden-title">{t('office.forbiddenTitle')}</h1>
        <p>{t('office.forbiddenText')}</p>
        <p>
          <Link to={paths.body(slug)}>{t('office.publicSite')}</Link>
        </p>
      </section>
    );
  }
  return (
    <div className="office">
      <OfficeNav slug={slug} bodyName={body.data.name} />
      {children({ body: body.data, session: session.info })}
    </div>
  );
}

function OfficeNav({ slug, bodyName }: { slug: string; bodyName: string }) {
  const { t } = useOfficeT();
  const pathname = usePathname();
  const links = [
    { to: paths.office(slug), label: t('office.meetings') },
    { to: paths.officePapers(slug), label: t('office.papers') },
    { to: paths.officeAudit(slug), label: t('office.audit') },
    { to: paths.body(slug), label: t('office.publicSite') },
  ];
  return (
    <nav className="body-nav" aria-label={t('office.title', { body: bodyName })}>
      <ul className="body-nav__list">
        {links.map((link) => (
          <li key={link.to}>
            <Link to={link.to} className="body-nav__link" aria-current={pathname === link.to ? 'page' : undefined}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function stateLabel(t: ReturnType<typeof useOfficeT>['t'], state: string): string {
  const key = `office.state.${state}` as OfficeMessageKey;
  return key in officeMessages.de ? t(key) : state;
}
