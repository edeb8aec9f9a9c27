/**
 * Invariant: eviction frees space only from meetings nobody asked to keep — never a pinned meeting, never one with
 * unsynced outbox entries, never the meeting being downloaded — and frees a document only when no remaining
 * meeting on the device still needs it. Old meetings go first (oldest first); meetings later than the one that
 * needs the room follow (latest first), so space runs out at the far end of the calendar, not the near one.
 */
import { deleteBlobs } from './blob-store';
import type { UserDatabase } from './db';
import { keptMeetings, meetingDocuments } from './keep-set';
import { effectivePins, meetingsWithPendingMutations } from './outbox';

export interface StoredMeeting {
  meetingId: string;
  start: string;
  pinned: boolean;
  /** Unsynced mutations refer to it. */
  pending: boolean;
  /** In the keep set (my committees in the window, or pinned). */
  kept: boolean;
  /** Stored blobs (any progress) with their stored bytes. */
  blobs: { sha256: string; bytes: number }[];
}

/** Which meetings to evict, in order, to free `neededBytes`; stops as soon as enough is freed. */
export function planEviction(
  meetings: readonly StoredMeeting[],
  neededBytes: number,
  forMeeting: { meetingId: string; start: string } | null,
): string[] {
  const evictable = meetings.filter(
    (m) => !m.pinned && !m.pending && m.meetingId !== forMeeting?.meetingId && m.blobs.length > 0,
  );
  // Kept meetings start at yesterday: one running tonight is never "old".
  const old = evictable.filter((m) => !m.kept).sort((a, b) => a.start.localeCompare(b.start));
  const later = forMeeting
    ? evictable.filter((m) => m.kept && m.start > forMeeting.start).sort((a, b) => b.start.localeCompare(a.start))
    : [];

  // A blob shared by several meetings is freed only when the last of them goes.
  const holders = new Map<string, number>();
  const sizes = new Map<string, number>();
  for (const meeting of meetings) {
    for (const blob of meeting.blobs) {
      holders.set(blob.sha256, (holders.get(blob.sha256) ?? 0) + 1);
      sizes.set(blob.sha256, blob.bytes);
    }
  }
  const plan: string[] = [];
  let freed = 0;
  for (const meeting of [...old, ...later]) {
    if (freed >= neededBytes) break;
    plan.push(meeting.meetingId);
    for (const blob of meeting.blobs) {
      const left = (holders.get(blob.sha256) ?? 1) - 1;
      holders.set(blob.sha256, left);
      if (left === 0) freed += sizes.get(blob.sha256) ?? 0;
    }
  }
  return freed > 0 ? plan : [];
}

/** Every meeting with stored document bytes on this device, with what protects it. */
export async function storedMeetings(db: UserDatabase, now: Date): Promise<StoredMeeting[]> {
  const [blobs, pins, pending, kept] = await Promise.all([
    db.blobs.toArray(),
    effectivePins(db),
    meetingsWithPendingMutations(db),
    keptMeetings(db, now),
  ]);
  const stored = new Map(blobs.filter((b) => b.receivedBytes > 0).map((b) => [b.sha256, b.receivedBytes]));
  if (stored.size === 0) return [];
  const keptIds = new Set(kept.map((k) => k.meeting.id));
  const result: StoredMeeting[] = [];
  for (const meeting of await db.meeting.toArray()) {
    const documents = await meetingDocuments(db, meeting.id);
    const shas = [...new Set(documents.map((d) => d.version.sha256))].filter((sha) => stored.has(sha));
    if (shas.length === 0) continue;
    result.push({
      meetingId: meeting.id,
      start: meeting.start,
      pinned: pins.has(meeting.id),
      pending: pending.has(meeting.id),
      kept: keptIds.has(meeting.id),
      blobs: shas.map((sha) => ({ sha256: sha, bytes: stored.get(sha)! })),
    });
  }
  return result;
}

/** Deletes the blobs of the given meetings that no other stored meeting still needs; answers the bytes freed. */
async function deleteMeetingBlobs(db: UserDatabase, meetingIds: readonly string[], all: readonly StoredMeeting[]) {
  const leaving = new Set(meetingIds);
  const stillNeeded = new Set(
    all.filter((m) => !leaving.has(m.meetingId)).flatMap((m) => m.blobs.map((b) => b.sha256)),
  );
  const doomed = new Map<string, number>();
  for (const meeting of all) {
    if (!leaving.has(meeting.meetingId)) continue;
    for (const blob of meeting.blobs) if (!stillNeeded.has(blob.sha256)) doomed.set(blob.sha256, blob.bytes);
  }
  await db.transaction('rw', db.blobs, db.blobChunks, () => deleteBlobs(db, doomed.keys()));
  return [...doomed.values()].reduce((sum, bytes) => sum + bytes, 0);
}

/** Frees at least `neededBytes` if the rules allow; answers the bytes freed (0: nothing could go). */
export async function evictForSpace(
  db: UserDatabase,
  neededBytes: number,
  forMeeting: { meetingId: string; start: string } | null,
  now: Date,
): Promise<number> {
  const meetings = await storedMeetings(db, now);
  const plan = planEviction(meetings, neededBytes, forMeeting);
  if (plan.length === 0) return 0;
  return deleteMeetingBlobs(db, plan, meetings);
}

/**
 * "Remove from this device": the meeting's documents go (those other stored meetings need stay) and the
 * downloader leaves the meeting alone until it is pinned. Refused while unsynced mutations refer to it.
 */
export async function removeMeetingDocuments(db: UserDatabase, meetingId: string, now: Date): Promise<number> {
  if ((await meetingsWithPendingMutations(db)).has(meetingId)) return 0;
  await db.excluded.put({ meetingId, at: now.toISOString() });
  const meetings = await storedMeetings(db, now);
  return deleteMeetingBlobs(db, [meetingId], meetings);
}

export interface StorageEstimateInfo {
  usage: number | null;
  quota: number | null;
  persisted: boolean | null;
}

export async function storageEstimate(): Promise<StorageEstimateInfo> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.estimate) return { usage: null, quota: null, persisted: null };
  const [estimate, persisted] = await Promise.all([
    storage.estimate(),
    storage.persisted ? storage.persisted() : Promise.resolve(null),
  ]);
  return { usage: estimate.usage ?? null, quota: estimate.quota ?? null, persisted };
}

/** Free bytes as estimated by the browser, or null when it cannot tell. */
export async function estimatedFreeSpace(): Promise<number | null> {
  const { usage, quota } = await storageEstimate();
  return usage === null || quota === null ? null : Math.max(0, quota - usage);
}

/**
 * Asks the browser not to evict this origin (Safari 17+ and Chrome decide without a prompt). Answers the
 * resulting state, or null where the API is missing.
 */
export async function requestPersistence(): Promise<boolean | null> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.persist) return null;
  if (storage.persisted && (await storage.persisted())) return true;
  return storage.persist();
}
