import { afterEach, describe, expect, it } from 'vitest';
import {
  currentValues,
  emptyAnnotation,
  formatHlc,
  mergeAnnotation,
  type AnnotationHeader,
  type AnnotationWriteArgs,
  type SyncAnnotation,
} from '@ratsmappe/shared';
import { freshAccountId, page, upsert } from '../test/sync-fixtures';
import {
  effectiveAnnotation,
  effectiveAnnotations,
  newAnnotationHeader,
  UndoHistory,
  writeAnnotation,
  type AnnotationChanges,
} from './annotations';
import { applyPage } from './apply-page';
import { openUserDatabase, type UserDatabase } from './db';

const now = new Date('2026-03-02T09:00:00Z');
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const fileId = '0195f1a2-0000-7000-8000-00000000f001';
const sha = 'a'.repeat(64);
const opened: UserDatabase[] = [];

function database(): UserDatabase {
  const db = openUserDatabase(freshAccountId());
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

const target = (page: number) => ({ sha256: sha, page, point: [0.5, 0.5] as [number, number] });

/** The row the server sends back once it has applied every pending write of this device. */
async function serverRow(db: UserDatabase, id: string, authorName = 'Miriam Kesselring'): Promise<SyncAnnotation> {
  const rows = await db.outbox.orderBy('seq').toArray();
  const args = rows.map((r) => r.args as unknown as AnnotationWriteArgs).filter((a) => a.id === id);
  const header: AnnotationHeader = { ...args[0]!, writes: undefined } as unknown as AnnotationHeader;
  let state = emptyAnnotation({
    id,
    kind: header.kind,
    fileId: header.fileId,
    agendaItemId: header.agendaItemId,
    createdAt: header.createdAt,
  });
  for (const a of args) state = mergeAnnotation(state, a.writes);
  return {
    id,
    bodyId: 'body-1',
    kind: header.kind,
    fileId: header.fileId,
    agendaItemId: header.agendaItemId,
    createdAt: header.createdAt,
    modifiedAt: later(60).toISOString(),
    own: true,
    authorName,
    values: currentValues(state),
    state,
    anchors: {},
  };
}

describe('annotation writes on the device', () => {
  it('stores a new note with its outbox entry and shows it, pending, before any sync', async () => {
    const db = database();
    const header = newAnnotationHeader('note', { fileId }, now);
    await writeAnnotation(db, header, { target: target(2), text: 'Rückfrage: Folgekosten?' }, now);

    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.name).toBe('annotation.write');
    const args = outbox[0]!.args as unknown as AnnotationWriteArgs;
    expect(args).toMatchObject({ id: header.id, kind: 'note', fileId, agendaItemId: null });
    expect(args.writes.text).toMatchObject({ value: 'Rückfrage: Folgekosten?', supersedes: [] });
    expect(args.writes.text!.hlc).toBe(args.writes.target!.hlc);
    expect((await db.readMeta()).hlc).toBe(args.writes.text!.hlc);

    const [shown] = await effectiveAnnotations(db, { fileIds: [fileId] }, 'Miriam Kesselring');
    expect(shown).toMatchObject({ id: header.id, own: true, pending: true, authorName: 'Miriam Kesselring' });
    expect(shown!.values.text).toBe('Rückfrage: Folgekosten?');
    expect(shown!.values.target?.page).toBe(2);
  });

  it('leaves nothing behind when the write cannot be stored', async () => {
    const db = database();
    const header = newAnnotationHeader('note', { fileId }, now);
    db.close();
    await expect(writeAnnotation(db, header, { text: 'x' }, now)).rejects.toThrow();
    await db.open();
    expect(await db.outbox.count()).toBe(0);
    expect((await db.readMeta()).hlc).toBeUndefined();
  });

  it('keeps showing the same values when the pull that contains the writes replaces the outbox', async () => {
    const db = database();
    const header = newAnnotationHeader('highlight', { fileId }, now);
    await writeAnnotation(db, header, { target: target(1), color: 'yellow' }, now);
    await writeAnnotation(db, header, { color: 'green' }, later(1));
    const before = await effectiveAnnotation(db, header.id);
    expect(before?.values.color).toBe('green');

    const row = await serverRow(db, header.id);
    await applyPage(db, page('5', [upsert('annotation', row)], { lastMutationSeq: 2 }), later(2));
    expect(await db.outbox.count()).toBe(0);
    const after = await effectiveAnnotation(db, header.id);
    expect(after?.values).toEqual(before?.values);
    expect(after?.pending).toBe(false);
  });

  it('moves its clock past edits from other devices, so a later edit wins and the other stays in history', async () => {
    const db = database();
    const header = newAnnotationHeader('note', { fileId }, now);
    // Another device wrote far in this device's future (its wall clock runs ahead).
    const future = formatHlc({ wallMs: later(3600).getTime(), counter: 3, node: 'otherdevice' });
    const state = mergeAnnotation(emptyAnnotation(header), {
      text: { value: 'vom Laptop', hlc: future, supersedes: [] },
      target: { value: target(1), hlc: future, supersedes: [] },
    });
    const row: SyncAnnotation = {
      ...header,
      bodyId: 'body-1',
      modifiedAt: now.toISOString(),
      own: true,
      authorName: 'Miriam Kesselring',
      values: currentValues(state),
      state,
      anchors: {},
    };
    await applyPage(db, page('1', [upsert('annotation', row)]), now);

    await writeAnnotation(db, header, { text: 'vom Tablet' }, later(1));
    const shown = await effectiveAnnotation(db, header.id);
    expect(shown?.values.text).toBe('vom Tablet');
    const written = (await db.outbox.toArray())[0]!.args as unknown as AnnotationWriteArgs;
    expect(written.writes.text!.hlc > future).toBe(true);
    expect(written.writes.text!.supersedes).toEqual([future]);
  });

  it('shows a concurrent losing edit in history', async () => {
    const db = database();
    const header = newAnnotationHeader('note', { fileId }, now);
    const base = formatHlc({ wallMs: now.getTime(), counter: 0, node: 'a' });
    const onA = formatHlc({ wallMs: later(5).getTime(), counter: 0, node: 'a' });
    const onB = formatHlc({ wallMs: later(6).getTime(), counter: 0, node: 'b' });
    let state = emptyAnnotation(header);
    state = mergeAnnotation(state, { text: { value: 'Entwurf', hlc: base, supersedes: [] } });
    state = mergeAnnotation(state, { text: { value: 'Fassung A', hlc: onA, supersedes: [base] } });
    state = mergeAnnotation(state, { text: { value: 'Fassung B', hlc: onB, supersedes: [base] } });
    const row: SyncAnnotation = {
      ...header,
      bodyId: 'body-1',
      modifiedAt: now.toISOString(),
      own: true,
      authorName: 'M',
      values: currentValues(state),
      state,
      anchors: {},
    };
    await applyPage(db, page('1', [upsert('annotation', row)]), now);
    const shown = await effectiveAnnotation(db, header.id);
    expect(shown?.values.text).toBe('Fassung B');
    expect(shown?.history).toEqual([{ field: 'text', value: 'Fassung A', hlc: onA }]);
  });

  it('refuses to edit an annotation another member shared, and shows it read-only with its author', async () => {
    const db = database();
    const header = newAnnotationHeader('note', { fileId }, now);
    const shared: SyncAnnotation = {
      ...header,
      bodyId: 'body-1',
      modifiedAt: now.toISOString(),
      own: false,
      authorName: 'Jonas Weber',
      values: {
        scope: { kind: 'faction', organizationId: '0195f1a2-0000-7000-8000-00000000a001' },
        color: null,
        text: 'Fraktionslinie',
        votingIntention: null,
        target: target(1),
        strokes: null,
        deleted: false,
      },
      state: null,
      anchors: {},
    };
    await applyPage(db, page('1', [upsert('annotation', shared)]), now);
    await expect(writeAnnotation(db, header, { text: 'überschrieben' }, now)).rejects.toThrow(/another author/);
    expect(await db.outbox.count()).toBe(0);
    const [shown] = await effectiveAnnotations(db, { fileIds: [fileId] });
    expect(shown).toMatchObject({ own: false, authorName: 'Jonas Weber', state: null });
    expect(shown!.values.text).toBe('Fraktionslinie');
  });

  it('hides deleted annotations unless asked for tombstones', async () => {
    const db = database();
    const header = newAnnotationHeader('bookmark', { fileId }, now);
    await writeAnnotation(db, header, { target: target(3) }, now);
    await writeAnnotation(db, header, { deleted: true }, later(1));
    expect(await effectiveAnnotations(db, { fileIds: [fileId] })).toEqual([]);
    const all = await effectiveAnnotations(db, { fileIds: [fileId], withDeleted: true });
    expect(all.map((a) => a.values.deleted)).toEqual([true]);
  });

  it('lists item notes by agenda item, apart from the document annotations', async () => {
    const db = database();
    const itemId = '0195f1a2-0000-7000-8000-00000000b001';
    await writeAnnotation(
      db,
      newAnnotationHeader('itemNote', { agendaItemId: itemId }, now),
      {
        text: 'zustimmen',
        votingIntention: 'yes',
      },
      now,
    );
    await writeAnnotation(db, newAnnotationHeader('note', { fileId }, now), { target: target(1), text: 'x' }, now);
    const notes = await effectiveAnnotations(db, { agendaItemIds: [itemId] });
    expect(notes.map((n) => [n.kind, n.values.votingIntention])).toEqual([['itemNote', 'yes']]);
  });
});

