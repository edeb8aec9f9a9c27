import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../data/session';
import { currentTabletRuntime, stopTabletRuntime } from '../../offline/runtime';
import { wipeAccountData } from '../../offline/account-data';
import { json } from '../../test/fetch';
import { cleanup, render } from '../../test/render';
import {
  agendaItem,
  content,
  file,
  fileVersion,
  meeting,
  membership,
  organization,
  page,
  paper,
  upsert,
} from '../../test/sync-fixtures';
import { FakeSyncServer } from '../../test/sync-server';
import { TabletApp } from './tablet-app';

const accountId = '00000000-0000-4000-8000-0000000000c1';
const info = {
  account: { id: accountId, email: 'rat@example.org', displayName: 'Frau Rat', locale: 'de' },
  systemAdmin: false,
  officeStaffBodyIds: [],
  personIds: ['person-1'],
};

function soon(days: number): string {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString();
}

let server: FakeSyncServer;

beforeEach(() => {
  server = new FakeSyncServer();
  // The runtime runs on the real clock: a stale server time would expire the offline lease at once.
  server.serverTime = new Date().toISOString();
  const invitation = content('einladung', 2000);
  const proposal = content('vorlage', 3000);
  const secret = content('personal', 1000);
  for (const blob of [invitation, proposal, secret]) server.blobs.set(blob.sha256, blob.bytes);
  server.pages.set(
    '0',
    page('1', [
      upsert('organization', organization()),
      upsert('membership', membership()),
      upsert('meeting', meeting('m1', soon(3), { name: 'Gemeinderat März' })),
      upsert('agendaItem', agendaItem('a1', 'm1', { name: 'Bebauungsplan Mühlweg', paperId: 'p1', number: '1' })),
      upsert(
        'agendaItem',
        agendaItem('a2', 'm1', { name: 'Personalangelegenheit', public: false, number: '2', position: 2 }),
      ),
      upsert('paper', paper('p1', { reference: 'BV/2026/017' })),
      upsert('file', file('f-inv', { meetingId: 'm1', name: 'Einladung' })),
      upsert('fileVersion', fileVersion('v-inv', 'f-inv', invitation)),
      upsert('file', file('f-prop', { paperId: 'p1', name: 'Beschlussvorlage' })),
      upsert(
        'fileVersion',
        fileVersion('v-prop', 'f-prop', proposal, {
          extractedText: 'Begründung der Vorlage.\nEntlang des Mühlwegs ist eine Amphibienleitanlage vorzusehen.',
        }),
      ),
      upsert('file', file('f-secret', { agendaItemId: 'a2', name: 'Vermerk', public: false })),
      upsert('fileVersion', fileVersion('v-secret', 'f-secret', secret)),
    ]),
  );
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) =>
    input === '/api/session' ? Promise.resolve(json(200, info)) : server.fetch(input, init),
  );
  resetSession();
});

afterEach(async () => {
  cleanup();
  window.history.replaceState(null, '', '/');
  await stopTabletRuntime();
  await wipeAccountData(accountId);
  vi.unstubAllGlobals();
  localStorage.clear();
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
  }
  throw new Error('condition not reached');
}

