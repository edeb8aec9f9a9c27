/**
 * Invariant: at most one runtime per page, bound to one account's database; at most one sync round and one download
 * loop run at a time (a trigger during a run asks for one more run, never a parallel one). A revoked device wipes
 * itself only after its own work has stopped, so nothing re-creates the database it deletes.
 */
import { onBeforeWipe, wipeAccountData } from './account-data';
import { SyncProtocolError } from './apply-page';
import { openUserDatabase, type UserDatabase } from './db';
import { DeviceSearch } from './device-search';
import { downloadPlan, Downloader, type DownloadTarget } from './downloader';
import { QuotaError } from './errors';
import { enforceLease } from './lease';
import { createStatusStore, type StatusStore, type TabletStatus } from './status';
import { estimatedFreeSpace, evictForSpace } from './storage';
import { SyncClient, SyncFailure, type FetchLike } from './sync-client';

export interface RuntimeAccount {
  readonly id: string;
  personIds: string[];
}

export interface RuntimeOptions {
  fetch?: FetchLike;
  now?: () => Date;
  locale?: () => string;
  deviceName?: () => string;
  /** After a revoked device has wiped itself (the UI signs out and shows the sign-in page). */
  onRevoked?: () => void;
  /** How often to sync while the app is visible. */
  foregroundIntervalMs?: number;
}

const defaultInterval = 2 * 60 * 1000;
/** Progress bars move at most this often during a download. */
const progressIntervalMs = 100;

