import { afterEach, describe, expect, it } from 'vitest';
import { content, freshAccountId } from '../test/sync-fixtures';
import { storedDigest } from './blob-store';
import { chunkSize, openUserDatabase, type BlobRow, type UserDatabase } from './db';

const opened: UserDatabase[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

async function stored(chunks: number[], size: number) {
  const db = openUserDatabase(freshAccountId());
  opened.push(db);
  const doc = content('plan', size);
  for (const index of chunks) {
    await db.blobChunks.put({
      sha256: doc.sha256,
      index,
      data: doc.bytes.slice(index * chunkSize, (index + 1) * chunkSize),
    });
  }
  const record: BlobRow = {
    sha256: doc.sha256,
    size,
    mimeType: 'application/pdf',
    receivedBytes: 0,
    complete: true,
    verified: false,
    lastUsedAt: null,
    error: null,
  };
  return { db, doc, record };
}

describe('storedDigest', () => {
  it('hashes a document whole (WebCrypto) and chunk by chunk to the same sha256', async () => {
    const { db, doc, record } = await stored([0, 1, 2], 2 * chunkSize + 777);
    const whole = await storedDigest(db, record);
    const chunked = await storedDigest(db, record, { wholeMaxBytes: 0 });
    expect(whole).toEqual({ sha256: doc.sha256, bytes: doc.bytes.byteLength });
    expect(chunked).toEqual(whole);
  });

  it('stops at the first missing chunk either way, so a gap never verifies', async () => {
    const { db, doc, record } = await stored([0, 2], 2 * chunkSize + 777);
    const whole = await storedDigest(db, record);
    const chunked = await storedDigest(db, record, { wholeMaxBytes: 0 });
    expect(whole.bytes).toBe(chunkSize);
    expect(whole.sha256).not.toBe(doc.sha256);
    expect(chunked).toEqual(whole);
  });
});
