import { act } from 'react';
import type { Agenda } from '@ratsmappe/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, settle } from '../../test/fetch';
import { render } from '../../test/render';
import { AgendaBuilder } from './agenda-builder';

const meetingId = '00000000-0000-4000-8000-000000000001';
const ids = {
  a: '00000000-0000-4000-8000-00000000000a',
  b: '00000000-0000-4000-8000-00000000000b',
  n: '00000000-0000-4000-8000-00000000000c',
};

function entry(id: string, number: string, name: string, isPublic: boolean, supplementAt: string | null = null) {
  return {
    id,
    number,
    public: isPublic,
    name,
    parentId: null,
    paper: null,
    result: null,
    resolutionText: null,
    supplementAt,
  };
}

const agenda: Agenda = {
  meetingId,
  state: 'invited',
  cancelled: false,
  version: '2026-11-20T10:00:00.000Z',
  items: [
    entry(ids.a, 'Ö 1', 'Eröffnung', true),
    entry(ids.b, 'Ö 2', 'Radwegekonzept', true, '2026-11-21T09:30:00.000Z'),
    entry(ids.n, 'N 1', 'Grundstücke', false),
  ],
};

function mockFetch(answer: () => Response) {
  const fetchMock = vi.fn((_url: string, _init?: RequestInit) => Promise.resolve(answer()));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function mount(onChange = vi.fn(), onReload = vi.fn()) {
  const rendered = render(
    <AgendaBuilder
      meetingId={meetingId}
      agenda={agenda}
      editable
      onChange={onChange}
      onReload={onReload}
      onFilesChanged={() => undefined}
    />,
    { locale: 'de' },
  );
  return { ...rendered, onChange, onReload };
}

const button = (container: HTMLElement, label: string) =>
  [...container.querySelectorAll('button')].find((b) => b.textContent?.includes(label))!;

describe('AgendaBuilder', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the whole rearranged tree with the version and shows the server numbers', async () => {
    const renumbered: Agenda = {
      ...agenda,
      version: '2026-11-20T10:05:00.000Z',
      items: [
        entry(ids.b, 'Ö 1', 'Radwegekonzept', true),
        entry(ids.a, 'Ö 2', 'Eröffnung', true),
        entry(ids.n, 'N 1', 'Grundstücke', false),
      ],
    };
    const fetchMock = mockFetch(() => json(200, renumbered));
    const { container, onChange } = mount();
    act(() => button(container, '„Eröffnung“ nach unten').click());
    await settle();

    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe(`/api/meetings/${meetingId}/agenda`);
    expect(init!.method).toBe('PUT');
    expect(JSON.parse(init!.body as string)).toEqual({
      version: agenda.version,
      items: [
        { id: ids.b, public: true, children: [] },
        { id: ids.a, public: true, children: [] },
        { id: ids.n, public: false, children: [] },
      ],
    });
    expect(onChange).toHaveBeenCalledWith(renumbered);
    expect(container.querySelector('[role="status"]')!.textContent).toBe('„Eröffnung“ ist jetzt Ö 2.');
  });

  it('moves with Alt+Arrow keys on the focused item', async () => {
    const fetchMock = mockFetch(() => json(200, agenda));
    const { container } = mount();
    const row = container.querySelector<HTMLElement>(`[data-row="${ids.b}"]`)!;
    act(() => {
      row.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', altKey: true, bubbles: true }));
    });
    await settle();
    const sent = JSON.parse(fetchMock.mock.calls[0]![1]!.body as string) as { items: unknown };
    expect(sent.items).toEqual([
      { id: ids.a, public: true, children: [{ id: ids.b }] },
      { id: ids.n, public: false, children: [] },
    ]);
  });

  it('ignores arrow keys without Alt', () => {
    const fetchMock = mockFetch(() => json(200, agenda));
    const { container } = mount();
    const row = container.querySelector<HTMLElement>(`[data-row="${ids.b}"]`)!;
    act(() => {
      row.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('says "inzwischen geändert – neu laden" on a 409 and reloads on request', async () => {
    mockFetch(() =>
      json(409, {
        error: {
          code: 'conflict',
          message: 'Der Datensatz wurde inzwischen geändert.',
          issues: [{ path: 'version', message: 'Bitte laden Sie die Tagesordnung neu.' }],
        },
      }),
    );
    const { container, onChange, onReload } = mount();
    act(() => button(container, '„Grundstücke“ in den Ö-Teil').click());
    await settle();
    const alert = container.querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain('Die Tagesordnung wurde inzwischen geändert – bitte neu laden.');
    expect(alert.textContent).toContain('Bitte laden Sie die Tagesordnung neu.');
    expect(onChange).not.toHaveBeenCalled();
    // The optimistic arrangement is dropped: Grundstücke is back in the N part.
    expect(container.querySelector('.agenda-part--non-public')!.textContent).toContain('Grundstücke');
    act(() => button(container, 'Neu laden').click());
    expect(onReload).toHaveBeenCalledOnce();
  });

  it('offers only the possible moves and labels every button with the item', () => {
    mockFetch(() => json(200, agenda));
    const { container } = mount();
    expect(button(container, '„Eröffnung“ nach oben').disabled).toBe(true);
    expect(button(container, '„Radwegekonzept“ einrücken (Unterpunkt)').disabled).toBe(false);
    expect(button(container, '„Grundstücke“ nach unten').disabled).toBe(true);
    expect(button(container, '„Eröffnung“ in den N-Teil')).toBeDefined();
  });

  it('marks supplements with their time', () => {
    mockFetch(() => json(200, agenda));
    const { container } = mount();
    const row = container.querySelector(`[data-row="${ids.b}"]`)!;
    expect(row.textContent).toMatch(/Nachtrag .*21\. November 2026.*10:30/);
  });
});