/** A name for the device list; iPadOS Safari claims to be a Mac, touch points give it away. */
export function defaultDeviceName(): string {
  if (typeof navigator === 'undefined') return 'Gerät';
  const ua = navigator.userAgent;
  const platform =
    /iPad/.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1)
      ? 'iPad'
      : /iPhone/.test(ua)
        ? 'iPhone'
        : /Android/.test(ua)
          ? 'Android'
          : /Windows/.test(ua)
            ? 'Windows'
            : /Macintosh/.test(ua)
              ? 'Mac'
              : /Linux/.test(ua)
                ? 'Linux'
                : 'Gerät';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : null;
  return browser ? `${platform} (${browser})` : platform;
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export class TabletRuntime {
  readonly db: UserDatabase;
  readonly status: StatusStore;
  readonly client: SyncClient;
  /** Offline search over the device's papers, agenda items and document texts, kept current by every pull page. */
  readonly search: DeviceSearch;
  private readonly now: () => Date;
  private readonly fetch: FetchLike;
  private readonly controller = new AbortController();
  private syncing: Promise<void> | null = null;
  private syncAgain = false;
  private downloading: Promise<void> | null = null;
  private downloadAgain = false;
  /** Documents the user asked for, fetched before the planned queue. */
  private readonly priority: DownloadTarget[] = [];
  private revoked = false;
  private stopped = false;
  private readonly disposers: (() => void)[] = [];

  readonly account: RuntimeAccount;

  constructor(
    account: RuntimeAccount,
    private readonly options: RuntimeOptions = {},
  ) {
    this.account = { id: account.id, personIds: [...account.personIds] };
    this.db = openUserDatabase(account.id);
    this.now = options.now ?? (() => new Date());
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.status = createStatusStore(typeof navigator === 'undefined' ? true : navigator.onLine);
    this.search = new DeviceSearch(this.db);
    this.client = new SyncClient(this.db, {
      onApplied: (result) => void this.search.applied(result),
      fetch: this.fetch,
      now: this.now,
      deviceName: options.deviceName ?? defaultDeviceName,
      locale: options.locale ?? (() => 'de'),
    });
  }

  /** Installs the triggers (online, back to the foreground, a timer while visible) and syncs once. */
  start(): Promise<void> {
    if (typeof window !== 'undefined') {
      const onOnline = () => {
        this.status.update({ online: true });
        void this.requestSync();
      };
      const onOffline = () => this.status.update({ online: false });
      const onVisible = () => {
        if (document.visibilityState === 'visible') void this.requestSync();
      };
      window.addEventListener('online', onOnline);
      window.addEventListener('offline', onOffline);
      document.addEventListener('visibilitychange', onVisible);
      const timer = setInterval(() => {
        if (document.visibilityState === 'visible') void this.requestSync();
      }, this.options.foregroundIntervalMs ?? defaultInterval);
      this.disposers.push(
        () => window.removeEventListener('online', onOnline),
        () => window.removeEventListener('offline', onOffline),
        () => document.removeEventListener('visibilitychange', onVisible),
        () => clearInterval(timer),
      );
    }
    return this.requestSync();
  }

  /** The session names the account's persons afresh (they decide "my committees"). */
  setPersonIds(personIds: string[]): void {
    if (personIds.join(',') === this.account.personIds.join(',')) return;
    this.account.personIds = [...personIds];
    void this.requestSync();
  }

  /** Syncs now, or once more right after the round that is running. Never rejects: failures go to the status. */
  requestSync(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      do {
        this.syncAgain = false;
        await this.syncRound();
      } while (this.syncAgain && !this.stopped && !this.revoked);
    })().finally(() => {
      this.syncing = null;
    });
    const round = this.syncing;
    return round.then(() => (this.revoked && !this.stopped ? this.selfWipe() : undefined));
  }

  /** Runs the download loop (also started after every successful sync). */
  requestDownloads(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.downloading) {
      this.downloadAgain = true;
      return this.downloading;
    }
    this.downloading = (async () => {
      do {
        this.downloadAgain = false;
        await this.downloadRound();
      } while (this.downloadAgain && !this.stopped);
    })().finally(() => {
      this.downloading = null;
    });
    return this.downloading;
  }

  private async syncRound(): Promise<void> {
    this.status.update({ syncing: true });
    try {
      await this.db.updateMeta({ accountId: this.account.id, personIds: this.account.personIds });
      if (await enforceLease(this.db, this.now())) this.search.invalidate();
      await this.client.sync();
      this.status.update({ online: true, error: null, signInNeeded: false });
      void this.requestDownloads();
    } catch (error) {
      await this.fail(error);
    } finally {
      this.status.update({ syncing: false });
    }
  }

  /** Downloads this document before the rest of the queue (after the one in progress). */
  downloadFirst(target: DownloadTarget): Promise<void> {
    this.priority.push(target);
    this.downloadAgain = true;
    return this.requestDownloads();
  }

  private async downloadRound(): Promise<void> {
    const plan = [...this.priority.splice(0), ...(await downloadPlan(this.db, this.now()))];
    let progressShownAt = 0;
    const downloader = new Downloader(this.db, {
      fetch: this.fetch,
      now: this.now,
      signal: this.controller.signal,
      onProgress: (sha256, receivedBytes, size) => {
        // A network read is some 64 KB: updating on each would re-render the screens hundreds of times a second.
        const at = performance.now();
        const shown = this.status.getSnapshot().download;
        if (shown?.sha256 === sha256 && receivedBytes < size && at - progressShownAt < progressIntervalMs) return;
        progressShownAt = at;
        this.status.update({ download: { sha256, receivedBytes, size } });
      },
      makeRoom: (bytes, target) =>
        evictForSpace(this.db, bytes, { meetingId: target.meetingId, start: target.meetingStart }, this.now()),
      freeSpace: estimatedFreeSpace,
    });
    try {
      for (const target of plan) {
        // A pin, a new page or a document the user opened may have changed what comes first: plan again.
        if (this.stopped || this.downloadAgain) break;
        await downloader.download(target);
      }
      this.status.update({ quotaNeededBytes: null });
    } catch (error) {
      await this.fail(error);
      // A blob request can be the first to learn of a revocation: the sync round then wipes the device.
      if (this.revoked) void this.requestSync();
    } finally {
      this.status.update({ download: null });
    }
  }

  private async fail(error: unknown): Promise<void> {
    if (isAbort(error) || this.stopped) return;
    let status: Partial<TabletStatus>;
    if (error instanceof SyncFailure) {
      if (error.code === 'device_revoked') {
        this.revoked = true;
        return;
      }
      if (error.code === 'unauthenticated') {
        this.status.update({ signInNeeded: true });
        return;
      }
      status =
        error.code === 'network'
          ? {
              online: typeof navigator === 'undefined' ? false : navigator.onLine,
              error: { code: 'network', message: '' },
            }
          : { error: { code: error.code === 'protocol' ? 'protocol' : 'server', message: error.message } };
    } else if (error instanceof SyncProtocolError) {
      status = { error: { code: 'outdated', message: error.message } };
    } else if (error instanceof QuotaError) {
      status = { error: { code: 'quota', message: '' }, quotaNeededBytes: error.neededBytes };
    } else {
      status = { error: { code: 'storage', message: error instanceof Error ? error.message : String(error) } };
      console.error('Tablet sync failed', error);
    }
    this.status.update(status);
    const { code, message } = status.error!;
    await this.db.updateMeta({ lastError: { code, message, at: this.now().toISOString() } }).catch(() => undefined);
  }

  private shutdown(): void {
    this.stopped = true;
    this.controller.abort();
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  /** Stops triggers and running work, then closes the database. */
  async stop(): Promise<void> {
    this.shutdown();
    await Promise.allSettled([this.syncing, this.downloading]);
    this.db.close();
  }

  private async selfWipe(): Promise<void> {
    this.shutdown();
    await this.downloading?.catch(() => undefined);
    this.db.close();
    if (current === this) current = null;
    await wipeAccountData(this.account.id);
    this.options.onRevoked?.();
  }
}

let current: TabletRuntime | null = null;

/** The runtime of this account, started if needed (a runtime of another account is stopped first). */
export function startTabletRuntime(account: RuntimeAccount, options: RuntimeOptions = {}): TabletRuntime {
  if (current && current.account.id === account.id) {
    current.setPersonIds(account.personIds);
    return current;
  }
  const previous = current;
  if (previous) void previous.stop();
  current = new TabletRuntime(account, options);
  void current.start();
  return current;
}

export function currentTabletRuntime(): TabletRuntime | null {
  return current;
}

export async function stopTabletRuntime(): Promise<void> {
  const runtime = current;
  current = null;
  await runtime?.stop();
}

// Sign-out and a revoked device delete the database: stop this page's runtime first.
onBeforeWipe(async (accountId) => {
  if (current?.account.id === accountId) await stopTabletRuntime();
});
