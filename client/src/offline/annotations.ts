/**
 * Invariant: an annotation edit is one `annotation.write` outbox entry, stored in the same IndexedDB transaction
 * that advances the device's hybrid logical clock, so a write the screen shows survives a crash and is pushed
 * exactly once per sequence number. The synced `annotation` table is never written here (only pulls write it):
 * what the screens show is the synced state with the pending writes merged on top, which is the same merge the
 * server runs, so nothing flickers when the pull that contains them arrives.
 */
import type {
  Anchor,
  AnnotationFieldName,
  AnnotationHeader,
  AnnotationState,
  AnnotationValues,
  AnnotationWriteArgs,
  AnnotationWrites,
  HistoryEntry,
  HlcState,
  SyncAnnotation,
} from '@ratsmappe/shared';
import {
  annotationHistory,
  currentValues,
  emptyAnnotation,
  mergeAnnotation,
  writeField,
} from '@ratsmappe/shared/annotations/annotation';
import { formatHlc, parseHlc, receiveHlc, tickHlc } from '@ratsmappe/shared/annotations/hlc';
import type { OutboxRow, UserDatabase } from './db';
import { enqueueMutation, pendingMutations } from './outbox';

/** One annotation as the screens see it. */
export interface AnnotationView extends AnnotationHeader {
  own: boolean;
  authorName: string;
  values: AnnotationValues;
  /** Own annotations: the mergeable state (history included); null for annotations shared by others. */
  state: AnnotationState | null;
  /** Where the server placed it on later versions of its document, by sha256. */
  anchors: Record<string, Anchor>;
  /** Concurrent edits that lost (own annotations). */
  history: HistoryEntry[];
  /** Some of its writes have not reached the server yet. */
  pending: boolean;
  modifiedAt: string;
}

export type AnnotationChanges = Partial<AnnotationValues>;

function pendingWrites(
  rows: readonly OutboxRow[],
): Map<string, { header: AnnotationHeader; writes: AnnotationWrites[] }> {
  const result = new Map<string, { header: AnnotationHeader; writes: AnnotationWrites[] }>();
  for (const row of rows) {
    if (row.name !== 'annotation.write') continue;
    const args = row.args as unknown as AnnotationWriteArgs;
    const entry = result.get(args.id) ?? {
      header: {
        id: args.id,
        kind: args.kind,
        fileId: args.fileId,
        agendaItemId: args.agendaItemId,
        createdAt: args.createdAt,
      },
      writes: [],
    };
    entry.writes.push(args.writes);
    result.set(args.id, entry);
  }
  return result;
}

function headerOf(row: SyncAnnotation): AnnotationHeader {
  return { id: row.id, kind: row.kind, fileId: row.fileId, agendaItemId: row.agendaItemId, createdAt: row.createdAt };
}

function viewOf(
  row: SyncAnnotation | undefined,
  pending: { header: AnnotationHeader; writes: AnnotationWrites[] } | undefined,
  authorName: string,
): AnnotationView | null {
  if (row && !row.own) {
    return {
      ...headerOf(row),
      own: false,
      authorName: row.authorName,
      values: row.values,
      state: null,
      anchors: row.anchors,
      history: [],
      pending: false,
      modifiedAt: row.modifiedAt,
    };
  }
  const header = row ? headerOf(row) : pending?.header;
  if (!header) return null;
  let state = row?.state ?? emptyAnnotation(header);
  for (const writes of pending?.writes ?? []) state = mergeAnnotation(state, writes);
  return {
    ...header,
    own: true,
    authorName: row?.authorName ?? authorName,
    values: currentValues(state),
    state,
    anchors: row?.anchors ?? {},
    history: annotationHistory(state),
    pending: (pending?.writes.length ?? 0) > 0,
    modifiedAt: row?.modifiedAt ?? header.createdAt,
  };
}

export interface AnnotationFilter {
  fileIds?: readonly string[];
  agendaItemIds?: readonly string[];
  /** Include tombstones (deleted annotations); off by default. */
  withDeleted?: boolean;
}

