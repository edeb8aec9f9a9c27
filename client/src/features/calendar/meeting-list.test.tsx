import type { MeetingSummary } from '@ratsmappe/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '../../test/render';
import { MeetingList } from './meeting-list';

afterEach(cleanup);

function meeting(overrides: Partial<MeetingSummary>): MeetingSummary {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    bodyId: '00000000-0000-4000-8000-0000000000b1',
    name: 'Sitzung des Gemeinderats',
    state: 'invited',
    cancelled: false,
    start: '2026-11-24T17:00:00Z',
    end: null,
    organizations: [{ id: '00000000-0000-4000-8000-0000000000c1', name: 'Gemeinderat', shortName: 'GR' }],
    location: {
      description: 'Rathaus',
      room: 'Großer Sitzungssaal',
      streetAddress: 'Marktplatz 1',
      postalCode: '55555',
      locality: 'Musterstadt',
    },
    deleted: false,
    modified: '2026-11-01T10:00:00Z',
    ...overrides,
  };
}

const council = meeting({});
const cancelledCommittee = meeting({
  id: '00000000-0000-4000-8000-000000000002',
  name: 'Bauausschuss',
  state: 'planned',
  cancelled: true,
  // 23:30 UTC in winter is already the next day in Berlin.
  start: '2026-12-01T23:30:00Z',
  organizations: [
    { id: '00000000-0000-4000-8000-0000000000c2', name: 'Bau- und Umweltausschuss', shortName: null },
    { id: '00000000-0000-4000-8000-0000000000c3', name: 'Haupt- und Finanzausschuss', shortName: null },
  ],
  location: null,
});
const summerHeld = meeting({
  id: '00000000-0000-4000-8000-000000000003',
  name: 'Ortsbeirat',
  state: 'minutes_released',
  start: '2026-07-15T16:30:00Z',
  end: '2026-07-15T18:45:00Z',
});

function articles(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>('ol > li > article')];
}

describe('MeetingList', () => {
  it('shows weekday, date and Berlin time in German with a machine-readable <time>', () => {
    const { container } = render(<MeetingList meetings={[council, summerHeld]} />);
    const [first, second] = articles(container);

    expect(first?.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-24T17:00:00Z');
    expect(first?.querySelector('time')?.textContent).toBe('Dienstag, 24. November 2026 18:00 Uhr');
    // Summer time: 16:30 UTC is 18:30 in Berlin, and the end time forms a range.
    expect(second?.querySelector('time')?.textContent).toBe('Mittwoch, 15. Juli 2026 18:30 – 20:45 Uhr');
  });

  it('uses the Berlin calendar day, not the UTC day', () => {
    const { container } = render(<MeetingList meetings={[cancelledCommittee]} />);
    expect(container.querySelector('time')?.textContent).toBe('Mittwoch, 2. Dezember 2026 00:30 Uhr');
  });

  it('marks only cancelled meetings with the "abgesagt" badge', () => {
    const { container } = render(<MeetingList meetings={[council, cancelledCommittee]} />);
    const [active, cancelled] = articles(container);

    expect(active?.querySelector('.badge--cancelled')).toBeNull();
    expect(active?.textContent).not.toContain('abgesagt');
    expect(cancelled?.querySelector('.badge--cancelled')?.textContent).toBe('abgesagt');
  });

  it('names the meeting, its committees, its place and its state in German', () => {
    const { container } = render(<MeetingList meetings={[council, cancelledCommittee, summerHeld]} />);
    const [first, second, third] = articles(container);

    expect(first?.querySelector('h3')?.textContent).toBe('Sitzung des Gemeinderats');
    expect(first?.querySelector('dl')?.textContent).toContain('Gemeinderat');
    expect(first?.querySelector('dl')?.textContent).toContain(
      'Rathaus, Großer Sitzungssaal, Marktplatz 1, 55555 Musterstadt',
    );
    expect(first?.textContent).toContain('eingeladen');
    expect(second?.querySelector('dl')?.textContent).toContain('Bau- und Umweltausschuss, Haupt- und Finanzausschuss');
    expect([...(second?.querySelectorAll('dt') ?? [])].map((dt) => dt.textContent)).toEqual(['Gremium']);
    expect(second?.textContent).toContain('geplant');
    expect(third?.textContent).toContain('Niederschrift veröffentlicht');
  });

  it('switches labels and date format to English', () => {
    const { container } = render(<MeetingList meetings={[cancelledCommittee]} />, { locale: 'en' });
    // ICU versions differ on the comma after the weekday in en-GB; the rest is fixed.
    expect(container.querySelector('time')?.textContent).toMatch(/^Wednesday,? 2 December 2026 00:30$/);
    expect(container.querySelector('.badge--cancelled')?.textContent).toBe('cancelled');
  });
});
