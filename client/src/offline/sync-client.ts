/**
 * Invariant: the device talks to the server in the protocol's order (register once, push the outbox in sequence,
 * then pull every page), and every failure is classified once: `device_revoked` (410: wipe), `unauthenticated`
 * (401: keep data, ask for sign-in), `network` (retry later) or a server/protocol error shown with a retry.
 */
import type {
  SyncDevice,
  SyncPullResponse,
  SyncPushResponse,
  deviceHeader as DeviceHeaderName,
} from '@ratsmappe/shared';
import { applyPage, type ApplyResult } from './apply-page';
import type { UserDatabase } from './db';

// A type-only import keeps zod (which shares the protocol file) out of the bundle; the type pins the literal.
export const deviceHeader: typeof DeviceHeaderName = 'x-ratsmappe-device';
export const pullLimit = 500;
const pushBatch = 500;

export type SyncFailureCode = 'device_revoked' | 'unauthenticated' | 'network' | 'server' | 'protocol';

export class SyncFailure extends Error {
  constructor(
    readonly code: SyncFailureCode,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'SyncFailure';
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface SyncClientOptions {
  fetch: FetchLike;
  now: () => Date;
  /** Shown in the user's device list. */
  deviceName: () => string;
  /** Accept-Language for the server's error messages. */
  locale: () => string;
  /** After each page is committed (the search index follows the rows). */
  onApplied?: (result: ApplyResult) => void;
}

async function readError(response: Response): Promise<{ code: string; message: string }> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    return {
      code: typeof body.error?.code === 'string' ? body.error.code : `http_${response.status}`,
      message: typeof body.error?.message === 'string' ? body.error.message : '',
    };
  } catch {
    return { code: `http_${response.status}`, message: '' };
  }
}

/** Maps a non-2xx answer of any sync or blob request to its failure. */
export async function failureOf(response: Response): Promise<SyncFailure> {
  const { code, message } = await readError(response);
  if (response.status === 410 && code === 'device_revoked') return new SyncFailure('device_revoked', message, 410);
  if (response.status === 401) return new SyncFailure('unauthenticated', message, 401);
  return new SyncFailure('server', message || code, response.status);
}

export class SyncClient {
  constructor(
    private readonly db: UserDatabase,
    private readonly options: SyncClientOptions,
  ) {}

  private async request(path: string, init: RequestInit & { device?: string | null } = {}): Promise<Response> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Language': this.options.locale(),
    };
    if (init.device) headers[deviceHeader] = init.device;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      const { device: _device, ...rest } = init;
      response = await this.options.fetch(path, { credentials: 'same-origin', ...rest, headers });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new SyncFailure('network', error instanceof Error ? error.message : 'network');
    }
    if (!response.ok) throw await failureOf(response);
    return response;
  }

  private async json<T>(response: Response): Promise<T> {
    try {
      return (await response.json()) as T;
    } catch {
      throw new SyncFailure('protocol', 'unreadable answer', response.status);
    }
  }

  /** The device id, registering this device at first start. */
  async ensureDevice(): Promise<string> {
    const meta = await this.db.readMeta();
    if (meta.deviceId) return meta.deviceId;
    const response = await this.request('/api/sync/devices', {
      method: 'POST',
      body: JSON.stringify({ name: this.options.deviceName() }),
    });
    const device = await this.json<SyncDevice>(response);
    if (typeof device.id !== 'string') throw new SyncFailure('protocol', 'device without id');
    await this.db.updateMeta({ deviceId: device.id });
    return device.id;
  }

  /** Sends every mutation the server has not applied yet, in order; refused ones are kept for the user to see. */
  async push(deviceId: string): Promise<void> {
    for (;;) {
      const meta = await this.db.readMeta();
      const batch = await this.db.outbox.where('seq').above(meta.ackedSeq).limit(pushBatch).toArray();
      if (batch.length === 0) return;
      const response = await this.request('/api/sync/push', {
        method: 'POST',
        device: deviceId,
        body: JSON.stringify({ mutations: batch.map(({ seq, name, args }) => ({ seq, name, args })) }),
      });
      const answer = await this.json<SyncPushResponse>(response);
      const at = this.options.now().toISOString();
      await this.db.transaction('rw', this.db.meta, this.db.outbox, this.db.rejected, async () => {
        for (const refusal of answer.rejected) {
          const row = await this.db.outbox.get(refusal.seq);
          if (row) await this.db.rejected.put({ ...row, code: refusal.code, message: refusal.message, rejectedAt: at });
        }
        const current = await this.db.readMeta();
        await this.db.meta.update('local', { ackedSeq: Math.max(current.ackedSeq, answer.lastMutationSeq) });
      });
      // The server applied nothing of this batch: sending it again would loop.
      if (answer.lastMutationSeq < batch[0]!.seq) {
        throw new SyncFailure('protocol', `push not applied (server at ${answer.lastMutationSeq})`);
      }
    }
  }

  /** Pulls and applies pages until the server has nothing more. */
  async pull(deviceId: string): Promise<void> {
    const start = await this.db.readMeta();
    if (start.cursor === '0' && start.resync === 'none') {
      // Rows already here (after the offline lease) must be delivered again or they go at the end (apply-page).
      const hasRows = (await Promise.all(this.db.entityTables().map((table) => table.count()))).some((n) => n > 0);
      await this.db.transaction('rw', this.db.meta, this.db.resync, async () => {
        await this.db.resync.clear();
        await this.db.meta.update('local', { resync: hasRows ? 'sweep' : 'initial' });
      });
    }
    for (;;) {
      const { cursor } = await this.db.readMeta();
      const query = new URLSearchParams({ cursor, limit: String(pullLimit) });
      const response = await this.request(`/api/sync/pull?${query.toString()}`, { device: deviceId });
      const page = await this.json<SyncPullResponse>(response);
      if (typeof page.cursor !== 'string' || !Array.isArray(page.changes)) {
        throw new SyncFailure('protocol', 'malformed pull page');
      }
      const applied = await applyPage(this.db, page, this.options.now());
      this.options.onApplied?.(applied);
      if (!page.hasMore) return;
      if (page.cursor === cursor && page.changes.length === 0) {
        throw new SyncFailure('protocol', 'pull made no progress');
      }
    }
  }

  /** One full round: register if needed, push, pull. */
  async sync(): Promise<void> {
    const deviceId = await this.ensureDevice();
    await this.push(deviceId);
    await this.pull(deviceId);
  }

  async listDevices(): Promise<SyncDevice[]> {
    const meta = await this.db.readMeta();
    const response = await this.request('/api/sync/devices', { device: meta.deviceId });
    return (await this.json<{ data: SyncDevice[] }>(response)).data;
  }

  async revokeDevice(id: string): Promise<void> {
    const meta = await this.db.readMeta();
    await this.request(`/api/sync/devices/${encodeURIComponent(id)}/revoke`, { method: 'POST', device: meta.deviceId });
  }
}
