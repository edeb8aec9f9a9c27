import {
  isFilePublic,
  mayRead,
  type CreatePaper,
  type Page,
  type Paper,
  type PaperDetail,
  type PaperListQuery,
} from '@ratsmappe/shared';
import type { Kysely } from 'kysely';
import { decodeCursor, encodeCursor } from '../../db/cursor.js';
import { iso } from '../../db/rows.js';
import type { Database, PaperRow } from '../../db/schema/tables.js';
import { badRequest, conflict, notFound } from '../../errors.js';
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

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class PaperService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly papers: PaperRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The office's list of the body's papers, non-public ones included: office staff of the body only (everyone else
   * reads papers one by one, or through search and OParl, which apply the visibility rules per paper).
   */
  async listForBody(principal: Principal, bodyId: string, query: PaperListQuery): Promise<Page<Paper>> {
    this.access.requireOfficeStaff(principal, bodyId);
    const key = decodeCursor(query.cursor, 3);
    const after = key ? { date: String(key[0]), created: String(key[1]), id: String(key[2]) } : null;
    if (after && !(isoDay.test(after.date) && !Number.isNaN(Date.parse(after.created)) && uuid.test(after.id))) {
      // A forged cursor must not reach SQL as a cast error (500).
      throw badRequest('invalid cursor');
    }
    const rows = await this.papers.listForBody(bodyId, query, after);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: page.map(toPaper),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor([last.date ?? '0001-01-01', last.created.toISOString(), last.id])
          : null,
    };
  }

  /** A paper the principal may not read answers 404, exactly like one that does not exist. */
  async get(principal: Principal, id: string): Promise<PaperDetail> {
    const row = await this.papers.find(id);
    if (!row) throw notFound();
    const organizationIds = row.public ? [] : await this.papers.accessOrganizationIds(row.id);
    if (!mayRead(principal.scope, { bodyId: row.body_id, public: row.public, organizationIds })) throw notFound();
    if (row.deleted) {
      return { ...toPaper(row), version: String(row.edit_version), bodyText: null, files: [], consultations: [] };
    }

    const filePublic = (file: { public: boolean }) => isFilePublic({ public: file.public, ownerPublic: row.public });
    const files = (await this.papers.files(row.id)).filter((file) =>
      mayRead(principal.scope, { bodyId: row.body_id, public: filePublic(file), organizationIds }),
    );
    return {
      ...toPaper(row),
      version: String(row.edit_version),
      bodyText: row.body_text,
      files: files.map((file) => toFileRef(file, filePublic(file))),
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
