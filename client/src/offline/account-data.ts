/**
 * Invariant: everything the tablet app stores for an account lives under names derived from the account id (one
 * IndexedDB database, Cache Storage entries with the same prefix), so signing out or a revoked device can delete
 * exactly that account's data. No Dexie here: the public header's sign-out button imports this file.
 */

const databasePrefix = 'ratsmappe-user-';
const rememberedKey = 'ratsmappe.tablet.account';

export function userDatabaseName(accountId: string): string {
  return `${databasePrefix}${accountId}`;
}

/** The account whose local data the app shows when the server cannot be asked (offline, session expired). */
export interface RememberedAccount {
  id: string;
  displayName: string;
  personIds: string[];
}

export function readRememberedAccount(): RememberedAccount | null {
  try {
    const raw = localStorage.getItem(rememberedKey);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<RememberedAccount>;
    if (typeof value.id !== 'string' || typeof value.displayName !== 'string' || !Array.isArray(value.personIds)) {
      return null;
    }
    return { id: value.id, displayName: value.displayName, personIds: value.personIds.map(String) };
  } catch {
    return null;
  }
}

export function rememberAccount(account: RememberedAccount): void {
  try {
    localStorage.setItem(rememberedKey, JSON.stringify(account));
  } catch {
    // Blocked storage: the app then needs the server to know who is signed in, nothing worse.
  }
}

export function forgetRememberedAccount(accountId: string): void {
  try {
    if (readRememberedAccount()?.id === accountId) localStorage.removeItem(rememberedKey);
  } catch {
    // As above.
  }
}

/** Resolves once the database is gone. Open connections elsewhere close on `versionchange` (Dexie's default). */
function deleteDatabase(name: string): Promise<void> {
  if (typeof indexedDB === 'undefined') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
  });
}

/**
 * Deletes the account's database, its Cache Storage entries and the remembered account. The hooks run first so no
 * sync or download of this page writes (and so re-creates) the database while it is being deleted.
 */
export async function wipeAccountData(accountId: string): Promise<void> {
  for (const hook of [...wipeHooks]) await hook(accountId);
  forgetRememberedAccount(accountId);
  const prefix = userDatabaseName(accountId);
  const caches = typeof globalThis.caches === 'undefined' ? null : globalThis.caches;
  if (caches) {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith(prefix)).map((name) => caches.delete(name)));
  }
  await deleteDatabase(prefix);
}

type WipeHook = (accountId: string) => Promise<void>;
const wipeHooks = new Set<WipeHook>();

/** The tablet runtime stops its sync and closes its database here before the data is deleted. */
export function onBeforeWipe(hook: WipeHook): () => void {
  wipeHooks.add(hook);
  return () => wipeHooks.delete(hook);
}
