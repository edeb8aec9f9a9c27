/**
 * Invariant: a document's bytes land in IndexedDB as contiguous 4 MiB chunks from the start, each chunk written
 * with its progress in one transaction, so after any cut the download resumes at the first missing chunk (with
 * If-Range, so a changed entity can never be spliced) and a document counts as present only after its stored
 * chunks hash to its sha256.
 */
import Dexie from 'dexie';
import { deleteBlobs, firstMissingChunk, storedDigest } from './blob-store';
import { chunkSize, type BlobRow, type UserDatabase } from './db';
import { isQuotaExceeded, QuotaError, retryOnceOnUnknownError } from './errors';
import { keptMeetings, meetingDocuments } from './keep-set';
import { deviceHeader, failureOf, SyncFailure, type FetchLike } from './sync-client';

export interface DownloadTarget {
  sha256: string;
  size: number;
  mimeType: string;
  /** The earliest kept meeting that needs it: eviction makes room only at the expense of later ones. */
  meetingId: string;
  meetingStart: string;
}

export interface DownloaderOptions {
  fetch: FetchLike;
  now: () => Date;
  signal?: AbortSignal;
  /** Bytes of the current document so far (also between chunk writes), for the progress bar. */
  onProgress?: (sha: string, receivedBytes: number, size: number) => void;
  /** Evicts documents to free at least `bytes` for `target`; answers how many bytes it freed. */
  makeRoom?: (bytes: number, target: DownloadTarget) => Promise<number>;
  /** Free space as the browser estimates it, or null when it cannot tell. */
  freeSpace?: () => Promise<number | null>;
  /** A response that delivers no byte for this long is given up (and resumed later). Default 45 s. */
  stallMs?: number;
}

/** Documents of the kept meetings not yet verified on this device, soonest meeting first, each sha256 once. */
export async function downloadPlan(db: UserDatabase, now: Date): Promise<DownloadTarget[]> {
  const targets = new Map<string, DownloadTarget>();
  for (const { meeting } of await keptMeetings(db, now)) {
    for (const { version } of await meetingDocuments(db, meeting.id)) {
      if (targets.has(version.sha256)) continue;
      targets.set(version.sha256, {
        sha256: version.sha256,
        size: version.size,
        mimeType: version.mimeType,
        meetingId: meeting.id,
        meetingStart: meeting.start,
      });
    }
  }
  const records = await db.blobs.bulkGet([...targets.keys()]);
  return [...targets.values()].filter((_, i) => !records[i]?.verified);
}

class BlobGone extends Error {}

/** Reserve kept free beyond a document's size: estimates are coarse, and the database needs room to work. */
const reserveBytes = 20 * 1024 * 1024;

function parseContentRange(value: string | null): { start: number; total: number | null } | null {
  const match = value ? /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value.trim()) : null;
  if (!match) return null;
  return { start: Number(match[1]), total: match[3] === '*' ? null : Number(match[3]) };
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

export type DownloadOutcome = 'verified' | 'gone' | 'failed';

export class Downloader {
  constructor(
    private readonly db: UserDatabase,
    private readonly options: DownloaderOptions,
  ) {}

  /**
   * Downloads the targets in order. Stops at the first network, session or quota failure (it would hit every
   * following document too) and rethrows it; a document the server refuses or that fails twice is marked and
   * skipped.
   */
  async run(targets: readonly DownloadTarget[]): Promise<void> {
    for (const target of targets) {
      if (this.options.signal?.aborted) return;
      await this.download(target);
    }
  }

  async download(target: DownloadTarget): Promise<DownloadOutcome> {
    const { db } = this;
    await db.transaction('rw', db.blobs, async () => {
      if (await db.blobs.get(target.sha256)) return;
      await db.blobs.add({
        sha256: target.sha256,
        size: target.size,
        mimeType: target.mimeType,
        receivedBytes: 0,
        complete: false,
        verified: false,
        lastUsedAt: null,
        error: null,
      });
    });
    // A second attempt only after a hash mismatch: the stored bytes are dropped and fetched again from the start.
    for (let attempt = 1; attempt <= 2; attempt++) {
      const record = await db.blobs.get(target.sha256);
      if (!record) return 'gone';
      if (record.verified) return 'verified';
      try {
        if (!record.complete) await this.transfer(record, target);
      } catch (error) {
        if (error instanceof BlobGone) return 'gone';
        if (error instanceof SyncFailure && error.code === 'server') {
          await this.markError(target.sha256, error.status === 404 ? 'not_found' : `http_${error.status ?? 0}`);
          return 'failed';
        }
        throw error;
      }
      const current = await db.blobs.get(target.sha256);
      if (!current) return 'gone';
      const digest = await storedDigest(db, current);
      if (digest.sha256 === target.sha256 && digest.bytes === current.size) {
        await db.blobs.update(target.sha256, {
          complete: true,
          verified: true,
          receivedBytes: current.size,
          error: null,
        });
        return 'verified';
      }
      await db.transaction('rw', db.blobs, db.blobChunks, async () => {
        await db.blobChunks.where('sha256').equals(target.sha256).delete();
        await db.blobs.update(target.sha256, { receivedBytes: 0, complete: false, error: 'hash_mismatch' });
      });
    }
    return 'failed';
  }

  private async markError(sha: string, error: string): Promise<void> {
    await this.db.blobs.update(sha, { error });
  }

