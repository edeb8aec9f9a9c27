import {
  isAgendaItemPublic,
  isFilePublic,
  mayRead,
  type ConsultationView,
  type CreatePaper,
  type Paper,
  type PaperDetail,
} from '@ratsmappe/shared';
import type { Kysely } from 'kysely';
import { iso } from '../../db/rows.js';
import type { Database, PaperRow } from '../../db/schema/tables.js';
import { conflict, notFound } from '../../errors.js';
import type { AccessService, Principal } from '../access/access.service.js';
import type { AuditService } from '../audit/audit.service.js';
import { toFileRef } from './owner-files.repository.js';
import { allocatePaperReference } from './paper-workflow.repository.js';
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
      consultations: await this.consultations(principal, row.id),
    };
  }

  /** The Beratungsfolge: an agenda item's number, name and result only where the principal may read the item. */
  private async consultations(principal: Principal, paperId: string): Promise<ConsultationView[]> {
    const rows = await this.papers.consultations(paperId);
    const meetingIds = [...new Set(rows.flatMap((r) => (r.agenda_item_meeting_id ? [r.agenda_item_meeting_id] : [])))];
    const holding = principal.scope.publicOnly
      ? new Map<string, string[]>()
      : await this.papers.meetingOrganizations(meetingIds);
    return rows.map((r) => {
      const item =
        r.agenda_item_id !== null && r.agenda_item_meeting_id !== null && r.meeting_id !== null
          ? {
              id: r.agenda_item_id,
              meetingId: r.agenda_item_meeting_id,
              number: r.agenda_item_number,
              name: r.agenda_item_name ?? '',
              result: r.agenda_item_result,
              public: isAgendaItemPublic({
                public: r.agenda_item_public ?? false,
                parentPublic: r.agenda_item_parent_public ?? undefined,
              }),
            }
          : null;
      const itemReadable =
        item !== null &&
        mayRead(principal.scope, {
          bodyId: r.body_id,
          public: item.public,
          organizationIds: holding.get(item.meetingId) ?? [],
        });
      return {
        id: r.id,
        role: r.role,
        authoritative: r.authoritative,
        organization:
          r.organization_id !== null && r.organization_name !== null
            ? { id: r.organization_id, name: r.organization_name, shortName: r.organization_short_name }
            : null,
        meeting:
          r.meeting_id !== null && r.meeting_name !== null && r.meeting_start !== null && r.meeting_state !== null
            ? {
                id: r.meeting_id,
                name: r.meeting_name,
                start: iso(r.meeting_start),
                cancelled: r.meeting_cancelled ?? false,
                state: r.meeting_state,
              }
            : null,
        agendaItem:
          item && itemReadable ? { id: item.id, number: item.number, name: item.name, result: item.result } : null,
      };
    });
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
