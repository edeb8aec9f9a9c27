import {
  fieldIssueTexts,
  membershipStatusOn,
  type CreateOrganization,
  type FieldIssue,
  type Locale,
  type MembershipListQuery,
  type Organization,
  type OrganizationDetail,
  type OrganizationListQuery,
  type OrganizationMember,
  type OrganizationMembership,
  type OrganizationRef,
  type UpdateOrganization,
} from '@ratsmappe/shared';
import type { Kysely } from 'kysely';
import { iso } from '../../db/rows.js';
import type { Database, OrganizationRow } from '../../db/schema/tables.js';
import { DomainError, notFound, requirePeriodInOrder } from '../../errors.js';
import type { AccessService, Principal } from '../access/access.service.js';
import type { AuditService } from '../audit/audit.service.js';
import { toMembership } from '../person/person.service.js';
import type { OrganizationRepository } from './organization.repository.js';

export function toOrganization(row: OrganizationRow): Organization {
  return {
    id: row.id,
    bodyId: row.body_id,
    kind: row.kind,
    name: row.name,
    shortName: row.short_name,
    classification: row.classification,
    legislativeTermId: row.legislative_term_id,
    startDate: row.start_date,
    endDate: row.end_date,
    deleted: row.deleted,
    created: iso(row.created),
    modified: iso(row.modified),
  };
}

export class OrganizationService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly organizations: OrganizationRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async list(bodyId: string, filter: OrganizationListQuery = {}): Promise<Organization[]> {
    return (await this.organizations.listForBody(bodyId, filter)).map(toOrganization);
  }

  /** Every membership of a live organization (current, upcoming and ended), with persons and seats by faction. */
  async memberships(id: string, query: MembershipListQuery, today: string): Promise<OrganizationMembership[]> {
    const organization = await this.organizations.find(id);
    if (!organization || organization.deleted) throw notFound();
    const rows = await this.organizations.memberships(id, query.status, today);
    const factions = new Map(
      (await this.organizations.refs([...new Set(rows.flatMap((r) => (r.on_behalf_of ? [r.on_behalf_of] : [])))])).map(
        (o) => [o.id, { id: o.id, name: o.name, shortName: o.short_name }],
      ),
    );
    return rows.map((row) => ({
      ...toMembership(row),
      person: { id: row.person_id, name: row.person_name },
      onBehalfOfOrganization: (row.on_behalf_of && factions.get(row.on_behalf_of)) || null,
      status: membershipStatusOn({ startDate: row.start_date, endDate: row.end_date }, today),
    }));
  }

  /** Organizations are public master data; a deleted one answers as a tombstone, like OParl does. */
  async get(id: string, today: string): Promise<OrganizationDetail> {
    const row = await this.organizations.find(id);
    if (!row) throw notFound();
    if (row.deleted) return { ...toOrganization(row), members: [] };
    return { ...toOrganization(row), members: await this.currentMembers(row, today) };
  }

  /**
   * Who sits in the organization on `today`, chair first, then members, then deputies, each by name. The faction
   * is the one a member sits for (`on_behalf_of`), else their own current faction; none for a faction's members.
   */
  private async currentMembers(organization: OrganizationRow, today: string): Promise<OrganizationMember[]> {
    const rows = await this.organizations.currentMembers(organization.id, today);
    const factionOf = new Map<string, OrganizationRef>();
    if (organization.kind !== 'faction') {
      const onBehalfOf = await this.organizations.refs([
        ...new Set(rows.flatMap((r) => (r.on_behalf_of ? [r.on_behalf_of] : []))),
      ]);
      const byId = new Map(onBehalfOf.map((o) => [o.id, o]));
      const without = rows.filter((r) => !r.on_behalf_of || !byId.has(r.on_behalf_of)).map((r) => r.person_id);
      for (const f of await this.organizations.currentFactions([...new Set(without)], today)) {
        if (!factionOf.has(f.person_id))
          factionOf.set(f.person_id, { id: f.id, name: f.name, shortName: f.short_name });
      }
      for (const r of rows) {
        const o = r.on_behalf_of ? byId.get(r.on_behalf_of) : undefined;
        if (o) factionOf.set(`${r.person_id}|${r.id}`, { id: o.id, name: o.name, shortName: o.short_name });
      }
    }
    const members = rows.map((r) => ({
      membershipId: r.id,
      person: { id: r.person_id, name: r.person_name },
      role: r.role,
      deputy: r.deputy,
      votingRight: r.voting_right,
      startDate: r.start_date,
      endDate: r.end_date,
      faction: factionOf.get(`${r.person_id}|${r.id}`) ?? factionOf.get(r.person_id) ?? null,
    }));
    // Stable sort: the repository's name order stays within each rank.
    return members.sort((a, b) => memberRank(a) - memberRank(b));
  }

  async create(principal: Principal, bodyId: string, input: CreateOrganization, locale: Locale): Promise<Organization> {
    this.access.requireOfficeStaff(principal, bodyId);
    return this.db.transaction().execute(async (trx) => {
      await this.checkTerm(trx, bodyId, input.legislativeTermId, locale);
      const row = await this.organizations.insert(trx, bodyId, input);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId,
          action: 'organization.create',
          objectType: 'organization',
          objectId: row.id,
        },
        trx,
      );
      return toOrganization(row);
    });
  }

  async update(principal: Principal, id: string, input: UpdateOrganization, locale: Locale): Promise<Organization> {
    const existing = await this.requireLive(id);
    this.access.requireOfficeStaff(principal, existing.body_id);
    const startDate = input.startDate === undefined ? existing.start_date : input.startDate;
    const endDate = input.endDate === undefined ? existing.end_date : input.endDate;
    requirePeriodInOrder(startDate, endDate, locale);
    return this.db.transaction().execute(async (trx) => {
      await this.checkTerm(trx, existing.body_id, input.legislativeTermId, locale);
      const row = await this.organizations.update(trx, id, input);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: row.body_id,
          action: 'organization.update',
          objectType: 'organization',
          objectId: id,
          details: { fields: Object.keys(input) },
        },
        trx,
      );
      return toOrganization(row);
    });
  }

  async delete(principal: Principal, id: string): Promise<void> {
    const existing = await this.requireLive(id);
    this.access.requireOfficeStaff(principal, existing.body_id);
    await this.db.transaction().execute(async (trx) => {
      await this.organizations.softDelete(trx, id);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: existing.body_id,
          action: 'organization.delete',
          objectType: 'organization',
          objectId: id,
        },
        trx,
      );
    });
  }

  private async checkTerm(
    trx: Kysely<Database>,
    bodyId: string,
    termId: string | null | undefined,
    locale: Locale,
  ): Promise<void> {
    if (!termId || (await this.organizations.legislativeTermInBody(trx, bodyId, termId))) return;
    const issue: FieldIssue = { path: 'legislativeTermId', message: fieldIssueTexts[locale].unknownLegislativeTerm };
    throw new DomainError('validation_failed', undefined, [issue]);
  }

  private async requireLive(id: string): Promise<OrganizationRow> {
    const row = await this.organizations.find(id);
    if (!row) throw notFound();
    if (row.deleted) throw new DomainError('conflict', 'organization is deleted');
    return row;
  }
}

function memberRank(member: OrganizationMember): number {
  const role = member.role?.toLowerCase() ?? '';
  if (member.deputy) return 3;
  if (role.startsWith('vorsitz')) return 0;
  if (role.includes('vorsitz')) return 1;
  return 2;
}
