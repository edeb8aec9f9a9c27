import { liveQuery } from 'dexie';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type {
  SyncAgendaItem,
  SyncFile,
  SyncFileVersion,
  SyncLocation,
  SyncMeeting,
  SyncOrganization,
  SyncPaper,
} from '@ratsmappe/shared';
import { navigate, paths } from '../app/router';
import { readStoredLocale } from '../i18n/locale';
import { readRememberedAccount, rememberAccount, type RememberedAccount } from '../offline/account-data';
import { assembleBlob } from '../offline/blob-store';
import type { BlobRow, ChangeRow, MetaRow, RejectedRow, UnseenFileRow } from '../offline/db';
import { keptMeetings, meetingContent, type MeetingDocument } from '../offline/keep-set';
import { effectivePins, enqueueMutation, meetingsWithPendingMutations, pendingMutations } from '../offline/outbox';
import { startTabletRuntime, type TabletRuntime } from '../offline/runtime';
import type { SearchHit } from '../offline/search-index';
import type { TabletStatus } from '../offline/status';
import {
  removeMeetingDocuments,
  requestPersistence,
  storageEstimate,
  storedMeetings,
  type StorageEstimateInfo,
} from '../offline/storage';
import { signOut, useSession } from './session';

/**
 * The tablet app's hooks (live Dexie queries) and commands. Screens use these and never the tables or the sync
 * engine directly; the engine and database code under offline/ has no React.
 */

export type Live<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: unknown };

/**
 * Subscribes to a Dexie live query; `query` must be stable (useCallback or useMemo) or it re-subscribes.
 * `keepPrevious` shows the last result while a new query loads (the same view with other inputs, no flicker).
 */
export function useLiveQuery<T>(query: (() => Promise<T>) | null, options: { keepPrevious?: boolean } = {}): Live<T> {
  const [state, setState] = useState<{ query: unknown; value: Live<T> }>({ query: null, value: { status: 'loading' } });
  useEffect(() => {
    if (!query) return;
    const subscription = liveQuery(query).subscribe({
      next: (data) => setState({ query, value: { status: 'ready', data } }),
      error: (error: unknown) => setState({ query, value: { status: 'error', error } }),
    });
    return () => subscription.unsubscribe();
  }, [query]);
  // A result for an earlier query (another meeting) is not shown while the new one loads, unless asked for.
  if (state.query === query || (options.keepPrevious && state.value.status === 'ready')) return state.value;
  return { status: 'loading' };
}

export type TabletAccess =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'error'; retry: () => void }
  | { status: 'ready'; account: RememberedAccount; runtime: TabletRuntime; sessionEnded: boolean };

const revokedTarget = '/anmelden?grund=geraet-gesperrt&zurueck=%2Fapp';

/**
 * Who the tablet app works for: the signed-in account, or, while the server cannot confirm it (offline, session
 * expired), the account this device last synced for, so the councillor can still read in the chamber.
 */
export function useTabletAccess(): TabletAccess {
  const session = useSession({ required: true });
  const signedIn = session.status === 'signed-in' ? session.info : null;
  // Read again whenever the session changes: a sign-in in this page load has just remembered its account.
  const sessionStatus = session.status;
  const remembered = useMemo(() => (sessionStatus === 'signed-in' ? null : readRememberedAccount()), [sessionStatus]);
  const account = useMemo<RememberedAccount | null>(() => {
    if (signedIn) {
      return { id: signedIn.account.id, displayName: signedIn.account.displayName, personIds: signedIn.personIds };
    }
    return remembered;
  }, [signedIn, remembered]);

  useEffect(() => {
    if (account && signedIn) rememberAccount(account);
  }, [account, signedIn]);

  const accountId = account?.id ?? null;
  const personKey = account?.personIds.join(',') ?? '';
  const runtime = useMemo(() => {
    if (!accountId) return null;
    return startTabletRuntime(
      { id: accountId, personIds: personKey ? personKey.split(',') : [] },
      {
        locale: readStoredLocale,
        onRevoked: () => {
          void signOut().finally(() => navigate(revokedTarget));
        },
      },
    );
  }, [accountId, personKey]);

  const signedInAccount = signedIn?.account.id ?? null;
  useEffect(() => {
    // After sign-in (research: tech.md §4): persistent storage keeps Safari from evicting the documents.
    if (runtime && signedInAccount === runtime.account.id) void requestPersistentStorage(runtime);
  }, [runtime, signedInAccount]);

  if (account && runtime) {
    return { status: 'ready', account, runtime, sessionEnded: session.status === 'signed-out' };
  }
  if (session.status === 'signed-out') return { status: 'signed-out' };
  if (session.status === 'error') return { status: 'error', retry: () => window.location.reload() };
  return { status: 'loading' };
}

