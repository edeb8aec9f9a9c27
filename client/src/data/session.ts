import { useEffect, useSyncExternalStore } from 'react';
import type { SessionInfo } from '@ratsmappe/shared';
import { forgetRememberedAccount, readRememberedAccount, wipeAccountData } from '../offline/account-data';
import { ApiError, getJson } from './api';
import { clearResourceCache } from './use-api-resource';

/**
 * Who is signed in, shared by the header and the staff pages. Public visitors never ask: a hint in localStorage,
 * set at sign-in, says whether a session may exist, so the public pages make no extra request.
 */
export type SessionState =
  | { status: 'unknown' }
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; info: SessionInfo }
  /** The server could not be asked (offline, 5xx); staff pages offer a retry. */
  | { status: 'error' };

const hintKey = 'ratsmappe.session';
/** A sign-out made while the server was out of reach: its session cookie is ended at the next chance. */
const pendingSignOutKey = 'ratsmappe.signOutPending';
let state: SessionState = { status: 'unknown' };
const listeners = new Set<() => void>();

function set(next: SessionState): void {
  state = next;
  try {
    if (next.status === 'signed-in') {
      localStorage.setItem(hintKey, '1');
      // A new sign-in replaced the cookie of the session that was to be ended.
      localStorage.removeItem(pendingSignOutKey);
    }
    if (next.status === 'signed-out') localStorage.removeItem(hintKey);
  } catch {
    // Storage blocked (private mode): the hint is an optimisation only.
  }
  for (const listener of listeners) listener();
}

function hasHint(): boolean {
  try {
    return localStorage.getItem(hintKey) === '1';
  } catch {
    return false;
  }
}

export function setSession(info: SessionInfo | null): void {
  const before = state.status === 'signed-in' ? state.info.account.id : null;
  // Answers remembered for the visit were read with the previous account's rights (or none): never reuse them.
  if (before !== (info?.account.id ?? null)) clearResourceCache();
  set(info ? { status: 'signed-in', info } : { status: 'signed-out' });
}

/** Ends the server session of this browser; answers whether it is gone (a 401 means there was none). */
async function endServerSession(): Promise<boolean> {
  try {
    const response = await fetch('/api/session', { method: 'DELETE', credentials: 'same-origin' });
    return response.ok || response.status === 401;
  } catch {
    return false;
  }
}

function flagPendingSignOut(pending: boolean): void {
  try {
    if (pending) localStorage.setItem(pendingSignOutKey, '1');
    else localStorage.removeItem(pendingSignOutKey);
  } catch {
    // Blocked storage: nothing to remember with, and no data kept either.
  }
}

function hasPendingSignOut(): boolean {
  try {
    return localStorage.getItem(pendingSignOutKey) === '1';
  } catch {
    return false;
  }
}

/** Asks the server (once per page load unless `force`). */
export async function loadSession(force = false): Promise<void> {
  if (!force && state.status !== 'unknown') return;
  set({ status: 'loading' });
  if (hasPendingSignOut()) {
    // Signed out offline: the cookie must not sign this browser in again (and so sync the data back).
    if (await endServerSession()) flagPendingSignOut(false);
    setSession(null);
    return;
  }
  try {
    setSession(await getJson<SessionInfo>('/api/session', { locale: 'de' }));
  } catch (error) {
    if (error instanceof ApiError && (error.code === 'unauthenticated' || error.status === 401)) setSession(null);
    else set({ status: 'error' });
  }
}

/**
 * Ends the session and deletes what this device holds for the account (the tablet app's database and caches),
 * also when the server cannot be reached: the data goes now, and the session is ended at the next page load that
 * reaches the server (until then the cookie signs nobody in: `loadSession` ends it first).
 */
export async function signOut(): Promise<void> {
  const accounts = new Set<string>();
  if (state.status === 'signed-in') accounts.add(state.info.account.id);
  const remembered = readRememberedAccount();
  if (remembered) accounts.add(remembered.id);
  flagPendingSignOut(!(await endServerSession()));
  // Forgotten before the state changes, so no screen offers the account's local data in between.
  for (const id of accounts) forgetRememberedAccount(id);
  setSession(null);
  for (const id of accounts) await wipeAccountData(id).catch((error: unknown) => console.error(error));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The session; `required` pages (office, sign-in) always ask the server, the header only when the hint says a
 * session may exist.
 */
export function useSession(options: { required?: boolean } = {}): SessionState {
  // On the server (prerender.tsx) no one is signed in: it renders only for requests without a session.
  const current = useSyncExternalStore(
    subscribe,
    () => state,
    () => state,
  );
  const shouldLoad = options.required === true || hasHint();
  useEffect(() => {
    if (shouldLoad) void loadSession();
  }, [shouldLoad]);
  return current;
}

/** For tests. */
export function resetSession(): void {
  state = { status: 'unknown' };
}
