import { act } from 'react';
import type { Body } from '@ratsmappe/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../data/api';
import { json, settle } from '../../../test/fetch';
import { cleanup, render } from '../../../test/render';
import { describeFailure } from './form-kit';
import { MembershipForm } from './memberships-panel';
import { OrganizationForm } from './organizations-section';
import { PersonForm } from './persons-section';
import { TermForm } from './terms-section';

const body = { id: '00000000-0000-4000-8000-0000000000b1', slug: 'vg-lindenau', name: 'VG Lindenau' } as Body;

type Answer = (init: RequestInit) => Response;

/** Answers by method and path; records what was sent. */
function stubApi(routes: Record<string, Answer>) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  const fetchMock = vi.fn((url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    calls.push({ method, url, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined });
    const answer = routes[`${method} ${url}`] ?? routes[`${method} ${url.split('?')[0]}`];
    return Promise.resolve(answer ? answer(init) : json(200, { data: [] }));
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

function field(container: HTMLElement, label: string): HTMLInputElement | HTMLSelectElement {
  const element = [...container.querySelectorAll('label')].find((l) => l.textContent?.trim() === label);
  if (!element) throw new Error(`no field labelled ${label}`);
  return document.getElementById(element.htmlFor) as HTMLInputElement | HTMLSelectElement;
}

function fill(control: HTMLInputElement | HTMLSelectElement, value: string) {
  const prototype = control instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value')!.set!;
  act(() => {
    setter.call(control, value);
    control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

function submit(container: HTMLElement) {
  act(() => {
    container.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

/** The error text a control points to with aria-describedby. */
function errorOf(control: Element): string | null {
  if (control.getAttribute('aria-invalid') !== 'true') return null;
  const ids = control.getAttribute('aria-describedby')?.split(' ') ?? [];
  return (
    ids.map((id) => document.getElementById(id)).find((e) => e?.className === 'form-field__error')?.textContent ?? null
  );
}

async function frames() {
  await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the legislative term form', () => {
  it('marks empty fields before sending anything and focuses the first of them', async () => {
    const calls = stubApi({});
    const { container } = render(<TermForm slug="vg-lindenau" term={null} onSaved={() => undefined} />, {
      locale: 'de',
    });
    submit(container);
    await frames();
    const name = field(container, 'Bezeichnung');
    expect(errorOf(name)).toBe('Bitte ausfüllen.');
    expect(errorOf(field(container, 'Beginn'))).toBe('Bitte ausfüllen.');
    expect(errorOf(field(container, 'Ende (optional)'))).toBeNull();
    expect(document.activeElement).toBe(name);
    expect(calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });

  it('shows the server’s field issues at their fields and other issues in the form’s message', async () => {
    const calls = stubApi({
      'POST /api/bodies/vg-lindenau/legislative-terms': () =>
        json(400, {
          error: {
            code: 'validation_failed',
            message: 'Some fields are invalid. Please check the marked fields.',
            issues: [
              { path: 'endDate', message: 'The end must not be before the start.' },
              { path: '(root)', message: 'Something else.' },
            ],
          },
        }),
    });
    const saved = vi.fn();
    const { container } = render(<TermForm slug="vg-lindenau" term={null} onSaved={saved} />, { locale: 'en' });
    fill(field(container, 'Name'), ' Wahlperiode 2024–2029 ');
    fill(field(container, 'Start'), '2024-07-01');
    submit(container);
    await settle();
    await frames();
    // Under load the answer and the focus move can take more than the fixed frames: wait for them.
    const end = field(container, 'End (optional)');
    await vi.waitFor(() => {
      expect(calls.at(-1)).toEqual({
        method: 'POST',
        url: '/api/bodies/vg-lindenau/legislative-terms',
        body: { name: 'Wahlperiode 2024–2029', startDate: '2024-07-01', endDate: null },
      });
      expect(errorOf(end)).toBe('The end must not be before the start.');
      expect(document.activeElement).toBe(end);
    });
    expect(container.querySelector('[role="alert"]')!.textContent).toBe(
      'Some fields are invalid. Please check the marked fields. Something else.',
    );
    expect(saved).not.toHaveBeenCalled();
  });

  it('sends a change of an existing term and reports it saved', async () => {
    const term = {
      id: '00000000-0000-4000-8000-0000000000e1',
      bodyId: body.id,
      name: 'WP',
      startDate: '2024-07-01',
      endDate: null,
      organizationCount: 0,
      deleted: false,
      created: '',
      modified: '',
    };
    const calls = stubApi({
      [`PATCH /api/legislative-terms/${term.id}`]: () => json(200, { ...term, endDate: '2029-06-30' }),
    });
    const saved = vi.fn();
    const { container } = render(<TermForm slug="vg-lindenau" term={term} onSaved={saved} />, { locale: 'de' });
    fill(field(container, 'Ende (optional)'), '2029-06-30');
    submit(container);
    await settle();
    expect(calls.at(-1)?.body).toEqual({ name: 'WP', startDate: '2024-07-01', endDate: '2029-06-30' });
    expect(saved).toHaveBeenCalledWith(expect.objectContaining({ endDate: '2029-06-30' }));
    expect(container.querySelector('[role="alert"]')!.textContent).toBe('');
  });
});

describe('the organization form', () => {
  it('offers the kinds and the body’s legislative terms, and refuses an end before the start', async () => {
    stubApi({
      'GET /api/bodies/vg-lindenau/legislative-terms': () =>
        json(200, { data: [{ id: 't1', name: 'Wahlperiode 2024–2029', startDate: '2024-07-01', endDate: null }] }),
    });
    const { container } = render(<OrganizationForm body={body} organization={null} onSaved={() => undefined} />, {
      locale: 'de',
    });
    await settle();
    const kinds = [...(field(container, 'Art') as HTMLSelectElement).options].map((o) => o.textContent);
    expect(kinds).toEqual(['Rat', 'Ausschuss', 'Fraktion', 'Beirat', 'Verwaltung', 'Sonstiges']);
    const terms = [...(field(container, 'Wahlperiode (optional)') as HTMLSelectElement).options].map(
      (o) => o.textContent,
    );
    expect(terms).toEqual(['Keine', 'Wahlperiode 2024–2029 (seit 01.07.2024)']);
    fill(field(container, 'Name'), 'Bauausschuss');
    fill(field(container, 'Beginn (optional)'), '2025-01-01');
    fill(field(container, 'Ende (optional)'), '2024-01-01');
    submit(container);
    await frames();
    expect(errorOf(field(container, 'Ende (optional)'))).toBe('Das Ende darf nicht vor dem Beginn liegen.');
  });
});

describe('the person form', () => {
  it('words an invalid e-mail address in English and sends titles as a list', async () => {
    const calls = stubApi({
      'POST /api/bodies/vg-lindenau/persons': () => json(201, { id: 'x', name: 'Dr. Lea Sonnenberg', title: ['Dr.'] }),
    });
    const saved = vi.fn();
    const { container } = render(<PersonForm slug="vg-lindenau" person={null} contact={null} onSaved={saved} />, {
      locale: 'en',
    });
    fill(field(container, 'Given name'), 'Lea');
    fill(field(container, 'Family name'), 'Sonnenberg');
    fill(field(container, 'E-mail address (optional)'), 'lea@');
    submit(container);
    await frames();
    expect(errorOf(field(container, 'E-mail address (optional)'))).toBe(
      'Please enter a valid e-mail address, e.g. name@example.org.',
    );
    fill(field(container, 'E-mail address (optional)'), 'lea@example.org');
    fill(field(container, 'Titles (optional)'), 'Dr.,  Prof.');
    submit(container);
    await settle();
    expect(calls.at(-1)?.body).toEqual({
      formOfAddress: null,
      title: ['Dr.', 'Prof.'],
      givenName: 'Lea',
      familyName: 'Sonnenberg',
      email: 'lea@example.org',
      phone: null,
      contactPublic: false,
    });
    expect(saved).toHaveBeenCalled();
  });
});

describe('the membership form', () => {
  const committee = {
    id: '00000000-0000-4000-8000-0000000000c1',
    bodyId: body.id,
    kind: 'committee' as const,
    name: 'Bauausschuss',
    shortName: null,
    classification: null,
    legislativeTermId: null,
    startDate: null,
    endDate: null,
    deleted: false,
    created: '',
    modified: '',
  };

  it('asks for the person and the start, and leads to the account page when a second factor is required', async () => {
    const calls = stubApi({
      'GET /api/bodies/vg-lindenau/persons': () =>
        json(200, {
          data: [
            {
              id: 'p1',
              name: 'Lea Sonnenberg',
              givenName: 'Lea',
              familyName: 'Sonnenberg',
              faction: { id: 'f1', name: 'SPD-Fraktion', shortName: 'SPD' },
            },
          ],
        }),
      'GET /api/bodies/vg-lindenau/organizations': () =>
        json(200, { data: [committee, { ...committee, id: 'f1', kind: 'faction', name: 'SPD-Fraktion' }] }),
      'POST /api/bodies/vg-lindenau/memberships': () =>
        json(403, {
          error: {
            code: 'totp_enrolment_required',
            message: 'Ihre Verwaltung verlangt für Ihr Konto einen zweiten Faktor.',
          },
        }),
    });
    const { container } = render(
      <MembershipForm
        slug="vg-lindenau"
        side={{ kind: 'organization', organization: committee }}
        membership={null}
        onSaved={() => undefined}
      />,
      { locale: 'de' },
    );
    await settle();
    submit(container);
    await frames();
    expect(errorOf(field(container, 'Person'))).toBe('Bitte ausfüllen.');
    expect(errorOf(field(container, 'Beginn'))).toBe('Bitte ausfüllen.');
    expect(document.activeElement).toBe(field(container, 'Person'));
    const factions = [...(field(container, 'Für Fraktion (optional)') as HTMLSelectElement).options].map(
      (o) => o.textContent,
    );
    expect(factions).toEqual(['Keine', 'SPD-Fraktion']);

    fill(field(container, 'Person'), 'p1');
    fill(field(container, 'Beginn'), '2024-07-01');
    fill(field(container, 'Für Fraktion (optional)'), 'f1');
    submit(container);
    await settle();
    expect(calls.at(-1)?.body).toEqual({
      personId: 'p1',
      organizationId: committee.id,
      role: null,
      deputy: false,
      votingRight: true,
      startDate: '2024-07-01',
      endDate: null,
      onBehalfOf: 'f1',
    });
    const alert = container.querySelector('[role="alert"]')!;
    expect(alert.textContent).toBe(
      'Ihre Verwaltung verlangt für Ihr Konto einen zweiten Faktor. Zweiten Faktor einrichten',
    );
    expect(alert.querySelector('a')!.getAttribute('href')).toBe('/verwaltung/vg-lindenau/konto');
  });
});

describe('describeFailure', () => {
  it('keeps issues of the form’s fields at them and joins the rest to the message', () => {
    const error = new ApiError('conflict', 'Conflict.', 409, [
      { path: 'name.0', message: 'Too long.' },
      { path: 'id', message: 'Still in use.' },
    ]);
    expect(describeFailure(error, ['name'] as const, 'Conflict.')).toEqual({
      fieldErrors: { name: 'Too long.' },
      failure: { message: 'Conflict. Still in use.', needsTotp: false },
    });
  });
});
