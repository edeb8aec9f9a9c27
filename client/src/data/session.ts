import { useEffect, useSyncExternalStore } from 'react';
import type { SessionInfo } from '@ratsmappe/shared';
import { readRememberedAccount, wipeAccountData } from '../offline/account-data';
import { ApiError, getJson } from './api';

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
let state: SessionState = { status: 'unknown' };
const listeners = new Set<() => void>();

function set(next: SessionState): void {
  state = next;
  try {
    if (next.status === 'signed-in') localStorage.setItem(hintKey, '1');
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
  set(info ? { status: 'signed-in', info } : { status: 'signed-out' });
}

/** Asks the server (once per page load unless `force`). */
export async function loadSession(force = false): Promise<void> {
  if (!force && state.status !== 'unknown') return;
  set({ status: 'loading' });
  try {
    setSession(await getJson<SessionInfo>('/api/session', { locale: 'de' }));
  } catch (error) {
    if (error instanceof ApiError && (error.code === 'unauthenticated' || error.status === 401)) setSession(null);
    else set({ status: 'error' });
  }
}

/**
 * Ends the session and deletes what this device holds for the account (the tablet app's database and caches),
 * also when the server cannot be reached: signing out must leave nothing readable behind.
 */
export async function signOut(): Promise<void> {
  const accounts = new Set<string>();
  if (state.status === 'signed-in') accounts.add(state.info.account.id);
  const remembered = readRememberedAccount();
  if (remembered) accounts.add(remembered.id);
  try {
    await fetch('/api/session', { method: 'DELETE', credentials: 'same-origin' });
  } catch {
    // Offline: the session cookie stays until it expires, but this device's copy of the data goes now.
  } finally {
    setSession(null);
    for (const id of accounts) await wipeAccountData(id).catch((error: unknown) => console.error(error));
  }
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
  const current = useSyncExternalStore(subscribe, () => state);
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
