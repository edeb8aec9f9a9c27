import { lazy, Suspense, useEffect, useMemo, useRef } from 'react';
import { NotFound } from '../components/not-found';
import { BodyStartPage } from '../features/body/body-start-page';
import { CalendarPage } from '../features/calendar/calendar-page';
import { LoadingState } from '../components/resource-state';
import { useBody } from '../data/calendar';
import { signOut, useSession } from '../data/session';
import { readRememberedAccount } from '../offline/account-data';
import { useI18n } from '../i18n/i18n';
import { UpdatePrompt } from '../sw/update-prompt';
import { Link, matchRoute, navigate, paths, usePathname, type BodyRoute, type Route } from './router';
import './app.css';

// One chunk per page: a visitor loads React, the shell and the one page they asked for, so the public routes stay
// small on phones (the budget: 150 KB of gzipped JavaScript per route). The calendar and a body's start page
// are the exceptions: they have a paint budget (largest paint within 1 s at 4x CPU throttle), and their few KB in
// the main chunk save a round trip, and React's hold-back of content that replaces a shown fallback (~300 ms), before
// their first paint.
const loaders = {
  bodies: () => import('../features/body/body-list-page'),
  meeting: () => import('../features/meeting/meeting-page'),
  paper: () => import('../features/paper/paper-page'),
  organizations: () => import('../features/organization/organizations-page'),
  organization: () => import('../features/organization/organization-page'),
  person: () => import('../features/person/person-page'),
  search: () => import('../features/search/search-page'),
  // Staff pages: their own chunks, which public visitors never load.
  'sign-in': () => import('../features/session/sign-in-page'),
  'account-setup': () => import('../features/session/account-setup-page'),
  office: () => import('../features/office/office-page'),
  'office-meeting': () => import('../features/office/meeting-editor-page'),
  'office-audit': () => import('../features/office/audit-page'),
  'office-papers': () => import('../features/office/papers-page'),
  'office-paper': () => import('../features/office/paper-editor-page'),
  // The councillors' offline app: one chunk with Dexie and the sync engine, never loaded by public visitors.
  tablet: () => import('../features/tablet/tablet-app'),
  'office-master-data': () => import('../features/office/master-data/master-data-page'),
  'office-account': () => import('../features/office/account/account-page'),
  'office-accounts': () => import('../features/office/accounts-page'),
};

const BodyListPage = lazy(() => loaders.bodies().then((m) => ({ default: m.BodyListPage })));
const MeetingPage = lazy(() => loaders.meeting().then((m) => ({ default: m.MeetingPage })));
const PaperPage = lazy(() => loaders.paper().then((m) => ({ default: m.PaperPage })));
const OrganizationsPage = lazy(() => loaders.organizations().then((m) => ({ default: m.OrganizationsPage })));
const OrganizationPage = lazy(() => loaders.organization().then((m) => ({ default: m.OrganizationPage })));
const PersonPage = lazy(() => loaders.person().then((m) => ({ default: m.PersonPage })));
const SearchPage = lazy(() => loaders.search().then((m) => ({ default: m.SearchPage })));
const SignInPage = lazy(() => loaders['sign-in']().then((m) => ({ default: m.SignInPage })));
const AccountSetupPage = lazy(() => loaders['account-setup']().then((m) => ({ default: m.AccountSetupPage })));
const OfficePage = lazy(() => loaders.office().then((m) => ({ default: m.OfficePage })));
const MeetingEditorPage = lazy(() => loaders['office-meeting']().then((m) => ({ default: m.MeetingEditorPage })));
const AuditPage = lazy(() => loaders['office-audit']().then((m) => ({ default: m.AuditPage })));
const PapersPage = lazy(() => loaders['office-papers']().then((m) => ({ default: m.PapersPage })));
const PaperEditorPage = lazy(() => loaders['office-paper']().then((m) => ({ default: m.PaperEditorPage })));
const TabletApp = lazy(() => loaders.tablet().then((m) => ({ default: m.TabletApp })));
const MasterDataPage = lazy(() => loaders['office-master-data']().then((m) => ({ default: m.MasterDataPage })));
const AccountPage = lazy(() => loaders['office-account']().then((m) => ({ default: m.AccountPage })));
const AccountsPage = lazy(() => loaders['office-accounts']().then((m) => ({ default: m.AccountsPage })));
const AccountDevicesPage = lazy(() => loaders['office-accounts']().then((m) => ({ default: m.AccountDevicesPage })));

