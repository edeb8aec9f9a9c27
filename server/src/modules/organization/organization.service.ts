import type { CreateOrganization, Organization, UpdateOrganization } from '@ratsmappe/shared';
import type { Kysely } from 'kysely';
import { iso } from '../../db/rows.js';
import type { Database, OrganizationRow } from '../../db/schema/tables.js';
import { DomainError, notFound } from '../../errors.js';
import type { AccessService, Principal } from '../access/access.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { OrganizationRepository } from './organization.repository.js';

export function toOrganization(row: OrganizationRow): Organization {
  return {
    id: row.id,
    bodyId: row.body_id,
    kind: row.kind,
    name: row.name,
    shortName: row.short_name,
    classification: row.classification,
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

  async list(bodyId: string): Promise<Organization[]> {
    return (await this.organizations.listForBody(bodyId)).map(toOrganization);
  }

  /** Organizations are public master data; a deleted one answers as a tombstone, like OParl does. */
  async get(id: string): Promise<Organization> {
    const row = await this.organizations.find(id);
    if (!row) throw notFound();
    return toOrganization(row);
  }

  async create(principal: Principal, bodyId: string, input: CreateOrganization): Promise<Organization> {
    this.access.requireOfficeStaff(principal, bodyId);
    return this.db.transaction().execute(async (trx) => {
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

  async update(principal: Principal, id: string, input: UpdateOrganization): Promise<Organization> {
    const existing = await this.requireLive(id);
    this.access.requireOfficeStaff(principal, existing.body_id);
    return this.db.transaction().execute(async (trx) => {
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

  private async requireLive(id: string): Promise<OrganizationRow> {
    const row = await this.organizations.find(id);
    if (!row) throw notFound();
    if (row.deleted) throw new DomainError('conflict', 'organization is deleted');
    return row;
  }
}
