import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, settle } from '../../test/fetch';
import { render } from '../../test/render';
import { AccountSetupPage } from './account-setup-page';

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

describe('AccountSetupPage', () => {
  beforeEach(() => window.history.replaceState(null, '', '/konto/einrichten#token=abcdefghijklmnopqrstuvwxyz'));
  afterEach(() => {
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  it('explains the rules and refuses a short password before asking the server', () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    const { container } = render(<AccountSetupPage />, { locale: 'de' });
    const password = container.querySelector<HTMLInputElement>('#setup-password')!;
    expect(container.textContent).toContain('Mindestens 12 Zeichen');
    fill(password, 'kurz');
    fill(container.querySelector<HTMLInputElement>('#setup-confirm')!, 'kurz');
    submit(container);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(password.getAttribute('aria-describedby')).toBe('setup-password-hint setup-password-error');
    expect(container.querySelector('#setup-password-error')!.textContent).toContain('4 eingegeben');
  });

  it('sends the token from the fragment and shows a weak password refusal at the field', async () => {
    const fetchMock = vi.fn((_url: string, _init?: RequestInit) =>
      Promise.resolve(json(400, { error: { code: 'weak_password', message: 'Dieses Passwort ist nicht geeignet.' } })),
    );
    vi.stubGlobal('fetch', fetchMock);
    const { container } = render(<AccountSetupPage />, { locale: 'de' });
    fill(container.querySelector<HTMLInputElement>('#setup-password')!, 'passwort1234567');
    fill(container.querySelector<HTMLInputElement>('#setup-confirm')!, 'passwort1234567');
    submit(container);
    await settle();
    expect(JSON.parse(fetchMock.mock.calls[0]![1]!.body as string)).toEqual({
      token: 'abcdefghijklmnopqrstuvwxyz',
      password: 'passwort1234567',
    });
    expect(container.querySelector('#setup-password-error')!.textContent).toBe('Dieses Passwort ist nicht geeignet.');
  });

  it('says so when the link has no token', () => {
    window.history.replaceState(null, '', '/konto/einrichten');
    const { container } = render(<AccountSetupPage />, { locale: 'de' });
    expect(container.querySelector('[role="alert"]')!.textContent).toContain('unvollständig');
    expect(container.querySelector('form')).toBeNull();
  });
});