export function useTabletStatus(runtime: TabletRuntime): TabletStatus {
  return useSyncExternalStore(runtime.status.subscribe, runtime.status.getSnapshot);
}

export interface SyncSummary {
  meta: MetaRow | null;
  pending: number;
  rejected: RejectedRow[];
}

export function useSyncSummary(runtime: TabletRuntime): Live<SyncSummary> {
  const { db } = runtime;
  const query = useMemo(
    () => async (): Promise<SyncSummary> => ({
      meta: (await db.meta.get('local')) ?? null,
      pending: (await pendingMutations(db)).length,
      rejected: await db.rejected.orderBy('seq').toArray(),
    }),
    [db],
  );
  return useLiveQuery(query);
}

export interface MeetingSummary {
  meeting: SyncMeeting;
  pinned: boolean;
  organizations: SyncOrganization[];
  documents: MeetingDocument[];
  change: ChangeRow | null;
  supplement: boolean;
}

async function organizationsOf(runtime: TabletRuntime, meeting: SyncMeeting): Promise<SyncOrganization[]> {
  const found = await runtime.db.organization.bulkGet(meeting.organizationIds);
  return found.filter((o): o is SyncOrganization => o !== undefined);
}

export function useHomeMeetings(runtime: TabletRuntime): Live<MeetingSummary[]> {
  const query = useMemo(
    () => async (): Promise<MeetingSummary[]> => {
      const { db } = runtime;
      const kept = await keptMeetings(db, new Date());
      return Promise.all(
        kept.map(async ({ meeting, pinned }) => {
          const content = await meetingContent(db, meeting.id);
          return {
            meeting,
            pinned,
            organizations: await organizationsOf(runtime, meeting),
            documents: content.documents,
            change: (await db.changesSeen.get(meeting.id)) ?? null,
            supplement: content.items.some((item) => item.supplementAt !== null),
          };
        }),
      );
    },
    [runtime],
  );
  return useLiveQuery(query);
}

/**
 * The stored state of the documents' contents, by sha256. A query of its own: a download writes these records
 * many times a second, and re-reading the meetings and their documents with each write (one live query for both)
 * took most of the main thread during a meeting-pack download (measured: meeting-pack benchmark profile).
 */
export function useBlobRecords(runtime: TabletRuntime, documents: readonly MeetingDocument[] | null) {
  const key = documents ? [...new Set(documents.map((d) => d.version.sha256))].sort().join(',') : null;
  const query = useMemo(
    () =>
      key === null
        ? null
        : async (): Promise<Map<string, BlobRow>> => {
            const shas = key === '' ? [] : key.split(',');
            const rows = await runtime.db.blobs.bulkGet(shas);
            return new Map(rows.flatMap((row) => (row ? [[row.sha256, row] as const] : [])));
          },
    [runtime, key],
  );
  const live = useLiveQuery(query, { keepPrevious: true });
  return live.status === 'ready' ? live.data : null;
}

export interface MeetingView extends MeetingSummary {
  location: SyncLocation | null;
  items: SyncAgendaItem[];
  papers: Map<string, SyncPaper>;
  filesByOwner: Map<string, SyncFile[]>;
  versions: Map<string, SyncFileVersion>;
  excluded: boolean;
  pendingChanges: boolean;
  /** Documents that arrived or changed since the user last opened them. */
  unseen: Map<string, UnseenFileRow['kind']>;
}

