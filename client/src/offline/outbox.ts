/**
 * Invariant: a mutation gets the next per-device number and is stored in the same transaction, so numbers are
 * strictly +1 and survive a crash; it leaves the outbox only in the transaction that applies the pull showing its
 * effect (apply-page.ts). Until then the UI sees synced state with the outbox replayed on top.
 */
import type { SyncMutationName } from '@ratsmappe/shared';
import type { OutboxRow, UserDatabase } from './db';

export async function enqueueMutation(
  db: UserDatabase,
  name: SyncMutationName,
  args: Record<string, unknown>,
  now: Date,
): Promise<number> {
  return db.transaction('rw', db.meta, db.outbox, async () => {
    const meta = await db.readMeta();
    // Never at or below what the server has applied: it would skip the mutation as a replay.
    const seq = Math.max(meta.lastSeq, meta.ackedSeq) + 1;
    await db.meta.update('local', { lastSeq: seq });
    await db.outbox.add({ seq, name, args, createdAt: now.toISOString() });
    return seq;
  });
}

/** Outbox entries the server has neither applied nor refused yet. */
export async function pendingMutations(db: UserDatabase): Promise<OutboxRow[]> {
  const [rows, rejected] = await Promise.all([
    db.outbox.orderBy('seq').toArray(),
    db.rejected.toCollection().primaryKeys(),
  ]);
  const refused = new Set(rejected);
  return rows.filter((row) => !refused.has(row.seq));
}

/** Pinned meetings: the synced pins with the pending pin mutations replayed in order. */
export async function effectivePins(db: UserDatabase): Promise<Set<string>> {
  const [pins, pending] = await Promise.all([db.pin.toArray(), pendingMutations(db)]);
  const pinned = new Set(pins.map((pin) => pin.meetingId));
  for (const mutation of pending) {
    const meetingId = mutation.args.meetingId;
    if (typeof meetingId !== 'string') continue;
    if (mutation.name === 'pin.set') pinned.add(meetingId);
    if (mutation.name === 'pin.remove') pinned.delete(meetingId);
  }
  return pinned;
}

/** Meetings that unsynced mutations refer to: their documents must never be evicted. */
export async function meetingsWithPendingMutations(db: UserDatabase): Promise<Set<string>> {
  const result = new Set<string>();
  for (const mutation of await pendingMutations(db)) {
    const { meetingId, fileId } = mutation.args;
    if (typeof meetingId === 'string') result.add(meetingId);
    if (typeof fileId === 'string') {
      for (const id of await meetingsOfFile(db, fileId)) result.add(id);
    }
  }
  return result;
}

/** The meetings a file belongs to: directly, through its agenda item, or through its paper's agenda items. */
export async function meetingsOfFile(db: UserDatabase, fileId: string): Promise<string[]> {
  const file = await db.file.get(fileId);
  if (!file) return [];
  const ids = new Set<string>();
  if (file.meetingId) ids.add(file.meetingId);
  if (file.agendaItemId) {
    const item = await db.agendaItem.get(file.agendaItemId);
    if (item) ids.add(item.meetingId);
  }
  if (file.paperId) {
    for (const item of await db.agendaItem.where('paperId').equals(file.paperId).toArray()) ids.add(item.meetingId);
  }
  return [...ids];
}
