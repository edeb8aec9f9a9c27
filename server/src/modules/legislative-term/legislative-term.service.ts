import {
  fieldIssueTexts,
  type CreateLegislativeTerm,
  type LegislativeTerm,
  type Locale,
  type UpdateLegislativeTerm,
} from '@ratsmappe/shared';
import type { Kysely } from 'kysely';
import { iso } from '../../db/rows.js';
import type { Database, LegislativeTermRow } from '../../db/schema/tables.js';
import { DomainError, notFound, requirePeriodInOrder } from '../../errors.js';
import type { AccessService, Principal } from '../access/access.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { LegislativeTermRepository } from './legislative-term.repository.js';

export function toLegislativeTerm(row: LegislativeTermRow, organizationCount: number): LegislativeTerm {
  return {
    id: row.id,
    bodyId: row.body_id,
    name: row.name,
    startDate: row.start_date,
    endDate: row.end_date,
    organizationCount,
    deleted: row.deleted,
    created: iso(row.created),
    modified: iso(row.modified),
  };
}

/** Legislative terms are public master data (OParl lists them); writes are the body's office staff's. */
export class LegislativeTermService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly terms: LegislativeTermRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async list(bodyId: string): Promise<LegislativeTerm[]> {
    return (await this.terms.listForBody(bodyId)).map((row) => toLegislativeTerm(row, row.organization_count));
  }

  async create(principal: Principal, bodyId: string, input: CreateLegislativeTerm): Promise<LegislativeTerm> {
    this.access.requireOfficeStaff(principal, bodyId);
    return this.db.transaction().execute(async (trx) => {
      const row = await this.terms.insert(trx, bodyId, input);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId,
          action: 'legislative_term.create',
          objectType: 'legislative_term',
          objectId: row.id,
          details: { name: row.name, startDate: row.start_date, endDate: row.end_date },
        },
        trx,
      );
      return toLegislativeTerm(row, 0);
    });
  }

  async update(
    principal: Principal,
    id: string,
    input: UpdateLegislativeTerm,
    locale: Locale,
  ): Promise<LegislativeTerm> {
    const existing = await this.terms.find(id);
    if (!existing || existing.deleted) throw notFound();
    this.access.requireOfficeStaff(principal, existing.body_id);
    const startDate = input.startDate ?? existing.start_date;
    const endDate = input.endDate === undefined ? existing.end_date : input.endDate;
    requirePeriodInOrder(startDate, endDate, locale);
    return this.db.transaction().execute(async (trx) => {
      const row = await this.terms.update(trx, id, input);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: row.body_id,
          action: 'legislative_term.update',
          objectType: 'legislative_term',
          objectId: id,
          details: { fields: Object.keys(input), previous: changedFrom(existing, input) },
        },
        trx,
      );
      return toLegislativeTerm(row, await this.terms.organizationCount(trx, id));
    });
  }

  /** A term that organizations still name stays: deleting it would leave them pointing at a tombstone. */
  async delete(principal: Principal, id: string, locale: Locale): Promise<void> {
    const existing = await this.terms.find(id);
    if (!existing || existing.deleted) throw notFound();
    this.access.requireOfficeStaff(principal, existing.body_id);
    await this.db.transaction().execute(async (trx) => {
      const inUse = await this.terms.organizationCount(trx, id);
      if (inUse > 0) {
        throw new DomainError('conflict', 'legislative term in use', [
          { path: 'id', message: fieldIssueTexts[locale].legislativeTermInUse(inUse) },
        ]);
      }
      await this.terms.softDelete(trx, id);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: existing.body_id,
          action: 'legislative_term.delete',
          objectType: 'legislative_term',
          objectId: id,
          details: { name: existing.name },
        },
        trx,
      );
    });
  }
}

/** The stored values of the fields an update sends, so the audit trail can tell what was there before. */
function changedFrom(row: LegislativeTermRow, input: UpdateLegislativeTerm): Record<string, string | null> {
  const previous: Record<string, string | null> = {};
  if (input.name !== undefined) previous.name = row.name;
  if (input.startDate !== undefined) previous.startDate = row.start_date;
  if (input.endDate !== undefined) previous.endDate = row.end_date;
  return previous;
}