export function useMeetingView(runtime: TabletRuntime, meetingId: string): Live<MeetingView | null> {
  const query = useMemo(
    () => async (): Promise<MeetingView | null> => {
      const { db } = runtime;
      const meeting = await db.meeting.get(meetingId);
      if (!meeting) return null;
      const content = await meetingContent(db, meetingId);
      const paperIds = content.items.flatMap((item) => (item.paperId ? [item.paperId] : []));
      const papers = (await db.paper.bulkGet(paperIds)).filter((p): p is SyncPaper => p !== undefined);
      const [pins, pending, unseen] = await Promise.all([
        effectivePins(db),
        meetingsWithPendingMutations(db),
        db.unseenFiles.bulkGet(content.documents.map((d) => d.file.id)),
      ]);
      return {
        meeting,
        pinned: pins.has(meetingId),
        organizations: await organizationsOf(runtime, meeting),
        location: meeting.locationId ? ((await db.location.get(meeting.locationId)) ?? null) : null,
        items: content.items,
        papers: new Map(papers.map((p) => [p.id, p])),
        filesByOwner: content.filesByOwner,
        versions: content.versions,
        documents: content.documents,
        change: (await db.changesSeen.get(meetingId)) ?? null,
        supplement: content.items.some((item) => item.supplementAt !== null),
        excluded: (await db.excluded.get(meetingId)) !== undefined,
        pendingChanges: pending.has(meetingId),
        unseen: new Map(unseen.flatMap((row) => (row ? [[row.fileId, row.kind] as const] : []))),
      };
    },
    [runtime, meetingId],
  );
  return useLiveQuery(query);
}

export interface DocumentView {
  file: SyncFile;
  version: SyncFileVersion | null;
  /** Every version of the file this device knows of, newest first (older ones' bytes are usually not stored). */
  versions: SyncFileVersion[];
  record: BlobRow | null;
  meetingId: string | null;
  /** The documents of its meeting in reading order (this one included), to switch to or open beside it. */
  related: { id: string; title: string }[];
}

export function useDocumentView(runtime: TabletRuntime, fileId: string): Live<DocumentView | null> {
  const query = useMemo(
    () => async (): Promise<DocumentView | null> => {
      const { db } = runtime;
      const file = await db.file.get(fileId);
      if (!file) return null;
      const versions = (await db.fileVersion.where('fileId').equals(fileId).toArray()).sort(
        (a, b) => b.version - a.version,
      );
      const version = versions[0] ?? null;
      const record = version ? ((await db.blobs.get(version.sha256)) ?? null) : null;
      let meetingId = file.meetingId;
      if (!meetingId && file.agendaItemId) meetingId = (await db.agendaItem.get(file.agendaItemId))?.meetingId ?? null;
      if (!meetingId && file.paperId) {
        meetingId = (await db.agendaItem.where('paperId').equals(file.paperId).first())?.meetingId ?? null;
      }
      const documents = meetingId ? (await meetingContent(db, meetingId)).documents : [];
      const related = documents.map((d) => ({ id: d.file.id, title: d.file.name }));
      if (!related.some((d) => d.id === file.id)) related.unshift({ id: file.id, title: file.name });
      return { file, version, versions, record, meetingId, related };
    },
    [runtime, fileId],
  );
  return useLiveQuery(query);
}

export interface TabletSearchHit extends SearchHit {
  /** Where the hit opens (a document at the hit's page, or the meeting at the agenda item); null if nowhere here. */
  to: string | null;
  /** The meeting it belongs to on this device, for context. */
  meeting: SyncMeeting | null;
}

export type DeviceSearchState =
  | { status: 'idle' }
  | { status: 'searching'; building: boolean }
  | { status: 'ready'; query: string; total: number; exact: boolean; hits: TabletSearchHit[] }
  | { status: 'error'; error: unknown };

/** The meeting a paper is best seen in: its next one from today, else its latest. */
function preferredItem(items: SyncAgendaItem[], meetings: Map<string, SyncMeeting>, now: string) {
  const dated = items.flatMap((item) => {
    const meeting = meetings.get(item.meetingId);
    return meeting ? [{ item, start: meeting.start }] : [];
  });
  const upcoming = dated.filter((d) => d.start >= now).sort((a, b) => a.start.localeCompare(b.start));
  const past = dated.filter((d) => d.start < now).sort((a, b) => b.start.localeCompare(a.start));
  return (upcoming[0] ?? past[0])?.item ?? null;
}

