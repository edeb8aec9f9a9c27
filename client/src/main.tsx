import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadRoute } from './app/app';
import { matchRoute } from './app/router';
import { takeFirstViewAnswers } from './data/first-view';
import { prefetchRouteData } from './data/route-data';
import { I18nProvider } from './i18n/i18n';
import { readStoredLocale } from './i18n/locale';
import { registerServiceWorker } from './sw/register-sw';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

// The first page's code and data load side by side, before React has rendered anything; on a cold load of a start
// page or calendar the data came with index.html already.
const route = matchRoute(window.location.pathname);
preloadRoute(route);
const locale = readStoredLocale();
prefetchRouteData(route, window.location.search, locale, takeFirstViewAnswers(locale));

createRoot(container).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);

// The service worker (and workbox-window) can wait until the page is shown: it must not compete with the first paint.
function registerWhenIdle(): void {
  const register = () =>
    'requestIdleCallback' in window ? requestIdleCallback(registerServiceWorker) : setTimeout(registerServiceWorker, 0);
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
registerWhenIdle();