/** Starts loading a page's code before React renders it (the module promise is shared with React.lazy). */
export function preloadRoute(route: Route): void {
  const name = route.name.startsWith('tablet-')
    ? 'tablet'
    : route.name === 'office-account-devices'
      ? 'office-accounts'
      : route.name;
  if (name in loaders) loaders[name as keyof typeof loaders]().catch(() => undefined);
}

export function App() {
  const { locale, setLocale, t } = useI18n();
  const pathname = usePathname();
  const route = matchRoute(pathname);
  const mainRef = useRef<HTMLElement>(null);
  const previousPath = useRef(pathname);
  const slug = 'slug' in route ? route.slug : null;

  // The page may have come rendered by the server (prerender.tsx), whose buttons and keys do nothing yet: say when
  // the app has taken over (tests wait for it before they use a control).
  useEffect(() => {
    document.documentElement.dataset.app = 'ready';
  }, []);

  useEffect(() => {
    // After an in-app navigation, move focus to the new content so screen readers do not stay on the old link.
    if (previousPath.current === pathname) return;
    previousPath.current = pathname;
    mainRef.current?.focus();
  }, [pathname]);

  const otherLocale = locale === 'de' ? 'en' : 'de';

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="site-header__brand">
            <img src="/favicon.svg" alt="" width="32" height="32" />
            <span>{t('app.name')}</span>
          </Link>
          <SessionControls slug={slug ?? ('bodySlug' in route ? route.bodySlug : null)} />
          <button
            type="button"
            className="language-switch"
            lang={otherLocale}
            aria-label={t('app.languageSwitchLabel')}
            onClick={() => setLocale(otherLocale)}
          >
            {t('app.languageSwitch')}
          </button>
        </div>
        {slug && 'slug' in route && <BodyNav route={route} />}
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="site-main">
        <Suspense fallback={<LoadingState />}>
          <RouteView route={route} />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
      <UpdatePrompt />
    </>
  );
}

/**
 * Sign-out for a signed-in account; nothing for public visitors (who never ask the server, see data/session).
 * Offline or after the session expired, the tablet app still shows this device's copy of an account's data, so
 * signing out (which deletes it) stays possible then too.
 */
function SessionControls({ slug }: { slug: string | null }) {
  const { t } = useI18n();
  const session = useSession();
  const signedIn = session.status === 'signed-in' ? session.info : null;
  const remembered = useMemo(
    () => (session.status === 'error' || session.status === 'signed-out' ? readRememberedAccount() : null),
    [session.status],
  );
  const account = signedIn ? { displayName: signedIn.account.displayName, personIds: signedIn.personIds } : remembered;
  if (!account) return null;
  // On a body's pages the office link leads to that body's office; elsewhere the sign-in page lists the offices.
  const officeLink =
    signedIn && signedIn.officeStaffBodyIds.length > 0 ? (slug ? paths.office(slug) : paths.signIn()) : null;
  const handleSignOut = () => {
    void signOut().then(() => navigate(paths.signIn()));
  };
  return (
    <div className="session-controls">
      <span className="session-controls__name">
        {t(signedIn ? 'app.signedInAs' : 'app.onThisDevice', { name: account.displayName })}
      </span>
      {account.personIds.length > 0 && (
        <Link to={paths.tabletHome()} className="session-controls__link">
          {t('app.tablet')}
        </Link>
      )}
      {officeLink && (
        <Link to={officeLink} className="session-controls__link">
          {t('app.office')}
        </Link>
      )}
      <button type="button" className="language-switch" onClick={handleSignOut}>
        {t('app.signOut')}
      </button>
    </div>
  );
}

