import type { CreateMembership, CreatePerson } from '@ratsmappe/shared';
import type { Kysely } from 'kysely';
import type { Database, MembershipRow, PersonRow } from '../../db/schema/tables.js';

export class PersonRepository {
  constructor(private readonly db: Kysely<Database>) {}

  listForBody(bodyId: string): Promise<PersonRow[]> {
    return this.db
      .selectFrom('person')
      .selectAll()
      .where('body_id', '=', bodyId)
      .where('deleted', '=', false)
      .orderBy('family_name')
      .orderBy('given_name')
      .execute();
  }

  find(id: string): Promise<PersonRow | undefined> {
    return this.db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
  }

  insert(db: Kysely<Database>, bodyId: string, input: CreatePerson): Promise<PersonRow> {
    const name = [input.formOfAddress, ...input.title, input.givenName, input.familyName].filter(Boolean).join(' ');
    return db
      .insertInto('person')
      .values({
        body_id: bodyId,
        name,
        family_name: input.familyName,
        given_name: input.givenName,
        form_of_address: input.formOfAddress ?? null,
        title: input.title,
        email: input.email ?? null,
        phone: input.phone ?? null,
        contact_public: input.contactPublic,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async softDelete(db: Kysely<Database>, id: string) {
    await db
      .updateTable('membership')
      .set({ deleted: true })
      .where('person_id', '=', id)
      .where('deleted', '=', false)
      .execute();
    await db.updateTable('person').set({ deleted: true }).where('id', '=', id).execute();
  }

  membershipsOf(personId: string): Promise<MembershipRow[]> {
    return this.db
      .selectFrom('membership')
      .selectAll()
      .where('person_id', '=', personId)
      .where('deleted', '=', false)
      .orderBy('start_date')
      .execute();
  }

  /** Organizations named by memberships (their own and `on_behalf_of`); deleted ones are left out. */
  async organizationRefs(organizationIds: readonly string[]) {
    if (organizationIds.length === 0) return [];
    return this.db
      .selectFrom('organization')
      .select(['id', 'name', 'short_name', 'kind'])
      .where('id', 'in', [...organizationIds])
      .where('deleted', '=', false)
      .execute();
  }

  findMembership(id: string): Promise<MembershipRow | undefined> {
    return this.db.selectFrom('membership').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Both ends of a membership must be live rows of the same body: memberships never cross bodies. */
  async membershipTargetsInBody(db: Kysely<Database>, bodyId: string, input: CreateMembership) {
    const person = await db
      .selectFrom('person')
      .select('id')
      .where('id', '=', input.personId)
      .where('body_id', '=', bodyId)
      .where('deleted', '=', false)
      .executeTakeFirst();
    const organizationIds = [input.organizationId, ...(input.onBehalfOf ? [input.onBehalfOf] : [])];
    const organizations = await db
      .selectFrom('organization')
      .select('id')
      .where('id', 'in', organizationIds)
      .where('body_id', '=', bodyId)
      .where('deleted', '=', false)
      .execute();
    return { person: person !== undefined, organizations: organizations.length === new Set(organizationIds).size };
  }

  insertMembership(db: Kysely<Database>, bodyId: string, input: CreateMembership): Promise<MembershipRow> {
    return db
      .insertInto('membership')
      .values({
        body_id: bodyId,
        person_id: input.personId,
        organization_id: input.organizationId,
        role: input.role ?? null,
        deputy: input.deputy,
        voting_right: input.votingRight,
        start_date: input.startDate,
        end_date: input.endDate ?? null,
        on_behalf_of: input.onBehalfOf ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async endMembership(db: Kysely<Database>, id: string, endDate: string) {
    return db
      .updateTable('membership')
      .set({ end_date: endDate })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async softDeleteMembership(db: Kysely<Database>, id: string) {
    await db.updateTable('membership').set({ deleted: true }).where('id', '=', id).execute();
  }
}