describe('undo in a document session', () => {
  const write =
    (db: UserDatabase, history: UndoHistory) =>
    async (header: AnnotationHeader, changes: AnnotationChanges, at: Date) => {
      const result = await writeAnnotation(db, header, changes, at);
      history.record({ header, before: result.before, label: 'x' });
    };

  it('takes back an edit, then the creation (a tombstone), one step at a time', async () => {
    const db = database();
    const history = new UndoHistory();
    const header = newAnnotationHeader('note', { fileId }, now);
    await write(db, history)(header, { target: target(1), text: 'erste Fassung' }, now);
    await write(db, history)(header, { text: 'zweite Fassung', color: 'pink' }, later(1));
    expect(history.size).toBe(2);

    let at = 2;
    const undoWrite = (h: AnnotationHeader, changes: AnnotationChanges) => writeAnnotation(db, h, changes, later(at++));
    await history.undo(undoWrite);
    let shown = await effectiveAnnotation(db, header.id);
    expect(shown?.values).toMatchObject({ text: 'erste Fassung', color: null, deleted: false });
    // Undo is an edit of its own: the undone value is replaced, not kept as a concurrent loser.
    expect(shown?.history).toEqual([]);

    await history.undo(undoWrite);
    shown = await effectiveAnnotation(db, header.id);
    expect(shown?.values.deleted).toBe(true);
    expect(await effectiveAnnotations(db, { fileIds: [fileId] })).toEqual([]);
    expect(await history.undo(undoWrite)).toBeNull();
    // Every step, undo included, went to the outbox in order.
    expect((await db.outbox.orderBy('seq').toArray()).map((r) => r.seq)).toEqual([1, 2, 3, 4]);
  });

  it('brings a deleted annotation back', async () => {
    const db = database();
    const history = new UndoHistory();
    const header = newAnnotationHeader('highlight', { fileId }, now);
    await writeAnnotation(db, header, { target: target(1), color: 'yellow' }, now);
    await write(db, history)(header, { deleted: true }, later(1));
    await history.undo((h, c) => writeAnnotation(db, h, c, later(2)));
    const shown = await effectiveAnnotation(db, header.id);
    expect(shown?.values).toMatchObject({ deleted: false, color: 'yellow' });
  });

  it('keeps the step when writing it back fails, and forgets the oldest past its limit', async () => {
    const history = new UndoHistory(2);
    const header = newAnnotationHeader('note', { fileId }, now);
    history.record({ header, before: { text: 'a' }, label: 'a' });
    history.record({ header, before: { text: 'b' }, label: 'b' });
    history.record({ header, before: { text: 'c' }, label: 'c' });
    expect(history.size).toBe(2);
    await expect(history.undo(() => Promise.reject(new Error('storage full')))).rejects.toThrow('storage full');
    expect(history.peek()?.label).toBe('c');
    const seen: AnnotationChanges[] = [];
    await history.undo((_h, changes) => {
      seen.push(changes);
      return Promise.resolve();
    });
    await history.undo((_h, changes) => {
      seen.push(changes);
      return Promise.resolve();
    });
    expect(seen).toEqual([{ text: 'c' }, { text: 'b' }]);
    expect(history.size).toBe(0);
  });
});
