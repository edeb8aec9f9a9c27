import { afterEach, describe, expect, it } from 'vitest';
import { content, file, fileVersion, freshAccountId, meeting, membership, page, upsert } from '../test/sync-fixtures';
import { applyPage } from './apply-page';
import { openUserDatabase, type UserDatabase } from './db';
import { enqueueMutation } from './outbox';
import { evictForSpace, planEviction, removeMeetingDocuments, type StoredMeeting } from './storage';

const now = new Date('2026-03-02T09:00:00Z');
const opened: UserDatabase[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function stored(meetingId: string, start: string, blobs: [string, number][], flags: Partial<StoredMeeting> = {}) {
  return {
    meetingId,
    start,
    pinned: false,
    pending: false,
    kept: false,
    blobs: blobs.map(([sha256, bytes]) => ({ sha256, bytes })),
    ...flags,
  } satisfies StoredMeeting;
}

describe('planEviction', () => {
  const meetings = [
    stored('2025-old', '2025-11-01T17:00:00Z', [['a', 100]]),
    stored('2024-older', '2024-05-01T17:00:00Z', [['b', 100]]),
    stored('pinned-old', '2023-01-01T17:00:00Z', [['c', 500]], { pinned: true }),
    stored('pending-old', '2023-02-01T17:00:00Z', [['d', 500]], { pending: true }),
    stored('next-week', '2026-03-09T17:00:00Z', [['e', 100]], { kept: true }),
    stored('in-april', '2026-04-10T17:00:00Z', [['f', 100]], { kept: true }),
    stored('in-may', '2026-04-12T17:00:00Z', [['g', 100]], { kept: true }),
  ];

  it('evicts old unpinned meetings first, oldest first, and stops when enough is free', () => {
    expect(planEviction(meetings, 150, null)).toEqual(['2024-older', '2025-old']);
    expect(planEviction(meetings, 50, null)).toEqual(['2024-older']);
  });

  it('then meetings later than the one that needs the room, latest first, never earlier ones', () => {
    const forNextWeek = { meetingId: 'next-week', start: '2026-03-09T17:00:00Z' };
    expect(planEviction(meetings, 350, forNextWeek)).toEqual(['2024-older', '2025-old', 'in-may', 'in-april']);
    const forApril = { meetingId: 'in-april', start: '2026-04-10T17:00:00Z' };
    expect(planEviction(meetings, 10_000, forApril)).toEqual(['2024-older', '2025-old', 'in-may']);
  });

  it('never evicts pinned meetings or meetings with unsynced changes', () => {
    const plan = planEviction(meetings, 10_000, { meetingId: 'x', start: '2020-01-01T00:00:00Z' });
    expect(plan).not.toContain('pinned-old');
    expect(plan).not.toContain('pending-old');
  });

  it('counts a shared document as freed only when its last meeting goes', () => {
    const shared = [
      stored('one', '2025-01-01T17:00:00Z', [['s', 1000]]),
      stored('two', '2025-02-01T17:00:00Z', [['s', 1000]]),
      stored('three', '2025-03-01T17:00:00Z', [['t', 10]]),
    ];
    expect(planEviction(shared, 500, null)).toEqual(['one', 'two']);
  });
});

describe('evictForSpace and removeMeetingDocuments', () => {
  async function seeded() {
    const db = openUserDatabase(freshAccountId());
    opened.push(db);
    await db.updateMeta({ personIds: ['person-1'] });
    const docs = Object.fromEntries(['old', 'pinned', 'pending', 'soon'].map((k) => [k, content(k, 64)]));
    await applyPage(
      db,
      page('1', [
        upsert('membership', membership()),
        upsert('meeting', meeting('old', '2025-10-01T17:00:00Z')),
        upsert('meeting', meeting('pinned', '2025-09-01T17:00:00Z')),
        upsert('meeting', meeting('pending', '2025-08-01T17:00:00Z')),
        upsert('meeting', meeting('soon', '2026-03-05T17:00:00Z')),
        upsert('pin', { id: 'pin-1', meetingId: 'pinned', pinnedAt: now.toISOString() } as never),
        ...Object.entries(docs).flatMap(([key, blob]) => [
          upsert('file', file(`f-${key}`, { meetingId: key })),
          upsert('fileVersion', fileVersion(`v-${key}`, `f-${key}`, blob)),
        ]),
      ]),
      now,
    );
    for (const blob of Object.values(docs)) {
      await db.blobs.put({
        sha256: blob.sha256,
        size: 64,
        mimeType: 'application/pdf',
        receivedBytes: 64,
        complete: true,
        verified: true,
        lastUsedAt: null,
        error: null,
      });
      await db.blobChunks.put({ sha256: blob.sha256, index: 0, data: blob.bytes });
    }
    // Unpinning "pending" is queued but not yet pushed: its documents must stay.
    await enqueueMutation(db, 'pin.remove', { meetingId: 'pending' }, now);
    return { db, docs };
  }

  it('frees the old meeting’s documents and leaves pinned, unsynced and upcoming ones', async () => {
    const { db, docs } = await seeded();
    const freed = await evictForSpace(db, 10_000, { meetingId: 'soon', start: '2026-03-05T17:00:00Z' }, now);
    expect(freed).toBe(64);
    const left = new Set(await db.blobs.toCollection().primaryKeys());
    expect(left.has(docs.old!.sha256)).toBe(false);
    expect(await db.blobChunks.where('sha256').equals(docs.old!.sha256).count()).toBe(0);
    for (const key of ['pinned', 'pending', 'soon']) expect(left.has(docs[key]!.sha256)).toBe(true);
  });

  it('removes a meeting’s documents on request, but not while unsynced changes refer to it', async () => {
    const { db, docs } = await seeded();
    expect(await removeMeetingDocuments(db, 'pending', now)).toBe(0);
    expect(await db.blobs.get(docs.pending!.sha256)).toBeDefined();
    expect(await removeMeetingDocuments(db, 'soon', now)).toBe(64);
    expect(await db.blobs.get(docs.soon!.sha256)).toBeUndefined();
    expect(await db.excluded.get('soon')).toBeDefined();
  });
});
