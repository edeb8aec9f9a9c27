import {
  isAgendaItemPublic,
  meetingWorkflowMessages,
  type Agenda,
  type AgendaArrangement,
  type FieldIssue,
  type Locale,
  type UpdateAgendaItem,
} from '@ratsmappe/shared';
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../clock.js';
import { isoOrNull } from '../../db/rows.js';
import type { AgendaItemRow, Database, MeetingRow } from '../../db/schema/tables.js';
import { DomainError, notFound } from '../../errors.js';
import type { AccessService, Principal } from '../access/access.service.js';
import type { AuditService } from '../audit/audit.service.js';
import { numberAgenda } from './agenda-numbering.js';
import type { AgendaItemChange, AgendaRepository } from './agenda.repository.js';
import type { InvitationWriter } from './invitation-writer.js';
import { editVersionTag, lockMeetingForWrite, refused } from './meeting-write-lock.js';
import { linkPaperToItem } from './paper-link.js';
import type { MeetingRepository } from './meeting.repository.js';

/** Where an item should sit: its parent, its part and its order among all items. */
interface Placement {
  id: string;
  parentId: string | null;
  public: boolean;
  position: number;
}

/**
 * The agenda builder. Each write takes the change-log lock first (no other write runs until it commits), checks the
 * version the client based it on, changes the items, renumbers ("Ö 1", "Ö 1.1", "N 1") and audits, in one transaction. Once the invitation is out, every item whose
 * number, part, parent, name or paper changes is a supplement (Nachtrag): `supplement_at` records the time.
 * Structure is fixed once the meeting has been held; results are recorded from the invitation until the minutes.
 */
