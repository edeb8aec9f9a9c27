import type { Body, MeetingSummary, Page } from '@ratsmappe/shared';
import { berlinDate } from '@ratsmappe/shared/time/berlin';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, settle, stubFetch } from '../../test/fetch';
import { cleanup, render } from '../../test/render';
import { BodyStartPage } from './body-start-page';

const body: Body = {
  id: '00000000-0000-4000-8000-0000000000b1',
  slug: 'musterstadt',
  name: 'Stadt Musterstadt',
  shortName: null,
  classification: 'Stadt',
  website: null,
  ags: null,
  streetAddress: 'Marktplatz 1',
  postalCode: '55555',
  locality: 'Musterstadt',
  councilMembersSeeNonPublic: false,
  created: '2026-01-01T00:00:00Z',
  modified: '2026-01-01T00:00:00Z',
};

const meetings: Page<MeetingSummary> = {
  data: [
    {
      id: '00000000-0000-4000-8000-000000000001',
      bodyId: body.id,
      name: 'Sitzung des Stadtrats',
      state: 'invited',
      cancelled: false,
      start: '2026-11-24T17:00:00Z',
      end: null,
      organizations: [{ id: '00000000-0000-4000-8000-0000000000c1', name: 'Stadtrat', shortName: null }],
      location: null,
      deleted: false,
      modified: '2026-11-01T10:00:00Z',
    },
  ],
  nextCursor: null,
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('BodyStartPage', () => {
  it("lists the body's next meetings from today's Berlin date, each linked to its page", async () => {
    const fetchMock = stubFetch({
      '/api/bodies/musterstadt': () => json(200, body),
      '/api/bodies/musterstadt/meetings': () => json(200, meetings),
    });
    const { container } = render(<BodyStartPage slug="musterstadt" />);
    expect(container.querySelector('[role="status"]')?.textContent).toBe('Sitzungen werden geladen …');
    await settle();

    expect(fetchMock).toHaveBeenCalledWith(
      `/api/bodies/musterstadt/meetings?from=${berlinDate(new Date())}&limit=5`,
      expect.anything(),
    );
    expect(container.querySelector('h1')?.textContent).toBe('Stadt Musterstadt');
    const link = container.querySelector<HTMLAnchorElement>('ol h3 a');
    expect(link?.textContent).toBe('Sitzung des Stadtrats');
    expect(link?.getAttribute('href')).toBe('/musterstadt/sitzungen/00000000-0000-4000-8000-000000000001');
  });

  it('links the calendar, committees, search and the open data doors', async () => {
    stubFetch({
      '/api/bodies/musterstadt': () => json(200, body),
      '/api/bodies/musterstadt/meetings': () => json(200, meetings),
    });
    const { container } = render(<BodyStartPage slug="musterstadt" />);
    await settle();
    const hrefs = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(
      expect.arrayContaining([
        '/musterstadt/sitzungen',
        '/musterstadt/gremien',
        '/musterstadt/suche',
        `/ical/body/${body.id}.ics`,
        `/feeds/body/${body.id}.atom`,
        `/oparl/v1/body/${body.id}`,
      ]),
    );
    expect(container.querySelector('form[role="search"]')?.getAttribute('action')).toBe('/musterstadt/suche');
  });

  it('says when the body does not exist', async () => {
    stubFetch({ '/api/bodies/musterstadt/meetings': () => json(200, { data: [], nextCursor: null }) });
    const { container } = render(<BodyStartPage slug="musterstadt" />);
    await settle();
    expect(container.querySelector('h1')?.textContent).toBe('Seite nicht gefunden');
    expect(container.textContent).toContain('Diese Körperschaft gibt es nicht.');
  });

  it("shows the server's localized error message and can retry", async () => {
    let meetingsAnswer = () =>
      json(503, { error: { code: 'unavailable', message: 'Der Dienst ist vorübergehend nicht verfügbar.' } });
    stubFetch({
      '/api/bodies/musterstadt': () => json(200, body),
      '/api/bodies/musterstadt/meetings': () => meetingsAnswer(),
    });
    const { container } = render(<BodyStartPage slug="musterstadt" />);
    await settle();
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Der Dienst ist vorübergehend nicht verfügbar.');

    meetingsAnswer = () => json(200, meetings);
    act(() => alert?.querySelector('button')?.click());
    await settle();
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(container.querySelectorAll('ol.meeting-list > li')).toHaveLength(1);
  });
});