/** Synced annotations with the device's pending writes merged on top, filtered by document or agenda item. */
export async function effectiveAnnotations(
  db: UserDatabase,
  filter: AnnotationFilter,
  authorName = '',
): Promise<AnnotationView[]> {
  const [synced, pending] = await Promise.all([
    Promise.all([
      filter.fileIds
        ? db.annotation
            .where('fileId')
            .anyOf([...filter.fileIds])
            .toArray()
        : [],
      filter.agendaItemIds
        ? db.annotation
            .where('agendaItemId')
            .anyOf([...filter.agendaItemIds])
            .toArray()
        : [],
    ]).then(([a, b]) => [...a, ...b]),
    pendingMutations(db).then(pendingWrites),
  ]);
  const fileIds = new Set(filter.fileIds ?? []);
  const itemIds = new Set(filter.agendaItemIds ?? []);
  const byId = new Map<string, SyncAnnotation | undefined>(synced.map((row) => [row.id, row]));
  for (const [id, entry] of pending) {
    const { fileId, agendaItemId } = entry.header;
    const wanted = (fileId !== null && fileIds.has(fileId)) || (agendaItemId !== null && itemIds.has(agendaItemId));
    if (wanted && !byId.has(id)) byId.set(id, undefined);
  }
  const views: AnnotationView[] = [];
  for (const [id, row] of byId) {
    const view = viewOf(row, pending.get(id), authorName);
    if (view && (filter.withDeleted || !view.values.deleted)) views.push(view);
  }
  return views.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** One annotation (own or shared), or null. */
export async function effectiveAnnotation(db: UserDatabase, id: string): Promise<AnnotationView | null> {
  const [row, pending] = await Promise.all([db.annotation.get(id), pendingMutations(db).then(pendingWrites)]);
  return viewOf(row, pending.get(id), '');
}

function randomNode(): string {
  return crypto.randomUUID().replace(/-/g, '').slice(0, 16);
}

/** The newest timestamp in a state: the device clock moves past it before writing. */
function newestHlc(state: AnnotationState): string | null {
  let newest: string | null = null;
  for (const field of Object.values(state.fields)) {
    for (const write of field?.writes ?? []) if (newest === null || write.hlc > newest) newest = write.hlc;
    for (const hlc of field?.replaced ?? []) if (newest === null || hlc > newest) newest = hlc;
  }
  return newest;
}

export interface WriteResult {
  /** What undo writes back: the changed fields' values before this write, or a delete for a new annotation. */
  before: AnnotationChanges;
  seq: number;
}

/**
 * Creates or edits an annotation: one write per changed field, stored with its outbox entry in one transaction.
 * Refuses to edit another author's annotation (the server would refuse it too).
 */
export async function writeAnnotation(
  db: UserDatabase,
  header: AnnotationHeader,
  changes: AnnotationChanges,
  now: Date,
): Promise<WriteResult> {
  return db.transaction('rw', [db.annotation, db.outbox, db.meta, db.rejected], async () => {
    const meta = await db.readMeta();
    const row = await db.annotation.get(header.id);
    if (row && !row.own) throw new Error('annotation of another author');
    const pending = (await pendingMutations(db).then(pendingWrites)).get(header.id);
    const view = viewOf(row, pending, '');
    const state = view?.state ?? emptyAnnotation(header);
    const stored = meta.hlc ? parseHlc(meta.hlc) : { wallMs: 0, counter: 0, node: randomNode() };
    let clock: HlcState = stored;
    const seen = newestHlc(state);
    if (seen) clock = receiveHlc(clock, seen, now.getTime());
    clock = tickHlc(clock, now.getTime());
    const hlc = formatHlc(clock);
    const writes: Record<string, unknown> = {};
    const before: Record<string, unknown> = {};
    const values = currentValues(state);
    for (const [name, value] of Object.entries(changes) as [AnnotationFieldName, unknown][]) {
      if (value === undefined) continue;
      writes[name] = writeField(state, name, value as never, hlc);
      before[name] = values[name];
    }
    await db.meta.update('local', { hlc });
    const args: AnnotationWriteArgs = {
      id: header.id,
      kind: header.kind,
      fileId: header.fileId,
      agendaItemId: header.agendaItemId,
      createdAt: view?.createdAt ?? header.createdAt,
      writes: writes,
    };
    const seq = await enqueueMutation(db, 'annotation.write', args, now);
    // Undoing the creation of an annotation deletes it.
    return { before: view ? before : { deleted: true }, seq };
  });
}

/** A new annotation's header: a client-made id, so a replayed push is recognised. */
export function newAnnotationHeader(
  kind: AnnotationHeader['kind'],
  on: { fileId: string } | { agendaItemId: string },
  now: Date,
): AnnotationHeader {
  return {
    id: crypto.randomUUID(),
    kind,
    fileId: 'fileId' in on ? on.fileId : null,
    agendaItemId: 'agendaItemId' in on ? on.agendaItemId : null,
    createdAt: now.toISOString(),
  };
}

/** One step the user can take back: the annotation and its fields' values before the step. */
export interface UndoStep {
  header: AnnotationHeader;
  before: AnnotationChanges;
  /** For the announcement ("Markierung entfernt" …). */
  label: string;
}

/**
 * The document session's undo history. Undoing writes the old values back as a new edit (with a new timestamp),
 * so the step syncs like any other and another device's concurrent edit is kept in history, never overwritten
 * silently. Undoing a creation is a delete (tombstone), undoing a delete revives.
 */
export class UndoHistory {
  private readonly steps: UndoStep[] = [];

  constructor(private readonly limit = 100) {}

  record(step: UndoStep): void {
    if (Object.keys(step.before).length === 0) return;
    this.steps.push(step);
    if (this.steps.length > this.limit) this.steps.shift();
  }

  get size(): number {
    return this.steps.length;
  }

  peek(): UndoStep | undefined {
    return this.steps[this.steps.length - 1];
  }

  /** Takes the last step off and writes its old values back. */
  async undo(
    write: (header: AnnotationHeader, changes: AnnotationChanges) => Promise<unknown>,
  ): Promise<UndoStep | null> {
    const step = this.steps.pop();
    if (!step) return null;
    try {
      await write(step.header, step.before);
    } catch (error) {
      this.steps.push(step);
      throw error;
    }
    return step;
  }
}
