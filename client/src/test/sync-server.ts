import type { SyncChange, SyncDevice, SyncMutation, SyncPullResponse, SyncPushResponse } from '@ratsmappe/shared';
import { json } from './fetch';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * A fetch double that answers like the sync and blob endpoints: pull pages by cursor, push with per-device
 * sequence numbers (replays skipped), devices, and blobs with ETag, Range, If-Range and 416. It can cut a
 * document stream after a number of bytes and corrupt the next delivery.
 */
export class FakeSyncServer {
  readonly requests: RecordedRequest[] = [];
  /** Pull answers by the cursor the client sends. */
  pages = new Map<string, SyncPullResponse>();
  readonly blobs = new Map<string, Uint8Array>();
  readonly pushed: SyncMutation[] = [];
  lastMutationSeq = 0;
  /** Mutation seqs the server refuses (applied as no-ops). */
  refuse = new Set<number>();
  deviceId = 'device-1';
  revoked = false;
  signedIn = true;
  offline = false;
  /** Serve only this many bytes of the next document response, then fail the stream. */
  cutNextAfter: number | null = null;
  /** Serve only this many bytes of the next document response, then go silent until the request is aborted. */
  stallNextAfter: number | null = null;
  /** Flip a byte in the next document response. */
  corruptNext = false;
  /** Changes made by pushed mutations (pins), delivered by the next pull without a scripted page. */
  readonly changed: SyncChange[] = [];
  /** Server time on every pull answer (the offline lease counts from it); null keeps the scripted pages' time. */
  serverTime: string | null = null;
  /** Answer pulls with this status (e.g. 500) instead of a page. */
  pullStatus: number | null = null;

