import { registerSW } from 'virtual:pwa-register';
import { swUpdateStore } from './update-store';

const hourMs = 60 * 60 * 1000;

/**
 * Registers the service worker built by vite-plugin-pwa (workbox-window underneath). A new version waits until the
 * user accepts the prompt, so nobody loses a half-written note to a silent reload. In `vite dev` the virtual module
 * is a no-op unless the plugin's devOptions enable it.
 */
export function registerServiceWorker(): void {
  const updateServiceWorker = registerSW({
    onNeedRefresh() {
      // Posts SKIP_WAITING to the waiting worker; the module reloads the page once it has taken control.
      swUpdateStore.needRefresh(() => updateServiceWorker(true));
    },
    onRegisteredSW(_swUrl, registration) {
      if (!registration) return;
      // Tablets stay open for days: look for a new version when the app comes back to the foreground, and hourly.
      const check = () => {
        if (navigator.onLine) registration.update().catch(() => undefined);
      };
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') check();
      });
      setInterval(check, hourMs);
    },
    onRegisterError(error: unknown) {
      console.error('Service worker registration failed', error);
    },
  });
}
