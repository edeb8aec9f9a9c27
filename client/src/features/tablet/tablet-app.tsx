import type { ReactNode } from 'react';
import { Link, paths, usePathname, type TabletRoute } from '../../app/router';
import { ErrorState, LoadingState } from '../../components/resource-state';
import { useTabletAccess, type TabletAccess } from '../../data/tablet';
import type { TabletRuntime } from '../../offline/runtime';
import { DevicesPage } from './devices-page';
import { DocumentPage } from './document-page';
import { HomePage } from './home-page';
import { MeetingPage } from './meeting-page';
import { SearchPage } from './search-page';
import { StoragePage } from './storage-page';
import { SyncStatusBar } from './sync-status-bar';
import { useTabletT } from './use-tablet-t';
import '../../components/staff.css';
import './tablet.css';

/** The councillors' offline app: its own chunk (Dexie, sync engine), loaded only under /app. */
export function TabletApp({ route }: { route: TabletRoute }) {
  const access = useTabletAccess();
  return <TabletGate access={access} route={route} />;
}

function TabletGate({ access, route }: { access: TabletAccess; route: TabletRoute }) {
  const { t } = useTabletT();
  const pathname = usePathname();
  switch (access.status) {
    case 'loading':
      return <LoadingState />;
    case 'error':
      return <ErrorState message={t('tablet.error.network')} onRetry={access.retry} />;
    case 'signed-out':
      return (
        <section className="staff-page" aria-labelledby="tablet-sign-in-title">
          <h1 id="tablet-sign-in-title">{t('tablet.title')}</h1>
          <p>{t('tablet.signInNeeded')}</p>
          <p>
            <Link to={paths.signIn(pathname)} className="button">
              {t('tablet.signIn')}
            </Link>
          </p>
        </section>
      );
    case 'ready':
      return (
        <TabletShell runtime={access.runtime} sessionEnded={access.sessionEnded}>
          <TabletPage route={route} runtime={access.runtime} />
        </TabletShell>
      );
  }
}

function TabletPage({ route, runtime }: { route: TabletRoute; runtime: TabletRuntime }) {
  switch (route.name) {
    case 'tablet-home':
      return <HomePage runtime={runtime} />;
    case 'tablet-meeting':
      return <MeetingPage key={route.id} runtime={runtime} meetingId={route.id} />;
    case 'tablet-document':
      return <DocumentPage key={route.fileId} runtime={runtime} fileId={route.fileId} />;
    case 'tablet-search':
      return <SearchPage runtime={runtime} />;
    case 'tablet-storage':
      return <StoragePage runtime={runtime} />;
    case 'tablet-devices':
      return <DevicesPage runtime={runtime} />;
  }
}

function TabletShell({
  runtime,
  sessionEnded,
  children,
}: {
  runtime: TabletRuntime;
  sessionEnded: boolean;
  children: ReactNode;
}) {
  const { t } = useTabletT();
  const pathname = usePathname();
  const links = [
    { to: paths.tabletHome(), label: t('tablet.navHome') },
    { to: paths.tabletSearch(), label: t('tablet.navSearch') },
    { to: paths.tabletStorage(), label: t('tablet.navStorage') },
    { to: paths.tabletDevices(), label: t('tablet.navDevices') },
  ];
  return (
    <div className="tablet">
      <nav className="body-nav tablet-nav" aria-label={t('tablet.nav')}>
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
      <SyncStatusBar runtime={runtime} sessionEnded={sessionEnded} />
      {children}
    </div>
  );
}
