import type { CreateLegislativeTerm, UpdateLegislativeTerm } from '@ratsmappe/shared';
import type { Kysely } from 'kysely';
import type { Database, LegislativeTermRow } from '../../db/schema/tables.js';

export type LegislativeTermWithUse = LegislativeTermRow & { organization_count: number };

export class LegislativeTermRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Newest first, each with the number of live organizations that name it. */
  listForBody(bodyId: string, db: Kysely<Database> = this.db): Promise<LegislativeTermWithUse[]> {
    return db
      .selectFrom('legislative_term as t')
      .selectAll('t')
      .select((eb) =>
        eb
          .selectFrom('organization as o')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('o.legislative_term_id', '=', 't.id')
          .where('o.deleted', '=', false)
          .as('organization_count'),
      )
      .where('t.body_id', '=', bodyId)
      .where('t.deleted', '=', false)
      .orderBy('t.start_date', 'desc')
      .orderBy('t.id')
      .execute()
      .then((rows) => rows.map((r) => ({ ...r, organization_count: Number(r.organization_count ?? 0) })));
  }

  find(id: string, db: Kysely<Database> = this.db): Promise<LegislativeTermRow | undefined> {
    return db.selectFrom('legislative_term').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async organizationCount(db: Kysely<Database>, id: string): Promise<number> {
    const row = await db
      .selectFrom('organization')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('legislative_term_id', '=', id)
      .where('deleted', '=', false)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  insert(db: Kysely<Database>, bodyId: string, input: CreateLegislativeTerm): Promise<LegislativeTermRow> {
    return db
      .insertInto('legislative_term')
      .values({ body_id: bodyId, name: input.name, start_date: input.startDate, end_date: input.endDate ?? null })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  update(db: Kysely<Database>, id: string, input: UpdateLegislativeTerm): Promise<LegislativeTermRow> {
    return db
      .updateTable('legislative_term')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.startDate !== undefined ? { start_date: input.startDate } : {}),
        ...(input.endDate !== undefined ? { end_date: input.endDate } : {}),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async softDelete(db: Kysely<Database>, id: string): Promise<void> {
    await db.updateTable('legislative_term').set({ deleted: true }).where('id', '=', id).execute();
  }
}
