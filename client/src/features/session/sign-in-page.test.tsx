import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../data/api';
import { resetSession } from '../../data/session';
import { render } from '../../test/render';
import { json, settle } from '../../test/fetch';
import { SignInPage, signInErrors } from './sign-in-page';

describe('signInErrors', () => {
  it('maps field issues to their fields and keeps the server message for the form', () => {
    const error = new ApiError('validation_failed', 'Einige Angaben sind ungültig.', 400, [
      { path: 'email', message: 'Ungültige E-Mail-Adresse' },
      { path: 'unknown', message: 'ignoriert' },
    ]);
    expect(signInErrors(error, 'x')).toEqual({
      message: 'Einige Angaben sind ungültig.',
      fields: { email: 'Ungültige E-Mail-Adresse' },
      totpRequired: false,
    });
  });

  it('asks for the second factor on totp_required, without an alarm', () => {
    const error = new ApiError('totp_required', 'Bitte Code eingeben.', 401);
    expect(signInErrors(error, 'x')).toEqual({
      message: null,
      fields: { totp: 'Bitte Code eingeben.' },
      totpRequired: true,
    });
  });

  it('shows the throttling message as the server words it', () => {
    const error = new ApiError('too_many_requests', 'Zu viele Versuche. Bitte warten Sie 5 Minuten.', 429);
    expect(signInErrors(error, 'x').message).toBe('Zu viele Versuche. Bitte warten Sie 5 Minuten.');
  });

  it('falls back for errors without a server answer', () => {
    expect(signInErrors(new Error('boom'), 'Keine Verbindung')).toEqual({
      message: 'Keine Verbindung',
      fields: {},
      totpRequired: false,
    });
  });
});

function fill(input: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function submit(container: HTMLElement) {
  act(() => {
    container.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

describe('SignInPage', () => {
  beforeEach(() => {
    resetSession();
    localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('links a field error to its input and shows the TOTP field when the server asks for it', async () => {
    let answer = () =>
      json(400, {
        error: {
          code: 'validation_failed',
          message: 'Einige Angaben sind ungültig.',
          issues: [{ path: 'email', message: 'Ungültige E-Mail-Adresse' }],
        },
      });
    const unauthenticated = () => json(401, { error: { code: 'unauthenticated', message: 'Bitte anmelden.' } });
    const fetchMock = vi.fn((url: string, init?: RequestInit) =>
      Promise.resolve(url === '/api/session' && init?.method === 'POST' ? answer() : unauthenticated()),
    );
    vi.stubGlobal('fetch', fetchMock);
    const { container } = render(<SignInPage />, { locale: 'de' });
    await settle();
    const email = container.querySelector<HTMLInputElement>('#sign-in-email')!;
    fill(email, 'kaputt');
    fill(container.querySelector<HTMLInputElement>('#sign-in-password')!, 'geheim');
    submit(container);
    await settle();

    expect(email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = email.getAttribute('aria-describedby')!;
    expect(container.querySelector(`#${describedBy}`)!.textContent).toBe('Ungültige E-Mail-Adresse');
    expect(container.querySelector('[role="alert"]')!.textContent).toBe('Einige Angaben sind ungültig.');
    expect(container.querySelector('#sign-in-totp')).toBeNull();

    answer = () => json(401, { error: { code: 'totp_required', message: 'Bitte Code eingeben.' } });
    submit(container);
    await settle();
    expect(JSON.parse(fetchMock.mock.calls.at(-1)![1]!.body as string)).toEqual({
      email: 'kaputt',
      password: 'geheim',
    });
    const totp = container.querySelector<HTMLInputElement>('#sign-in-totp')!;
    expect(totp).not.toBeNull();
    expect(document.activeElement).toBe(totp);
    expect(container.querySelector('[role="alert"]')!.textContent).toBe('');
  });

  it('tells a revoked tablet why it is here, and sends a councillor to their meetings after sign-in', async () => {
    window.history.replaceState(null, '', '/anmelden?grund=geraet-gesperrt');
    const councillor = {
      account: {
        id: '00000000-0000-4000-8000-0000000000b2',
        email: 'r@example.org',
        displayName: 'Herr R',
        locale: 'de',
      },
      systemAdmin: false,
      officeStaffBodyIds: [],
      personIds: ['00000000-0000-4000-8000-0000000000p1'],
    };
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string, init?: RequestInit) =>
        Promise.resolve(
          url === '/api/session' && init?.method === 'POST'
            ? json(200, councillor)
            : json(401, { error: { code: 'unauthenticated', message: 'Bitte anmelden.' } }),
        ),
      ),
    );
    const { container } = render(<SignInPage />, { locale: 'de' });
    await settle();
    expect(container.querySelector('[role="alert"]')!.textContent).toContain('Dieses Gerät wurde gesperrt');
    fill(container.querySelector<HTMLInputElement>('#sign-in-email')!, 'r@example.org');
    fill(container.querySelector<HTMLInputElement>('#sign-in-password')!, 'geheim');
    submit(container);
    await settle();
    expect(window.location.pathname).toBe('/app');
  });
});
