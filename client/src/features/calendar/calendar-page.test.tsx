import type { MeetingSummary, Organization } from '@ratsmappe/shared';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, settle, stubFetch } from '../../test/fetch';
import { cleanup, render } from '../../test/render';
import { CalendarPage } from './calendar-page';

const body = { id: '00000000-0000-4000-8000-0000000000b1', slug: 'vg-lindenau', name: 'Verbandsgemeinde Lindenau' };
const committee: Organization = {
  id: '00000000-0000-4000-8000-0000000000c1',
  bodyId: body.id,
  kind: 'committee',
  name: 'Bau- und Umweltausschuss',
  shortName: 'BUA',
  classification: null,
  legislativeTermId: null,
  startDate: null,
  endDate: null,
  deleted: false,
  created: '2026-01-01T00:00:00Z',
  modified: '2026-01-01T00:00:00Z',
};
const faction: Organization = {
  ...committee,
  id: '00000000-0000-4000-8000-0000000000c2',
  kind: 'faction',
  name: 'SPD-Fraktion',
};
const meeting: MeetingSummary = {
  id: '00000000-0000-4000-8000-000000000001',
  bodyId: body.id,
  name: '12. Sitzung des Bau- und Umweltausschusses',
  state: 'invited',
  cancelled: false,
  start: '2026-11-24T16:00:00Z',
  end: null,
  organizations: [{ id: committee.id, name: committee.name, shortName: 'BUA' }],
  location: null,
  deleted: false,
  modified: '2026-11-01T10:00:00Z',
};

function stub() {
  return stubFetch({
    '/api/bodies/vg-lindenau': () => json(200, body),
    '/api/bodies/vg-lindenau/organizations': () => json(200, { data: [committee, faction] }),
    '/api/bodies/vg-lindenau/meetings': () => json(200, { data: [meeting], nextCursor: null }),
  });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('CalendarPage', () => {
  it('opens the month and day named in the address and lists that day’s meetings', async () => {
    window.history.replaceState(null, '', '/vg-lindenau/sitzungen?ansicht=monat&monat=2026-11&tag=2026-11-24');
    const fetchMock = stub();
    const { container } = render(<CalendarPage slug="vg-lindenau" />);
    await settle();

    expect(fetchMock).toHaveBeenCalledWith(
      '/api/bodies/vg-lindenau/meetings?from=2026-11-01&to=2026-11-30&limit=200',
      expect.anything(),
    );
    expect(container.querySelector('h2')?.textContent).toBe('November 2026');
    expect(container.querySelector('td[aria-selected="true"] button')?.getAttribute('data-day')).toBe('2026-11-24');
    const day = container.querySelector('.day-meetings')!;
    expect(day.querySelector('h3')?.textContent).toBe('Sitzungen am Dienstag, 24. November 2026');
    expect(day.querySelector('h4 a')?.getAttribute('href')).toBe(`/vg-lindenau/sitzungen/${meeting.id}`);
  });

  it('offers committees, not factions, and keeps the chosen committee in the address', async () => {
    window.history.replaceState(null, '', '/vg-lindenau/sitzungen');
    const fetchMock = stub();
    const { container } = render(<CalendarPage slug="vg-lindenau" />);
    await settle();
    const select = container.querySelector<HTMLSelectElement>('select')!;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Alle Gremien', 'Bau- und Umweltausschuss']);

    act(() => {
      select.value = committee.id;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
    expect(window.location.search).toBe(`?gremium=${committee.id}`);
    expect(fetchMock.mock.calls.map(([url]) => String(url))).toContainEqual(
      expect.stringContaining(`organization=${committee.id}`),
    );
    expect(
      container.querySelector('a[href="/vg-lindenau/sitzungen?zeitraum=vergangen&gremium=' + committee.id + '"]'),
    ).not.toBeNull();
  });
});
