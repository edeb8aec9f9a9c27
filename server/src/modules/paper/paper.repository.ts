import type { CreatePaper } from '@ratsmappe/shared';
import type { Kysely } from 'kysely';
import type { Database, PaperRow } from '../../db/schema/tables.js';

export class PaperRepository {
  constructor(private readonly db: Kysely<Database>) {}

  find(id: string): Promise<PaperRow | undefined> {
    return this.db.selectFrom('paper').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Organizations through which members may read a non-public paper: those consulting it and those holding a
   * meeting whose agenda lists it.
   */
  async accessOrganizationIds(paperId: string): Promise<string[]> {
    const consulting = this.db
      .selectFrom('consultation')
      .select('organization_id as id')
      .where('paper_id', '=', paperId)
      .where('deleted', '=', false)
      .where('organization_id', 'is not', null);
    const holding = this.db
      .selectFrom('agenda_item as ai')
      .innerJoin('meeting_organization as mo', 'mo.meeting_id', 'ai.meeting_id')
      .select('mo.organization_id as id')
      .where('ai.paper_id', '=', paperId)
      .where('ai.deleted', '=', false)
      .where('mo.deleted', '=', false);
    const rows = await consulting.union(holding).execute();
    return rows.map((r) => r.id).filter((id): id is string => id !== null);
  }

  referenceTaken(db: Kysely<Database>, bodyId: string, reference: string) {
    return db
      .selectFrom('paper')
      .select('id')
      .where('body_id', '=', bodyId)
      .where('reference', '=', reference)
      .where('deleted', '=', false)
      .executeTakeFirst();
  }

  insert(db: Kysely<Database>, bodyId: string, input: CreatePaper): Promise<PaperRow> {
    return db
      .insertInto('paper')
      .values({
        body_id: bodyId,
        name: input.name,
        reference: input.reference ?? null,
        date: input.date,
        paper_type: input.paperType,
        body_text: input.bodyText ?? null,
        public: input.public,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async softDelete(db: Kysely<Database>, id: string) {
    await db
      .updateTable('consultation')
      .set({ deleted: true })
      .where('paper_id', '=', id)
      .where('deleted', '=', false)
      .execute();
    await db.updateTable('paper').set({ deleted: true }).where('id', '=', id).execute();
  }
}
