import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Locale } from '../../i18n/locale';
import { cleanup, render } from '../../test/render';
import { DocumentSwitcher } from './document-switcher';
import { SideBySide, sideBySideQuery, stackedQuery } from './side-by-side';

/** A matchMedia whose answers for the layout queries the test controls (happy-dom has no orientation). */
function stubOrientation(landscape: boolean, tallPortrait = false) {
  const listeners = new Set<() => void>();
  const state = { landscape };
  vi.stubGlobal('matchMedia', (query: string) => ({
    get matches() {
      if (query === stackedQuery) return !state.landscape && tallPortrait;
      return query === sideBySideQuery && state.landscape;
    },
    media: query,
    addEventListener: (_: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
  }));
  return {
    turn(next: boolean) {
      state.landscape = next;
      act(() => listeners.forEach((listener) => listener()));
    },
  };
}

function Counter({ name }: { name: string }) {
  return <p data-testid={name}>{name}</p>;
}

/** The paper ("Vorlage", content `a`) beside its plan ("Plan", content `b`). */
function renderPaperAndPlan() {
  return render(
    <SideBySide
      left={{ title: 'Vorlage', content: <Counter name="a" /> }}
      right={{ title: 'Plan', content: <Counter name="b" /> }}
    />,
    { locale: 'de' },
  );
}

const panesHidden = (container: HTMLElement) =>
  [...container.querySelectorAll<HTMLElement>('.side-by-side__pane')].map((pane) => pane.hidden);

describe('SideBySide', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows both documents next to each other on a landscape tablet', () => {
    stubOrientation(true);
    const { container } = renderPaperAndPlan();
    expect(container.querySelector('[role="tablist"]')).toBeNull();
    expect(container.querySelector('[role="group"]')!.getAttribute('aria-label')).toBe('Zwei Dokumente nebeneinander');
    expect(panesHidden(container)).toEqual([false, false]);
  });

  it('puts the documents one above the other on a portrait tablet, keeping both mounted through a turn', () => {
    const screen = stubOrientation(true, true);
    const { container } = renderPaperAndPlan();
    const before = container.querySelector('[data-testid="b"]');
    screen.turn(false);
    expect(container.querySelector('.side-by-side--rows')).not.toBeNull();
    expect(container.querySelector('[role="tablist"]')).toBeNull();
    expect(panesHidden(container)).toEqual([false, false]);
    expect(container.querySelector('[data-testid="b"]')).toBe(before);
  });

  it('turns into tabs on a phone, keeps both mounted, and switches with the arrow keys', () => {
    const screen = stubOrientation(true);
    const { container } = renderPaperAndPlan();
    const before = container.querySelector('[data-testid="b"]');
    screen.turn(false);
    const tabs = [...container.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    expect(tabs.map((t) => [t.textContent, t.getAttribute('aria-selected')])).toEqual([
      ['Vorlage', 'true'],
      ['Plan', 'false'],
    ]);
    // The same element: the reader inside was not unmounted (its page, zoom and search survive the turn).
    expect(container.querySelector('[data-testid="b"]')).toBe(before);
    const panels = [...container.querySelectorAll<HTMLElement>('[role="tabpanel"]')];
    expect(panels.map((p) => p.hidden)).toEqual([false, true]);
    act(() => {
      tabs[0]!.focus();
      tabs[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    });
    expect(panels.map((p) => p.hidden)).toEqual([true, false]);
    expect(document.activeElement).toBe(tabs[1]);
    expect(tabs[1]!.tabIndex).toBe(0);
    expect(tabs[0]!.tabIndex).toBe(-1);
  });
});

describe('DocumentSwitcher', () => {
  afterEach(() => cleanup());

  const documents = [
    { id: 'paper', title: 'Vorlage 2026/0042' },
    { id: 'plan', title: 'Anlage 1: Planzeichnung' },
  ];

  /** The switcher with the paper open; `opened` collects what it is asked to open. */
  function renderSwitcher(locale: Locale) {
    const opened: string[] = [];
    const { container } = render(
      <DocumentSwitcher documents={documents} currentId="paper" onOpen={(id) => opened.push(id)} />,
      { locale },
    );
    return { opened, toggle: container.querySelector<HTMLButtonElement>('button[aria-expanded]')!, container };
  }

  it('opens the list, marks the open document and opens another', () => {
    const { opened, toggle, container } = renderSwitcher('en');
    expect(toggle.textContent).toBe('Documents (2)');
    const list = container.querySelector('ul')!;
    expect(list.hidden).toBe(true);
    act(() => toggle.click());
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(list.hidden).toBe(false);
    const items = [...list.querySelectorAll('button')];
    expect(items[0]!.getAttribute('aria-current')).toBe('true');
    expect(items[0]!.textContent).toBe('Vorlage 2026/0042 (open)');
    act(() => items[1]!.click());
    expect(opened).toEqual(['plan']);
    expect(list.hidden).toBe(true);
    expect(document.activeElement).toBe(toggle);
  });

  it('closes on Escape without opening anything', () => {
    const { opened, toggle, container } = renderSwitcher('de');
    act(() => toggle.click());
    act(() => {
      container
        .querySelector('ul button')!
        .dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(opened).toEqual([]);
  });
});
