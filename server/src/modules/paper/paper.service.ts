import { mayRead, type CreatePaper, type Paper } from '@ratsmappe/shared';
import type { Kysely } from 'kysely';
import { iso } from '../../db/rows.js';
import type { Database, PaperRow } from '../../db/schema/tables.js';
import { conflict, notFound } from '../../errors.js';
import type { AccessService, Principal } from '../access/access.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { PaperRepository } from './paper.repository.js';

export function toPaper(row: PaperRow): Paper {
  return {
    id: row.id,
    bodyId: row.body_id,
    name: row.name,
    reference: row.reference,
    date: row.date,
    paperType: row.paper_type,
    public: row.public,
    deleted: row.deleted,
    created: iso(row.created),
    modified: iso(row.modified),
  };
}

export class PaperService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly papers: PaperRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** A paper the principal may not read answers 404, exactly like one that does not exist. */
  async get(principal: Principal, id: string): Promise<Paper & { bodyText: string | null }> {
    const row = await this.papers.find(id);
    if (!row || !(await this.readable(principal, row))) throw notFound();
    if (row.deleted) return { ...toPaper(row), bodyText: null };
    return { ...toPaper(row), bodyText: row.body_text };
  }

  async create(principal: Principal, bodyId: string, input: CreatePaper): Promise<Paper> {
    this.access.requireOfficeStaff(principal, bodyId);
    return this.db.transaction().execute(async (trx) => {
      if (input.reference && (await this.papers.referenceTaken(trx, bodyId, input.reference))) {
        throw conflict('reference already in use');
      }
      const row = await this.papers.insert(trx, bodyId, input);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId,
          action: 'paper.create',
          objectType: 'paper',
          objectId: row.id,
          details: { public: input.public },
        },
        trx,
      );
      return toPaper(row);
    });
  }

  async delete(principal: Principal, id: string): Promise<void> {
    const row = await this.papers.find(id);
    if (!row || row.deleted) throw notFound();
    this.access.requireOfficeStaff(principal, row.body_id);
    await this.db.transaction().execute(async (trx) => {
      await this.papers.softDelete(trx, id);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: row.body_id,
          action: 'paper.delete',
          objectType: 'paper',
          objectId: id,
        },
        trx,
      );
    });
  }

  private async readable(principal: Principal, row: PaperRow): Promise<boolean> {
    if (row.public) return true;
    const organizationIds = await this.papers.accessOrganizationIds(row.id);
    return mayRead(principal.scope, { bodyId: row.body_id, public: false, organizationIds });
  }
}
