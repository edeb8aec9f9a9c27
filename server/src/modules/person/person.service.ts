import {
  isMembershipCurrent,
  type CreateMembership,
  type CreatePerson,
  type Membership,
  type Person,
  type PersonDetail,
  type PersonMembership,
} from '@ratsmappe/shared';
import type { Kysely } from 'kysely';
import { iso } from '../../db/rows.js';
import type { Database, MembershipRow, PersonRow } from '../../db/schema/tables.js';
import { DomainError, notFound } from '../../errors.js';
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

  async list(bodyId: string): Promise<Person[]> {
    return (await this.persons.listForBody(bodyId)).map(toPerson);
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

  async addMembership(principal: Principal, bodyId: string, input: CreateMembership): Promise<Membership> {
    this.access.requireOfficeStaff(principal, bodyId);
    return this.db.transaction().execute(async (trx) => {
      const targets = await this.persons.membershipTargetsInBody(trx, bodyId, input);
      if (!targets.person || !targets.organizations) {
        throw new DomainError('validation_failed', undefined, [
          ...(targets.person ? [] : [{ path: 'personId', message: 'unknown person of this body' }]),
          ...(targets.organizations ? [] : [{ path: 'organizationId', message: 'unknown organization of this body' }]),
        ]);
      }
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

  /** Ending a membership (a date) is how access ends; deleting it is for records entered by mistake. */
  async endMembership(principal: Principal, id: string, endDate: string): Promise<Membership> {
    const row = await this.persons.findMembership(id);
    if (!row || row.deleted) throw notFound();
    this.access.requireOfficeStaff(principal, row.body_id);
    if (endDate < row.start_date) {
      throw new DomainError('validation_failed', undefined, [
        { path: 'endDate', message: 'endDate must not be before startDate' },
      ]);
    }
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
}
