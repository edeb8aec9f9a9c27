import type { CreateOrganization, UpdateOrganization } from '@ratsmappe/shared';
import type { Kysely } from 'kysely';
import type { Database, OrganizationRow } from '../../db/schema/tables.js';

export class OrganizationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  listForBody(bodyId: string): Promise<OrganizationRow[]> {
    return this.db
      .selectFrom('organization')
      .selectAll()
      .where('body_id', '=', bodyId)
      .where('deleted', '=', false)
      .orderBy('kind')
      .orderBy('name')
      .execute();
  }

  find(id: string, db: Kysely<Database> = this.db): Promise<OrganizationRow | undefined> {
    return db.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirst();
  }

  insert(db: Kysely<Database>, bodyId: string, input: CreateOrganization): Promise<OrganizationRow> {
    return db
      .insertInto('organization')
      .values({
        body_id: bodyId,
        kind: input.kind,
        name: input.name,
        short_name: input.shortName ?? null,
        classification: input.classification ?? null,
        start_date: input.startDate ?? null,
        end_date: input.endDate ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  update(db: Kysely<Database>, id: string, input: UpdateOrganization): Promise<OrganizationRow> {
    return db
      .updateTable('organization')
      .set({
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.shortName !== undefined ? { short_name: input.shortName } : {}),
        ...(input.classification !== undefined ? { classification: input.classification } : {}),
        ...(input.startDate !== undefined ? { start_date: input.startDate } : {}),
        ...(input.endDate !== undefined ? { end_date: input.endDate } : {}),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async softDelete(db: Kysely<Database>, id: string): Promise<void> {
    await db.updateTable('organization').set({ deleted: true }).where('id', '=', id).execute();
  }
}
