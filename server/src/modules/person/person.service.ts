import {
  fieldIssueTexts,
  isMembershipCurrent,
  type CreateMembership,
  type CreatePerson,
  type FieldIssue,
  type Locale,
  type Membership,
  type Person,
  type PersonContact,
  type PersonDetail,
  type PersonListItem,
  type PersonListQuery,
  type PersonMembership,
  type UpdateMembership,
  type UpdatePerson,
} from '@ratsmappe/shared';
import type { Kysely } from 'kysely';
import { iso } from '../../db/rows.js';
import type { Database, MembershipRow, PersonRow } from '../../db/schema/tables.js';
import { DomainError, notFound, requirePeriodInOrder } from '../../errors.js';
import type { AccessService, Principal } from '../access/access.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { PersonRepository } from './person.repository.js';

/** Only fields that are public: contact data is never part of this shape. */
export function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    bodyId: row.body_id,
    name: row.name,
    familyName: row.family_name,
    givenName: row.given_name,
    formOfAddress: row.form_of_address,
    title: row.title,
    deleted: row.deleted,
    created: iso(row.created),
    modified: iso(row.modified),
  };
}

export function toMembership(row: MembershipRow): Membership {
  return {
    id: row.id,
    bodyId: row.body_id,
    personId: row.person_id,
    organizationId: row.organization_id,
    role: row.role,
    deputy: row.deputy,
    votingRight: row.voting_right,
    startDate: row.start_date,
    endDate: row.end_date,
    onBehalfOf: row.on_behalf_of,
    deleted: row.deleted,
    created: iso(row.created),
    modified: iso(row.modified),
  };
}

