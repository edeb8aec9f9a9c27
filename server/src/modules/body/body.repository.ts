import type { CreateBody } from '@ratsmappe/shared';
import type { Kysely } from 'kysely';
import type { BodyRow, Database } from '../../db/schema/tables.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class BodyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  list(): Promise<BodyRow[]> {
    return this.db.selectFrom('body').selectAll().where('deleted', '=', false).orderBy('name').execute();
  }

  /** A body is addressed by its slug in page URLs and by its uuid in API links. */
  findByRef(ref: string): Promise<BodyRow | undefined> {
    const query = this.db.selectFrom('body').selectAll().where('deleted', '=', false);
    return uuidPattern.test(ref)
      ? query.where('id', '=', ref.toLowerCase()).executeTakeFirst()
      : query.where('slug', '=', ref).executeTakeFirst();
  }

  slugTaken(slug: string, db: Kysely<Database> = this.db) {
    return db.selectFrom('body').select('id').where('slug', '=', slug).executeTakeFirst();
  }

  insert(input: CreateBody, db: Kysely<Database> = this.db): Promise<BodyRow> {
    return db
      .insertInto('body')
      .values({
        slug: input.slug,
        name: input.name,
        short_name: input.shortName ?? null,
        classification: input.classification ?? null,
        website: input.website ?? null,
        ags: input.ags ?? null,
        street_address: input.streetAddress ?? null,
        postal_code: input.postalCode ?? null,
        locality: input.locality ?? null,
        council_members_see_non_public: input.councilMembersSeeNonPublic,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }
}
