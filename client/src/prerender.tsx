import { firstViewRequests, matchFirstViewRoute } from '@ratsmappe/shared/api/public-pages';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { App } from './app/app';
import { setServerLocation } from './app/router';
import { clearResourceCache, provideResource } from './data/use-api-resource';
import { I18nProvider } from './i18n/i18n';

/**
 * Runs in the server (built by vite.prerender.config.ts into dist-ssr/): the first view of a body's start page or
 * calendar as HTML for index.html's #root, rendered by the app's own components from the API answers the server
 * gathered for index.html anyway. The browser paints it before the app's code has loaded and run (on a phone at 4×
 * CPU throttle that is the difference between 0.6 and 1.6 s); the app then renders the same page in its place
 * (createRoot replaces the markup, no hydration: a difference costs a repaint, never an error). Visitors without
 * JavaScript see the page too.
 *
 * Only in German and only for requests without a session, like the answers themselves: public data only. Null when
 * the route has no first view or an answer is missing (the page would render a loading state).
 */
export function prerenderFirstView(
  pathname: string,
  search: string,
  answers: Readonly<Record<string, unknown>>,
  today: string,
): string | null {
  const route = matchFirstViewRoute(pathname);
  if (!route) return null;
  const requests = firstViewRequests(route, new URLSearchParams(search), today);
  if (!requests.every(({ path }) => Object.hasOwn(answers, path))) return null;
  // The render is synchronous, so the module-wide answer cache holds this request's answers only while it runs.
  clearResourceCache();
  setServerLocation(pathname, search);
  try {
    for (const { path, cache } of requests) provideResource(path, 'de', answers[path], { cache });
    return renderToString(
      <StrictMode>
        <I18nProvider initialLocale="de">
          <App />
        </I18nProvider>
      </StrictMode>,
    );
  } finally {
    clearResourceCache();
  }
}
