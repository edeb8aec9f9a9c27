import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetSession, setSession, signOut } from '../data/session';
import { json } from '../test/fetch';
import { content, file, fileVersion, freshAccountId, meeting, membership, page, upsert } from '../test/sync-fixtures';
import { FakeSyncServer } from '../test/sync-server';
import { readRememberedAccount, rememberAccount, userDatabaseName } from './account-data';
import { currentTabletRuntime, startTabletRuntime, stopTabletRuntime, TabletRuntime } from './runtime';

const now = new Date('2026-03-02T09:00:00Z');

afterEach(async () => {
  await stopTabletRuntime();
  vi.unstubAllGlobals();
  resetSession();
  localStorage.clear();
});

function seededServer() {
  const server = new FakeSyncServer();
  const doc = content('einladung', 3000);
  server.blobs.set(doc.sha256, doc.bytes);
  server.pages.set(
    '0',
    page('1', [
      upsert('membership', membership()),
      upsert('meeting', meeting('m1', '2026-03-10T17:00:00Z')),
      upsert('file', file('f1', { meetingId: 'm1' })),
      upsert('fileVersion', fileVersion('v1', 'f1', doc)),
    ]),
  );
  return { server, doc };
}

async function settled(runtime: TabletRuntime): Promise<void> {
  await runtime.requestSync();
  await runtime.requestDownloads();
}

describe('TabletRuntime', () => {
  it('syncs and downloads the documents of my next meetings', async () => {
    const { server, doc } = seededServer();
    const accountId = freshAccountId();
    const runtime = new TabletRuntime(
      { id: accountId, personIds: ['person-1'] },
      { fetch: server.fetch, now: () => now },
    );
    await settled(runtime);
    expect(await runtime.db.blobs.get(doc.sha256)).toMatchObject({ verified: true });
    expect(runtime.status.getSnapshot()).toMatchObject({ error: null, signInNeeded: false, syncing: false });
    await runtime.stop();
    await Dexie.delete(userDatabaseName(accountId));
  });

  it('keeps local data and asks for sign-in when the session has ended', async () => {
    const { server } = seededServer();
    const accountId = freshAccountId();
    const runtime = new TabletRuntime({ id: accountId, personIds: [] }, { fetch: server.fetch, now: () => now });
    await settled(runtime);
    server.signedIn = false;
    await runtime.requestSync();
    expect(runtime.status.getSnapshot().signInNeeded).toBe(true);
    expect(await runtime.db.meeting.count()).toBe(1);
    await runtime.stop();
    await Dexie.delete(userDatabaseName(accountId));
  });

  it('wipes itself when the server answers 410 device_revoked', async () => {
    const { server } = seededServer();
    const accountId = freshAccountId();
    rememberAccount({ id: accountId, displayName: 'Frau X', personIds: [] });
    const onRevoked = vi.fn();
    const runtime = startTabletRuntime(
      { id: accountId, personIds: ['person-1'] },
      { fetch: server.fetch, now: () => now, onRevoked },
    );
    await settled(runtime);
    expect(await Dexie.exists(userDatabaseName(accountId))).toBe(true);
    expect(await runtime.db.blobChunks.count()).toBe(1);

    server.revoked = true;
    await runtime.requestSync();
    expect(onRevoked).toHaveBeenCalledOnce();
    expect(await Dexie.exists(userDatabaseName(accountId))).toBe(false);
    expect(readRememberedAccount()).toBeNull();
    expect(currentTabletRuntime()).toBeNull();
  });

  it('sign-out stops the runtime and deletes the account’s database and caches', async () => {
    const { server } = seededServer();
    const accountId = freshAccountId();
    const cacheDeletes: string[] = [];
    vi.stubGlobal('caches', {
      keys: () => Promise.resolve([`${userDatabaseName(accountId)}-documents`, 'workbox-precache-v2-x']),
      delete: (name: string) => {
        cacheDeletes.push(name);
        return Promise.resolve(true);
      },
    });
    const runtime = startTabletRuntime(
      { id: accountId, personIds: ['person-1'] },
      { fetch: server.fetch, now: () => now },
    );
    await settled(runtime);
    setSession({
      account: { id: accountId, email: 'x@example.org', displayName: 'Frau X', locale: 'de' },
      systemAdmin: false,
      officeStaffBodyIds: [],
      personIds: ['person-1'],
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response(null, { status: 204 }))),
    );

    await signOut();
    expect(currentTabletRuntime()).toBeNull();
    expect(await Dexie.exists(userDatabaseName(accountId))).toBe(false);
    expect(cacheDeletes).toEqual([`${userDatabaseName(accountId)}-documents`]);
  });

  it('sign-out deletes the data even when the server cannot be reached', async () => {
    const accountId = freshAccountId();
    rememberAccount({ id: accountId, displayName: 'Frau X', personIds: [] });
    const runtime = new TabletRuntime(
      { id: accountId, personIds: [] },
      { fetch: () => Promise.resolve(json(200, {})) },
    );
    await runtime.db.readMeta();
    runtime.db.close();
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('offline'))),
    );
    await signOut();
    expect(await Dexie.exists(userDatabaseName(accountId))).toBe(false);
  });
});