const sections = [
  { name: 'body', label: 'nav.start', to: paths.body },
  { name: 'calendar', label: 'nav.calendar', to: (slug: string) => paths.calendar(slug) },
  { name: 'organizations', label: 'nav.organizations', to: paths.organizations },
  { name: 'search', label: 'nav.search', to: (slug: string) => paths.search(slug) },
] as const;

/** Which section a page belongs to, for `aria-current` in the body's navigation. */
function sectionOf(route: BodyRoute): (typeof sections)[number]['name'] | null {
  switch (route.name) {
    case 'body':
      return 'body';
    case 'calendar':
    case 'meeting':
      return 'calendar';
    case 'organizations':
    case 'organization':
    case 'person':
      return 'organizations';
    case 'search':
      return 'search';
    case 'paper':
      // Papers are reached from meetings and search alike; no section is "current".
      return null;
  }
}

/** The body's sections on every page of it, the search among them. */
function BodyNav({ route }: { route: BodyRoute }) {
  const { t } = useI18n();
  const body = useBody(route.slug);
  const current = sectionOf(route);
  const name = body.status === 'success' ? body.data.name : route.slug;
  return (
    <nav className="body-nav" aria-label={t('nav.label', { body: name })}>
      <ul className="body-nav__list">
        {sections.map((section) => {
          const isCurrent = section.name === current;
          const exact = isCurrent && section.name === route.name;
          return (
            <li key={section.name}>
              <Link
                to={section.to(route.slug)}
                className="body-nav__link"
                aria-current={exact ? 'page' : isCurrent ? 'true' : undefined}
              >
                {t(section.label)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function RouteView({ route }: { route: Route }) {
  // Keyed by slug (and id) so a switch between bodies or objects starts from a clean state, including "today".
  switch (route.name) {
    case 'bodies':
      return <BodyListPage />;
    case 'body':
      return <BodyStartPage key={route.slug} slug={route.slug} />;
    case 'calendar':
      return <CalendarPage key={route.slug} slug={route.slug} />;
    case 'meeting':
      return <MeetingPage key={route.id} slug={route.slug} id={route.id} />;
    case 'paper':
      return <PaperPage key={route.id} slug={route.slug} id={route.id} />;
    case 'organizations':
      return <OrganizationsPage key={route.slug} slug={route.slug} />;
    case 'organization':
      return <OrganizationPage key={route.id} slug={route.slug} id={route.id} />;
    case 'person':
      return <PersonPage key={route.id} slug={route.slug} id={route.id} />;
    case 'search':
      return <SearchPage key={route.slug} slug={route.slug} />;
    case 'sign-in':
      return <SignInPage />;
    case 'account-setup':
      return <AccountSetupPage />;
    case 'office':
      return <OfficePage key={route.bodySlug} slug={route.bodySlug} />;
    case 'office-meeting':
      return <MeetingEditorPage key={route.id} slug={route.bodySlug} id={route.id} />;
    case 'office-audit':
      return <AuditPage key={route.bodySlug} slug={route.bodySlug} />;
    case 'office-papers':
      return <PapersPage key={route.bodySlug} slug={route.bodySlug} />;
    case 'office-paper':
      return <PaperEditorPage key={route.id} slug={route.bodySlug} id={route.id} />;
    case 'tablet-home':
    case 'tablet-meeting':
    case 'tablet-document':
    case 'tablet-search':
    case 'tablet-storage':
    case 'tablet-devices':
      return <TabletApp route={route} />;
    case 'office-master-data':
      return (
        <MasterDataPage
          key={`${route.bodySlug}/${route.section ?? ''}/${route.id ?? ''}`}
          slug={route.bodySlug}
          section={route.section}
          id={route.id}
        />
      );
    case 'office-account':
      return <AccountPage key={route.bodySlug} slug={route.bodySlug} />;
    case 'office-accounts':
      return <AccountsPage key={route.bodySlug} slug={route.bodySlug} />;
    case 'office-account-devices':
      return <AccountDevicesPage key={route.id} slug={route.bodySlug} accountId={route.id} />;
    case 'not-found':
      return <NotFound />;
  }
}
