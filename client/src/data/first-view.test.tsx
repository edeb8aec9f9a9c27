import type { Body, MeetingSummary, Organization, Page } from '@ratsmappe/shared';
import { berlinDate } from '@ratsmappe/shared/time/berlin';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { matchRoute } from '../app/router';
import { BodyStartPage } from '../features/body/body-start-page';
import { CalendarPage } from '../features/calendar/calendar-page';
import { json, settle, stubFetch } from '../test/fetch';
import { cleanup, render } from '../test/render';
import { takeFirstViewAnswers } from './first-view';
import { prefetchRouteData } from './route-data';

const body: Body = {
  id: '00000000-0000-4000-8000-0000000000b1',
  slug: 'musterstadt',
  name: 'Stadt Musterstadt',
  shortName: null,
  classification: 'Stadt',
  website: null,
  ags: null,
  streetAddress: null,
  postalCode: null,
  locality: null,
  councilMembersSeeNonPublic: false,
  created: '2026-01-01T00:00:00Z',
  modified: '2026-01-01T00:00:00Z',
};
const committee: Organization = {
  id: '00000000-0000-4000-8000-0000000000c1',
  bodyId: body.id,
  kind: 'committee',
  name: 'Bauausschuss',
  shortName: null,
  classification: null,
  legislativeTermId: null,
  startDate: null,
  endDate: null,
  deleted: false,
  created: '2026-01-01T00:00:00Z',
  modified: '2026-01-01T00:00:00Z',
};
const meetings: Page<MeetingSummary> = {
  data: [
    {
      id: '00000000-0000-4000-8000-000000000001',
      bodyId: body.id,
      name: '7. Sitzung des Bauausschusses',
      state: 'invited',
      cancelled: false,
      start: '2099-11-24T17:00:00Z',
      end: null,
      organizations: [{ id: committee.id, name: committee.name, shortName: null }],
      location: null,
      deleted: false,
      modified: '2026-11-01T10:00:00Z',
    },
  ],
  nextCursor: null,
};

/** The element the server puts into index.html (server/src/http/first-view.ts). */
function givenInIndexHtml(locale: string, answers: Record<string, unknown>): void {
  const element = document.createElement('script');
  element.type = 'application/json';
  element.id = 'ratsmappe-first-view';
  element.textContent = JSON.stringify({ locale, answers });
  document.body.append(element);
}

/** What main.tsx does before React renders the first page. */
function startAt(address: string, locale: 'de' | 'en' = 'de'): void {
  window.history.replaceState(null, '', address);
  prefetchRouteData(matchRoute(window.location.pathname), window.location.search, locale, takeFirstViewAnswers(locale));
}

function stubApi() {
  return stubFetch({
    '/api/bodies/musterstadt': () => json(200, body),
    '/api/bodies/musterstadt/organizations': () => json(200, { data: [committee] }),
    '/api/bodies/musterstadt/meetings': () => json(200, meetings),
  });
}

const requested = (fetchMock: ReturnType<typeof stubApi>) => fetchMock.mock.calls.map(([url]) => url);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  document.getElementById('ratsmappe-first-view')?.remove();
  window.history.replaceState(null, '', '/');
});

describe('answers given in index.html', () => {
  it('render the calendar complete on its first pass, and nothing is asked again', async () => {
    const today = berlinDate(new Date());
    const fetchMock = stubApi();
    givenInIndexHtml('de', {
      '/api/bodies/musterstadt': body,
      '/api/bodies/musterstadt/organizations': { data: [committee] },
      [`/api/bodies/musterstadt/meetings?from=${today}&limit=20`]: meetings,
    });
    startAt('/musterstadt/sitzungen');
    expect(document.getElementById('ratsmappe-first-view')).toBeNull();

    const { container } = render(<CalendarPage slug="musterstadt" />);
    // No "loading" pass first: the meeting and the committee choice are there from the first commit.
    expect(container.textContent).not.toContain('werden geladen');
    expect(container.querySelector('h4 a')?.textContent).toBe('7. Sitzung des Bauausschusses');
    expect([...container.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'Alle Gremien',
      'Bauausschuss',
    ]);
    await settle();
    expect(requested(fetchMock)).toEqual([]);
  });

  it('render the start page on its first pass; only the committees (for later pages) are fetched', async () => {
    const today = berlinDate(new Date());
    const fetchMock = stubApi();
    givenInIndexHtml('de', {
      '/api/bodies/musterstadt': body,
      [`/api/bodies/musterstadt/meetings?from=${today}&limit=5`]: meetings,
    });
    startAt('/musterstadt');

    const { container } = render(<BodyStartPage slug="musterstadt" />);
    expect(container.textContent).not.toContain('werden geladen');
    expect(container.querySelector('h1')?.textContent).toBe('Stadt Musterstadt');
    expect(container.querySelector('h3 a')?.textContent).toBe('7. Sitzung des Bauausschusses');
    await settle();
    expect(requested(fetchMock)).toEqual(['/api/bodies/musterstadt/organizations']);
  });

  it('are used once: the same page mounted again later asks the API', async () => {
    const today = berlinDate(new Date());
    const meetingsPath = `/api/bodies/musterstadt/meetings?from=${today}&limit=5`;
    const fetchMock = stubApi();
    givenInIndexHtml('de', { '/api/bodies/musterstadt': body, [meetingsPath]: meetings });
    startAt('/musterstadt');
    render(<BodyStartPage slug="musterstadt" />);
    await settle();
    cleanup();

    render(<BodyStartPage slug="musterstadt" />);
    await settle();
    // The body is remembered for the visit; the meetings are asked for anew.
    expect(requested(fetchMock)).toEqual(['/api/bodies/musterstadt/organizations', meetingsPath]);
  });

  it('are not taken in another language: the page asks the API as without them', async () => {
    const today = berlinDate(new Date());
    const fetchMock = stubApi();
    givenInIndexHtml('de', {
      '/api/bodies/musterstadt': body,
      '/api/bodies/musterstadt/organizations': { data: [committee] },
      [`/api/bodies/musterstadt/meetings?from=${today}&limit=20`]: meetings,
    });
    startAt('/musterstadt/sitzungen', 'en');
    const { container } = render(<CalendarPage slug="musterstadt" />, { locale: 'en' });
    await settle();
    expect(container.querySelector('h4 a')?.textContent).toBe('7. Sitzung des Bauausschusses');
    expect(requested(fetchMock).sort()).toEqual([
      '/api/bodies/musterstadt',
      `/api/bodies/musterstadt/meetings?from=${today}&limit=20`,
      '/api/bodies/musterstadt/organizations',
    ]);
  });

  it('are ignored when they cannot be read, and the page loads as usual', async () => {
    const fetchMock = stubApi();
    const element = document.createElement('script');
    element.type = 'application/json';
    element.id = 'ratsmappe-first-view';
    element.textContent = '{"locale":"de","answers":{';
    document.body.append(element);
    startAt('/musterstadt/sitzungen');
    const { container } = render(<CalendarPage slug="musterstadt" />);
    await settle();
    expect(container.querySelector('h4 a')?.textContent).toBe('7. Sitzung des Bauausschusses');
    expect(requested(fetchMock)).toHaveLength(3);
  });
});
