import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nProvider } from '../i18n/i18n';
import type { Locale } from '../i18n/locale';

export interface Rendered {
  container: HTMLElement;
  unmount: () => void;
}

const mounted = new Set<{ root: Root; container: HTMLElement }>();

/**
 * Renders inside the app's providers with plain react-dom; no testing library needed for this much.
 * Without `locale` the provider starts as the app does: stored choice, else German.
 */
export function render(ui: ReactNode, options: { locale?: Locale } = {}): Rendered {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() => {
    root.render(<I18nProvider initialLocale={options.locale}>{ui}</I18nProvider>);
  });
  const entry = { root, container };
  mounted.add(entry);
  return {
    container,
    unmount: () => {
      act(() => root.unmount());
      container.remove();
      mounted.delete(entry);
    },
  };
}

export function cleanup(): void {
  for (const { root, container } of mounted) {
    act(() => root.unmount());
    container.remove();
  }
  mounted.clear();
}
