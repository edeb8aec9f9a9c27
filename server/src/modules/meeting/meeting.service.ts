import {
  berlinInstant,
  isAgendaItemPublic,
  isFilePublic,
  mayRead,
  type AgendaItemDetail,
  type AgendaItemView,
  type CreateAgendaItem,
  type CreateMeeting,
  type MeetingDetail,
  type MeetingListQuery,
  type MeetingSummary,
  type Page,
} from '@ratsmappe/shared';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import { decodeCursor, encodeCursor } from '../../db/cursor.js';
import { iso, isoOrNull } from '../../db/rows.js';
import type { AgendaItemRow, Database, MeetingRow } from '../../db/schema/tables.js';
import { DomainError, notFound } from '../../errors.js';
import type { AccessService, Principal } from '../access/access.service.js';
import type { AuditService } from '../audit/audit.service.js';
import { toFileRef, type OwnerFileRow } from '../paper/owner-files.repository.js';
import { numberAgenda } from './agenda-numbering.js';
import type { AgendaRepository } from './agenda.repository.js';
import type { MeetingRepository } from './meeting.repository.js';
import { linkPaperToItem } from './paper-link.js';

export class MeetingService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly meetings: MeetingRepository,
    private readonly agenda: AgendaRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Meetings themselves (date, place, committees) are public; only agenda content is protected. */
  async listForBody(bodyId: string, query: MeetingListQuery): Promise<Page<MeetingSummary>> {
    const key = decodeCursor(query.cursor, 2);
    const after = key ? { start: String(key[0]), id: String(key[1]) } : null;
    const bounds = {
      from: query.from ? berlinInstant(query.from, '00:00') : null,
      to: query.to ? berlinInstant(nextDay(query.to), '00:00') : null,
    };
    const rows = await this.meetings.listForBody(bodyId, query, after, bounds);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: await this.summaries(page),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.start.toISOString(), last.id]) : null,
    };
  }

  async detail(principal: Principal, meetingId: string): Promise<MeetingDetail> {
    const meeting = await this.meetings.find(meetingId);
    if (!meeting || meeting.deleted) throw notFound();
    const [summary] = await this.summaries([meeting]);
    const items = await this.meetings.agendaItems(meeting.id);
    const organizationIds = summary!.organizations.map((o) => o.id);
    const views = agendaViews(principal, meeting, items, organizationIds);
    const readableItems = new Map(views.filter((v) => v.readable).map((v) => [v.id, v]));

    // Papers on the agenda: shown only when both the item and the paper itself are readable.
    const paperIds = [...new Set([...readableItems.values()].flatMap((v) => (v.paperId ? [v.paperId] : [])))];
    const paperRows = (await this.meetings.papers(paperIds)).filter((p) => !p.deleted);
    const hiddenPaperIds = paperRows.filter((p) => !p.public).map((p) => p.id);
    const paperOrganizations =
      principal.scope.publicOnly || hiddenPaperIds.length === 0
        ? new Map<string, string[]>()
        : await this.meetings.paperAccessOrganizations(hiddenPaperIds);
    const papers = new Map(
      paperRows
        .filter((p) =>
          mayRead(principal.scope, {
            bodyId: p.body_id,
            public: p.public,
            organizationIds: paperOrganizations.get(p.id) ?? [],
          }),
        )
        .map((p) => [p.id, p]),
    );

    const fileRows = await this.meetings.files({
      meetingIds: [meeting.id],
      agendaItemIds: [...readableItems.keys()],
      paperIds: [...papers.keys()],
    });
    /** Each file's effective publicity, or null when its owner is not readable (then neither is the file). */
    const filePublicity = (file: OwnerFileRow): { public: boolean; organizationIds: readonly string[] } | null => {
      let ownerPublic: boolean;
      let ownerOrganizations: readonly string[] = organizationIds;
      if (file.meeting_id !== null) ownerPublic = true;
      else if (file.agenda_item_id !== null) {
        const item = readableItems.get(file.agenda_item_id);
        if (!item) return null;
        ownerPublic = item.public;
      } else {
        const paper = file.paper_id === null ? undefined : papers.get(file.paper_id);
        if (!paper) return null;
        ownerPublic = paper.public;
        ownerOrganizations = paperOrganizations.get(paper.id) ?? [];
      }
      return { public: isFilePublic({ public: file.public, ownerPublic }), organizationIds: ownerOrganizations };
    };
    const publicById = new Map<string, boolean>();
    const files = fileRows.filter((file) => {
      const publicity = filePublicity(file);
      if (!publicity) return false;
      publicById.set(file.id, publicity.public);
      return mayRead(principal.scope, { bodyId: file.body_id, ...publicity });
    });
    const fileRef = (file: OwnerFileRow) => toFileRef(file, publicById.get(file.id) ?? false);

    const agendaItems = views.map((view): AgendaItemDetail => {
      if (!view.readable) return { ...view, paper: null, files: [] };
      const paper = view.paperId ? papers.get(view.paperId) : undefined;
      return {
        ...view,
        paper: paper
          ? { id: paper.id, reference: paper.reference, name: paper.name, paperType: paper.paper_type }
          : null,
        files: [
          ...files.filter((f) => f.agenda_item_id === view.id),
          ...(paper ? files.filter((f) => f.paper_id === paper.id) : []),
        ].map(fileRef),
      };
    });
    return {
      ...summary!,
      agendaItems,
      files: files.filter((f) => f.meeting_id === meeting.id).map(fileRef),
    };
  }

  async create(principal: Principal, bodyId: string, input: CreateMeeting): Promise<MeetingSummary> {
    this.access.requireOfficeStaff(principal, bodyId);
    const meeting = await this.db.transaction().execute(async (trx) => {
      if (!(await this.meetings.organizationsBelongToBody(trx, bodyId, input.organizationIds))) {
        throw new DomainError('validation_failed', undefined, [
          { path: 'organizationIds', message: 'unknown organization of this body' },
        ]);
      }
      const row = await this.meetings.insert(trx, bodyId, input);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId,
          action: 'meeting.create',
          objectType: 'meeting',
          objectId: row.id,
        },
        trx,
      );
      return row;
    });
    const [summary] = await this.summaries([meeting]);
    return summary!;
  }

  /** Adds an item at the end of its part (or under its parent) and renumbers; after the invitation it is a supplement. */
  async addAgendaItem(principal: Principal, meetingId: string, input: CreateAgendaItem): Promise<AgendaItemView> {
    const meeting = await this.meetings.find(meetingId);
    if (!meeting || meeting.deleted) throw notFound();
    this.access.requireOfficeStaff(principal, meeting.body_id);
    const created = await this.db.transaction().execute(async (trx) => {
      const existing = await this.meetings.agendaItems(meeting.id, trx);
      const parent = input.parentId ? existing.find((i) => i.id === input.parentId) : undefined;
      if (input.parentId && (!parent || parent.parent_id !== null || parent.public !== input.public)) {
        throw new DomainError('validation_failed', undefined, [
          { path: 'parentId', message: 'parent must be a top-level item of the same part of this meeting' },
        ]);
      }
      const supplementAt = meeting.meeting_state === 'planned' ? null : this.clock.now();
      const item = await this.meetings.insertAgendaItem(trx, meeting, input, existing.length, supplementAt);
      const consultationId = input.paperId
        ? await linkPaperToItem(trx, { agenda: this.agenda, meetings: this.meetings }, meeting, item.id, input.paperId)
        : null;
      const numbered = numberAgenda(
        [...existing, item].map((i) => ({
          id: i.id,
          parentId: i.parent_id,
          public: i.public,
          // A new sub-item goes right after its parent's last child, a new top-level item at the end of its part.
          position: i.id === item.id && parent ? parent.position + 0.5 : i.position,
        })),
      );
      await this.meetings.setAgendaOrder(trx, numbered);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: meeting.body_id,
          action: 'agenda_item.create',
          objectType: 'agenda_item',
          objectId: item.id,
          details: {
            meetingId: meeting.id,
            public: input.public,
            supplement: supplementAt !== null,
            ...(consultationId ? { paperId: input.paperId, consultationId } : {}),
          },
        },
        trx,
      );
      return (await this.meetings.agendaItems(meeting.id, trx)).find((i) => i.id === item.id)!;
    });
    const organizationIds = (await this.meetings.organizationsOf([meeting.id])).map((o) => o.id);
    return agendaViews(principal, meeting, [created], organizationIds)[0]!;
  }

  async delete(principal: Principal, meetingId: string): Promise<void> {
    const meeting = await this.meetings.find(meetingId);
    if (!meeting || meeting.deleted) throw notFound();
    this.access.requireOfficeStaff(principal, meeting.body_id);
    await this.db.transaction().execute(async (trx) => {
      await this.meetings.softDelete(trx, meeting.id);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: meeting.body_id,
          action: 'meeting.delete',
          objectType: 'meeting',
          objectId: meeting.id,
        },
        trx,
      );
    });
  }

  private async summaries(rows: MeetingRow[]): Promise<MeetingSummary[]> {
    const organizations = await this.meetings.organizationsOf(rows.map((r) => r.id));
    const locationIds = [...new Set(rows.map((r) => r.location_id).filter((id): id is string => id !== null))];
    const locations = new Map((await this.meetings.locations(locationIds)).map((l) => [l.id, l]));
    return rows.map((row) => {
      const location = row.location_id ? locations.get(row.location_id) : undefined;
      return {
        id: row.id,
        bodyId: row.body_id,
        name: row.name,
        state: row.meeting_state,
        cancelled: row.cancelled,
        start: iso(row.start),
        end: isoOrNull(row.end),
        organizations: organizations
          .filter((o) => o.meeting_id === row.id)
          .map((o) => ({ id: o.id, name: o.name, shortName: o.short_name })),
        location: location
          ? {
              description: location.description,
              room: location.room,
              streetAddress: location.street_address,
              postalCode: location.postal_code,
              locality: location.locality,
            }
          : null,
        deleted: row.deleted,
        modified: iso(row.modified),
      };
    });
  }
}

/** Each item as this principal may see it: a non-public item the principal may not read keeps only its number. */
function agendaViews(
  principal: Principal,
  meeting: MeetingRow,
  items: AgendaItemRow[],
  organizationIds: string[],
): AgendaItemView[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  return items.map((item) => {
    const parent = item.parent_id ? byId.get(item.parent_id) : undefined;
    const effectivePublic = isAgendaItemPublic({ public: item.public, parentPublic: parent?.public });
    const readable = mayRead(principal.scope, { bodyId: meeting.body_id, public: effectivePublic, organizationIds });
    return {
      id: item.id,
      number: item.number,
      public: effectivePublic,
      readable,
      name: readable ? item.name : null,
      parentId: item.parent_id,
      paperId: readable ? item.paper_id : null,
      result: readable ? item.result : null,
      supplementAt: readable ? isoOrNull(item.supplement_at) : null,
    };
  });
}

function nextDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
