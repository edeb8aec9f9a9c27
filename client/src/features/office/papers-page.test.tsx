import type { Paper } from '@ratsmappe/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../data/session';
import { json, settle, stubApi } from '../../test/fetch';
import { buttonNamed, byLabel, click, fill, submit } from '../../test/forms';
import { cleanup, render } from '../../test/render';
import { PapersPage } from './papers-page';

const body = { id: '00000000-0000-4000-8000-0000000000b1', slug: 'vg-lindenau', name: 'Verbandsgemeinde Lindenau' };
const session = {
  account: { id: '00000000-0000-4000-8000-0000000000a1', email: 'x@example.org', displayName: 'X', locale: 'de' },
  systemAdmin: false,
  officeStaffBodyIds: [body.id],
  personIds: [],
};

function paper(n: number, overrides: Partial<Paper> = {}): Paper {
  return {
    id: `00000000-0000-4000-8000-00000000010${n}`,
    bodyId: body.id,
    name: `Vorlage ${n}`,
    reference: `000${n}/2026`,
    date: '2026-03-02',
    paperType: 'Beschlussvorlage',
    public: true,
    deleted: false,
    created: '2026-03-02T10:00:00.000Z',
    modified: '2026-03-02T10:00:00.000Z',
    ...overrides,
  };
}

const office = {
  'GET /api/session': () => json(200, session),
  'GET /api/bodies/vg-lindenau': () => json(200, body),
};