async function resolveHits(runtime: TabletRuntime, hits: SearchHit[], query: string): Promise<TabletSearchHit[]> {
  const { db } = runtime;
  const paperIds = [...new Set(hits.flatMap((hit) => (hit.links.paperId ? [hit.links.paperId] : [])))];
  const itemIds = [...new Set(hits.flatMap((hit) => (hit.links.agendaItemId ? [hit.links.agendaItemId] : [])))];
  const [paperItems, ownItems] = await Promise.all([
    paperIds.length ? db.agendaItem.where('paperId').anyOf(paperIds).toArray() : Promise.resolve([]),
    db.agendaItem.bulkGet(itemIds),
  ]);
  const items = [...paperItems, ...ownItems.filter((item): item is SyncAgendaItem => item !== undefined)];
  const meetingIds = new Set(items.map((item) => item.meetingId));
  for (const hit of hits) if (hit.links.meetingId) meetingIds.add(hit.links.meetingId);
  const meetings = new Map((await db.meeting.bulkGet([...meetingIds])).flatMap((m) => (m ? [[m.id, m] as const] : [])));
  const now = new Date().toISOString();
  const itemOfPaper = (paperId: string | null | undefined) =>
    paperId
      ? preferredItem(
          paperItems.filter((item) => item.paperId === paperId),
          meetings,
          now,
        )
      : null;
  return hits.map((hit): TabletSearchHit => {
    if (hit.kind === 'document') {
      const item = hit.links.agendaItemId ? items.find((i) => i.id === hit.links.agendaItemId) : null;
      const meetingId = hit.links.meetingId ?? item?.meetingId ?? itemOfPaper(hit.links.paperId)?.meetingId ?? null;
      // The reader's find bar looks for the words as they stand in the text, not for the stem the index matched.
      const first = hit.snippet?.highlights[0];
      const term = first ? hit.snippet!.text.slice(first.start, first.end) : query;
      return {
        ...hit,
        meeting: meetingId ? (meetings.get(meetingId) ?? null) : null,
        to: paths.tabletDocument(hit.id, { page: hit.page, find: hit.page ? term : null }),
      };
    }
    const item = hit.kind === 'agendaItem' ? items.find((i) => i.id === hit.id) : itemOfPaper(hit.id);
    const meeting = item ? (meetings.get(item.meetingId) ?? null) : null;
    return { ...hit, meeting, to: meeting && item ? `${paths.tabletMeeting(meeting.id)}#top-${item.id}` : null };
  });
}

/**
 * Searches this device (the index is built on first use and follows every sync page); answers again whenever
 * the index changed. While a new query runs, the previous answer stays on screen.
 */
export function useDeviceSearch(runtime: TabletRuntime, query: string, limit: number): DeviceSearchState {
  const version = useSyncExternalStore(runtime.search.subscribe, runtime.search.getVersion);
  const key = `${limit}:${query}`;
  const [answer, setAnswer] = useState<{ key: string; value: DeviceSearchState } | null>(null);
  const blank = query.trim() === '';
  useEffect(() => {
    if (blank) return;
    let active = true;
    runtime.search
      .search(query, { limit })
      .then(async (results) => {
        const hits = await resolveHits(runtime, results.hits, query);
        if (active) {
          setAnswer({ key, value: { status: 'ready', query, total: results.total, exact: results.exact, hits } });
        }
      })
      .catch((error: unknown) => {
        if (active) setAnswer({ key, value: { status: 'error', error } });
      });
    return () => {
      active = false;
    };
  }, [runtime, query, limit, key, blank, version]);
  if (blank) return { status: 'idle' };
  if (answer && (answer.key === key || (answer.value.status === 'ready' && runtime.search.built))) return answer.value;
  return { status: 'searching', building: !runtime.search.built };
}

export interface StorageView {
  windowWeeks: number;
  meetings: { meeting: SyncMeeting; bytes: number; pinned: boolean; pending: boolean }[];
}

export function useStorageView(runtime: TabletRuntime): Live<StorageView> {
  const query = useMemo(
    () => async (): Promise<StorageView> => {
      const { db } = runtime;
      const [stored, meta] = await Promise.all([storedMeetings(db, new Date()), db.meta.get('local')]);
      const meetings = await db.meeting.bulkGet(stored.map((s) => s.meetingId));
      return {
        windowWeeks: meta?.windowWeeks ?? 6,
        meetings: stored
          .flatMap((s, i) => {
            const meeting = meetings[i];
            if (!meeting) return [];
            const bytes = s.blobs.reduce((sum, b) => sum + b.bytes, 0);
            return [{ meeting, bytes, pinned: s.pinned, pending: s.pending }];
          })
          .sort((a, b) => b.meeting.start.localeCompare(a.meeting.start)),
      };
    },
    [runtime],
  );
  return useLiveQuery(query);
}

