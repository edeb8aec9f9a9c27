import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  agendaItem,
  content,
  file,
  fileVersion,
  freshAccountId,
  meeting,
  membership,
  organization,
  page,
  paper,
  upsert,
} from '../test/sync-fixtures';
import { FakeSyncServer } from '../test/sync-server';
import { applyPage } from './apply-page';
import { assembleBlob } from './blob-store';
import { chunkSize, openUserDatabase, type UserDatabase } from './db';
import { downloadPlan, Downloader, type DownloadTarget } from './downloader';
import { QuotaError } from './errors';
import { SyncFailure } from './sync-client';

const now = new Date('2026-03-02T09:00:00Z');
const opened: UserDatabase[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const db of opened.splice(0)) await db.delete();
});

function setup() {
  const db = openUserDatabase(freshAccountId());
  opened.push(db);
  const server = new FakeSyncServer();
  const downloader = new Downloader(db, { fetch: server.fetch, now: () => now });
  return { db, server, downloader };
}

function target(blob: { sha256: string; bytes: Uint8Array }): DownloadTarget {
  return {
    sha256: blob.sha256,
    size: blob.bytes.byteLength,
    mimeType: 'application/pdf',
    meetingId: 'm1',
    meetingStart: '2026-03-10T17:00:00Z',
  };
}

/** The stored document's hash, recomputed from the assembled Blob (a deep equal over megabytes takes minutes). */
async function storedHash(db: UserDatabase, sha: string): Promise<string> {
  const blob = await assembleBlob(db, sha, now);
  if (!blob) throw new Error('not stored');
  return bytesToHex(sha256(new Uint8Array(await blob.arrayBuffer())));
}

