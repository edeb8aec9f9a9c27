import type { CreateLocation, UpdateLocation } from '@ratsmappe/shared';
import { sql, type Kysely } from 'kysely';
import { allWordsIn, wordPatterns } from '../../db/contains.js';
import type { Database, LocationRow } from '../../db/schema/tables.js';

export type LocationWithUse = LocationRow & { use_count: number };

/** How often the place `l` is named by live rows: meetings, organizations, persons and the body itself. */
const useCount = sql<string>`(
  (select count(*) from meeting x where x.location_id = l.id and not x.deleted)
  + (select count(*) from organization x where x.location_id = l.id and not x.deleted)
  + (select count(*) from person x where x.location_id = l.id and not x.deleted)
  + (select count(*) from body x where x.location_id = l.id and not x.deleted))`;

export class LocationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Keyset-paged by (description, id); `after` is the last row's key. */
  async list(
    bodyId: string,
    filter: { q?: string | undefined; after: { description: string; id: string } | null; limit: number },
  ): Promise<LocationWithUse[]> {
    const patterns = wordPatterns(filter.q);
    let query = this.db
      .selectFrom('location as l')
      .selectAll('l')
      .select(useCount.as('use_count'))
      .where('l.body_id', '=', bodyId)
      .where('l.deleted', '=', false);
    if (patterns.length > 0) {
      query = query.where(
        allWordsIn(['l.description', 'l.street_address', 'l.room', 'l.locality', 'l.sub_locality'], patterns),
      );
    }
    if (filter.after) {
      const { description, id } = filter.after;
      query = query.where((eb) =>
        eb(eb.tuple(eb.fn.coalesce('l.description', eb.val('')), eb.ref('l.id')), '>', eb.tuple(description, id)),
      );
    }
    const rows = await query
      .orderBy((eb) => eb.fn.coalesce('l.description', eb.val('')))
      .orderBy('l.id')
      .limit(filter.limit + 1)
      .execute();
    return rows.map((r) => ({ ...r, use_count: Number(r.use_count) }));
  }

  find(id: string, db: Kysely<Database> = this.db): Promise<LocationRow | undefined> {
    return db.selectFrom('location').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async useCount(db: Kysely<Database>, id: string): Promise<number> {
    const row = await db
      .selectFrom('location as l')
      .select(useCount.as('n'))
      .where('l.id', '=', id)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  insert(db: Kysely<Database>, bodyId: string, input: CreateLocation): Promise<LocationRow> {
    return db
      .insertInto('location')
      .values({
        body_id: bodyId,
        description: input.description,
        street_address: input.streetAddress ?? null,
        room: input.room ?? null,
        postal_code: input.postalCode ?? null,
        sub_locality: input.subLocality ?? null,
        locality: input.locality ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  update(db: Kysely<Database>, id: string, input: UpdateLocation): Promise<LocationRow> {
    return db
      .updateTable('location')
      .set({
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.streetAddress !== undefined ? { street_address: input.streetAddress } : {}),
        ...(input.room !== undefined ? { room: input.room } : {}),
        ...(input.postalCode !== undefined ? { postal_code: input.postalCode } : {}),
        ...(input.subLocality !== undefined ? { sub_locality: input.subLocality } : {}),
        ...(input.locality !== undefined ? { locality: input.locality } : {}),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async softDelete(db: Kysely<Database>, id: string): Promise<void> {
    await db.updateTable('location').set({ deleted: true }).where('id', '=', id).execute();
  }
}
