import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobTooLargeError } from './blob-store.js';
import { DiskBlobStore } from './disk-blob-store.js';

let root: string;
let store: DiskBlobStore;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ratsmappe-blobs-'));
  store = new DiskBlobStore(root);
  await store.init();
});
afterEach(() => rm(root, { recursive: true, force: true }));

const text = (s: string) => new TextEncoder().encode(s);
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('DiskBlobStore', () => {
  it('stores content under its sha256 in a two-level fan-out', async () => {
    const bytes = text('Beschlussvorlage: Straßenausbau Mühlweg, 125.000 €');
    const blob = await store.put(bytes);
    expect(blob).toEqual({ sha256: sha(bytes), size: bytes.byteLength });
    const onDisk = await readFile(path.join(root, blob.sha256.slice(0, 2), blob.sha256.slice(2)));
    expect(onDisk.equals(Buffer.from(bytes))).toBe(true);
  });

  it('streams a large input without buffering it whole and reads back byte ranges', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < 8; i++) yield chunk;
      })(),
    );
    const blob = await store.put(source);
    expect(blob.size).toBe(8 * 1024 * 1024);
    expect(await readAll(store.read(blob.sha256, { start: 10, end: 14 }))).toBe('aaaaa');
  });

  it('stores identical content once', async () => {
    const a = await store.put(text('gleicher Inhalt'));
    const b = await store.put(text('gleicher Inhalt'));
    expect(a.sha256).toBe(b.sha256);
    const fanout = await readdir(path.join(root, a.sha256.slice(0, 2)));
    expect(fanout).toHaveLength(1);
    expect(await readdir(path.join(root, 'tmp'))).toHaveLength(0);
  });

  it('rejects content over the size limit and leaves no file behind', async () => {
    const source = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);
    await expect(store.put(source, { maxBytes: 1000 })).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(await readdir(path.join(root, 'tmp'))).toHaveLength(0);
    expect((await readdir(root)).filter((name) => name !== 'tmp')).toHaveLength(0);
  });

  it('sweeps temp files left by an interrupted write', async () => {
    await writeFile(path.join(root, 'tmp', 'cut-off-upload'), 'partial');
    expect(await store.sweepIncomplete()).toBe(1);
    expect(await readdir(path.join(root, 'tmp'))).toHaveLength(0);
  });

  it('refuses paths that are not a sha256, so no name can escape the store', () => {
    expect(() => store.pathOf('../../etc/passwd')).toThrow();
    return expect(store.has('../../etc/passwd')).resolves.toBe(false);
  });
});
