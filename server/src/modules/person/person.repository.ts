import type {
  CreateMembership,
  CreatePerson,
  PersonListQuery,
  UpdateMembership,
  UpdatePerson,
} from '@ratsmappe/shared';
import type { ExpressionBuilder, Kysely } from 'kysely';
import { allWordsIn, wordPatterns } from '../../db/contains.js';
import type { Database, MembershipRow, PersonRow, PersonTable } from '../../db/schema/tables.js';

/** The name persons are listed and found by: form of address, titles, given and family name. */
export function displayName(fields: {
  formOfAddress: string | null;
  title: readonly string[];
  givenName: string | null;
  familyName: string | null;
}): string {
  return [fields.formOfAddress, ...fields.title, fields.givenName, fields.familyName].filter(Boolean).join(' ');
}

/** A current membership of person `p` in a live faction (`factionId`, or any). */
function currentFactionMembership(
  eb: ExpressionBuilder<Database & { p: PersonTable }, 'p'>,
  today: string,
  factionId?: string,
) {
  let query = eb
    .selectFrom('membership as fm')
    .innerJoin('organization as fo', 'fo.id', 'fm.organization_id')
    .select('fm.id')
    .whereRef('fm.person_id', '=', 'p.id')
    .where('fm.deleted', '=', false)
    .where('fo.deleted', '=', false)
    .where('fo.kind', '=', 'faction')
    .where('fm.start_date', '<=', today)
    .where((w) => w.or([w('fm.end_date', 'is', null), w('fm.end_date', '>=', today)]));
  if (factionId) query = query.where('fo.id', '=', factionId);
  return eb.exists(query);
}

export class PersonRepository {
  constructor(private readonly db: Kysely<Database>) {}

  listForBody(bodyId: string, filter: PersonListQuery = {}, today = ''): Promise<PersonRow[]> {
    let query = this.db
      .selectFrom('person as p')
      .selectAll('p')
      .where('p.body_id', '=', bodyId)
      .where('p.deleted', '=', false);
    const patterns = wordPatterns(filter.q);
    if (patterns.length > 0) query = query.where(allWordsIn(['p.name'], patterns));
    if (filter.faction === 'none') {
      query = query.where((eb) => eb.not(currentFactionMembership(eb, today)));
    } else if (filter.faction) {
      const factionId = filter.faction;
      query = query.where((eb) => currentFactionMembership(eb, today, factionId));
    }
    return query.orderBy('p.family_name').orderBy('p.given_name').orderBy('p.id').execute();
  }

  /** Each person's current faction (the first by start date when there are several). */
  async currentFactions(personIds: readonly string[], today: string) {
    if (personIds.length === 0) return [];
    return this.db
      .selectFrom('membership as m')
      .innerJoin('organization as o', 'o.id', 'm.organization_id')
      .select(['m.person_id', 'o.id', 'o.name', 'o.short_name'])
      .where('m.person_id', 'in', [...personIds])
      .where('o.kind', '=', 'faction')
      .where('o.deleted', '=', false)
      .where('m.deleted', '=', false)
      .where('m.start_date', '<=', today)
      .where((eb) => eb.or([eb('m.end_date', 'is', null), eb('m.end_date', '>=', today)]))
      .orderBy('m.start_date')
      .orderBy('m.id')
      .execute();
  }

  find(id: string): Promise<PersonRow | undefined> {
    return this.db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
  }

  insert(db: Kysely<Database>, bodyId: string, input: CreatePerson): Promise<PersonRow> {
    const name = displayName({
      formOfAddress: input.formOfAddress ?? null,
      title: input.title,
      givenName: input.givenName,
      familyName: input.familyName,
    });
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

  /** `name` is derived from the name fields, so it is written with them. */
  update(db: Kysely<Database>, existing: PersonRow, input: UpdatePerson): Promise<PersonRow> {
    const name = displayName({
      formOfAddress: input.formOfAddress === undefined ? existing.form_of_address : input.formOfAddress,
      title: input.title ?? existing.title,
      givenName: input.givenName ?? existing.given_name,
      familyName: input.familyName ?? existing.family_name,
    });
    return db
      .updateTable('person')
      .set({
        name,
        ...(input.familyName !== undefined ? { family_name: input.familyName } : {}),
        ...(input.givenName !== undefined ? { given_name: input.givenName } : {}),
        ...(input.formOfAddress !== undefined ? { form_of_address: input.formOfAddress } : {}),
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.contactPublic !== undefined ? { contact_public: input.contactPublic } : {}),
      })
      .where('id', '=', existing.id)
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

  /**
   * Both ends of a membership must be live rows of the same body: memberships never cross bodies. The faction a
   * seat is held for must be a live faction of that body too.
   */
  async membershipTargetsInBody(
    db: Kysely<Database>,
    bodyId: string,
    input: { personId?: string; organizationId?: string; onBehalfOf?: string | null | undefined },
  ) {
    const person = input.personId
      ? await db
          .selectFrom('person')
          .select('id')
          .where('id', '=', input.personId)
          .where('body_id', '=', bodyId)
          .where('deleted', '=', false)
          .executeTakeFirst()
      : { id: '' };
    const organizationIds = [input.organizationId, input.onBehalfOf].filter((id): id is string => Boolean(id));
    const organizations =
      organizationIds.length === 0
        ? []
        : await db
            .selectFrom('organization')
            .select(['id', 'kind'])
            .where('id', 'in', organizationIds)
            .where('body_id', '=', bodyId)
            .where('deleted', '=', false)
            .execute();
    const onBehalfOf = input.onBehalfOf ? organizations.find((o) => o.id === input.onBehalfOf) : undefined;
    return {
      person: person !== undefined,
      organization: !input.organizationId || organizations.some((o) => o.id === input.organizationId),
      onBehalfOf: !input.onBehalfOf
        ? 'ok'
        : !onBehalfOf
          ? 'unknown'
          : onBehalfOf.kind !== 'faction'
            ? 'not_faction'
            : 'ok',
    } as const;
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

  updateMembership(db: Kysely<Database>, id: string, input: UpdateMembership): Promise<MembershipRow> {
    return db
      .updateTable('membership')
      .set({
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.deputy !== undefined ? { deputy: input.deputy } : {}),
        ...(input.votingRight !== undefined ? { voting_right: input.votingRight } : {}),
        ...(input.startDate !== undefined ? { start_date: input.startDate } : {}),
        ...(input.endDate !== undefined ? { end_date: input.endDate } : {}),
        ...(input.onBehalfOf !== undefined ? { on_behalf_of: input.onBehalfOf } : {}),
      })
      .where('id', '=', id)
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