  readonly fetch = (input: string, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input, 'http://ratsmappe.test');
    const headers: Record<string, string> = {};
    // happy-dom keeps the case of header names; HTTP does not care.
    new Headers(init.headers).forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const method = init.method ?? 'GET';
    this.requests.push({ method, path: url.pathname, query: url.searchParams, headers, body });
    if (this.offline) return Promise.reject(new TypeError('Failed to fetch'));
    return Promise.resolve(this.answer(method, url, headers, body, init.signal ?? null));
  };

  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path || r.path.startsWith(path));
  }

  private answer(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: unknown,
    signal: AbortSignal | null,
  ): Response {
    if (!this.signedIn) return json(401, { error: { code: 'unauthenticated', message: 'Bitte anmelden.' } });
    const path = url.pathname;
    if (path === '/api/sync/devices' && method === 'POST') {
      const device: SyncDevice = {
        id: this.deviceId,
        accountId: 'account',
        name: (body as { name: string }).name,
        created: '2026-03-01T08:00:00.000Z',
        lastSyncAt: null,
        revokedAt: null,
        current: true,
      };
      return json(201, device);
    }
    if (path.startsWith('/api/sync/') && this.revoked) {
      return json(410, { error: { code: 'device_revoked', message: 'Dieses Gerät wurde gesperrt.' } });
    }
    if (path.startsWith('/api/sync/') && headers['x-ratsmappe-device'] !== this.deviceId) {
      return json(400, { error: { code: 'validation_failed', message: 'Gerät fehlt.' } });
    }
    if (path === '/api/sync/pull') {
      if (this.pullStatus) return json(this.pullStatus, { error: { code: 'internal', message: 'Serverfehler.' } });
      const cursor = url.searchParams.get('cursor') ?? '0';
      const page = this.pages.get(cursor);
      if (!page) {
        const changes = this.changed.splice(0);
        return json(200, {
          cursor: changes.length > 0 ? String(Number(cursor) + 1) : cursor,
          changes,
          hasMore: false,
          lastMutationSeq: this.lastMutationSeq,
          serverTime: this.serverTime ?? '2026-03-02T09:00:00.000Z',
          offlineLeaseDays: 30,
        });
      }
      return json(200, {
        ...page,
        lastMutationSeq: Math.max(page.lastMutationSeq, this.lastMutationSeq),
        serverTime: this.serverTime ?? page.serverTime,
      });
    }
    if (path === '/api/sync/push' && method === 'POST') {
      const rejected: SyncPushResponse['rejected'] = [];
      for (const mutation of (body as { mutations: SyncMutation[] }).mutations) {
        if (mutation.seq <= this.lastMutationSeq) continue;
        if (mutation.seq !== this.lastMutationSeq + 1) break;
        this.lastMutationSeq = mutation.seq;
        if (this.refuse.has(mutation.seq))
          rejected.push({ seq: mutation.seq, code: 'not_found', message: 'Sitzung nicht gefunden.' });
        else this.apply(mutation);
      }
      return json(200, { lastMutationSeq: this.lastMutationSeq, rejected });
    }
    const blob = /^\/api\/blobs\/([0-9a-f]{64})$/.exec(path);
    if (blob && this.revoked && headers['x-ratsmappe-device'] === this.deviceId) {
      return json(410, { error: { code: 'device_revoked', message: 'Dieses Gerät wurde gesperrt.' } });
    }
    if (blob) return this.serveBlob(blob[1]!, headers, signal);
    return json(404, { error: { code: 'not_found', message: 'Nicht gefunden.' } });
  }

  private apply(mutation: SyncMutation): void {
    this.pushed.push(mutation);
    const meetingId = String(mutation.args.meetingId);
    const id = `pin-${meetingId}`;
    if (mutation.name === 'pin.set') {
      this.changed.push({
        op: 'upsert',
        entity: 'pin',
        id,
        data: { id, meetingId, pinnedAt: '2026-03-02T09:00:00.000Z' },
      });
    } else {
      this.changed.push({ op: 'delete', entity: 'pin', id });
    }
  }

  private serveBlob(sha: string, headers: Record<string, string>, signal: AbortSignal | null): Response {
    const stored = this.blobs.get(sha);
    if (!stored) return json(404, { error: { code: 'not_found', message: 'Nicht gefunden.' } });
    const etag = `"${sha}"`;
    let start = 0;
    let status = 200;
    const range = headers.range ? /^bytes=(\d+)-$/.exec(headers.range) : null;
    if (range && (headers['if-range'] === undefined || headers['if-range'] === etag)) {
      start = Number(range[1]);
      if (start >= stored.byteLength) {
        return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${stored.byteLength}` } });
      }
      status = 206;
    }
    let bytes = stored.slice(start);
    if (this.corruptNext) {
      this.corruptNext = false;
      bytes[bytes.byteLength - 1]! ^= 0xff;
    }
    const cut = this.cutNextAfter;
    this.cutNextAfter = null;
    if (cut !== null) bytes = bytes.slice(0, cut);
    const stallAfter = this.stallNextAfter;
    this.stallNextAfter = null;
    if (stallAfter !== null) bytes = bytes.slice(0, stallAfter);
    // Delivered in pieces of 1 MiB, as a network would, failing after the last piece when cut.
    const pieceSize = 1024 * 1024;
    let at = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.byteLength) {
          if (stallAfter !== null) {
            // Silence until the client gives up, as a fetch body does when its request is aborted.
            return new Promise<void>((resolve) => {
              const fail = () => {
                controller.error(new DOMException('The operation was aborted.', 'AbortError'));
                resolve();
              };
              if (signal?.aborted) fail();
              else signal?.addEventListener('abort', fail, { once: true });
            });
          }
          if (cut !== null) controller.error(new TypeError('network connection lost'));
          else controller.close();
          return;
        }
        controller.enqueue(bytes.slice(at, at + pieceSize));
        at += pieceSize;
      },
    });
    const responseHeaders: Record<string, string> = {
      ETag: etag,
      'Accept-Ranges': 'bytes',
      'Content-Type': 'application/pdf',
    };
    if (status === 206)
      responseHeaders['Content-Range'] = `bytes ${start}-${stored.byteLength - 1}/${stored.byteLength}`;
    return new Response(stream, { status, headers: responseHeaders });
  }
}
