import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account, SyncDevice } from '@ratsmappe/shared';
import { resetSession } from '../../data/session';
import { json, settle, stubApi } from '../../test/fetch';
import { cleanup, render } from '../../test/render';
import { AccountDevicesPage, AccountsPage } from './accounts-page';

afterEach(cleanup);

const body = { id: '00000000-0000-4000-8000-0000000000b1', slug: 'vg-lindenau', name: 'Verbandsgemeinde Lindenau' };
const session = {
  account: { id: '00000000-0000-4000-8000-0000000000a1', email: 'amt@example.org', displayName: 'Amt', locale: 'de' },
  systemAdmin: false,
  officeStaffBodyIds: [body.id],
  personIds: [],
};
const councillor: Account = {
  id: '00000000-0000-4000-8000-0000000000c1',
  email: 'miriam.kesselring@vg-lindenau.example',
  displayName: 'Miriam Kesselring',
  locale: 'de',
  active: true,
  passwordSet: true,
  totpEnabled: false,
  setupLinkPending: false,
  grants: [],
  persons: [{ id: '00000000-0000-4000-8000-0000000000d1', bodyId: body.id, name: 'Miriam Kesselring' }],
  manageable: true,
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
};
const device = (id: string, name: string, revokedAt: string | null = null): SyncDevice => ({
  id,
  accountId: councillor.id,
  name,
  created: '2026-10-01T08:00:00.000Z',
  lastSyncAt: '2026-11-02T17:30:00.000Z',
  revokedAt,
  current: false,
});
const tablet = device('00000000-0000-4000-8000-0000000000e1', 'iPad Ratssaal');
const phone = device('00000000-0000-4000-8000-0000000000e2', 'Altes iPad', '2026-10-15T09:00:00.000Z');

function click(element: Element | null | undefined) {
  act(() => (element as HTMLElement).click());
}
const button = (container: HTMLElement, name: string) =>
  [...container.querySelectorAll('button')].find(
    (b) => b.getAttribute('aria-label') === name || b.textContent === name,
  );

describe('the office screen of accounts and their devices', () => {
  beforeEach(() => {
    resetSession();
    localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it("lists the body's accounts with a link to each one's devices", async () => {
    const { calls } = stubApi({
      'GET /api/session': () => json(200, session),
      'GET /api/bodies/vg-lindenau': () => json(200, body),
      'GET /api/accounts': () => json(200, { data: [councillor], nextCursor: null }),
    });
    const { container } = render(<AccountsPage slug="vg-lindenau" />, { locale: 'de' });
    await settle();
    expect(container.querySelector('h1')!.textContent).toBe('Konten und Geräte: Verbandsgemeinde Lindenau');
    expect(calls.some((c) => c.url === `/api/accounts?bodyId=${body.id}&limit=50`)).toBe(true);
    const link = [...container.querySelectorAll('a')].find((a) => a.textContent === 'Geräte von Miriam Kesselring');
    expect(link?.getAttribute('href')).toBe(`/verwaltung/vg-lindenau/konten/${councillor.id}`);
  });

  it('blocks a device only after the question is confirmed, then says so and moves focus to the outcome', async () => {
    let devices = [tablet, phone];
    const { calls } = stubApi({
      'GET /api/session': () => json(200, session),
      'GET /api/bodies/vg-lindenau': () => json(200, body),
      [`GET /api/accounts/${councillor.id}`]: () => json(200, councillor),
      'GET /api/sync/devices': () => json(200, { data: devices }),
      [`POST /api/sync/devices/${tablet.id}/revoke`]: () => {
        devices = [{ ...tablet, revokedAt: '2026-11-03T10:00:00.000Z' }, phone];
        return new Response(null, { status: 204 });
      },
    });
    const { container } = render(<AccountDevicesPage slug="vg-lindenau" accountId={councillor.id} />, {
      locale: 'de',
    });
    await settle();
    expect(container.querySelector('h1')!.textContent).toBe('Geräte von Miriam Kesselring');
    expect(calls.some((c) => c.url === `/api/sync/devices?accountId=${councillor.id}`)).toBe(true);
    const rows = [...container.querySelectorAll('tbody tr')].map((r) => r.textContent);
    expect(rows[1]).toContain('gesperrt am');
    // Only the active device offers the block.
    expect(button(container, 'Gerät „Altes iPad“ sperren')).toBeUndefined();

    // Cancelling asks nothing of the server and returns focus to the button.
    click(button(container, 'Gerät „iPad Ratssaal“ sperren'));
    expect(document.activeElement?.textContent).toBe('Ja, „iPad Ratssaal“ sperren');
    click(button(container, 'Abbrechen'));
    await settle();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Gerät „iPad Ratssaal“ sperren');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    click(button(container, 'Gerät „iPad Ratssaal“ sperren'));
    click(button(container, 'Ja, „iPad Ratssaal“ sperren'));
    await settle();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual([
      `/api/sync/devices/${tablet.id}/revoke`,
    ]);
    const status = container.querySelector('[role="status"]')!;
    expect(status.textContent).toBe('Das Gerät „iPad Ratssaal“ ist gesperrt.');
    expect(document.activeElement).toBe(status);
    expect(container.querySelector('tbody tr')!.textContent).toContain('gesperrt am');
  });

  it('speaks English when the office does', async () => {
    stubApi({
      'GET /api/session': () => json(200, session),
      'GET /api/bodies/vg-lindenau': () => json(200, body),
      [`GET /api/accounts/${councillor.id}`]: () => json(200, councillor),
      'GET /api/sync/devices': () => json(200, { data: [tablet] }),
    });
    const { container } = render(<AccountDevicesPage slug="vg-lindenau" accountId={councillor.id} />, {
      locale: 'en',
    });
    await settle();
    expect(container.querySelector('h1')!.textContent).toBe('Devices of Miriam Kesselring');
    expect(button(container, 'Block device "iPad Ratssaal"')).toBeDefined();
  });
});
