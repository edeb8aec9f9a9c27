import type { Body, MeetingSummary, Page } from '@ratsmappe/shared';
import { berlinDate } from '@ratsmappe/shared/time/berlin';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from '../../test/render';
import { BodyCalendarPage } from './body-calendar-page';

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

function json(status: number, payload: unknown): Response {
  return new Response(JSON.stringify(payload), { status, headers: { 'Content-Type': 'application/json' } });
}

/** Lets pending fetches settle and React commit what they set. */
async function settle(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('BodyCalendarPage', () => {
  it("asks for the body's meetings from today's Berlin date and lists them", async () => {
    const fetchMock = vi.fn((url: string) =>
      Promise.resolve(url === '/api/bodies' ? json(200, { data: [body] }) : json(200, meetings)),
    );
    vi.stubGlobal('fetch', fetchMock);

    const { container } = render(<BodyCalendarPage slug="musterstadt" />);
    expect(container.querySelector('[role="status"]')?.textContent).toBe('Sitzungen werden geladen …');
    await settle();

    expect(fetchMock).toHaveBeenCalledWith(
      `/api/bodies/musterstadt/meetings?from=${berlinDate(new Date())}&limit=20`,
      expect.anything(),
    );
    expect(container.querySelector('h1')?.textContent).toBe('Stadt Musterstadt');
    expect([...container.querySelectorAll('ol h3')].map((h) => h.textContent)).toEqual(['Sitzung des Stadtrats']);
  });

  it("shows the server's localized error message and can retry", async () => {
    let meetingsAnswer = json(503, {
      error: { code: 'unavailable', message: 'Der Dienst ist vorübergehend nicht verfügbar.' },
    });
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string) => Promise.resolve(url === '/api/bodies' ? json(200, { data: [body] }) : meetingsAnswer)),
    );

    const { container } = render(<BodyCalendarPage slug="musterstadt" />);
    await settle();
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Der Dienst ist vorübergehend nicht verfügbar.');

    meetingsAnswer = json(200, meetings);
    act(() => alert?.querySelector('button')?.click());
    await settle();
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(container.querySelectorAll('ol > li')).toHaveLength(1);
  });

  it('says so when the server cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const { container } = render(<BodyCalendarPage slug="musterstadt" />);
    await settle();
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('Keine Verbindung zum Server.');
  });
});
