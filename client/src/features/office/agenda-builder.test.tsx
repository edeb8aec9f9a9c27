import { act } from 'react';
import type { Agenda } from '@ratsmappe/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, settle } from '../../test/fetch';
import { byLabel, fill, submit } from '../../test/forms';
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
  version: '4',
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

function mount(onChange = vi.fn(), onReload = vi.fn(), shown: Agenda = agenda) {
  const rendered = render(
    <AgendaBuilder
      meetingId={meetingId}
      agenda={shown}
      editable={shown.state === 'planned' || shown.state === 'invited'}
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
      version: '5',
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

  describe('editing an item', () => {
    const open = (container: HTMLElement, name: string) => {
      const details = [...container.querySelectorAll<HTMLDetailsElement>('.agenda-row__edit')].find(
        (d) => d.querySelector('summary')!.textContent === `„${name}“ bearbeiten`,
      )!;
      act(() => {
        details.open = true;
        details.dispatchEvent(new Event('toggle'));
      });
      return details;
    };

    it('sends only what changed, with the agenda version, and shows the result on the row', async () => {
      const saved: Agenda = {
        ...agenda,
        version: '6',
        items: agenda.items.map((item) =>
          item.id === ids.b
            ? { ...item, name: 'Radwegekonzept 2027', result: 'Beschlossen', supplementAt: '2026-11-22T08:15:00.000Z' }
            : item,
        ),
      };
      const fetchMock = mockFetch(() => json(200, saved));
      const onChange = vi.fn();
      const { container, unmount } = mount(onChange);
      const details = open(container, 'Radwegekonzept');
      fill(byLabel(details, 'Titel des Tagesordnungspunkts'), 'Radwegekonzept 2027');
      fill(byLabel(details, 'Ergebnis (z. B. Beschlossen, Abgelehnt, Vertagt)'), ' Beschlossen');
      expect(details.textContent).toContain('Nach der Einladung wird eine Änderung des Titels als Nachtrag');
      submit(details.querySelector('form')!);
      await settle();
      const [url, init] = fetchMock.mock.calls[0]!;
      expect(url).toBe(`/api/agenda-items/${ids.b}`);
      expect(init!.method).toBe('PATCH');
      expect(JSON.parse(init!.body as string)).toEqual({
        name: 'Radwegekonzept 2027',
        result: 'Beschlossen',
        version: agenda.version,
      });
      expect(onChange).toHaveBeenCalledWith(saved);
      unmount();

      mockFetch(() => json(200, saved));
      const again = mount(vi.fn(), vi.fn(), saved);
      const row = again.container.querySelector(`[data-row="${ids.b}"]`)!;
      expect(row.textContent).toContain('Ergebnis: Beschlossen');
      expect(row.textContent).toMatch(/Nachtrag .*22\. November 2026.*09:15/);
    });

    it('offers no result before the invitation, and no title once the meeting was held', () => {
      mockFetch(() => json(200, agenda));
      const planned = mount(vi.fn(), vi.fn(), { ...agenda, state: 'planned' });
      const before = open(planned.container, 'Eröffnung');
      expect(before.querySelector('textarea')).toBeNull();
      expect(before.textContent).toContain('Ergebnis und Beschlusstext können nach der Einladung erfasst werden.');
      planned.unmount();

      const held = mount(vi.fn(), vi.fn(), { ...agenda, state: 'held' });
      const after = open(held.container, 'Eröffnung');
      expect(after.textContent).not.toContain('Titel des Tagesordnungspunkts');
      expect(byLabel<HTMLTextAreaElement>(after, 'Beschlusstext')).toBeDefined();
    });

    it('says so when nothing changed, without asking the server', () => {
      const fetchMock = mockFetch(() => json(200, agenda));
      const { container } = mount();
      const details = open(container, 'Eröffnung');
      submit(details.querySelector('form')!);
      expect(details.querySelector('[role="alert"]')!.textContent).toBe('Es gibt keine Änderungen zu speichern.');
      expect(fetchMock).not.toHaveBeenCalled();
    });

    it('does not move the item when Alt+arrow is pressed in one of its fields', () => {
      const fetchMock = mockFetch(() => json(200, agenda));
      const { container } = mount();
      // Alt+Arrow down would move "Eröffnung" below "Radwegekonzept" if it came from the row itself.
      const details = open(container, 'Eröffnung');
      const input = byLabel(details, 'Titel des Tagesordnungspunkts');
      act(() => {
        input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', altKey: true, bubbles: true }));
      });
      expect(fetchMock).not.toHaveBeenCalled();
    });
  });
});
