import type { Locale } from './errors.js';
import { addDays, lastDayOfMonth } from '../time/calendar-date.js';
import { reservedSlugs } from './reserved-slugs.js';

/**
 * The API requests a public page makes first, named in one place. The client asks for them while its code loads;
 * the server answers them ahead inside index.html on a cold load. Both must build the very same URLs, or the client
 * would not find the answers it was handed and would ask again. Zod-free: this is in the first page's bundle.
 */

export interface MeetingQuery {
  from?: string;
  to?: string;
  organization?: string;
  order?: 'asc' | 'desc';
  limit?: number;
}

export function bodyPath(slug: string): string {
  return `/api/bodies/${encodeURIComponent(slug)}`;
}

export function organizationsPath(slug: string): string {
  return `/api/bodies/${encodeURIComponent(slug)}/organizations`;
}

export function meetingsPath(slug: string, query: MeetingQuery, cursor?: string): string {
  const params: [string, string][] = [];
  if (query.from) params.push(['from', query.from]);
  if (query.to) params.push(['to', query.to]);
  if (query.organization) params.push(['organization', query.organization]);
  if (query.order && query.order !== 'asc') params.push(['order', query.order]);
  params.push(['limit', String(query.limit ?? 20)]);
  if (cursor) params.push(['cursor', cursor]);
  return `/api/bodies/${encodeURIComponent(slug)}/meetings?${formEncode(params)}`;
}

/** What `URLSearchParams#toString` gives (form encoding), written out: this module has no DOM or Node types. */
function formEncode(params: [string, string][]): string {
  const encode = (text: string) =>
    encodeURIComponent(text)
      .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
      .replace(/%20/g, '+');
  return params.map(([name, value]) => `${encode(name)}=${encode(value)}`).join('&');
}

/** The reading side of `URLSearchParams` (a global in browsers and Node, but not in the ES library types). */
export interface QueryParams {
  get(name: string): string | null;
}

/** The start page's next meetings. */
export function startPageQuery(today: string): MeetingQuery {
  return { from: today, limit: 5 };
}

/**
 * The calendar's state lives in the address, so every view can be linked and bookmarked:
 * `?ansicht=monat&monat=2026-11&tag=2026-11-24&gremium=<uuid>` or `?zeitraum=vergangen&gremium=<uuid>`.
 * Defaults are left out, so the plain `/sitzungen` is the upcoming list.
 */
export type CalendarView = 'list' | 'month';
export type CalendarPeriod = 'upcoming' | 'past';

export interface CalendarState {
  view: CalendarView;
  period: CalendarPeriod;
  organization: string | null;
  /** `yyyy-mm`; null is the current month. */
  month: string | null;
  /** `yyyy-mm-dd` inside `month`; null selects the first day with a meeting, or today. */
  day: string | null;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
const dayPattern = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Reads the state from the address's query, e.g. `parseCalendarState(new URLSearchParams(location.search))`. */
export function parseCalendarState(params: QueryParams): CalendarState {
  const organization = params.get('gremium');
  const month = params.get('monat');
  const day = params.get('tag');
  return {
    view: params.get('ansicht') === 'monat' ? 'month' : 'list',
    period: params.get('zeitraum') === 'vergangen' ? 'past' : 'upcoming',
    organization: organization && uuid.test(organization) ? organization : null,
    month: month && monthPattern.test(month) ? month : null,
    day: day && dayPattern.test(day) ? day : null,
  };
}

/** What the calendar asks the API for first: the list's first page, or the month. */
export function calendarMeetingQuery(state: CalendarState, today: string): MeetingQuery {
  const organization = state.organization ?? undefined;
  if (state.view === 'month') {
    const month = state.month ?? today.slice(0, 7);
    return { from: `${month}-01`, to: lastDayOfMonth(month), organization, limit: 200 };
  }
  return state.period === 'upcoming'
    ? { from: today, order: 'asc', organization }
    : { to: addDays(today, -1), order: 'desc', organization };
}

/** The public pages whose first view the server can answer ahead: a body's start page and its calendar. */
export interface FirstViewRoute {
  name: 'body' | 'calendar';
  slug: string;
}

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `/:bodySlug` and `/:bodySlug/sitzungen` (one trailing slash tolerated), as the client's router reads them. */
export function matchFirstViewRoute(pathname: string): FirstViewRoute | null {
  const segments = pathname.replace(/^\//, '').replace(/\/$/, '').split('/');
  const [slug, section] = segments;
  if (!slug || !slugPattern.test(slug) || (reservedSlugs as readonly string[]).includes(slug)) return null;
  if (segments.length === 1) return { name: 'body', slug };
  if (segments.length === 2 && section === 'sitzungen') return { name: 'calendar', slug };
  return null;
}

export interface FirstViewRequest {
  path: string;
  /** Kept for the whole visit on the client (a body, its committees); see the client's `ResourceOptions.cache`. */
  cache: boolean;
}

/** What the page's first view shows, in the order the page asks for it; `today` is the Berlin date. */
export function firstViewRequests(route: FirstViewRoute, query: QueryParams, today: string): FirstViewRequest[] {
  const { slug } = route;
  if (route.name === 'body') {
    return [
      { path: bodyPath(slug), cache: true },
      { path: meetingsPath(slug, startPageQuery(today)), cache: false },
    ];
  }
  return [
    { path: bodyPath(slug), cache: true },
    { path: organizationsPath(slug), cache: true },
    { path: meetingsPath(slug, calendarMeetingQuery(parseCalendarState(query), today)), cache: false },
  ];
}

/**
 * On a cold load of a first-view route, index.html carries the answers to `firstViewRequests` in
 * `<script type="application/json" id="…">`, so the page renders without asking again. The answers are the app
 * API's own for an anonymous visitor in `locale`; the client takes them only for the same language.
 */
export const firstViewElementId = 'ratsmappe-first-view';

export interface FirstViewPayload {
  locale: Locale;
  /** API path (exactly as in `firstViewRequests`) → the JSON the API answered. */
  answers: Record<string, unknown>;
}
