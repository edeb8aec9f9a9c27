import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

// A few dozen lines of History API instead of a router dependency: the public site's routes are fixed by
// docs/conventions.md, and the tablet app's routes will come with their own data loading, which is the point to
// choose a router for real.
const navigationEvent = 'ratsmappe:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(navigationEvent, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(navigationEvent, onChange);
  };
}

/** The address a server-side render is for (see prerender.tsx); browsers read `window.location`. */
let serverLocation = { pathname: '/', search: '' };

export function setServerLocation(pathname: string, search: string): void {
  serverLocation = { pathname, search };
}

export function usePathname(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.pathname,
    () => serverLocation.pathname,
  );
}

/** The query string including its `?` (or ''); page state such as filters lives there so it can be linked. */
export function useSearch(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.search,
    () => serverLocation.search,
  );
}

export interface NavigateOptions {
  /** Replace the history entry (filter changes) instead of adding one. */
  replace?: boolean;
  /** Keep the scroll position: the page stays the same, only part of it changes. */
  keepScroll?: boolean;
}

export function navigate(to: string, options: NavigateOptions = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  if (!options.keepScroll) window.scrollTo(0, 0);
  window.dispatchEvent(new Event(navigationEvent));
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; keepScroll?: boolean };

/** A real <a href> (open in new tab, copy link and crawlers keep working) that navigates in place on plain clicks. */
export function Link({ to, onClick, keepScroll, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
    if (event.defaultPrevented || event.button !== 0 || modified || rest.target || rest.download !== undefined) return;
    event.preventDefault();
    navigate(to, { keepScroll });
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}

export type Route =
  | { name: 'bodies' }
  | { name: 'body'; slug: string }
  | { name: 'calendar'; slug: string }
  | { name: 'meeting'; slug: string; id: string }
  | { name: 'paper'; slug: string; id: string }
  | { name: 'organizations'; slug: string }
  | { name: 'organization'; slug: string; id: string }
  | { name: 'person'; slug: string; id: string }
  | { name: 'search'; slug: string }
  | { name: 'sign-in' }
  | { name: 'account-setup' }
  | { name: 'office'; bodySlug: string }
  | { name: 'office-meeting'; bodySlug: string; id: string }
  | { name: 'office-audit'; bodySlug: string }
  | { name: 'office-papers'; bodySlug: string }
  | { name: 'office-paper'; bodySlug: string; id: string }
  | { name: 'office-master-data'; bodySlug: string; section: MasterDataSection | null; id: string | null }
  | { name: 'office-account'; bodySlug: string }
  | { name: 'office-accounts'; bodySlug: string }
  | { name: 'office-account-devices'; bodySlug: string; id: string }
  | TabletRoute
  | { name: 'not-found' };

/** The councillors' offline app under `/app` (a reserved slug). */
export type TabletRoute =
  | { name: 'tablet-home' }
  | { name: 'tablet-meeting'; id: string }
  | { name: 'tablet-document'; fileId: string }
  | { name: 'tablet-search' }
  | { name: 'tablet-storage' }
  | { name: 'tablet-devices' };

/** The office's master data, by German path segment (`/verwaltung/:bodySlug/stammdaten/gremien`, …). */
export const masterDataSections = ['gremien', 'personen', 'wahlperioden', 'orte'] as const;
export type MasterDataSection = (typeof masterDataSections)[number];
/** Sections whose objects have a page of their own (`…/gremien/:id`); the others are edited in their list. */
const masterDataDetailSections: readonly MasterDataSection[] = ['gremien', 'personen'];

/** Pages outside a body's public site: sign-in, account set-up, the office workspace and the tablet app. */
export type StaffRoute =
  | Extract<
      Route,
      {
        name:
          | 'sign-in'
          | 'account-setup'
          | 'office'
          | 'office-meeting'
          | 'office-audit'
          | 'office-papers'
          | 'office-paper'
          | 'office-master-data'
          | 'office-account'
          | 'office-accounts'
          | 'office-account-devices';
      }
    >
  | TabletRoute;

export type BodyRoute = Exclude<Route, { name: 'bodies' } | { name: 'not-found' } | StaffRoute>;

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The public page routes of docs/conventions.md; German path segments, objects by uuid. */
export function matchRoute(pathname: string): Route {
  // One trailing slash is tolerated ("/musterstadt/"), empty segments elsewhere are not.
  const trimmed = pathname.replace(/^\//, '').replace(/\/$/, '');
  if (trimmed === '') return { name: 'bodies' };
  const segments = trimmed.split('/');
  if (segments.includes('')) return { name: 'not-found' };
  const staff = matchStaffRoute(segments);
  if (staff) return staff;
  const [slug, section, id, ...rest] = segments;
  if (!slug || !slugPattern.test(slug) || rest.length > 0) return { name: 'not-found' };
  if (section === undefined) return { name: 'body', slug };
  if (id === undefined) {
    if (section === 'sitzungen') return { name: 'calendar', slug };
    if (section === 'gremien') return { name: 'organizations', slug };
    if (section === 'suche') return { name: 'search', slug };
    return { name: 'not-found' };
  }
  if (!uuidPattern.test(id)) return { name: 'not-found' };
  if (section === 'sitzungen') return { name: 'meeting', slug, id };
  if (section === 'vorlagen') return { name: 'paper', slug, id };
  if (section === 'gremien') return { name: 'organization', slug, id };
  if (section === 'personen') return { name: 'person', slug, id };
  return { name: 'not-found' };
}

/** These first segments are reserved slugs (shared `reservedSlugs`), so no body can shadow them. */
function matchStaffRoute(segments: string[]): Route | null {
  const [first, slug, section, id, ...rest] = segments;
  if (first === 'anmelden') return segments.length === 1 ? { name: 'sign-in' } : { name: 'not-found' };
  if (first === 'konto') {
    return segments.length === 2 && slug === 'einrichten' ? { name: 'account-setup' } : { name: 'not-found' };
  }
  if (first === 'app') return matchTabletRoute(segments.slice(1));
  if (first !== 'verwaltung') return null;
  if (!slug || !slugPattern.test(slug)) return { name: 'not-found' };
  if (section === 'stammdaten') return matchMasterDataRoute(slug, id, rest);
  if (rest.length > 0) return { name: 'not-found' };
  if (section === undefined) return { name: 'office', bodySlug: slug };
  if (section === 'protokoll' && id === undefined) return { name: 'office-audit', bodySlug: slug };
  if (section === 'vorlagen' && id === undefined) return { name: 'office-papers', bodySlug: slug };
  if (section === 'vorlagen' && id !== undefined && uuidPattern.test(id)) {
    return { name: 'office-paper', bodySlug: slug, id };
  }
  if (section === 'konto' && id === undefined) return { name: 'office-account', bodySlug: slug };
  if (section === 'konten' && id === undefined) return { name: 'office-accounts', bodySlug: slug };
  if (section === 'konten' && id !== undefined && uuidPattern.test(id)) {
    return { name: 'office-account-devices', bodySlug: slug, id };
  }
  if (section === 'sitzungen' && id !== undefined && uuidPattern.test(id)) {
    return { name: 'office-meeting', bodySlug: slug, id };
  }
  return { name: 'not-found' };
}

function matchTabletRoute(segments: string[]): Route {
  const [section, id, ...rest] = segments;
  if (rest.length > 0) return { name: 'not-found' };
  if (section === undefined) return { name: 'tablet-home' };
  if (id === undefined) {
    if (section === 'speicher') return { name: 'tablet-storage' };
    if (section === 'geraete') return { name: 'tablet-devices' };
    if (section === 'suche') return { name: 'tablet-search' };
    return { name: 'not-found' };
  }
  if (!uuidPattern.test(id)) return { name: 'not-found' };
  if (section === 'sitzungen') return { name: 'tablet-meeting', id };
  if (section === 'dokumente') return { name: 'tablet-document', fileId: id };
  return { name: 'not-found' };
}

function matchMasterDataRoute(bodySlug: string, section: string | undefined, rest: string[]): Route {
  if (section === undefined) return { name: 'office-master-data', bodySlug, section: null, id: null };
  const known = (masterDataSections as readonly string[]).includes(section) ? (section as MasterDataSection) : null;
  const [id, ...more] = rest;
  if (!known || more.length > 0) return { name: 'not-found' };
  if (id === undefined) return { name: 'office-master-data', bodySlug, section: known, id: null };
  if (!masterDataDetailSections.includes(known) || !uuidPattern.test(id)) return { name: 'not-found' };
  return { name: 'office-master-data', bodySlug, section: known, id };
}

/** Page URLs, built in one place so links and routes cannot drift apart. */
export const paths = {
  body: (slug: string) => `/${slug}`,
  calendar: (slug: string, query = '') => `/${slug}/sitzungen${query}`,
  meeting: (slug: string, id: string) => `/${slug}/sitzungen/${id}`,
  paper: (slug: string, id: string) => `/${slug}/vorlagen/${id}`,
  organizations: (slug: string) => `/${slug}/gremien`,
  organization: (slug: string, id: string) => `/${slug}/gremien/${id}`,
  person: (slug: string, id: string) => `/${slug}/personen/${id}`,
  search: (slug: string, query = '') => `/${slug}/suche${query}`,
  signIn: (returnTo?: string) => (returnTo ? `/anmelden?zurueck=${encodeURIComponent(returnTo)}` : '/anmelden'),
  office: (slug: string) => `/verwaltung/${slug}`,
  officeMeeting: (slug: string, id: string) => `/verwaltung/${slug}/sitzungen/${id}`,
  officeAudit: (slug: string) => `/verwaltung/${slug}/protokoll`,
  officePapers: (slug: string, query = '') => `/verwaltung/${slug}/vorlagen${query}`,
  officePaper: (slug: string, id: string) => `/verwaltung/${slug}/vorlagen/${id}`,
  tabletHome: () => '/app',
  tabletMeeting: (id: string) => `/app/sitzungen/${id}`,
  /**
   * `seite`: page to open at; `neben`: a second document beside it; `suche`: a term the find bar looks for;
   * `fassung`: an older version of the file, read-only.
   */
  tabletDocument: (
    fileId: string,
    options: { page?: number | null; beside?: string | null; find?: string | null; version?: number | null } = {},
  ) => {
    const query = new URLSearchParams();
    if (options.version) query.set('fassung', String(options.version));
    if (options.page && options.page > 1) query.set('seite', String(options.page));
    if (options.beside) query.set('neben', options.beside);
    if (options.find) query.set('suche', options.find);
    const search = query.toString();
    return `/app/dokumente/${fileId}${search ? `?${search}` : ''}`;
  },
  tabletSearch: (query = '') => `/app/suche${query ? `?q=${encodeURIComponent(query)}` : ''}`,
  tabletStorage: () => '/app/speicher',
  tabletDevices: () => '/app/geraete',
  officeMasterData: (slug: string, section?: MasterDataSection, id?: string, query = '') =>
    `/verwaltung/${slug}/stammdaten${section ? `/${section}` : ''}${id ? `/${id}` : ''}${query}`,
  officeAccount: (slug: string) => `/verwaltung/${slug}/konto`,
  officeAccounts: (slug: string) => `/verwaltung/${slug}/konten`,
  officeAccountDevices: (slug: string, accountId: string) => `/verwaltung/${slug}/konten/${accountId}`,
  /** Server doors (plain links, not in-app navigation). */
  file: (id: string) => `/files/${id}`,
  fileDownload: (id: string) => `/files/${id}/download`,
  fileVersion: (id: string, version: number) => `/files/${id}/versions/${version}`,
  bodyIcal: (bodyId: string) => `/ical/body/${bodyId}.ics`,
  organizationIcal: (organizationId: string) => `/ical/organization/${organizationId}.ics`,
  meetingIcal: (meetingId: string) => `/ical/meeting/${meetingId}.ics`,
  bodyAtom: (bodyId: string) => `/feeds/body/${bodyId}.atom`,
  bodyOparl: (bodyId: string) => `/oparl/v1/body/${bodyId}`,
};
