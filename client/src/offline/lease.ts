/**
 * Invariant: a device that has not reached the server for longer than the offline lease holds no non-public
 * content (agenda items, papers, files and their versions, consultations, annotations on them, document bytes) until a pull succeeds
 * again; public content stays readable. The cursor goes back to "0", so that pull delivers everything again and
 * sweeps what is no longer readable (apply-page).
 */
import { collectOrphanBlobs } from './blob-store';
import type { MetaRow, UserDatabase } from './db';

const dayMs = 24 * 60 * 60 * 1000;

export function leaseExpired(meta: Pick<MetaRow, 'lastContactAt' | 'offlineLeaseDays'>, now: Date): boolean {
  if (!meta.lastContactAt || meta.offlineLeaseDays === null) return false;
  return now.getTime() - Date.parse(meta.lastContactAt) > meta.offlineLeaseDays * dayMs;
}

/** Deletes non-public content when the lease has run out; answers whether it did. */
export async function enforceLease(db: UserDatabase, now: Date): Promise<boolean> {
  const meta = await db.readMeta();
  if (meta.leaseExpiredAt || !leaseExpired(meta, now)) return false;
  await db.transaction(
    'rw',
    [
      db.meta,
      db.agendaItem,
      db.paper,
      db.file,
      db.fileVersion,
      db.consultation,
      db.annotation,
      db.blobs,
      db.blobChunks,
      db.resync,
      db.unseenFiles,
    ],
    async () => {
      const hiddenItems = await db.agendaItem.filter((item) => !item.public).primaryKeys();
      const hiddenPapers = await db.paper.filter((paper) => !paper.public).primaryKeys();
      const hiddenFiles = await db.file.filter((file) => !file.public).primaryKeys();
      await db.agendaItem.bulkDelete(hiddenItems);
      await db.paper.bulkDelete(hiddenPapers);
      await db.file.bulkDelete(hiddenFiles);
      // Versions and consultations carry no flag of their own: they go with the file, paper or item they belong to.
      const files = new Set(await db.file.toCollection().primaryKeys());
      await db.fileVersion.filter((version) => !files.has(version.fileId)).delete();
      await db.unseenFiles.filter((row) => !files.has(row.fileId)).delete();
      const papers = new Set(hiddenPapers);
      const items = new Set(hiddenItems);
      await db.consultation
        .filter((c) => papers.has(c.paperId) || (c.agendaItemId !== null && items.has(c.agendaItemId)))
        .delete();
      // Annotations quote what they are on: they go with it (unsent edits stay in the outbox, which keeps them).
      await db.annotation
        .filter(
          (a) => (a.fileId !== null && !files.has(a.fileId)) || (a.agendaItemId !== null && items.has(a.agendaItemId)),
        )
        .delete();
      await collectOrphanBlobs(db);
      await db.resync.clear();
      await db.meta.update('local', { leaseExpiredAt: now.toISOString(), cursor: '0', resync: 'none' });
    },
  );
  return true;
}