  private async transfer(record: BlobRow, target: DownloadTarget): Promise<void> {
    const { db } = this;
    const sha = record.sha256;
    const index = await firstMissingChunk(db, sha);
    // Chunks are written in order, so nothing should follow a gap; drop it if something does.
    await db.blobChunks.where('[sha256+index]').between([sha, index], [sha, Dexie.maxKey]).delete();
    const offset = Math.min(index * chunkSize, record.size);
    if (offset >= record.size) {
      await db.blobs.update(sha, { receivedBytes: record.size, complete: true });
      return;
    }
    await this.ensureRoom(record.size - offset, target);

    // A chamber Wi-Fi that stops answering would otherwise hold the whole queue: give up on silence, resume later.
    const stall = new AbortController();
    const outer = this.options.signal;
    const onOuterAbort = () => stall.abort(outer?.reason);
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    let stalled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const armStallTimer = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        stalled = true;
        stall.abort();
      }, this.options.stallMs ?? 45_000);
    };
    armStallTimer();
    try {
      await this.receive(record, target, sha, index, offset, stall.signal, armStallTimer, () => stalled);
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    }
  }

  private async receive(
    record: BlobRow,
    target: DownloadTarget,
    sha: string,
    startIndex: number,
    startOffset: number,
    signal: AbortSignal,
    progressed: () => void,
    stalled: () => boolean,
  ): Promise<void> {
    const { db } = this;
    let index = startIndex;
    let offset = startOffset;
    const interrupted = (error: unknown) => {
      if (this.options.signal?.aborted) return error;
      return new SyncFailure('network', stalled() ? 'download stalled' : 'download interrupted');
    };
    const headers: Record<string, string> = { Range: `bytes=${offset}-`, 'If-Range': `"${sha}"` };
    // Named like sync requests, so a revoked device gets no more documents and learns of it here too.
    const { deviceId } = await db.readMeta();
    if (deviceId) headers[deviceHeader] = deviceId;
    let response: Response;
    try {
      response = await this.options.fetch(`/api/blobs/${sha}`, { credentials: 'same-origin', headers, signal });
    } catch (error) {
      throw interrupted(error);
    }
    if (response.status === 416) {
      // Our idea of the size is wrong: start over from nothing next time.
      await deleteBlobs(db, [sha]);
      throw new SyncFailure('server', 'range not satisfiable', 416);
    }
    if (!response.ok) throw await failureOf(response);
    if (response.status === 206) {
      const range = parseContentRange(response.headers.get('Content-Range'));
      if (!range || range.start !== offset) throw new SyncFailure('server', 'unexpected content range', 206);
    } else {
      // 200: the whole content (the validator did not hold); replace whatever is stored.
      index = 0;
      offset = 0;
      await db.blobChunks.where('sha256').equals(sha).delete();
    }
    if (!response.body) throw new SyncFailure('server', 'no body', response.status);

    const reader = response.body.getReader();
    let parts: Uint8Array[] = [];
    let pending = 0;
    const flush = async (length: number) => {
      const all = concat(parts, pending);
      const chunk = all.slice(0, length);
      const rest = all.slice(length);
      await this.writeChunk(sha, index, chunk, offset + length, target);
      index++;
      offset += length;
      parts = rest.byteLength > 0 ? [rest] : [];
      pending = rest.byteLength;
    };
    try {
      for (;;) {
        let result: ReadableStreamReadResult<Uint8Array>;
        try {
          result = await reader.read();
        } catch (error) {
          throw interrupted(error);
        }
        if (result.done) break;
        progressed();
        parts.push(result.value);
        pending += result.value.byteLength;
        this.options.onProgress?.(sha, offset + pending, record.size);
        while (pending >= chunkSize) await flush(chunkSize);
      }
    } finally {
      reader.releaseLock();
    }
    // The last chunk of a document may be short; a short piece before the end is a cut and is not kept.
    if (pending > 0 && offset + pending >= record.size) await flush(pending);
    if (offset < record.size) throw new SyncFailure('network', 'download ended early');
    await db.blobs.update(sha, { complete: true });
  }

  private async writeChunk(
    sha: string,
    index: number,
    data: Uint8Array,
    receivedBytes: number,
    target: DownloadTarget,
  ) {
    const { db } = this;
    const write = () =>
      retryOnceOnUnknownError(() =>
        db.transaction('rw', db.blobs, db.blobChunks, async () => {
          // The sync may have deleted the blob meanwhile (revocation, new version): do not leave orphan chunks.
          if (!(await db.blobs.get(sha))) throw new BlobGone();
          await db.blobChunks.put({ sha256: sha, index, data });
          await db.blobs.update(sha, { receivedBytes, error: null });
        }),
      );
    try {
      await write();
    } catch (error) {
      if (!isQuotaExceeded(error)) throw error;
      const needed = target.size - (receivedBytes - data.byteLength);
      const freed = (await this.options.makeRoom?.(needed + reserveBytes, target)) ?? 0;
      if (freed <= 0) throw new QuotaError(needed, error);
      try {
        await write();
      } catch (again) {
        if (isQuotaExceeded(again)) throw new QuotaError(needed, again);
        throw again;
      }
    }
  }

  /** Evicts ahead of time when the browser's estimate says the document will not fit. */
  private async ensureRoom(bytes: number, target: DownloadTarget): Promise<void> {
    const free = await this.options.freeSpace?.();
    if (free === null || free === undefined || free >= bytes + reserveBytes) return;
    await this.options.makeRoom?.(bytes + reserveBytes - free, target);
  }
}
