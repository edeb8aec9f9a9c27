import type {
  CreateOrganization,
  MembershipStatus,
  OrganizationListQuery,
  UpdateOrganization,
} from '@ratsmappe/shared';
import type { Kysely } from 'kysely';
import { allWordsIn, wordPatterns } from '../../db/contains.js';
import type { Database, OrganizationRow } from '../../db/schema/tables.js';

export class OrganizationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  listForBody(bodyId: string, filter: OrganizationListQuery = {}): Promise<OrganizationRow[]> {
    let query = this.db
      .selectFrom('organization')
      .selectAll()
      .where('body_id', '=', bodyId)
      .where('deleted', '=', false);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    const patterns = wordPatterns(filter.q);
    if (patterns.length > 0) query = query.where(allWordsIn(['name', 'short_name'], patterns));
    return query.orderBy('kind').orderBy('name').execute();
  }

  /** All live memberships of an organization with their live persons, by the status they have on `today`. */
  memberships(organizationId: string, status: MembershipStatus | 'all', today: string) {
    let query = this.db
      .selectFrom('membership as m')
      .innerJoin('person as p', 'p.id', 'm.person_id')
      .selectAll('m')
      .select(['p.name as person_name'])
      .where('m.organization_id', '=', organizationId)
      .where('m.deleted', '=', false)
      .where('p.deleted', '=', false);
    if (status === 'current') {
      query = query
        .where('m.start_date', '<=', today)
        .where((eb) => eb.or([eb('m.end_date', 'is', null), eb('m.end_date', '>=', today)]));
    } else if (status === 'upcoming') {
      query = query.where('m.start_date', '>', today);
    } else if (status === 'ended') {
      query = query.where('m.end_date', '<', today);
    }
    return query
      .orderBy('p.family_name')
      .orderBy('p.given_name')
      .orderBy('m.start_date', 'desc')
      .orderBy('m.id')
      .execute();
  }

  /** Whether a legislative term is a live one of this body. */
  async legislativeTermInBody(db: Kysely<Database>, bodyId: string, termId: string): Promise<boolean> {
    const row = await db
      .selectFrom('legislative_term')
      .select('id')
      .where('id', '=', termId)
      .where('body_id', '=', bodyId)
      .where('deleted', '=', false)
      .executeTakeFirst();
    return row !== undefined;
  }

  find(id: string, db: Kysely<Database> = this.db): Promise<OrganizationRow | undefined> {
    return db.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Memberships current on `today` (a Berlin date), with their live persons. */
  currentMembers(organizationId: string, today: string) {
    return this.db
      .selectFrom('membership as m')
      .innerJoin('person as p', 'p.id', 'm.person_id')
      .select([
        'm.id',
        'm.role',
        'm.deputy',
        'm.voting_right',
        'm.start_date',
        'm.end_date',
        'm.on_behalf_of',
        'p.id as person_id',
        'p.name as person_name',
        'p.family_name',
        'p.given_name',
      ])
      .where('m.organization_id', '=', organizationId)
      .where('m.deleted', '=', false)
      .where('p.deleted', '=', false)
      .where('m.start_date', '<=', today)
      .where((eb) => eb.or([eb('m.end_date', 'is', null), eb('m.end_date', '>=', today)]))
      .orderBy('p.family_name')
      .orderBy('p.given_name')
      .orderBy('m.id')
      .execute();
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
      .execute();
  }

  async refs(organizationIds: readonly string[]) {
    if (organizationIds.length === 0) return [];
    return this.db
      .selectFrom('organization')
      .select(['id', 'name', 'short_name', 'kind'])
      .where('id', 'in', [...organizationIds])
      .where('deleted', '=', false)
      .execute();
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
        legislative_term_id: input.legislativeTermId ?? null,
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
        ...(input.legislativeTermId !== undefined ? { legislative_term_id: input.legislativeTermId } : {}),
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