describe('the tablet app', () => {
  it('shows my next meeting as ready once its documents are on the device', async () => {
    const { container } = render(<TabletApp route={{ name: 'tablet-home' }} />, { locale: 'de' });
    await until(() => container.textContent?.includes('Bereit – alles auf diesem Gerät') ?? false);
    expect(container.querySelector('h1')?.textContent).toBe('Meine Sitzungen');
    const link = container.querySelector('article h2 a');
    expect(link?.textContent).toBe('Gemeinderat März');
    expect(link?.getAttribute('href')).toBe('/app/sitzungen/m1');
    expect(container.textContent).toContain('Zuletzt abgeglichen');
    expect(server.requestsTo('/api/blobs/')).toHaveLength(3);
  });

  it('shows the agenda in its public and non-public parts with documents, and pins the meeting', async () => {
    const { container } = render(<TabletApp route={{ name: 'tablet-meeting', id: 'm1' }} />, { locale: 'de' });
    await until(() => container.querySelectorAll('.tablet-doc__state--ready').length === 3);
    const headings = [...container.querySelectorAll('h1, h2, h3, h4')].map((h) => h.textContent?.trim());
    expect(headings).toEqual([
      'Gemeinderat März',
      'Sitzungsunterlagen',
      'Tagesordnung',
      'Öffentlicher Teil (Ö)',
      '1 Bebauungsplan Mühlweg',
      'Nicht öffentlicher Teil (N)',
      '2 Personalangelegenheit',
      'Meine Anmerkungen zu dieser Sitzung',
    ]);
    expect(container.textContent).toContain('Vorlage BV/2026/017');
    const docLinks = [...container.querySelectorAll('.tablet-doc__name')].map((a) => a.getAttribute('href'));
    expect(docLinks).toEqual(['/app/dokumente/f-inv', '/app/dokumente/f-prop', '/app/dokumente/f-secret']);

    const pin = container.querySelector<HTMLButtonElement>('button[aria-pressed]')!;
    expect(pin.getAttribute('aria-pressed')).toBe('false');
    act(() => pin.click());
    await until(() => container.querySelector('button[aria-pressed]')?.getAttribute('aria-pressed') === 'true');
    await until(() => server.pushed.length === 1);
    expect(server.pushed[0]).toMatchObject({ seq: 1, name: 'pin.set', args: { meetingId: 'm1' } });
    // The pin comes back by pull and replaces the outbox entry: it stays pinned, without a flicker.
    await until(() => server.changed.length === 0 && !container.textContent?.includes('warten auf Übertragung'));
    const runtime = currentTabletRuntime()!;
    await runtime.requestSync();
    expect(await runtime.db.outbox.count()).toBe(0);
    expect((await runtime.db.pin.toArray()).map((p) => p.meetingId)).toEqual(['m1']);
    expect(container.querySelector('button[aria-pressed]')?.getAttribute('aria-pressed')).toBe('true');
  });

  it('searches the device offline: a word inside a PDF opens the document at its page with the word to find', async () => {
    window.history.replaceState(null, '', '/app/suche?q=Amphibienleitanlage');
    const { container } = render(<TabletApp route={{ name: 'tablet-search' }} />, { locale: 'de' });
    // Built on first use (perhaps on the still empty device), it follows the first sync's pages.
    await until(() => container.querySelector('.tablet-search__status')?.textContent?.startsWith('1 Treffer') ?? false);
    expect(container.querySelector('h1')?.textContent).toBe('Suche auf diesem Gerät');
    expect(container.querySelector<HTMLInputElement>('input[type="search"]')?.value).toBe('Amphibienleitanlage');
    expect(container.querySelector('.tablet-search__status')?.textContent).toBe('1 Treffer für „Amphibienleitanlage“');
    const results = [...container.querySelectorAll('.tablet-result')];
    expect(results).toHaveLength(1);
    expect(results[0]!.querySelector('h2 a')?.getAttribute('href')).toBe(
      '/app/dokumente/f-prop?seite=2&suche=Amphibienleitanlage',
    );
    expect(results[0]!.textContent).toContain('Gemeinderat März');
    expect(results[0]!.textContent).toContain('Seite 2');
    expect([...results[0]!.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Amphibienleitanlage']);

    // An agenda item opens its meeting at the item; a word found nowhere says so.
    const input = container.querySelector<HTMLInputElement>('input[type="search"]')!;
    act(() => {
      window.history.replaceState(null, '', '/app/suche?q=Bebauungsplan');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await until(
      () => container.querySelector('.tablet-search__status')?.textContent?.includes('Bebauungsplan') ?? false,
    );
    expect(input.value).toBe('Bebauungsplan');
    expect([...container.querySelectorAll('.tablet-result h2 a')].map((a) => a.getAttribute('href'))).toEqual([
      '/app/sitzungen/m1#top-a1',
    ]);
    act(() => {
      window.history.replaceState(null, '', '/app/suche?q=Feldhamster');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await until(() => container.querySelector('.tablet-search__status')?.textContent?.includes('Feldhamster') ?? false);
    expect(container.querySelector('.tablet-search__status')?.textContent).toBe(
      'Keine Treffer für „Feldhamster“ auf diesem Gerät.',
    );
    expect(container.querySelectorAll('.tablet-result')).toHaveLength(0);
  });

  it('offers an earlier version of a document and opens it read-only from the server when the device lacks it', async () => {
    const old = content('vorlage-alt', 1500);
    const changes = server.pages.get('0')!.changes;
    const current = changes.find((c) => c.entity === 'fileVersion' && c.id === 'v-prop')!;
    if (current.op === 'upsert' && current.entity === 'fileVersion') current.data.version = 2;
    changes.push(
      upsert(
        'fileVersion',
        fileVersion('v-prop-1', 'f-prop', old, { version: 1, mimeType: 'text/plain', fileName: 'vorlage-1.txt' }),
      ),
    );
    const asked: string[] = [];
    vi.stubGlobal('fetch', (input: string, init?: RequestInit) => {
      if (input === '/api/session') return Promise.resolve(json(200, info));
      if (input === '/files/f-prop/versions/1') {
        asked.push(input);
        return Promise.resolve(new Response(old.bytes.slice(), { status: 200 }));
      }
      return server.fetch(input, init);
    });
    window.history.replaceState(null, '', '/app/dokumente/f-prop');
    const { container } = render(<TabletApp route={{ name: 'tablet-document', fileId: 'f-prop' }} />, {
      locale: 'de',
    });
    await until(() => container.querySelector('.tablet-versions select') !== null);
    const select = container.querySelector<HTMLSelectElement>('.tablet-versions select')!;
    expect(container.querySelector(`label[for="${select.id}"]`)?.textContent).toBe('Frühere Version');
    expect([...select.options].map((o) => o.textContent)).toEqual(['Aktuelle Version (2)', 'Version 1']);
    // The downloader keeps current versions only: version 1's bytes are not on the device.
    expect(server.requestsTo(`/api/blobs/${old.sha256}`)).toHaveLength(0);

    act(() => {
      select.value = '1';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    act(() => container.querySelector<HTMLButtonElement>('.tablet-versions button[type="submit"]')!.click());
    await until(() => container.textContent?.includes('Herunterladen') ?? false);
    expect(window.location.search).toBe('?fassung=1');
    expect(asked).toEqual(['/files/f-prop/versions/1']);
    expect(container.querySelector('[role="note"]')?.textContent).toContain(
      'Sie sehen die frühere Version 1 mit den Anmerkungen, wie sie auf ihr gesetzt wurden (nur lesen).',
    );
    const back = [...container.querySelectorAll('a')].find((a) => a.textContent === 'Zur aktuellen Version');
    expect(back?.getAttribute('href')).toBe('/app/dokumente/f-prop');
  });

  it('asks for sign-in when no account was ever synced on this device', async () => {
    vi.stubGlobal('fetch', () =>
      Promise.resolve(json(401, { error: { code: 'unauthenticated', message: 'Bitte anmelden.' } })),
    );
    const { container } = render(<TabletApp route={{ name: 'tablet-home' }} />, { locale: 'de' });
    await until(() => container.querySelector('a.button') !== null);
    expect(container.querySelector('a.button')?.getAttribute('href')).toBe('/anmelden?zurueck=%2F');
  });
});