describe('Downloader', () => {
  it('stores a document in 4 MiB chunks and verifies it', async () => {
    const { db, server, downloader } = setup();
    const doc = content('plan', 2 * chunkSize + 123);
    server.blobs.set(doc.sha256, doc.bytes);
    expect(await downloader.download(target(doc))).toBe('verified');
    const chunks = await db.blobChunks.where('sha256').equals(doc.sha256).toArray();
    expect(chunks.map((c) => c.data.byteLength)).toEqual([chunkSize, chunkSize, 123]);
    expect(await db.blobs.get(doc.sha256)).toMatchObject({
      complete: true,
      verified: true,
      receivedBytes: doc.bytes.byteLength,
    });
    expect(await storedHash(db, doc.sha256)).toBe(doc.sha256);
  });

  it('names the device on blob requests, and stops with device_revoked once the device is revoked', async () => {
    const { db, server, downloader } = setup();
    await db.updateMeta({ deviceId: server.deviceId });
    const first = content('einladung', 1000);
    const second = content('anlage', 2000);
    server.blobs.set(first.sha256, first.bytes);
    server.blobs.set(second.sha256, second.bytes);
    expect(await downloader.download(target(first))).toBe('verified');
    expect(server.requestsTo(`/api/blobs/${first.sha256}`)[0]!.headers['x-ratsmappe-device']).toBe(server.deviceId);

    server.revoked = true;
    await expect(downloader.download(target(second))).rejects.toMatchObject({ code: 'device_revoked' });
    expect(await db.blobChunks.where('sha256').equals(second.sha256).count()).toBe(0);
  });

  it('resumes after a cut from the first missing chunk with If-Range, and verifies the hash', async () => {
    const { db, server, downloader } = setup();
    const doc = content('haushalt', 3 * chunkSize + 5000);
    server.blobs.set(doc.sha256, doc.bytes);
    // The connection drops 1.5 chunks into the second chunk: one whole chunk is kept, the partial one is not.
    server.cutNextAfter = chunkSize + chunkSize / 2;
    await expect(downloader.download(target(doc))).rejects.toMatchObject({ code: 'network' });
    expect(await db.blobs.get(doc.sha256)).toMatchObject({
      receivedBytes: chunkSize,
      complete: false,
      verified: false,
    });
    expect(await db.blobChunks.where('sha256').equals(doc.sha256).count()).toBe(1);

    expect(await downloader.download(target(doc))).toBe('verified');
    const requests = server.requestsTo(`/api/blobs/${doc.sha256}`);
    expect(requests.map((r) => r.headers.range)).toEqual(['bytes=0-', `bytes=${chunkSize}-`]);
    expect(requests[1]!.headers['if-range']).toBe(`"${doc.sha256}"`);
    expect(await storedHash(db, doc.sha256)).toBe(doc.sha256);
  });

  it('gives up a response that goes silent, keeps the chunks it has, and resumes from there', async () => {
    const { db, server } = setup();
    const doc = content('wlan', 2 * chunkSize + 10);
    server.blobs.set(doc.sha256, doc.bytes);
    server.stallNextAfter = chunkSize + 1000;
    const downloader = new Downloader(db, { fetch: server.fetch, now: () => now, stallMs: 50 });
    await expect(downloader.download(target(doc))).rejects.toMatchObject({
      code: 'network',
      message: 'download stalled',
    });
    expect(await db.blobs.get(doc.sha256)).toMatchObject({ receivedBytes: chunkSize, verified: false });
    expect(await downloader.download(target(doc))).toBe('verified');
    expect(server.requestsTo(`/api/blobs/${doc.sha256}`).map((r) => r.headers.range)).toEqual([
      'bytes=0-',
      `bytes=${chunkSize}-`,
    ]);
  });

  it('downloads again from the start when the stored bytes do not hash to the sha256', async () => {
    const { db, server, downloader } = setup();
    const doc = content('vorlage', chunkSize + 77);
    server.blobs.set(doc.sha256, doc.bytes);
    server.corruptNext = true;
    expect(await downloader.download(target(doc))).toBe('verified');
    expect(server.requestsTo(`/api/blobs/${doc.sha256}`).map((r) => r.headers.range)).toEqual(['bytes=0-', 'bytes=0-']);
    expect(await storedHash(db, doc.sha256)).toBe(doc.sha256);
  });

  it('gives up after a second mismatch and shows nothing', async () => {
    const { db, server, downloader } = setup();
    const doc = content('kaputt', 100);
    server.blobs.set(doc.sha256, content('anders', 100).bytes);
    expect(await downloader.download(target(doc))).toBe('failed');
    expect(await db.blobs.get(doc.sha256)).toMatchObject({ verified: false, error: 'hash_mismatch' });
    expect(await assembleBlob(db, doc.sha256, now)).toBeNull();
  });

  it('retries a chunk write once on Safari’s UnknownError', async () => {
    const { db, server, downloader } = setup();
    const doc = content('safari', 1000);
    server.blobs.set(doc.sha256, doc.bytes);
    const put = db.blobChunks.put.bind(db.blobChunks);
    let failures = 0;
    vi.spyOn(db.blobChunks, 'put').mockImplementation((...args) => {
      if (failures++ === 0) throw new DOMException('Error preparing Blob/File data to be stored', 'UnknownError');
      return put(...args);
    });
    expect(await downloader.download(target(doc))).toBe('verified');
    expect(failures).toBe(2);
  });

  it('surfaces a full disk as a QuotaError when nothing can be evicted', async () => {
    const { db, server } = setup();
    const doc = content('voll', 1000);
    server.blobs.set(doc.sha256, doc.bytes);
    const makeRoom = vi.fn(() => Promise.resolve(0));
    const downloader = new Downloader(db, { fetch: server.fetch, now: () => now, makeRoom });
    vi.spyOn(db.blobChunks, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const error = await downloader.download(target(doc)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuotaError);
    expect(makeRoom).toHaveBeenCalledOnce();
  });

  it('reports a document the server no longer serves and moves on', async () => {
    const { db, downloader } = setup();
    const doc = content('weg', 10);
    expect(await downloader.download(target(doc))).toBe('failed');
    expect(await db.blobs.get(doc.sha256)).toMatchObject({ error: 'not_found' });
  });

  it('rethrows a revoked device so the runtime can wipe it', async () => {
    const { db, server } = setup();
    const doc = content('gesperrt', 10);
    server.blobs.set(doc.sha256, doc.bytes);
    const revoked = () =>
      Promise.resolve(
        new Response(JSON.stringify({ error: { code: 'device_revoked', message: 'gesperrt' } }), { status: 410 }),
      );
    const downloader = new Downloader(db, { fetch: revoked, now: () => now });
    const error = await downloader.download(target(doc)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncFailure);
    expect(error).toMatchObject({ code: 'device_revoked' });
  });
});

describe('downloadPlan', () => {
  it('keeps documents of my committees’ meetings in the window and pinned meetings, soonest first', async () => {
    const db = openUserDatabase(freshAccountId());
    opened.push(db);
    await db.updateMeta({ personIds: ['person-1'] });
    const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((seed) => content(seed, 10));
    await applyPage(
      db,
      page('1', [
        upsert('organization', organization()),
        upsert('organization', organization({ id: 'org-other', name: 'Bauausschuss' })),
        upsert('membership', membership()),
        upsert('membership', membership({ id: 'membership-old', organizationId: 'org-old', endDate: '2025-12-31' })),
        upsert('meeting', meeting('later', '2026-04-01T17:00:00Z')),
        upsert('meeting', meeting('soon', '2026-03-05T17:00:00Z')),
        upsert('meeting', meeting('other', '2026-03-04T17:00:00Z', { organizationIds: ['org-other'] })),
        upsert('meeting', meeting('old-committee', '2026-03-04T17:00:00Z', { organizationIds: ['org-old'] })),
        upsert('meeting', meeting('far', '2026-06-01T17:00:00Z')),
        upsert('meeting', meeting('past', '2026-02-01T17:00:00Z')),
        upsert('agendaItem', agendaItem('s1', 'soon', { paperId: 'p1' })),
        upsert('paper', paper('p1')),
        upsert('file', file('f-later', { meetingId: 'later' })),
        upsert('file', file('f-soon-paper', { paperId: 'p1' })),
        upsert('file', file('f-other', { meetingId: 'other' })),
        upsert('file', file('f-far', { meetingId: 'far' })),
        upsert('file', file('f-past', { meetingId: 'past' })),
        upsert('fileVersion', fileVersion('v-later', 'f-later', a!)),
        upsert('fileVersion', fileVersion('v-soon-1', 'f-soon-paper', b!)),
        upsert('fileVersion', fileVersion('v-soon-2', 'f-soon-paper', c!, { version: 2 })),
        upsert('fileVersion', fileVersion('v-other', 'f-other', d!)),
        upsert('fileVersion', fileVersion('v-far', 'f-far', e!)),
        upsert('fileVersion', fileVersion('v-past', 'f-past', content('past', 10))),
        upsert('pin', { id: 'pin-1', meetingId: 'past', pinnedAt: now.toISOString() } as never),
      ]),
      now,
    );
    const plan = await downloadPlan(db, now);
    // The paper's current version only; another committee's, an ended membership's and a far meeting are left out.
    expect(plan.map((t) => t.meetingId)).toEqual(['past', 'soon', 'later']);
    expect(plan[1]!.sha256).toBe(c!.sha256);
  });
});
