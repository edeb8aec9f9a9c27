import { useSyncExternalStore } from 'react';

/** What the service worker has told the page. Kept apart from registration so the UI can be tested without one. */
export interface SwState {
  /** A new version is installed and waiting; it takes over only when the user agrees. */
  needRefresh: boolean;
}

let state: SwState = { needRefresh: false };
let applyUpdate: () => Promise<void> = () => Promise.resolve();
const listeners = new Set<() => void>();

function setState(next: SwState): void {
  state = next;
  for (const listener of listeners) listener();
}

// Arrow properties, not methods: React calls subscribe/getSnapshot detached from the object.
export const swUpdateStore = {
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  getSnapshot: (): SwState => state,
  /** Called by the registration when a new worker is waiting; `update` activates it and reloads the page. */
  needRefresh: (update: () => Promise<void>): void => {
    applyUpdate = update;
    setState({ needRefresh: true });
  },
  dismiss: (): void => setState({ needRefresh: false }),
  update: (): Promise<void> => applyUpdate(),
};

export function useSwState(): SwState {
  return useSyncExternalStore(swUpdateStore.subscribe, swUpdateStore.getSnapshot, swUpdateStore.getSnapshot);
}
