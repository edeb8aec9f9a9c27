/**
 * Invariant: the status store holds only what the database cannot (connectivity, a running sync or download, the
 * last failure of this page's life); last sync time and pending mutations are read from the database itself, so
 * the status bar never contradicts the data it describes.
 */

export type StatusErrorCode = 'network' | 'server' | 'protocol' | 'outdated' | 'quota' | 'storage';

export interface TabletStatus {
  online: boolean;
  syncing: boolean;
  /** The session has ended (401): local data stays readable, sign-in needed to sync. */
  signInNeeded: boolean;
  error: { code: StatusErrorCode; message: string } | null;
  /** Bytes a document needed when the device ran out of space even after eviction. */
  quotaNeededBytes: number | null;
  /** The document being downloaded right now. */
  download: { sha256: string; receivedBytes: number; size: number } | null;
  /** navigator.storage.persisted(): null where unknown. */
  persisted: boolean | null;
}

export interface StatusStore {
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => TabletStatus;
  update: (changes: Partial<TabletStatus>) => void;
}

export function createStatusStore(online: boolean): StatusStore {
  let state: TabletStatus = {
    online,
    syncing: false,
    signInNeeded: false,
    error: null,
    quotaNeededBytes: null,
    download: null,
    persisted: null,
  };
  const listeners = new Set<() => void>();
  return {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => state,
    update: (changes) => {
      state = { ...state, ...changes };
      for (const listener of listeners) listener();
    },
  };
}
