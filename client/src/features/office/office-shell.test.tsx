import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../data/session';
import { json, settle, stubFetch } from '../../test/fetch';
import { render } from '../../test/render';
import { OfficeGate } from './office-shell';

const body = { id: '00000000-0000-4000-8000-0000000000b1', slug: 'vg-lindenau', name: 'Verbandsgemeinde Lindenau' };
const session = (officeStaffBodyIds: string[]) => ({
  account: { id: '00000000-0000-4000-8000-0000000000a1', email: 'x@example.org', displayName: 'X', locale: 'de' },
  systemAdmin: false,
  officeStaffBodyIds,
  personIds: [],
});

describe('OfficeGate', () => {
  beforeEach(() => {
    resetSession();
    localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('opens the workspace for office staff of the body', async () => {
    stubFetch({
      '/api/session': () => json(200, session([body.id])),
      '/api/bodies/vg-lindenau': () => json(200, body),
    });
    const { container } = render(<OfficeGate slug="vg-lindenau">{() => <p>Arbeitsbereich</p>}</OfficeGate>, {
      locale: 'de',
    });
    await settle();
    expect(container.textContent).toContain('Arbeitsbereich');
    const nav = container.querySelector('nav')!;
    expect([...nav.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')])).toContainEqual([
      'Stammdaten',
      '/verwaltung/vg-lindenau/stammdaten',
    ]);
    expect([...nav.querySelectorAll('a')].map((a) => a.textContent)).toContain('Konto und Sicherheit');
  });

  it('says "Keine Berechtigung" to an account that is not office staff of this body', async () => {
    stubFetch({
      '/api/session': () => json(200, session(['00000000-0000-4000-8000-0000000000ff'])),
      '/api/bodies/vg-lindenau': () => json(200, body),
    });
    const { container } = render(<OfficeGate slug="vg-lindenau">{() => <p>Arbeitsbereich</p>}</OfficeGate>, {
      locale: 'de',
    });
    await settle();
    expect(container.querySelector('h1')!.textContent).toBe('Keine Berechtigung');
    expect(container.textContent).not.toContain('Arbeitsbereich');
  });

  it('leads staff whose rights wait for a second factor to the account page', async () => {
    stubFetch({
      '/api/session': () => json(200, session([])),
      '/api/bodies/vg-lindenau': () => json(200, body),
      '/api/session/totp': () =>
        json(200, {
          enabled: false,
          confirmationPending: false,
          requiredForBodyIds: [body.id],
          enrolmentRequired: true,
        }),
    });
    const { container } = render(<OfficeGate slug="vg-lindenau">{() => <p>Arbeitsbereich</p>}</OfficeGate>, {
      locale: 'de',
    });
    await settle();
    expect(container.querySelector('h1')!.textContent).toBe('Keine Berechtigung');
    const link = [...container.querySelectorAll('a')].find((a) => a.textContent === 'Zweiten Faktor einrichten')!;
    expect(link.getAttribute('href')).toBe('/verwaltung/vg-lindenau/konto');
  });

  it('opens a page marked signedInSuffices to any signed-in account, without the office navigation', async () => {
    stubFetch({
      '/api/session': () => json(200, session([])),
      '/api/bodies/vg-lindenau': () => json(200, body),
    });
    const { container } = render(
      <OfficeGate slug="vg-lindenau" signedInSuffices>
        {() => <p>Konto</p>}
      </OfficeGate>,
      { locale: 'de' },
    );
    await settle();
    expect(container.textContent).toContain('Konto');
    expect(container.querySelector('nav')).toBeNull();
  });

  it('leads a signed-out visitor to the sign-in page and back', async () => {
    stubFetch({
      '/api/session': () => json(401, { error: { code: 'unauthenticated', message: 'Bitte melden Sie sich an.' } }),
      '/api/bodies/vg-lindenau': () => json(200, body),
    });
    window.history.replaceState(null, '', '/verwaltung/vg-lindenau');
    const { container } = render(<OfficeGate slug="vg-lindenau">{() => <p>Arbeitsbereich</p>}</OfficeGate>, {
      locale: 'de',
    });
    await settle();
    const link = container.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('/anmelden?zurueck=%2Fverwaltung%2Fvg-lindenau');
    window.history.replaceState(null, '', '/');
  });

  it('offers a retry when the session cannot be checked', async () => {
    stubFetch({
      '/api/session': () => json(503, { error: { code: 'unavailable', message: 'Vorübergehend nicht verfügbar.' } }),
      '/api/bodies/vg-lindenau': () => json(200, body),
    });
    const { container } = render(<OfficeGate slug="vg-lindenau">{() => <p>Arbeitsbereich</p>}</OfficeGate>, {
      locale: 'de',
    });
    await settle();
    expect(container.querySelector('[role="alert"]')!.textContent).toContain('Erneut versuchen');
    stubFetch({
      '/api/session': () => json(200, session([body.id])),
      '/api/bodies/vg-lindenau': () => json(200, body),
    });
    act(() => container.querySelector('button')!.click());
    await settle();
    expect(container.textContent).toContain('Arbeitsbereich');
  });
});