export class PersonService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly persons: PersonRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** Public fields and each person's current faction on `today`, filtered by words of the name and faction. */
  async list(bodyId: string, query: PersonListQuery, today: string): Promise<PersonListItem[]> {
    const rows = await this.persons.listForBody(bodyId, query, today);
    const factionOf = new Map<string, PersonListItem['faction']>();
    for (const f of await this.persons.currentFactions(
      rows.map((r) => r.id),
      today,
    )) {
      if (!factionOf.has(f.person_id)) factionOf.set(f.person_id, { id: f.id, name: f.name, shortName: f.short_name });
    }
    return rows.map((row) => ({ ...toPerson(row), faction: factionOf.get(row.id) ?? null }));
  }

  /** Contact data is the office's to see (and to publish, with `contactPublic`). */
  async contact(principal: Principal, id: string): Promise<PersonContact> {
    const row = await this.persons.find(id);
    if (!row || row.deleted) throw notFound();
    this.access.requireOfficeStaff(principal, row.body_id);
    return { email: row.email, phone: row.phone, contactPublic: row.contact_public };
  }

  async update(principal: Principal, id: string, input: UpdatePerson): Promise<Person> {
    const existing = await this.persons.find(id);
    if (!existing) throw notFound();
    this.access.requireOfficeStaff(principal, existing.body_id);
    if (existing.deleted) throw new DomainError('conflict', 'person is deleted');
    return this.db.transaction().execute(async (trx) => {
      const row = await this.persons.update(trx, existing, input);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: row.body_id,
          action: 'person.update',
          objectType: 'person',
          objectId: id,
          // Field names only: contact data does not belong in a trail that every office member reads.
          details: { fields: Object.keys(input) },
        },
        trx,
      );
      return toPerson(row);
    });
  }

  /** Public fields only; memberships name their organizations, and the current faction is picked out. */
  async get(id: string, today: string): Promise<PersonDetail> {
    const row = await this.persons.find(id);
    if (!row) throw notFound();
    if (row.deleted) return { ...toPerson(row), faction: null, memberships: [] };
    const rows = await this.persons.membershipsOf(id);
    const organizationIds = new Set(
      rows.flatMap((m) => [m.organization_id, ...(m.on_behalf_of ? [m.on_behalf_of] : [])]),
    );
    const organizations = new Map((await this.persons.organizationRefs([...organizationIds])).map((o) => [o.id, o]));
    const memberships: PersonMembership[] = rows.flatMap((m) => {
      const organization = organizations.get(m.organization_id);
      if (!organization) return [];
      const onBehalfOf = m.on_behalf_of ? organizations.get(m.on_behalf_of) : undefined;
      return [
        {
          ...toMembership(m),
          organization: {
            id: organization.id,
            name: organization.name,
            shortName: organization.short_name,
            kind: organization.kind,
          },
          onBehalfOfOrganization: onBehalfOf
            ? { id: onBehalfOf.id, name: onBehalfOf.name, shortName: onBehalfOf.short_name }
            : null,
        },
      ];
    });
    const faction = memberships.find(
      (m) =>
        m.organization.kind === 'faction' && isMembershipCurrent({ startDate: m.startDate, endDate: m.endDate }, today),
    );
    return {
      ...toPerson(row),
      faction: faction
        ? { id: faction.organization.id, name: faction.organization.name, shortName: faction.organization.shortName }
        : null,
      memberships,
    };
  }

  async create(principal: Principal, bodyId: string, input: CreatePerson): Promise<Person> {
    this.access.requireOfficeStaff(principal, bodyId);
    return this.db.transaction().execute(async (trx) => {
      const row = await this.persons.insert(trx, bodyId, input);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId,
          action: 'person.create',
          objectType: 'person',
          objectId: row.id,
        },
        trx,
      );
      return toPerson(row);
    });
  }

  async delete(principal: Principal, id: string): Promise<void> {
    const row = await this.persons.find(id);
    if (!row) throw notFound();
    this.access.requireOfficeStaff(principal, row.body_id);
    if (row.deleted) throw new DomainError('conflict', 'person is deleted');
    await this.db.transaction().execute(async (trx) => {
      await this.persons.softDelete(trx, id);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: row.body_id,
          action: 'person.delete',
          objectType: 'person',
          objectId: id,
        },
        trx,
      );
    });
  }

  async addMembership(
    principal: Principal,
    bodyId: string,
    input: CreateMembership,
    locale: Locale,
  ): Promise<Membership> {
    this.access.requireOfficeStaff(principal, bodyId);
    return this.db.transaction().execute(async (trx) => {
      await this.checkTargets(trx, bodyId, input, locale);
      const row = await this.persons.insertMembership(trx, bodyId, input);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId,
          action: 'membership.create',
          objectType: 'membership',
          objectId: row.id,
        },
        trx,
      );
      return toMembership(row);
    });
  }

  /** Role, deputy, voting right, dates and faction; person and organization stay (a new membership otherwise). */
  async updateMembership(
    principal: Principal,
    id: string,
    input: UpdateMembership,
    locale: Locale,
  ): Promise<Membership> {
    const existing = await this.persons.findMembership(id);
    if (!existing || existing.deleted) throw notFound();
    this.access.requireOfficeStaff(principal, existing.body_id);
    const startDate = input.startDate ?? existing.start_date;
    const endDate = input.endDate === undefined ? existing.end_date : input.endDate;
    requirePeriodInOrder(startDate, endDate, locale);
    return this.db.transaction().execute(async (trx) => {
      await this.checkTargets(trx, existing.body_id, { onBehalfOf: input.onBehalfOf }, locale);
      const row = await this.persons.updateMembership(trx, id, input);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: row.body_id,
          action: 'membership.update',
          objectType: 'membership',
          objectId: id,
          details: { fields: Object.keys(input), previous: previousMembershipValues(existing, input) },
        },
        trx,
      );
      return toMembership(row);
    });
  }

  /** Ending a membership (a date) is how access ends; deleting it is for records entered by mistake. */
  async endMembership(principal: Principal, id: string, endDate: string, locale: Locale): Promise<Membership> {
    const row = await this.persons.findMembership(id);
    if (!row || row.deleted) throw notFound();
    this.access.requireOfficeStaff(principal, row.body_id);
    requirePeriodInOrder(row.start_date, endDate, locale);
    return this.db.transaction().execute(async (trx) => {
      const updated = await this.persons.endMembership(trx, id, endDate);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: row.body_id,
          action: 'membership.end',
          objectType: 'membership',
          objectId: id,
          details: { endDate },
        },
        trx,
      );
      return toMembership(updated);
    });
  }

  async deleteMembership(principal: Principal, id: string): Promise<void> {
    const row = await this.persons.findMembership(id);
    if (!row || row.deleted) throw notFound();
    this.access.requireOfficeStaff(principal, row.body_id);
    await this.db.transaction().execute(async (trx) => {
      await this.persons.softDeleteMembership(trx, id);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: row.body_id,
          action: 'membership.delete',
          objectType: 'membership',
          objectId: id,
        },
        trx,
      );
    });
  }

  private async checkTargets(
    trx: Kysely<Database>,
    bodyId: string,
    input: { personId?: string; organizationId?: string; onBehalfOf?: string | null | undefined },
    locale: Locale,
  ): Promise<void> {
    const texts = fieldIssueTexts[locale];
    const targets = await this.persons.membershipTargetsInBody(trx, bodyId, input);
    const issues: FieldIssue[] = [];
    if (!targets.person) issues.push({ path: 'personId', message: texts.unknownPerson });
    if (!targets.organization) issues.push({ path: 'organizationId', message: texts.unknownOrganization });
    if (targets.onBehalfOf === 'unknown') issues.push({ path: 'onBehalfOf', message: texts.unknownOrganization });
    if (targets.onBehalfOf === 'not_faction') issues.push({ path: 'onBehalfOf', message: texts.notAFaction });
    if (issues.length > 0) throw new DomainError('validation_failed', undefined, issues);
  }
}

/** The stored values of the fields an update sends, so the audit trail can tell what was there before. */
function previousMembershipValues(row: MembershipRow, input: UpdateMembership): Record<string, unknown> {
  const stored: Record<keyof UpdateMembership, unknown> = {
    role: row.role,
    deputy: row.deputy,
    votingRight: row.voting_right,
    startDate: row.start_date,
    endDate: row.end_date,
    onBehalfOf: row.on_behalf_of,
  };
  return Object.fromEntries((Object.keys(input) as (keyof UpdateMembership)[]).map((k) => [k, stored[k]]));
}
