import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, settle, stubApi, stubFetch } from '../test/fetch';
import { render } from '../test/render';
import { resetSession, signOut, useSession } from './session';

function Probe({ required }: { required?: boolean }) {
  const session = useSession({ required });
  return <p>{session.status === 'signed-in' ? session.info.account.displayName : session.status}</p>;
}

const info = {
  account: { id: '00000000-0000-4000-8000-0000000000a1', email: 'x@example.org', displayName: 'Frau X', locale: 'de' },
  systemAdmin: false,
  officeStaffBodyIds: [],
  personIds: [],
};

describe('useSession', () => {
  beforeEach(() => {
    resetSession();
    localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('does not ask the server for public visitors who never signed in', async () => {
    const fetchMock = stubFetch({ '/api/session': () => json(200, info) });
    const { container } = render(<Probe />);
    await settle();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(container.textContent).toBe('unknown');
  });

  it('asks when a sign-in left its hint, and forgets the hint when the session is gone', async () => {
    localStorage.setItem('ratsmappe.session', '1');
    stubFetch({ '/api/session': () => json(200, info) });
    const signedIn = render(<Probe />);
    await settle();
    expect(signedIn.container.textContent).toBe('Frau X');
    signedIn.unmount();

    resetSession();
    stubFetch({ '/api/session': () => json(401, { error: { code: 'unauthenticated', message: 'Bitte anmelden.' } }) });
    const expired = render(<Probe />);
    await settle();
    expect(expired.container.textContent).toBe('signed-out');
    expect(localStorage.getItem('ratsmappe.session')).toBeNull();
  });

  it('ends a session signed out offline at the next load that reaches the server, before anyone can use it', async () => {
    localStorage.setItem('ratsmappe.session', '1');
    stubFetch({ '/api/session': () => json(200, info) });
    render(<Probe />);
    await settle();
    const offline = vi.fn((_url: string, _init?: RequestInit) => Promise.reject(new TypeError('Failed to fetch')));
    vi.stubGlobal('fetch', offline);
    await act(() => signOut());
    expect(offline).toHaveBeenCalledWith('/api/session', expect.objectContaining({ method: 'DELETE' }));
    expect(localStorage.getItem('ratsmappe.signOutPending')).toBe('1');

    // Still offline at the next load: signed out, and the cookie is not even asked about.
    resetSession();
    const stillOffline = render(<Probe required />);
    await settle();
    expect(stillOffline.container.textContent).toBe('signed-out');
    expect(offline.mock.calls.every(([, init]) => init?.method === 'DELETE')).toBe(true);
    stillOffline.unmount();

    // Online again: the old session is ended first, and the sign-in is not restored from its cookie.
    resetSession();
    const { calls } = stubApi({
      'DELETE /api/session': () => new Response(null, { status: 204 }),
      'GET /api/session': () => json(200, info),
    });
    const online = render(<Probe required />);
    await settle();
    expect(calls.map((call) => call.method)).toEqual(['DELETE']);
    expect(online.container.textContent).toBe('signed-out');
    expect(localStorage.getItem('ratsmappe.signOutPending')).toBeNull();
  });

  it('always asks on pages that need a session', async () => {
    const fetchMock = stubFetch({ '/api/session': () => json(200, info) });
    render(<Probe required />);
    await settle();
    expect(fetchMock).toHaveBeenCalledOnce();
  });
});
