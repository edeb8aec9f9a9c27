import { afterEach, describe, expect, it } from 'vitest';
import type { SyncChange } from '@ratsmappe/shared';
import {
  agendaItem,
  content,
  file,
  fileVersion,
  freshAccountId,
  meeting,
  page,
  remove,
  upsert,
} from '../test/sync-fixtures';
import { applyPage } from './apply-page';
import { chunkSize, openUserDatabase, type UserDatabase } from './db';
import { enqueueMutation } from './outbox';

const now = new Date('2026-03-02T09:00:00Z');
const opened: UserDatabase[] = [];

function database(): UserDatabase {
  const db = openUserDatabase(freshAccountId());
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

async function snapshot(db: UserDatabase) {
  return {
    meta: await db.meta.get('local'),
    meetings: await db.meeting.toArray(),
    items: await db.agendaItem.toArray(),
    files: await db.file.toArray(),
    versions: await db.fileVersion.toArray(),
    changes: await db.changesSeen.toArray(),
    blobs: await db.blobs.toArray(),
    chunks: await db.blobChunks.count(),
  };
}

/** Stores a verified blob of two chunks, as the downloader would leave it. */
async function storeBlob(db: UserDatabase, blob: { sha256: string; bytes: Uint8Array }) {
  await db.blobs.put({
    sha256: blob.sha256,
    size: blob.bytes.byteLength,
    mimeType: 'application/pdf',
    receivedBytes: blob.bytes.byteLength,
    complete: true,
    verified: true,
    lastUsedAt: null,
    error: null,
  });
  for (let index = 0; index * chunkSize < blob.bytes.byteLength; index++) {
    await db.blobChunks.put({
      sha256: blob.sha256,
      index,
      data: blob.bytes.slice(index * chunkSize, (index + 1) * chunkSize),
    });
  }
}

describe('applyPage', () => {
  it('applies a page and its cursor together, and a failing page changes neither', async () => {
    const db = database();
    await applyPage(db, page('1', [upsert('meeting', meeting('m1', '2026-03-10T17:00:00Z'))]), now);
    const before = await snapshot(db);
    expect(before.meta?.cursor).toBe('1');

    const bad = page('2', [
      upsert('meeting', meeting('m2', '2026-03-11T17:00:00Z')),
      upsert('agendaItem', agendaItem('a1', 'm1')),
      { op: 'upsert', entity: 'motion', id: 'x', data: { id: 'x' } } as unknown as SyncChange,
    ]);
    await expect(applyPage(db, bad, now)).rejects.toThrow('unknown entity motion');
    expect(await snapshot(db)).toEqual(before);
  });

  it('leaves the same state when a page is applied twice', async () => {
    const db = database();
    const blob = content('a', 1000);
    const changes = [
      upsert('meeting', meeting('m1', '2026-03-10T17:00:00Z')),
      upsert('agendaItem', agendaItem('a1', 'm1', { supplementAt: '2026-03-05T10:00:00Z' })),
      upsert('file', file('f1', { agendaItemId: 'a1' })),
      upsert('fileVersion', fileVersion('v1', 'f1', blob)),
      remove('paper', 'never-here'),
    ];
    await applyPage(db, page('1', [upsert('meeting', meeting('m0', '2026-03-01T17:00:00Z'))]), now);
    await applyPage(db, page('2', changes), now);
    const once = await snapshot(db);
    await applyPage(db, page('2', changes), now);
    expect(await snapshot(db)).toEqual(once);
    expect(once.meetings.map((m) => m.id).sort()).toEqual(['m0', 'm1']);
  });

  it('deletes rows and the chunks of blobs no current file version references any more', async () => {
    const db = database();
    const kept = content('kept', chunkSize + 10);
    const revoked = content('revoked', chunkSize + 20);
    const oldVersion = content('old', 30);
    await applyPage(
      db,
      page('1', [
        upsert('meeting', meeting('m1', '2026-03-10T17:00:00Z')),
        upsert('agendaItem', agendaItem('a1', 'm1', { public: false })),
        upsert('file', file('f1', { meetingId: 'm1' })),
        upsert('fileVersion', fileVersion('v1', 'f1', kept)),
        upsert('file', file('f2', { agendaItemId: 'a1', public: false })),
        upsert('fileVersion', fileVersion('v2', 'f2', revoked)),
        upsert('file', file('f3', { meetingId: 'm1' })),
        upsert('fileVersion', fileVersion('v3', 'f3', oldVersion)),
      ]),
      now,
    );
    for (const blob of [kept, revoked, oldVersion]) await storeBlob(db, blob);
    expect(await db.blobChunks.count()).toBe(5);

    // Revocation: exactly the rows the user may no longer read; and a new version of f3 supersedes its old one.
    const newVersion = content('new', 40);
    const result = await applyPage(
      db,
      page('2', [
        remove('fileVersion', 'v2'),
        remove('file', 'f2'),
        remove('agendaItem', 'a1'),
        upsert('fileVersion', fileVersion('v3b', 'f3', newVersion, { version: 2 })),
      ]),
      now,
    );
    expect(result.deletedBlobs.sort()).toEqual([oldVersion.sha256, revoked.sha256].sort());
    expect(await db.agendaItem.count()).toBe(0);
    expect(await db.file.get('f2')).toBeUndefined();
    expect((await db.blobs.toArray()).map((b) => b.sha256)).toEqual([kept.sha256]);
    expect(await db.blobChunks.where('sha256').equals(kept.sha256).count()).toBe(2);
    expect(await db.blobChunks.count()).toBe(2);
  });

  it('marks meetings new, changed and with supplements, but not on the first full pull', async () => {
    const db = database();
    await db.updateMeta({ resync: 'initial' });
    await applyPage(db, page('1', [upsert('meeting', meeting('m1', '2026-03-10T17:00:00Z'))]), now);
    expect(await db.changesSeen.count()).toBe(0);

    await applyPage(
      db,
      page('2', [
        upsert('meeting', meeting('m2', '2026-03-12T17:00:00Z')),
        upsert('agendaItem', agendaItem('a2', 'm2')),
        upsert('agendaItem', agendaItem('a1', 'm1', { supplementAt: '2026-03-02T08:00:00Z' })),
      ]),
      now,
    );
    expect(await db.changesSeen.get('m2')).toMatchObject({ isNew: true, changed: false, supplement: false });
    expect(await db.changesSeen.get('m1')).toMatchObject({ isNew: false, changed: true, supplement: true });
  });

  it('marks documents that arrive after the first pull as new, and new versions of known ones, until deleted', async () => {
    const db = database();
    await db.updateMeta({ resync: 'initial' });
    await applyPage(
      db,
      page('1', [
        upsert('meeting', meeting('m1', '2026-03-10T17:00:00Z')),
        upsert('file', file('f1', { meetingId: 'm1' })),
        upsert('fileVersion', fileVersion('v1', 'f1', content('one', 10))),
      ]),
      now,
    );
    expect(await db.unseenFiles.count()).toBe(0);

    await applyPage(
      db,
      page('2', [
        upsert('file', file('f2', { meetingId: 'm1' })),
        upsert('fileVersion', fileVersion('v2', 'f2', content('two', 10))),
        upsert('fileVersion', fileVersion('v1b', 'f1', content('one-b', 10), { version: 2 })),
      ]),
      now,
    );
    expect(await db.unseenFiles.orderBy('fileId').toArray()).toEqual([
      { fileId: 'f1', kind: 'version', at: now.toISOString() },
      { fileId: 'f2', kind: 'new', at: now.toISOString() },
    ]);

    await applyPage(db, page('3', [remove('fileVersion', 'v2'), remove('file', 'f2')]), now);
    expect((await db.unseenFiles.toArray()).map((row) => row.fileId)).toEqual(['f1']);
  });

  it('drops outbox entries the server applied only with the last page of the pull', async () => {
    const db = database();
    await enqueueMutation(db, 'pin.set', { meetingId: 'm1' }, now);
    await enqueueMutation(db, 'pin.set', { meetingId: 'm2' }, now);
    await applyPage(db, page('1', [], { hasMore: true, lastMutationSeq: 1 }), now);
    expect(await db.outbox.count()).toBe(2);
    await applyPage(
      db,
      page('2', [upsert('pin', { id: 'p1', meetingId: 'm1', pinnedAt: now.toISOString() } as never)], {
        lastMutationSeq: 1,
      }),
      now,
    );
    expect((await db.outbox.toArray()).map((row) => row.seq)).toEqual([2]);
  });
});
