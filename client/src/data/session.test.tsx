import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, settle, stubApi, stubFetch } from '../test/fetch';
import { render } from '../test/render';
import { resetSession, setSession, signOut, useSession } from './session';
import { provideResource, useApiResource } from './use-api-resource';

function Remembered() {
  const resource = useApiResource<{ text: string }>('/api/remembered', { cache: true });
  return <p>{resource.status === 'success' ? resource.data.text : resource.status}</p>;
}

function Probe({ required }: { required?: boolean }) {
  const session = useSession({ required });
  return <p>{session.status === 'signed-in' ? session.info.account.displayName : session.status}</p>;
}

const info = {
  account: {
    id: '00000000-0000-4000-8000-0000000000a1',
    email: 'x@example.org',
    displayName: 'Frau X',
    locale: 'de' as const,
  },
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

  it('forgets the answers remembered for the visit when someone signs in or out', async () => {
    // stubFetch starts with an empty cache, so the answers are provided after it.
    const fetchMock = stubFetch({ '/api/remembered': () => json(200, { text: 'mit Rechten von Frau X' }) });
    provideResource('/api/remembered', 'de', { text: 'anonym' }, { cache: true });
    const before = render(<Remembered />, { locale: 'de' });
    expect(before.container.textContent).toBe('anonym');
    before.unmount();

    setSession(info);
    const after = render(<Remembered />, { locale: 'de' });
    await settle();
    expect(after.container.textContent).toBe('mit Rechten von Frau X');
    expect(fetchMock).toHaveBeenCalledOnce();
    after.unmount();

    const anonymous = stubFetch({ '/api/remembered': () => json(200, { text: 'anonym' }) });
    provideResource('/api/remembered', 'de', { text: 'noch von Frau X' }, { cache: true });
    setSession(null);
    const signedOut = render(<Remembered />, { locale: 'de' });
    await settle();
    expect(signedOut.container.textContent).toBe('anonym');
    expect(anonymous).toHaveBeenCalledOnce();
  });

  it('always asks on pages that need a session', async () => {
    const fetchMock = stubFetch({ '/api/session': () => json(200, info) });
    render(<Probe required />);
    await settle();
    expect(fetchMock).toHaveBeenCalledOnce();
  });
});
