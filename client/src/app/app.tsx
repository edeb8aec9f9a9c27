import { useEffect, useRef } from 'react';
import { BodyCalendarPage } from '../features/calendar/body-calendar-page';
import { BodyListPage } from '../features/calendar/body-list-page';
import { useI18n } from '../i18n/i18n';
import { UpdatePrompt } from '../sw/update-prompt';
import { Link, matchRoute, usePathname, type Route } from './router';
import './app.css';

export function App() {
  const { locale, setLocale, t } = useI18n();
  const pathname = usePathname();
  const route = matchRoute(pathname);
  const mainRef = useRef<HTMLElement>(null);
  const previousPath = useRef(pathname);

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
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="site-main">
        <RouteView route={route} />
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
      <UpdatePrompt />
    </>
  );
}

function RouteView({ route }: { route: Route }) {
  const { t } = useI18n();
  switch (route.name) {
    case 'bodies':
      return <BodyListPage />;
    case 'body':
      // Keyed by slug so a switch between bodies starts from a clean state, including "today".
      return <BodyCalendarPage key={route.slug} slug={route.slug} />;
    case 'not-found':
      return (
        <>
          <title>{`${t('app.notFoundTitle')} – ${t('app.name')}`}</title>
          <h1>{t('app.notFoundTitle')}</h1>
          <p>{t('app.notFoundText')}</p>
          <p>
            <Link to="/">{t('app.backToStart')}</Link>
          </p>
        </>
      );
  }
}
