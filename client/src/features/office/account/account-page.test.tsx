import { act } from 'react';
import { encode } from 'uqr';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../data/api';
import { resetSession } from '../../../data/session';
import { json, settle } from '../../../test/fetch';
import { cleanup, render } from '../../../test/render';
import { AccountPage, CodeForm, groupSecret, isTotpCode } from './account-page';
import { qrPath } from './qr-code';

const body = { id: '00000000-0000-4000-8000-0000000000b1', slug: 'vg-lindenau', name: 'VG Lindenau' };
const session = {
  account: { id: '00000000-0000-4000-8000-0000000000a1', email: 'sd@example.org', displayName: 'SD', locale: 'de' },
  systemAdmin: false,
  officeStaffBodyIds: [body.id],
  personIds: [],
};
const status = (enabled: boolean) => ({
  enabled,
  confirmationPending: false,
  requiredForBodyIds: [],
  enrolmentRequired: false,
});

function stubApi(routes: Record<string, () => Response>) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      calls.push({ method, url, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined });
      const answer = routes[`${method} ${url}`];
      return Promise.resolve(
        answer ? answer() : json(404, { error: { code: 'not_found', message: 'Nicht gefunden.' } }),
      );
    }),
  );
  return calls;
}

function typeInto(input: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function submit(form: HTMLFormElement) {
  act(() => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

beforeEach(() => {
  resetSession();
  localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the TOTP code form', () => {
  it('takes digits only, refuses anything but six of them, and shows a wrong code at the field', async () => {
    const send = vi
      .fn<(code: string) => Promise<void>>()
      .mockRejectedValueOnce(new ApiError('totp_invalid', 'Der Code ist falsch.', 400))
      .mockResolvedValueOnce(undefined);
    const done = vi.fn();
    const { container } = render(<CodeForm idPrefix="t" submitLabel="Bestätigen" send={send} onDone={done} />, {
      locale: 'de',
    });
    const input = container.querySelector<HTMLInputElement>('#t-code')!;
    typeInto(input, '12a34');
    expect(input.value).toBe('1234');
    submit(container.querySelector('form')!);
    expect(send).not.toHaveBeenCalled();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('#t-code-error')!.textContent).toBe('Bitte die sechs Ziffern aus der App eingeben.');

    typeInto(input, '123456');
    submit(container.querySelector('form')!);
    await settle();
    expect(send).toHaveBeenCalledWith('123456');
    expect(container.querySelector('#t-code-error')!.textContent).toBe('Der Code ist falsch.');
    expect(document.activeElement).toBe(input);
    expect(done).not.toHaveBeenCalled();

    submit(container.querySelector('form')!);
    await settle();
    expect(done).toHaveBeenCalled();
    expect(input.value).toBe('');
  });

  it('knows a code and groups a key as apps show it', () => {
    expect([isTotpCode('123456'), isTotpCode('12345'), isTotpCode('1234567'), isTotpCode('12345a')]).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(groupSecret('NORVGRNPRII3ZNNZ7')).toBe('NORV GRNP RII3 ZNNZ 7');
  });
});

describe('the QR code', () => {
  it('draws exactly the dark modules of the encoded URI', () => {
    const uri = 'otpauth://totp/Ratsmappe:sd%40example.org?secret=NORVGRNPRII3ZNNZ&issuer=Ratsmappe';
    const { size, d } = qrPath(uri);
    const matrix = encode(uri, { ecc: 'M', border: 4 });
    expect(size).toBe(matrix.size);
    expect(d.match(/M/g)!.length).toBe(matrix.data.flat().filter(Boolean).length);
    // The quiet zone is empty: the first drawn module is inside it by four.
    expect(d.startsWith('M4 4h1v1h-1z')).toBe(true);
  });
});

describe('AccountPage', () => {
  it('shows the QR code with the key and URI as text after the set-up starts', async () => {
    const calls = stubApi({
      'GET /api/session': () => json(200, session),
      'GET /api/bodies/vg-lindenau': () => json(200, body),
      'GET /api/session/totp': () => json(200, status(false)),
      'GET /api/bodies/vg-lindenau/staff-totp-requirement': () => json(200, { required: false }),
      'POST /api/session/totp/enrol': () =>
        json(201, {
          secret: 'NORVGRNPRII3ZNNZ',
          otpauthUri: 'otpauth://totp/Ratsmappe:sd%40example.org?secret=NORVGRNPRII3ZNNZ',
        }),
    });
    const { container } = render(<AccountPage slug="vg-lindenau" />, { locale: 'de' });
    await settle();
    const start = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Einrichtung beginnen')!;
    act(() => start.click());
    await settle();
    expect(calls.some((c) => c.method === 'POST' && c.url === '/api/session/totp/enrol')).toBe(true);
    expect(container.querySelector('svg[role="img"]')!.getAttribute('aria-label')).toBe(
      'QR-Code zur Einrichtung in der Authenticator-App',
    );
    expect(container.querySelector('.totp-secret')!.textContent).toBe('NORV GRNP RII3 ZNNZ');
    expect(container.querySelector('.totp-uri')!.textContent).toBe(
      'otpauth://totp/Ratsmappe:sd%40example.org?secret=NORVGRNPRII3ZNNZ',
    );
  });

  it('does not let staff without a second factor require one (they would lock themselves out)', async () => {
    const calls = stubApi({
      'GET /api/session': () => json(200, session),
      'GET /api/bodies/vg-lindenau': () => json(200, body),
      'GET /api/session/totp': () => json(200, status(false)),
      'GET /api/bodies/vg-lindenau/staff-totp-requirement': () => json(200, { required: false }),
    });
    const { container } = render(<AccountPage slug="vg-lindenau" />, { locale: 'en' });
    await settle();
    const checkbox = container.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    act(() => checkbox.click());
    const form = checkbox.closest('form')!;
    submit(form);
    await settle();
    expect(calls.filter((c) => c.method === 'PUT')).toEqual([]);
    expect(checkbox.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(checkbox.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Please set up your own second factor first; otherwise you would lock yourself out.',
    );
  });

  it('saves the requirement for staff who have a second factor', async () => {
    const calls = stubApi({
      'GET /api/session': () => json(200, session),
      'GET /api/bodies/vg-lindenau': () => json(200, body),
      'GET /api/session/totp': () => json(200, status(true)),
      'GET /api/bodies/vg-lindenau/staff-totp-requirement': () => json(200, { required: false }),
      'PUT /api/bodies/vg-lindenau/staff-totp-requirement': () => json(200, { required: true }),
    });
    const { container } = render(<AccountPage slug="vg-lindenau" />, { locale: 'de' });
    await settle();
    const checkbox = container.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    act(() => checkbox.click());
    submit(checkbox.closest('form')!);
    await settle();
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ required: true });
    expect(container.textContent).toContain(
      'Gespeichert: Der Sitzungsdienst von VG Lindenau braucht jetzt einen zweiten Faktor.',
    );
  });
});
