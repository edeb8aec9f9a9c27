import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from '../test/render';
import { UpdatePrompt } from './update-prompt';
import { swUpdateStore } from './update-store';

afterEach(() => {
  cleanup();
  act(() => swUpdateStore.dismiss());
});

function buttonNamed(container: HTMLElement, name: string): HTMLButtonElement | undefined {
  return [...container.querySelectorAll('button')].find((b) => b.textContent === name);
}

describe('UpdatePrompt', () => {
  it('stays silent until a new version is waiting', () => {
    const { container } = render(<UpdatePrompt />);
    const region = container.querySelector('[role="status"]');
    expect(region).not.toBeNull();
    expect(region?.textContent).toBe('');
  });

  it('asks in German and activates the waiting version only when the user agrees', () => {
    const activate = vi.fn(() => Promise.resolve());
    const { container } = render(<UpdatePrompt />);
    act(() => swUpdateStore.needRefresh(activate));

    expect(container.querySelector('[role="status"]')?.textContent).toContain(
      'Neue Version verfügbar – jetzt neu laden?',
    );
    expect(activate).not.toHaveBeenCalled();
    act(() => buttonNamed(container, 'Jetzt neu laden')?.click());
    expect(activate).toHaveBeenCalledOnce();
  });

  it('hides the prompt on "Später" without activating', () => {
    const activate = vi.fn(() => Promise.resolve());
    const { container } = render(<UpdatePrompt />);
    act(() => swUpdateStore.needRefresh(activate));
    act(() => buttonNamed(container, 'Später')?.click());

    expect(container.querySelector('[role="status"]')?.textContent).toBe('');
    expect(activate).not.toHaveBeenCalled();
  });
});
