import type { Kysely } from 'kysely';
import type { Database } from '../db/schema/tables.js';

export interface VersionToExtract {
  id: string;
  sha256: string;
  mime_type: string;
  size: string;
  deleted: boolean;
}

export class FileTextRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findVersion(id: string): Promise<VersionToExtract | undefined> {
    return this.db
      .selectFrom('file_version')
      .select(['id', 'sha256', 'mime_type', 'size', 'deleted'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /**
   * Text already extracted from the same content (same sha256) for another version: identical bytes give identical
   * text, so a document attached to many papers, or re-uploaded, is read by pdf.js once.
   */
  async textOfSameContent(sha256: string, exceptId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('file_version')
      .select('extracted_text')
      .where('sha256', '=', sha256)
      .where('id', '!=', exceptId)
      .where('text_extracted_at', 'is not', null)
      .where('extracted_text', 'is not', null)
      .limit(1)
      .executeTakeFirst();
    return row?.extracted_text ?? undefined;
  }

  /**
   * Stores the text (an UPDATE, so the change log carries it to clients). False when the version was deleted in
   * the meantime: the foundation's trigger refuses changes to deleted rows, and a deleted version needs no text.
   */
  async storeText(id: string, text: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('file_version')
      .set({ extracted_text: text, text_extracted_at: at })
      .where('id', '=', id)
      .where('deleted', '=', false)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}
