// A complete in-memory IndexedDB for the offline data layer (Dexie resolves it when it loads, so this comes first).
import 'fake-indexeddb/auto';

// Tells React that tests drive updates through act(); without it React warns on every update.
declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean;
}

globalThis.IS_REACT_ACT_ENVIRONMENT = true;

export {};
