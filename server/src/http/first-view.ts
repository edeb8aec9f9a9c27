import {
  firstViewElementId,
  firstViewRequests,
  matchFirstViewRoute,
  type FirstViewRoute,
  type FirstViewPayload,
} from '@ratsmappe/shared/api/public-pages';
import { berlinDate } from '@ratsmappe/shared/time/berlin';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { PrerenderFirstView } from './prerender-module.js';

/** Asks the app's own API, in process: the same routes, validation and visibility rules as a browser's request. */
export type InProcessFetch = (path: string, init: RequestInit) => Response | Promise<Response>;

export interface FirstViewOptions {
  fetch: InProcessFetch;
  clock: Clock;
  logger: Logger;
  /** Past this, index.html goes out without answers: a slow database must not hold up the app shell. */
  budgetMs?: number;
  /** The client's own components rendering the page from the answers (prerender-module.ts), when built. */
  prerender?: () => Promise<PrerenderFirstView | null>;
}

/** What index.html gets for a first-view page: the page as HTML for #root (when it could be rendered), the answers. */
export interface FirstViewMarkup {
  root: string | null;
  data: string;
}

/**
 * The answers a cold load of a body's start page or calendar asks for first, as `<script type="application/json">`
 * for index.html, and the page rendered from them by the client's components (for #root), or null. The browser would otherwise ask for them only once the app's code has loaded and run
 * (a few hundred milliseconds on a phone), and render a second time when they arrive.
 *
 * They are the API's answers to an anonymous request in German (the client's default language; a visitor's own
 * choice lives in their browser's storage, which the server cannot see, so the client takes them only when it
 * runs in German): public data only, and never for a request with a session, whose API answers may differ.
 */
export function firstViewData(options: FirstViewOptions) {
  const budgetMs = options.budgetMs ?? 1000;
  return (url: URL, hasSession: boolean): (() => Promise<FirstViewMarkup | null>) | null => {
    const route = matchFirstViewRoute(url.pathname);
    if (!route || hasSession) return null;
    return () => answersAhead(options, budgetMs, route, url);
  };
}

async function answersAhead(
  options: FirstViewOptions,
  budgetMs: number,
  route: FirstViewRoute,
  url: URL,
): Promise<FirstViewMarkup | null> {
  const locale = 'de';
  const today = berlinDate(options.clock.now());
  const requests = firstViewRequests(route, url.searchParams, today);
  const answers = Promise.all(
    requests.map(async ({ path }) => {
      const response = await options.fetch(path, {
        headers: { accept: 'application/json', 'accept-language': locale },
      });
      // An unknown body or a bad query: the page asks itself and shows the API's error as usual.
      return response.status === 200 ? ([path, await response.text()] as const) : null;
    }),
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), budgetMs)));
  try {
    const given = await Promise.race([answers, late]);
    if (!given) return null;
    const entries = given.filter((entry) => entry !== null);
    if (entries.length === 0) return null;
    return { root: await rendered(options, url, entries, today), data: scriptElement(locale, entries) };
  } catch (error) {
    options.logger.warn({ err: error, path: url.pathname }, 'first-view answers failed');
    return null;
  } finally {
    clearTimeout(timer);
    answers.catch(() => undefined);
  }
}

/** The page as HTML, or null (not built, an answer missing, or the render failed: the app renders it then). */
async function rendered(
  options: FirstViewOptions,
  url: URL,
  entries: (readonly [string, string])[],
  today: string,
): Promise<string | null> {
  const prerender = await options.prerender?.();
  if (!prerender) return null;
  try {
    const answers = Object.fromEntries(entries.map(([path, json]) => [path, JSON.parse(json) as unknown]));
    return prerender(url.pathname, url.search, answers, today);
  } catch (error) {
    options.logger.warn({ err: error, path: url.pathname }, 'server-side first view failed');
    return null;
  }
}

/** The API's JSON texts go in unparsed; `<` is escaped so no answer can close the element (`</script>`). */
function scriptElement(locale: FirstViewPayload['locale'], entries: (readonly [string, string])[]): string {
  const answers = entries.map(([path, json]) => `${JSON.stringify(path)}:${json}`).join(',');
  const payload = `{"locale":${JSON.stringify(locale)},"answers":{${answers}}}`.replace(/</g, '\\u003c');
  return `<script type="application/json" id="${firstViewElementId}">${payload}</script>`;
}
