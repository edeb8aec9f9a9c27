import type { BodyAccessSettings, Viewer, ViewerMembership } from '@ratsmappe/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema/tables.js';

/** Loads what visibility needs to know about an account: its grants and the memberships of its persons. */
export class ViewerRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async loadViewer(accountId: string): Promise<Viewer | null> {
    const account = await this.db
      .selectFrom('account')
      .select(['id', 'active'])
      .where('id', '=', accountId)
      .executeTakeFirst();
    if (!account) return null;

    const grants = await this.db
      .selectFrom('role_grant')
      .innerJoin('body', 'body.id', 'role_grant.body_id')
      .select(['role_grant.role', 'role_grant.body_id'])
      .where('role_grant.account_id', '=', accountId)
      .where('body.deleted', '=', false)
      .execute();
    const admin = await this.db
      .selectFrom('role_grant')
      .select('id')
      .where('account_id', '=', accountId)
      .where('role', '=', 'system_admin')
      .executeTakeFirst();

    const memberships = await this.db
      .selectFrom('account_person')
      .innerJoin('person', 'person.id', 'account_person.person_id')
      .innerJoin('membership', 'membership.person_id', 'person.id')
      .innerJoin('organization', 'organization.id', 'membership.organization_id')
      .select([
        'membership.body_id',
        'membership.organization_id',
        'organization.kind',
        'membership.start_date',
        'membership.end_date',
        'membership.deputy',
      ])
      .where('account_person.account_id', '=', accountId)
      .where('person.deleted', '=', false)
      .where('membership.deleted', '=', false)
      .where('organization.deleted', '=', false)
      // A membership only counts within its own body: a person of body A listed in an organization of body B is
      // a data error and must not open B.
      .whereRef('organization.body_id', '=', 'membership.body_id')
      .whereRef('person.body_id', '=', 'membership.body_id')
      .execute();

    return {
      accountId: account.id,
      active: account.active,
      systemAdmin: admin !== undefined,
      officeStaffBodyIds: grants.filter((g) => g.role === 'office_staff' && g.body_id).map((g) => g.body_id!),
      memberships: memberships.map((m): ViewerMembership => ({
        bodyId: m.body_id,
        organizationId: m.organization_id,
        organizationKind: m.kind,
        startDate: m.start_date,
        endDate: m.end_date,
        deputy: m.deputy,
      })),
    };
  }

  async bodySettings(bodyIds: readonly string[]): Promise<BodyAccessSettings[]> {
    if (bodyIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('body')
      .select(['id', 'council_members_see_non_public'])
      .where('id', 'in', bodyIds)
      .execute();
    return rows.map((r) => ({ bodyId: r.id, councilMembersSeeNonPublic: r.council_members_see_non_public }));
  }
}