export class AgendaService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly meetings: MeetingRepository,
    private readonly agenda: AgendaRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly invitations: InvitationWriter,
  ) {}

  private get repositories() {
    return { agenda: this.agenda, meetings: this.meetings };
  }

  /** The office's view of the agenda (everything, with resolution texts) and the version to write against. */
  async get(principal: Principal, meetingId: string): Promise<Agenda> {
    const meeting = await this.meetings.find(meetingId);
    if (!meeting || meeting.deleted) throw notFound();
    this.access.requireOfficeStaff(principal, meeting.body_id);
    return this.view(this.db, meeting);
  }

  async arrange(
    principal: Principal,
    meetingId: string,
    input: AgendaArrangement,
    version: string | undefined,
    locale: Locale,
  ): Promise<Agenda> {
    if (version === undefined) {
      throw new DomainError('validation_failed', 'version required', [
        { path: 'version', message: 'send the agenda version (or If-Match) this arrangement is based on' },
      ]);
    }
    const meeting = await this.meetings.find(meetingId);
    if (!meeting || meeting.deleted) throw notFound();
    this.access.requireOfficeStaff(principal, meeting.body_id);
    await this.db.transaction().execute(async (trx) => {
      const locked = await this.lockForStructure(trx, meetingId, version, locale);
      const rows = await this.meetings.agendaItems(meetingId, trx);
      const placements = placementsOf(input, rows);
      const supplementAt = locked.meeting_state === 'planned' ? null : this.clock.now();
      const changes = renumber(rows, placements, supplementAt);
      if (changes.length === 0) return;
      for (const change of changes) await this.agenda.updateItem(trx, change);
      await this.redactInvitation(trx, principal, locked, rows);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: locked.body_id,
          action: 'agenda.arrange',
          objectType: 'meeting',
          objectId: locked.id,
          details: { supplement: supplementAt !== null, changedItemIds: changes.map((c) => c.id) },
        },
        trx,
      );
    });
    return this.view(this.db, (await this.meetings.find(meetingId))!);
  }

  async updateItem(
    principal: Principal,
    itemId: string,
    input: UpdateAgendaItem,
    version: string | undefined,
    locale: Locale,
  ): Promise<Agenda> {
    const meeting = await this.meetingOfItem(principal, itemId);
    const messages = meetingWorkflowMessages[locale];
    const structural = input.name !== undefined || input.public !== undefined || input.paperId !== undefined;
    const recording = input.result !== undefined || input.resolutionText !== undefined;
    await this.db.transaction().execute(async (trx) => {
      const locked = structural
        ? await this.lockForStructure(trx, meeting.id, version, locale)
        : await lockMeetingForWrite(this.agenda, trx, meeting.id, version, locale);
      if (recording && locked.meeting_state === 'planned') throw refused('result', messages.resultTooEarly);
      if (recording && locked.meeting_state === 'minutes_released') throw refused('result', messages.resultLocked);
      const rows = await this.meetings.agendaItems(meeting.id, trx);
      const item = rows.find((r) => r.id === itemId);
      if (!item) throw notFound();
      const now = this.clock.now();
      const supplementAt = locked.meeting_state === 'planned' ? null : now;

      const own: AgendaItemChange = { id: item.id };
      if (input.name !== undefined && input.name !== item.name) own.name = input.name;
      if (input.result !== undefined && input.result !== item.result) own.result = input.result;
      if (input.resolutionText !== undefined && input.resolutionText !== item.resolution_text) {
        own.resolution_text = input.resolutionText;
      }
      const consultation: { removed: string[]; linked: string | null } = { removed: [], linked: null };
      if (input.paperId !== undefined && input.paperId !== item.paper_id) {
        consultation.removed = await this.agenda.softDeleteConsultationsOfItems(trx, [item.id]);
        if (input.paperId !== null) {
          consultation.linked = await linkPaperToItem(trx, this.repositories, locked, item.id, input.paperId);
        }
        own.paper_id = input.paperId;
      }
      let placements: Placement[] = rows.map(placementOf);
      if (input.public !== undefined && input.public !== item.public) {
        if (item.parent_id !== null) throw refused('public', messages.subItemPart);
        placements = placements.map((p) =>
          p.id === item.id || p.parentId === item.id ? { ...p, public: input.public! } : p,
        );
      }
      const ownStructural = own.name !== undefined || own.paper_id !== undefined;
      if (ownStructural && supplementAt) own.supplement_at = supplementAt;
      const changes = merge(renumber(rows, placements, supplementAt), own);
      if (changes.length === 0) return;
      for (const change of changes) await this.agenda.updateItem(trx, change);
      await this.redactInvitation(trx, principal, locked, rows);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: locked.body_id,
          action: 'agenda_item.update',
          objectType: 'agenda_item',
          objectId: item.id,
          details: {
            meetingId: locked.id,
            fields: [
              ...Object.keys(own).filter((k) => k !== 'id' && k !== 'supplement_at'),
              ...(input.public !== undefined && input.public !== item.public ? ['public'] : []),
            ],
            public: input.public ?? item.public,
            paperId: own.paper_id,
            consultationId: consultation.linked,
            removedConsultationIds: consultation.removed,
            supplement: supplementAt !== null && changes.some((c) => c.supplement_at !== undefined),
            renumberedItemIds: changes.filter((c) => c.number !== undefined).map((c) => c.id),
          },
        },
        trx,
      );
    });
    return this.view(this.db, (await this.meetings.find(meeting.id))!);
  }

  /** Soft-deletes the item with its sub-items and the consultations that put papers on them; renumbers the rest. */
  async deleteItem(principal: Principal, itemId: string, version: string | undefined, locale: Locale): Promise<void> {
    const meeting = await this.meetingOfItem(principal, itemId);
    await this.db.transaction().execute(async (trx) => {
      const locked = await this.lockForStructure(trx, meeting.id, version, locale);
      const rows = await this.meetings.agendaItems(meeting.id, trx);
      const item = rows.find((r) => r.id === itemId);
      if (!item) throw notFound();
      const removedIds = [item.id, ...rows.filter((r) => r.parent_id === item.id).map((r) => r.id)];
      const supplementAt = locked.meeting_state === 'planned' ? null : this.clock.now();
      const consultationIds = await this.agenda.softDeleteConsultationsOfItems(trx, removedIds);
      await this.agenda.softDeleteItems(trx, removedIds, supplementAt);
      const remaining = rows.filter((r) => !removedIds.includes(r.id));
      const changes = renumber(remaining, remaining.map(placementOf), supplementAt);
      for (const change of changes) await this.agenda.updateItem(trx, change);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: locked.body_id,
          action: 'agenda_item.delete',
          objectType: 'agenda_item',
          objectId: item.id,
          details: {
            meetingId: locked.id,
            subItemIds: removedIds.slice(1),
            removedConsultationIds: consultationIds,
            supplement: supplementAt !== null,
            renumberedItemIds: changes.map((c) => c.id),
          },
        },
        trx,
      );
    });
  }

  /**
   * Once the invitation is out, an item that left the public part (its own or its parent's move) must also leave the
   * public invitation, which printed its title: a new public version, the older ones withdrawn.
   */
  private async redactInvitation(
    trx: Transaction<Database>,
    principal: Principal,
    meeting: MeetingRow,
    before: readonly AgendaItemRow[],
  ): Promise<void> {
    if (meeting.meeting_state === 'planned') return;
    const after = effectivePublicity(await this.meetings.agendaItems(meeting.id, trx));
    const hidden = [...effectivePublicity(before)].filter(([id, wasPublic]) => wasPublic && after.get(id) === false);
    if (hidden.length === 0) return;
    await this.invitations.redact(trx, principal, meeting.id, this.clock.now(), {
      agendaItemIds: hidden.map(([id]) => id),
    });
  }

  private async meetingOfItem(principal: Principal, itemId: string): Promise<MeetingRow> {
    const item = await this.agenda.findItem(itemId);
    if (!item || item.deleted) throw notFound();
    const meeting = await this.meetings.find(item.meeting_id);
    if (!meeting || meeting.deleted) throw notFound();
    this.access.requireOfficeStaff(principal, meeting.body_id);
    return meeting;
  }

  private async lockForStructure(
    trx: Transaction<Database>,
    meetingId: string,
    version: string | undefined,
    locale: Locale,
  ): Promise<MeetingRow> {
    const meeting = await lockMeetingForWrite(this.agenda, trx, meetingId, version, locale);
    if (meeting.meeting_state === 'held' || meeting.meeting_state === 'minutes_released') {
      throw refused('agenda', meetingWorkflowMessages[locale].agendaLocked);
    }
    return meeting;
  }

  private async view(db: Kysely<Database>, meeting: MeetingRow): Promise<Agenda> {
    const rows = await this.meetings.agendaItems(meeting.id, db);
    const paperIds = [...new Set(rows.flatMap((r) => (r.paper_id ? [r.paper_id] : [])))];
    const papers = new Map((await this.agenda.papers(db, paperIds)).map((p) => [p.id, p]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return {
      meetingId: meeting.id,
      state: meeting.meeting_state,
      cancelled: meeting.cancelled,
      version: editVersionTag(meeting.edit_version),
      items: rows.map((row) => {
        const paper = row.paper_id ? papers.get(row.paper_id) : undefined;
        const parent = row.parent_id ? byId.get(row.parent_id) : undefined;
        return {
          id: row.id,
          number: row.number,
          public: isAgendaItemPublic({ public: row.public, parentPublic: parent?.public }),
          name: row.name,
          parentId: row.parent_id,
          paper: paper ? { id: paper.id, reference: paper.reference, name: paper.name, public: paper.public } : null,
          result: row.result,
          resolutionText: row.resolution_text,
          supplementAt: isoOrNull(row.supplement_at),
        };
      }),
    };
  }
}

/** Each item's effective publicity: its own flag and its parent's. */
function effectivePublicity(rows: readonly AgendaItemRow[]): Map<string, boolean> {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return new Map(
    rows.map((r) => [
      r.id,
      isAgendaItemPublic({ public: r.public, parentPublic: r.parent_id ? byId.get(r.parent_id)?.public : undefined }),
    ]),
  );
}

function placementOf(row: AgendaItemRow): Placement {
  return { id: row.id, parentId: row.parent_id, public: row.public, position: row.position };
}

/**
 * Checks the arrangement names exactly the meeting's live items, each once, and turns it into placements; sub-items
 * take their parent's part. Nesting deeper than two levels is refused by the schema already.
 */
function placementsOf(input: AgendaArrangement, rows: readonly AgendaItemRow[]): Placement[] {
  const live = new Set(rows.map((r) => r.id));
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  const placements: Placement[] = [];
  const take = (id: string, path: string, parentId: string | null, isPublic: boolean) => {
    if (seen.has(id)) issues.push({ path, message: 'this item appears more than once' });
    else if (!live.has(id)) issues.push({ path, message: 'not an item of this meeting' });
    seen.add(id);
    placements.push({ id, parentId, public: isPublic, position: placements.length });
  };
  input.items.forEach((node, i) => {
    take(node.id, `items.${i}.id`, null, node.public);
    node.children.forEach((child, j) => take(child.id, `items.${i}.children.${j}.id`, node.id, node.public));
  });
  const missing = rows.filter((r) => !seen.has(r.id));
  if (missing.length > 0) {
    issues.push({ path: 'items', message: `missing items of this meeting: ${missing.map((r) => r.id).join(', ')}` });
  }
  if (issues.length > 0) throw new DomainError('validation_failed', 'agenda arrangement', issues);
  return placements;
}

/**
 * What has to be written to bring `rows` to `placements`, numbered. With `supplementAt`, every item whose number,
 * part or parent changes is marked as a supplement; a mere position shift with the same number is not.
 */
function renumber(
  rows: readonly AgendaItemRow[],
  placements: readonly Placement[],
  supplementAt: Date | null,
): AgendaItemChange[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const placed = new Map(placements.map((p) => [p.id, p]));
  const changes: AgendaItemChange[] = [];
  for (const numbered of numberAgenda(placements)) {
    const row = byId.get(numbered.id)!;
    const target = placed.get(numbered.id)!;
    const change: AgendaItemChange = { id: row.id };
    if (row.parent_id !== target.parentId) change.parent_id = target.parentId;
    if (row.public !== target.public) change.public = target.public;
    if (row.number !== numbered.number) change.number = numbered.number;
    const visible = Object.keys(change).length > 1;
    if (row.position !== numbered.position) change.position = numbered.position;
    if (visible && supplementAt) change.supplement_at = supplementAt;
    if (Object.keys(change).length > 1) changes.push(change);
  }
  return changes;
}

function merge(changes: AgendaItemChange[], own: AgendaItemChange): AgendaItemChange[] {
  if (Object.keys(own).length === 1) return changes;
  const index = changes.findIndex((c) => c.id === own.id);
  if (index === -1) return [...changes, own];
  return changes.map((c, i) => (i === index ? { ...c, ...own } : c));
}
