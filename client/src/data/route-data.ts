import { berlinDate } from '@ratsmappe/shared/time/berlin';
import type { Route } from '../app/router';
import { calendarMeetingQuery, parseCalendarState } from '../features/calendar/calendar-query';
import { parseSearchParams } from '../features/search/search-query';
import type { Locale } from '../i18n/locale';
import { bodyPath, meetingsPath, organizationsPath, startPageQuery } from './calendar';
import { meetingPath, organizationPath, paperPath, personPath, searchPath } from './public';
import { prefetchResource } from './use-api-resource';

/**
 * Asks for what a page will ask for first, with the same paths it will use, so the answers are on their way while
 * the page's code loads. Only for the first page of a visit; later navigations find the shell running already.
 */
export function prefetchRouteData(route: Route, search: string, locale: Locale): void {
  if (!('slug' in route)) return;
  const { slug } = route;
  prefetchResource(bodyPath(slug), locale, { cache: true });
  prefetchResource(organizationsPath(slug), locale, { cache: true });
  const today = berlinDate(new Date());
  switch (route.name) {
    case 'body':
      return prefetchResource(meetingsPath(slug, startPageQuery(today)), locale);
    case 'calendar':
      return prefetchResource(meetingsPath(slug, calendarMeetingQuery(parseCalendarState(search), today)), locale);
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
    case 'organizations':
      return;
  }
}
