/**
 * Invariant: a pull page and its cursor are applied in one IndexedDB transaction. A failure anywhere (unknown
 * entity, storage error) rolls back rows, markers, blob deletions and cursor together, so the next pull asks for
 * the same page again; applying a page twice leaves the same state as applying it once.
 */
import type { SyncChange, SyncEntity, SyncPullResponse } from '@ratsmappe/shared';
import { collectOrphanBlobs } from './blob-store';
import { isSyncEntity, syncEntityNames, type ChangeRow, type MetaRow, type UserDatabase } from './db';

export class SyncProtocolError extends Error {
  constructor(
    readonly code: 'unknown_entity' | 'invalid_change',
    message: string,
  ) {
    super(message);
    this.name = 'SyncProtocolError';
  }
}

type Marker = 'isNew' | 'changed' | 'supplement';

/** Entities whose change is worth a marker on the meeting they belong to. */
const markedEntities = new Set<SyncEntity>(['meeting', 'agendaItem', 'paper', 'file', 'fileVersion']);
/** Entities that decide which blobs are referenced. */
const blobEntities = new Set<SyncEntity>(['file', 'fileVersion']);

function sameRow(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function validate(change: SyncChange): void {
  if (!isSyncEntity(change.entity)) {
    // A newer server: skipping rows would lose them for good (the server counts them as delivered), so the page
    // stays unapplied until the app is updated.
    throw new SyncProtocolError('unknown_entity', `unknown entity ${String(change.entity)}`);
  }
  if (typeof change.id !== 'string' || change.id === '')
    throw new SyncProtocolError('invalid_change', 'change without id');
  if (
    change.op === 'upsert' &&
    (typeof change.data !== 'object' || change.data === null || change.data.id !== change.id)
  ) {
    throw new SyncProtocolError('invalid_change', `upsert of ${change.entity} ${change.id} without matching data`);
  }
  const op: string = change.op;
  if (op !== 'upsert' && op !== 'delete') throw new SyncProtocolError('invalid_change', `unknown op ${op}`);
}

/** The meetings a row belongs to (for markers); reads the other rows in the same transaction. */
async function meetingsOf(db: UserDatabase, entity: SyncEntity, row: Record<string, unknown>): Promise<string[]> {
  switch (entity) {
    case 'meeting':
      return [row.id as string];
    case 'agendaItem':
      return [row.meetingId as string];
    case 'paper': {
      const items = await db.agendaItem
        .where('paperId')
        .equals(row.id as string)
        .toArray();
      return items.map((item) => item.meetingId);
    }
    case 'file': {
      const ids: string[] = [];
      if (typeof row.meetingId === 'string') ids.push(row.meetingId);
      if (typeof row.agendaItemId === 'string') {
        const item = await db.agendaItem.get(row.agendaItemId);
        if (item) ids.push(item.meetingId);
      }
      if (typeof row.paperId === 'string') {
        const items = await db.agendaItem.where('paperId').equals(row.paperId).toArray();
        ids.push(...items.map((item) => item.meetingId));
      }
      return ids;
    }
    case 'fileVersion': {
      const file = await db.file.get(row.fileId as string);
      return file ? meetingsOf(db, 'file', file as unknown as Record<string, unknown>) : [];
    }
    default:
      return [];
  }
}

/** A row this page wrote or deleted (rows delivered unchanged are left out). */
export interface TouchedRow {
  entity: SyncEntity;
  id: string;
  /** For a file version: the file it belongs to (also for a deleted one, from the row it had). */
  fileId: string | null;
}

export interface ApplyResult {
  /** Blobs deleted because no current file version references them any more. */
  deletedBlobs: string[];
  /** The last page of this pull was applied (hasMore false). */
  finished: boolean;
  touched: TouchedRow[];
  /** A sweeping resync ended on this page and deleted what it did not deliver (rows not listed in `touched`). */
  swept: boolean;
}

function touchedRow(entity: SyncEntity, id: string, row: Record<string, unknown>): TouchedRow {
  return { entity, id, fileId: entity === 'fileVersion' && typeof row.fileId === 'string' ? row.fileId : null };
}

export async function applyPage(db: UserDatabase, page: SyncPullResponse, now: Date): Promise<ApplyResult> {
  const tables = [
    ...db.entityTables(),
    db.meta,
    db.outbox,
    db.rejected,
    db.changesSeen,
    db.blobs,
    db.blobChunks,
    db.resync,
    db.excluded,
    db.unseenFiles,
  ];
  return db.transaction('rw', tables, async () => {
    const meta: MetaRow = await db.readMeta();
    const markers = new Map<string, Set<Marker>>();
    const mark = (meetingIds: string[], marker: Marker) => {
      for (const id of meetingIds) {
        const set = markers.get(id) ?? new Set<Marker>();
        set.add(marker);
        markers.set(id, set);
      }
    };
    const markChanges = meta.resync === 'none';
    const at = now.toISOString();
    let blobsTouched = false;
    const touched: TouchedRow[] = [];
    let swept = false;

    for (const change of page.changes) {
      validate(change);
      const table = db.table(change.entity);
      const existing = (await table.get(change.id)) as Record<string, unknown> | undefined;
      if (change.op === 'upsert') {
        if (existing && sameRow(existing, change.data)) {
          if (meta.resync === 'sweep') await db.resync.put({ key: `${change.entity}:${change.id}` });
          continue;
        }
        await table.put(change.data);
        touched.push(touchedRow(change.entity, change.id, change.data as unknown as Record<string, unknown>));
        if (meta.resync === 'sweep') await db.resync.put({ key: `${change.entity}:${change.id}` });
        if (blobEntities.has(change.entity)) blobsTouched = true;
        if (markChanges) await markUnseen(db, change, existing !== undefined, at);
        if (markChanges && markedEntities.has(change.entity)) {
          const row = change.data as unknown as Record<string, unknown>;
          const meetings = await meetingsOf(db, change.entity, row);
          mark(meetings, change.entity === 'meeting' && !existing ? 'isNew' : 'changed');
          if (change.entity === 'agendaItem') {
            const item = change.data;
            if (item.supplementAt !== null && existing?.supplementAt !== item.supplementAt)
              mark(meetings, 'supplement');
          }
        }
      } else {
        if (!existing) continue;
        const meetings =
          markChanges && markedEntities.has(change.entity) ? await meetingsOf(db, change.entity, existing) : [];
        await table.delete(change.id);
        touched.push(touchedRow(change.entity, change.id, existing));
        if (blobEntities.has(change.entity)) blobsTouched = true;
        if (change.entity === 'file') await db.unseenFiles.delete(change.id);
        if (change.entity === 'meeting') {
          await db.changesSeen.delete(change.id);
          await db.excluded.delete(change.id);
        } else {
          mark(meetings, 'changed');
        }
      }
    }

    for (const [meetingId, kinds] of markers) {
      if (!(await db.meeting.get(meetingId))) continue;
      const known: ChangeRow = (await db.changesSeen.get(meetingId)) ?? {
        meetingId,
        isNew: false,
        changed: false,
        supplement: false,
        at,
      };
      await db.changesSeen.put({
        meetingId,
        isNew: known.isNew || kinds.has('isNew'),
        // A new meeting is "neu", not also "geändert", until the user has seen it.
        changed: known.changed || (kinds.has('changed') && !(known.isNew || kinds.has('isNew'))),
        supplement: known.supplement || kinds.has('supplement'),
        at,
      });
    }

    const finished = !page.hasMore;
    const update: Partial<MetaRow> = {
      cursor: page.cursor,
      lastContactAt: page.serverTime,
      offlineLeaseDays: page.offlineLeaseDays,
      ackedSeq: Math.max(meta.ackedSeq, page.lastMutationSeq),
      leaseExpiredAt: null,
    };
    if (finished) {
      // The server state now includes these mutations: drop them from the outbox together with the rows that show
      // their effect, so the UI never flickers back to the old state (PowerSync's write-checkpoint rule).
      await db.outbox.where('seq').belowOrEqual(page.lastMutationSeq).delete();
      if (meta.resync === 'sweep') {
        blobsTouched = (await sweep(db)) || blobsTouched;
        swept = true;
        await db.resync.clear();
      }
      update.resync = 'none';
      update.lastSyncAt = at;
      update.lastError = null;
    }
    const deletedBlobs = blobsTouched ? await collectOrphanBlobs(db) : [];
    await db.meta.update('local', update);
    return { deletedBlobs, finished, touched, swept };
  });
}

/** After a pull from "0" over existing rows: what it did not deliver is no longer readable. */
async function sweep(db: UserDatabase): Promise<boolean> {
  const delivered = new Set(await db.resync.toCollection().primaryKeys());
  let blobsTouched = false;
  for (const entity of syncEntityNames) {
    const table = db.table(entity);
    const ids = (await table.toCollection().primaryKeys()) as string[];
    const gone = ids.filter((id) => !delivered.has(`${entity}:${id}`));
    if (gone.length === 0) continue;
    await table.bulkDelete(gone);
    if (blobEntities.has(entity)) blobsTouched = true;
    if (entity === 'meeting') {
      await db.changesSeen.bulkDelete(gone);
      await db.excluded.bulkDelete(gone);
    }
    if (entity === 'file') await db.unseenFiles.bulkDelete(gone);
  }
  return blobsTouched;
}

/** A document that arrives, or a new version of one already here, is "neu" until the user opens it. */
async function markUnseen(db: UserDatabase, change: SyncChange, existed: boolean, at: string): Promise<void> {
  if (change.op !== 'upsert' || existed) return;
  if (change.entity === 'file') {
    await db.unseenFiles.put({ fileId: change.id, kind: 'new', at });
  } else if (change.entity === 'fileVersion') {
    const { fileId, version } = change.data;
    if ((await db.unseenFiles.get(fileId))?.kind === 'new') return;
    const older = await db.fileVersion
      .where('fileId')
      .equals(fileId)
      .filter((known) => known.version < version)
      .count();
    if (older > 0) await db.unseenFiles.put({ fileId, kind: 'version', at });
  }
}
