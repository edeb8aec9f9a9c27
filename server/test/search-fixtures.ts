import type { Kysely } from 'kysely';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Database, FileRole } from '../src/db/schema/tables.js';
import type { BlobStore } from '../src/storage/blob-store.js';

/** A PDF with one page per entry; each page's text is drawn line by line (`\n` starts a new line). */
export async function makePdf(pages: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of pages) {
    const page = doc.addPage([595, 842]);
    text.split('\n').forEach((line, index) => {
      page.drawText(line, { x: 50, y: 780 - index * 16, size: 11, font });
    });
  }
  return doc.save();
}

export type FileOwner = { meetingId: string } | { agendaItemId: string } | { paperId: string };

/**
 * Stores content in the blob store and adds a file with one version, as an upload would. The version row has no
 * text yet: the database enqueues its extraction.
 */
export async function storeFile(
  db: Kysely<Database>,
  blobs: BlobStore,
  options: {
    bodyId: string;
    owner: FileOwner;
    name: string;
    public: boolean;
    content: Uint8Array;
    mimeType?: string;
    fileName?: string;
    role?: FileRole;
    date?: string;
  },
) {
  const mimeType = options.mimeType ?? 'application/pdf';
  const stored = await blobs.put(options.content);
  await db
    .insertInto('blob')
    .values({ sha256: stored.sha256, size: stored.size, mime_type: mimeType })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  const file = await db
    .insertInto('file')
    .values({
      body_id: options.bodyId,
      name: options.name,
      role: options.role ?? 'auxiliary',
      meeting_id: 'meetingId' in options.owner ? options.owner.meetingId : null,
      agenda_item_id: 'agendaItemId' in options.owner ? options.owner.agendaItemId : null,
      paper_id: 'paperId' in options.owner ? options.owner.paperId : null,
      public: options.public,
      date: options.date ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const version = await addVersion(db, blobs, {
    bodyId: options.bodyId,
    fileId: file.id,
    version: 1,
    content: options.content,
    mimeType,
    fileName: options.fileName ?? `${options.name}.pdf`,
  });
  return { fileId: file.id, versionId: version.id };
}

export async function addVersion(
  db: Kysely<Database>,
  blobs: BlobStore,
  options: {
    bodyId: string;
    fileId: string;
    version: number;
    content: Uint8Array;
    mimeType?: string;
    fileName: string;
  },
) {
  const mimeType = options.mimeType ?? 'application/pdf';
  const stored = await blobs.put(options.content);
  await db
    .insertInto('blob')
    .values({ sha256: stored.sha256, size: stored.size, mime_type: mimeType })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  return db
    .insertInto('file_version')
    .values({
      body_id: options.bodyId,
      file_id: options.fileId,
      version: options.version,
      sha256: stored.sha256,
      size: stored.size,
      mime_type: mimeType,
      file_name: options.fileName,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
