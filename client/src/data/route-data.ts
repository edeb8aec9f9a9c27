import { bodyPath, firstViewRequests, organizationsPath } from '@ratsmappe/shared/api/public-pages';
import { berlinDate } from '@ratsmappe/shared/time/berlin';
import type { Route } from '../app/router';
import { parseSearchParams } from '../features/search/search-query';
import type { Locale } from '../i18n/locale';
import { meetingPath, organizationPath, paperPath, personPath, searchPath } from './public';
import { prefetchResource, provideResource } from './use-api-resource';

/**
 * Asks for what a page will ask for first, with the same paths it will use, so the answers are on their way while
 * the page's code loads; answers the server already gave in index.html (`given`, by path) are taken instead of
 * asking. Only for the first page of a visit; later navigations find the shell running already.
 */
export function prefetchRouteData(
  route: Route,
  search: string,
  locale: Locale,
  given: ReadonlyMap<string, unknown> = new Map(),
): void {
  if (!('slug' in route)) return;
  const { slug } = route;
  const today = berlinDate(new Date());
  if (route.name === 'body' || route.name === 'calendar') {
    for (const { path, cache } of firstViewRequests(route, new URLSearchParams(search), today)) {
      if (given.has(path)) provideResource(path, locale, given.get(path), { cache });
      else prefetchResource(path, locale, { cache });
    }
  }
  // Every page of a body shows its name, and most its committees: remembered for the whole visit.
  prefetchResource(bodyPath(slug), locale, { cache: true });
  prefetchResource(organizationsPath(slug), locale, { cache: true });
  switch (route.name) {
    case 'meeting':
      return prefetchResource(meetingPath(route.id), locale);
    case 'paper':
      return prefetchResource(paperPath(route.id), locale);
    case 'organization':
      return prefetchResource(organizationPath(route.id), locale);
    case 'person':
      return prefetchResource(personPath(route.id), locale);
    case 'search': {
      const params = parseSearchParams(search);
      if (params.q) prefetchResource(searchPath(slug, params), locale);
      return;
    }
    case 'body':
    case 'calendar':
    case 'organizations':
      return;
  }
}
