import { afterEach, describe, expect, it } from 'vitest';
import {
  agendaItem,
  content,
  file,
  fileVersion,
  freshAccountId,
  meeting,
  page,
  paper,
  upsert,
} from '../test/sync-fixtures';
import { FakeSyncServer } from '../test/sync-server';
import { applyPage } from './apply-page';
import { openUserDatabase, type UserDatabase } from './db';
import { enforceLease } from './lease';
import { SyncClient } from './sync-client';

const opened: UserDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

const contact = new Date('2026-03-02T09:00:00Z');
const publicDoc = content('public', 50);
const secretDoc = content('secret', 50);
const rows = [
  upsert('meeting', meeting('m1', '2026-03-10T17:00:00Z')),
  upsert('agendaItem', agendaItem('open', 'm1', { paperId: 'p-open' })),
  upsert('agendaItem', agendaItem('closed', 'm1', { public: false, paperId: 'p-closed', position: 2 })),
  upsert('paper', paper('p-open')),
  upsert('paper', paper('p-closed', { public: false })),
  upsert('consultation', {
    id: 'c-closed',
    bodyId: 'body-1',
    paperId: 'p-closed',
    meetingId: 'm1',
    agendaItemId: 'closed',
    organizationId: null,
    position: 1,
    authoritative: true,
    role: null,
  } as never),
  upsert('file', file('f-open', { paperId: 'p-open' })),
  upsert('fileVersion', fileVersion('v-open', 'f-open', publicDoc)),
  upsert('file', file('f-closed', { paperId: 'p-closed', public: false })),
  upsert('fileVersion', fileVersion('v-closed', 'f-closed', secretDoc)),
];

async function seeded() {
  const db = openUserDatabase(freshAccountId());
  opened.push(db);
  await applyPage(db, page('7', rows, { serverTime: contact.toISOString(), offlineLeaseDays: 14 }), contact);
  for (const doc of [publicDoc, secretDoc]) {
    await db.blobs.put({
      sha256: doc.sha256,
      size: 50,
      mimeType: 'application/pdf',
      receivedBytes: 50,
      complete: true,
      verified: true,
      lastUsedAt: null,
      error: null,
    });
    await db.blobChunks.put({ sha256: doc.sha256, index: 0, data: doc.bytes });
  }
  return db;
}

describe('the offline lease', () => {
  it('keeps everything while the lease runs', async () => {
    const db = await seeded();
    expect(await enforceLease(db, new Date('2026-03-16T08:00:00Z'))).toBe(false);
    expect(await db.agendaItem.count()).toBe(2);
  });

  it('deletes only non-public content and its documents once the lease has run out', async () => {
    const db = await seeded();
    expect(await enforceLease(db, new Date('2026-03-16T10:00:00Z'))).toBe(true);
    expect((await db.agendaItem.toArray()).map((i) => i.id)).toEqual(['open']);
    expect((await db.paper.toArray()).map((p) => p.id)).toEqual(['p-open']);
    expect((await db.file.toArray()).map((f) => f.id)).toEqual(['f-open']);
    expect((await db.fileVersion.toArray()).map((v) => v.id)).toEqual(['v-open']);
    expect(await db.consultation.count()).toBe(0);
    expect(await db.meeting.count()).toBe(1);
    expect(await db.blobs.toCollection().primaryKeys()).toEqual([publicDoc.sha256]);
    expect(await db.blobChunks.count()).toBe(1);
    expect(await db.readMeta()).toMatchObject({ cursor: '0', leaseExpiredAt: '2026-03-16T10:00:00.000Z' });
  });

  it('after sign-in pulls everything again from "0" and drops what the server no longer sends', async () => {
    const db = await seeded();
    await enforceLease(db, new Date('2026-03-16T10:00:00Z'));
    await db.updateMeta({ deviceId: 'device-1' });
    const server = new FakeSyncServer();
    // Meanwhile the open item was removed from the agenda; the rest comes again.
    server.pages.set(
      '0',
      page(
        '1',
        rows.filter((c) => c.id !== 'open'),
        { hasMore: true },
      ),
    );
    server.pages.set('1', page('2', []));
    const client = new SyncClient(db, {
      fetch: server.fetch,
      now: () => new Date('2026-03-16T10:05:00Z'),
      deviceName: () => 'x',
      locale: () => 'de',
    });
    await client.sync();
    expect((await db.agendaItem.toArray()).map((i) => i.id)).toEqual(['closed']);
    expect(await db.file.count()).toBe(2);
    expect(await db.readMeta()).toMatchObject({ resync: 'none', leaseExpiredAt: null, cursor: '2' });
    expect(await db.resync.count()).toBe(0);
  });
});