/** The browser's storage estimate, asked again whenever `refresh` changes (it is no database read). */
export function useStorageEstimate(refresh: unknown): StorageEstimateInfo | null {
  const [estimate, setEstimate] = useState<StorageEstimateInfo | null>(null);
  useEffect(() => {
    let active = true;
    storageEstimate().then(
      (value) => {
        if (active) setEstimate(value);
      },
      () => {
        if (active) setEstimate({ usage: null, quota: null, persisted: null });
      },
    );
    return () => {
      active = false;
    };
  }, [refresh]);
  return estimate;
}

// --- commands ---------------------------------------------------------------------------------------------------

/** Pins or unpins a meeting (an outbox mutation, shown at once, sent at once). */
export async function setPinned(runtime: TabletRuntime, meetingId: string, pinned: boolean): Promise<void> {
  const { db } = runtime;
  await db.transaction('rw', db.meta, db.outbox, db.excluded, async () => {
    await enqueueMutation(db, pinned ? 'pin.set' : 'pin.remove', { meetingId }, new Date());
    if (pinned) await db.excluded.delete(meetingId);
  });
  void runtime.requestSync();
  void runtime.requestDownloads();
}

export async function removeFromDevice(runtime: TabletRuntime, meetingId: string): Promise<number> {
  return removeMeetingDocuments(runtime.db, meetingId, new Date());
}

export async function keepOnDeviceAgain(runtime: TabletRuntime, meetingId: string): Promise<void> {
  await runtime.db.excluded.delete(meetingId);
  void runtime.requestDownloads();
}

export async function setWindowWeeks(runtime: TabletRuntime, weeks: number): Promise<void> {
  await runtime.db.updateMeta({ windowWeeks: Math.min(26, Math.max(1, Math.round(weeks))) });
  void runtime.requestDownloads();
}

/** The meeting page was seen: its markers go. */
export async function markMeetingSeen(runtime: TabletRuntime, meetingId: string): Promise<void> {
  await runtime.db.changesSeen.delete(meetingId);
}

/** The document was opened: it is no longer "neu". */
export async function markDocumentSeen(runtime: TabletRuntime, fileId: string): Promise<void> {
  await runtime.db.unseenFiles.delete(fileId);
}

/** Records this visit of the home screen; answers the previous one (for "since your last visit"). */
export async function recordHomeVisit(runtime: TabletRuntime): Promise<string | null> {
  const meta = await runtime.db.readMeta();
  await runtime.db.updateMeta({ lastVisitAt: new Date().toISOString() });
  return meta.lastVisitAt;
}

export async function dismissRejected(runtime: TabletRuntime, seq: number): Promise<void> {
  await runtime.db.rejected.delete(seq);
}

export async function requestPersistentStorage(runtime: TabletRuntime): Promise<void> {
  runtime.status.update({ persisted: await requestPersistence() });
}

/** Assembles the stored document for opening (null when it is not complete and verified on this device). */
export function openStoredDocument(runtime: TabletRuntime, sha256: string): Promise<Blob | null> {
  return assembleBlob(runtime.db, sha256, new Date());
}

/**
 * The bytes of one (older) version of a file: from this device when it still has them, else from the server
 * (online only; the downloader keeps only current versions). Checked against the version's sha256 either way.
 */
export async function openFileVersion(runtime: TabletRuntime, version: SyncFileVersion): Promise<Blob> {
  const record = await runtime.db.blobs.get(version.sha256);
  const stored = record?.verified ? await openStoredDocument(runtime, version.sha256) : null;
  if (stored) return stored;
  const response = await fetch(paths.fileVersion(version.fileId, version.version), { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const blob = await response.blob();
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  const hex = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
  if (hex !== version.sha256) throw new Error('sha256 mismatch');
  return blob;
}

/** Loads one document now, ahead of the queue (e.g. one the user opens that is not stored yet). */
export async function downloadNow(runtime: TabletRuntime, version: SyncFileVersion, meetingId: string): Promise<void> {
  const meeting = await runtime.db.meeting.get(meetingId);
  await runtime.downloadFirst({
    sha256: version.sha256,
    size: version.size,
    mimeType: version.mimeType,
    meetingId,
    meetingStart: meeting?.start ?? new Date().toISOString(),
  });
}

export function meetingPath(id: string): string {
  return paths.tabletMeeting(id);
}
