import type { Readable } from 'node:stream';

export interface StoredBlob {
  sha256: string;
  size: number;
}

export interface BlobRange {
  start: number;
  /** Inclusive, as in HTTP Range. */
  end: number;
}

/**
 * Content-addressed storage. A blob is durable and complete before `put` resolves, so a database row that names
 * its sha256 (committed afterwards) never points at a partial file. Implementations: disk now, S3-compatible later.
 */
export interface BlobStore {
  /** Streams content in, hashing as it goes; rejects (and leaves nothing behind) if `maxBytes` is exceeded. */
  put(content: Readable | Uint8Array, options?: { maxBytes?: number }): Promise<StoredBlob>;
  has(sha256: string): Promise<boolean>;
  size(sha256: string): Promise<number | null>;
  read(sha256: string, range?: BlobRange): Readable;
  /** Removes temp files of writes cut off by a crash. */
  sweepIncomplete(): Promise<number>;
}

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`blob exceeds ${maxBytes} bytes`);
  }
}

export const sha256Pattern = /^[0-9a-f]{64}$/;
