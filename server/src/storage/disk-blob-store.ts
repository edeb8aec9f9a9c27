import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { BlobTooLargeError, sha256Pattern, type BlobRange, type BlobStore, type StoredBlob } from './blob-store.js';

/**
 * Blobs live at `<root>/ab/cdef…` (first two hex digits as a fan-out directory). A write goes to
 * `<root>/tmp/<uuid>`, is fsynced, renamed into place and the directory fsynced, so a crash leaves either the
 * whole blob or only a temp file that `sweepIncomplete` removes.
 */
export class DiskBlobStore implements BlobStore {
  private readonly tmpDir: string;

  constructor(private readonly root: string) {
    this.tmpDir = path.join(root, 'tmp');
  }

  async init(): Promise<void> {
    await mkdir(this.tmpDir, { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!sha256Pattern.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2));
  }

  async put(content: Readable | Uint8Array, options: { maxBytes?: number } = {}): Promise<StoredBlob> {
    const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    const tmpPath = path.join(this.tmpDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const handle = await open(tmpPath, 'wx');
    try {
      const chunks = content instanceof Uint8Array ? [content] : content;
      for await (const chunk of chunks as AsyncIterable<Uint8Array> | Uint8Array[]) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        size += bytes.byteLength;
        if (size > maxBytes) {
          if (!(content instanceof Uint8Array)) content.destroy();
          throw new BlobTooLargeError(maxBytes);
        }
        hash.update(bytes);
        await handle.write(bytes);
      }
      await handle.sync();
    } catch (error) {
      await handle.close().catch(() => undefined);
      await rm(tmpPath, { force: true });
      throw error;
    }
    await handle.close();

    const sha256 = hash.digest('hex');
    const finalPath = this.pathOf(sha256);
    const existing = await stat(finalPath).catch(() => null);
    if (existing?.size === size) {
      // Identical content is stored once.
      await rm(tmpPath, { force: true });
      return { sha256, size };
    }
    await mkdir(path.dirname(finalPath), { recursive: true });
    await rename(tmpPath, finalPath);
    await fsyncDirectory(path.dirname(finalPath));
    return { sha256, size };
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.size(sha256)) !== null;
  }

  async size(sha256: string): Promise<number | null> {
    if (!sha256Pattern.test(sha256)) return null;
    const info = await stat(this.pathOf(sha256)).catch(() => null);
    return info?.isFile() ? info.size : null;
  }

  read(sha256: string, range?: BlobRange): Readable {
    const stream = createReadStream(this.pathOf(sha256), range ? { start: range.start, end: range.end } : {});
    return Readable.from(stream);
  }

  async sweepIncomplete(): Promise<number> {
    const names = await readdir(this.tmpDir).catch(() => [] as string[]);
    await Promise.all(names.map((name) => rm(path.join(this.tmpDir, name), { force: true })));
    return names.length;
  }
}

async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