describe('PapersPage', () => {
  beforeEach(() => {
    resetSession();
    window.history.replaceState(null, '', '/verwaltung/vg-lindenau/vorlagen');
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  it('lists the papers with reference, type, date and visibility, and loads more on request', async () => {
    const { calls } = stubApi({
      ...office,
      'GET /api/bodies/vg-lindenau/papers': (call) =>
        call.url.includes('cursor=')
          ? json(200, { data: [paper(3)], nextCursor: null })
          : json(200, { data: [paper(1), paper(2, { public: false, paperType: 'Antrag' })], nextCursor: 'c1' }),
    });
    const { container } = render(<PapersPage slug="vg-lindenau" />, { locale: 'de' });
    await settle();
    const rows = [...container.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent),
    );
    expect(rows).toEqual([
      ['0001/2026', 'Vorlage 1', 'Beschlussvorlage', '02.03.2026', 'öffentlich'],
      ['0002/2026', 'Vorlage 2', 'Antrag', '02.03.2026', 'nicht öffentlich'],
    ]);
    expect(container.querySelector('tbody a')!.getAttribute('href')).toBe(
      `/verwaltung/vg-lindenau/vorlagen/${paper(1).id}`,
    );
    expect(container.querySelector('[role="status"]')!.textContent).toBe(
      'Angezeigte Vorlagen: 2; weitere mit „Mehr laden“.',
    );
    click(buttonNamed(container, 'Mehr laden'));
    await settle();
    expect(container.querySelectorAll('tbody tr')).toHaveLength(3);
    expect(calls.filter((c) => c.url.startsWith('/api/bodies/vg-lindenau/papers')).map((c) => c.url)).toEqual([
      '/api/bodies/vg-lindenau/papers?limit=25',
      '/api/bodies/vg-lindenau/papers?limit=25&cursor=c1',
    ]);
  });

  it('puts the filters into the address and asks the server with them', async () => {
    const { calls } = stubApi({
      ...office,
      'GET /api/bodies/vg-lindenau/papers': () => json(200, { data: [], nextCursor: null }),
    });
    const { container } = render(<PapersPage slug="vg-lindenau" />, { locale: 'de' });
    await settle();
    expect(container.textContent).toContain('Keine Vorlagen gefunden.');
    fill(byLabel(container, 'Suche (Drucksachennummer oder Titel)'), 'Radweg');
    fill(byLabel<HTMLSelectElement>(container, 'Art'), 'Antrag');
    fill(byLabel(container, 'Jahr'), '2026');
    fill(byLabel<HTMLSelectElement>(container, 'Sichtbarkeit'), 'non-public');
    submit(container.querySelector<HTMLFormElement>('form[role="search"]')!);
    await settle();
    expect(window.location.search).toBe('?q=Radweg&art=Antrag&jahr=2026&sichtbarkeit=nicht-oeffentlich');
    expect(calls.at(-1)!.url).toBe(
      '/api/bodies/vg-lindenau/papers?q=Radweg&type=Antrag&year=2026&public=false&limit=25',
    );
    // The form shows the filters of the address it came from.
    expect(byLabel(container, 'Suche (Drucksachennummer oder Titel)').value).toBe('Radweg');
  });

  it('refuses a year that is not four digits, with the reason at the field', async () => {
    const { calls } = stubApi({
      ...office,
      'GET /api/bodies/vg-lindenau/papers': () => json(200, { data: [], nextCursor: null }),
    });
    const { container } = render(<PapersPage slug="vg-lindenau" />, { locale: 'de' });
    await settle();
    const year = byLabel(container, 'Jahr');
    fill(year, '26');
    submit(container.querySelector<HTMLFormElement>('form[role="search"]')!);
    await settle();
    expect(year.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(year.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Bitte eine Jahreszahl mit vier Ziffern eingeben.',
    );
    expect(calls.filter((c) => c.url.includes('/papers'))).toHaveLength(1);
  });

  it('creates a paper after checking the required fields, and opens it', async () => {
    const created = paper(7, { name: 'Neue Satzung', reference: '0007/2026', public: false });
    const { calls } = stubApi({
      ...office,
      'GET /api/bodies/vg-lindenau/papers': () => json(200, { data: [], nextCursor: null }),
      'POST /api/bodies/vg-lindenau/papers': () => json(201, created),
    });
    const { container } = render(<PapersPage slug="vg-lindenau" />, { locale: 'de' });
    await settle();
    const form = byLabel(container, 'Titel der Vorlage').form!;
    submit(form);
    const name = byLabel(container, 'Titel der Vorlage');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(form.textContent).toContain('Bitte ausfüllen.');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fill(name, '  Neue Satzung ');
    fill(byLabel<HTMLSelectElement>(container, 'Art der Vorlage'), 'Mitteilung');
    fill(byLabel(container, 'Datum der Vorlage'), '2026-05-04');
    fill(byLabel<HTMLTextAreaElement>(container, 'Text (Sachverhalt, Beschlussvorschlag)'), 'Sachverhalt.');
    submit(form);
    await settle();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      name: 'Neue Satzung',
      paperType: 'Mitteilung',
      date: '2026-05-04',
      bodyText: 'Sachverhalt.',
      public: false,
    });
    expect(window.location.pathname).toBe(`/verwaltung/vg-lindenau/vorlagen/${created.id}`);
  });

  it('shows the server’s reasons in English for an English user', async () => {
    stubApi({
      ...office,
      'GET /api/bodies/vg-lindenau/papers': () => json(200, { data: [], nextCursor: null }),
      'POST /api/bodies/vg-lindenau/papers': () =>
        json(400, {
          error: {
            code: 'validation_failed',
            message: 'Some fields are invalid. Please check the marked fields.',
            issues: [{ path: 'date', message: 'Invalid ISO date' }],
          },
        }),
    });
    const { container } = render(<PapersPage slug="vg-lindenau" />, { locale: 'en' });
    await settle();
    fill(byLabel(container, 'Title of the paper'), 'Budget');
    fill(byLabel(container, 'Date of the paper'), '2026-05-04');
    const form = byLabel(container, 'Title of the paper').form!;
    submit(form);
    await settle();
    expect(form.querySelector('[role="alert"]')!.textContent).toBe(
      'Some fields are invalid. Please check the marked fields.',
    );
    expect(byLabel(container, 'Date of the paper').getAttribute('aria-invalid')).toBe('true');
    expect(form.textContent).toContain('Invalid ISO date');
  });
});
