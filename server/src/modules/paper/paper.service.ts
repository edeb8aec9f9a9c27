import { isFilePublic, mayRead, type CreatePaper, type Paper, type PaperDetail } from '@ratsmappe/shared';
import type { Kysely } from 'kysely';
import { iso } from '../../db/rows.js';
import type { Database, PaperRow } from '../../db/schema/tables.js';
import { conflict, notFound } from '../../errors.js';
import type { AccessService, Principal } from '../access/access.service.js';
import type { AuditService } from '../audit/audit.service.js';
import { toFileRef } from './owner-files.repository.js';
import { allocatePaperReference } from './paper-workflow.repository.js';
import { consultationPath } from './consultation-path.js';
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
  async get(principal: Principal, id: string): Promise<PaperDetail> {
    const row = await this.papers.find(id);
    if (!row) throw notFound();
    const organizationIds = row.public ? [] : await this.papers.accessOrganizationIds(row.id);
    if (!mayRead(principal.scope, { bodyId: row.body_id, public: row.public, organizationIds })) throw notFound();
    if (row.deleted) return { ...toPaper(row), bodyText: null, files: [], consultations: [] };

    const files = (await this.papers.files(row.id)).filter((file) =>
      mayRead(principal.scope, {
        bodyId: row.body_id,
        public: isFilePublic({ public: file.public, ownerPublic: row.public }),
        organizationIds,
      }),
    );
    return {
      ...toPaper(row),
      bodyText: row.body_text,
      files: files.map(toFileRef),
      consultations: (await consultationPath(this.papers, principal.scope, row.id)).map(
        // The public page shows the path as the paper-detail schema describes it; the office view has more.
        ({ paperId: _paperId, position: _position, result: _result, ...view }) => view,
      ),
    };
  }

  async create(principal: Principal, bodyId: string, input: CreatePaper): Promise<Paper> {
    this.access.requireOfficeStaff(principal, bodyId);
    return this.db.transaction().execute(async (trx) => {
      if (input.reference && (await this.papers.referenceTaken(trx, bodyId, input.reference))) {
        throw conflict('reference already in use');
      }
      const reference = input.reference ?? (await allocatePaperReference(trx, bodyId, input.date, input.paperType));
      const row = await this.papers.insert(trx, bodyId, { ...input, reference });
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
}
