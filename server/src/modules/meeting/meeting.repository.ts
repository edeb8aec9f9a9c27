import type { CreateAgendaItem, CreateMeeting, MeetingListQuery } from '@ratsmappe/shared';
import { sql, type Kysely } from 'kysely';
import type { AgendaItemRow, Database, MeetingRow } from '../../db/schema/tables.js';
import { listOwnerFiles, paperAccessOrganizations, type FileOwners } from '../paper/owner-files.repository.js';

export interface MeetingOrganizationRef {
  meeting_id: string;
  id: string;
  name: string;
  short_name: string | null;
  position: number;
}

export interface MeetingLocation {
  id: string;
  description: string | null;
  room: string | null;
  street_address: string | null;
  postal_code: string | null;
  locality: string | null;
}

export class MeetingRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Keyset page over (start, id) in the requested direction; `after` is the last row of the previous page. */
  listForBody(
    bodyId: string,
    query: MeetingListQuery,
    after: { start: string; id: string } | null,
    bounds: { from: Date | null; to: Date | null },
  ): Promise<MeetingRow[]> {
    const asc = query.order === 'asc';
    let q = this.db
      .selectFrom('meeting')
      .selectAll('meeting')
      .where('meeting.body_id', '=', bodyId)
      .where('meeting.deleted', '=', false);
    if (bounds.from) q = q.where('meeting.start', '>=', bounds.from);
    if (bounds.to) q = q.where('meeting.start', '<', bounds.to);
    if (query.organization) {
      const organizationId = query.organization;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('meeting_organization as mo')
            .select('mo.id')
            .whereRef('mo.meeting_id', '=', 'meeting.id')
            .where('mo.organization_id', '=', organizationId)
            .where('mo.deleted', '=', false),
        ),
      );
    }
    if (after) {
      const start = new Date(after.start);
      q = asc
        ? q.where(sql<boolean>`(meeting.start, meeting.id) > (${start}, ${after.id}::uuid)`)
        : q.where(sql<boolean>`(meeting.start, meeting.id) < (${start}, ${after.id}::uuid)`);
    }
    return q
      .orderBy('meeting.start', asc ? 'asc' : 'desc')
      .orderBy('meeting.id', asc ? 'asc' : 'desc')
      .limit(query.limit + 1)
      .execute();
  }

  find(id: string, db: Kysely<Database> = this.db): Promise<MeetingRow | undefined> {
    return db.selectFrom('meeting').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async organizationsOf(
    meetingIds: readonly string[],
    db: Kysely<Database> = this.db,
  ): Promise<MeetingOrganizationRef[]> {
    if (meetingIds.length === 0) return [];
    return db
      .selectFrom('meeting_organization as mo')
      .innerJoin('organization as o', 'o.id', 'mo.organization_id')
      .select(['mo.meeting_id', 'o.id', 'o.name', 'o.short_name', 'mo.position'])
      .where('mo.meeting_id', 'in', meetingIds)
      .where('mo.deleted', '=', false)
      .orderBy('mo.position')
      .execute();
  }

  async locations(locationIds: readonly string[]): Promise<MeetingLocation[]> {
    if (locationIds.length === 0) return [];
    return this.db
      .selectFrom('location')
      .select(['id', 'description', 'room', 'street_address', 'postal_code', 'locality'])
      .where('id', 'in', locationIds)
      .where('deleted', '=', false)
      .execute();
  }

  agendaItems(meetingId: string, db: Kysely<Database> = this.db): Promise<AgendaItemRow[]> {
    return db
      .selectFrom('agenda_item')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .where('deleted', '=', false)
      .orderBy('position')
      .execute();
  }

  /** Papers named by agenda items, with what the meeting page shows of them and what visibility needs. */
  async papers(paperIds: readonly string[]) {
    if (paperIds.length === 0) return [];
    return this.db
      .selectFrom('paper')
      .select(['id', 'body_id', 'name', 'reference', 'paper_type', 'public', 'deleted'])
      .where('id', 'in', [...paperIds])
      .execute();
  }

  paperAccessOrganizations(paperIds: readonly string[]): Promise<Map<string, string[]>> {
    return paperAccessOrganizations(this.db, paperIds);
  }

  files(owners: FileOwners) {
    return listOwnerFiles(this.db, owners);
  }

  async organizationsBelongToBody(db: Kysely<Database>, bodyId: string, organizationIds: readonly string[]) {
    const rows = await db
      .selectFrom('organization')
      .select('id')
      .where('id', 'in', organizationIds)
      .where('body_id', '=', bodyId)
      .where('deleted', '=', false)
      .execute();
    return rows.length === new Set(organizationIds).size;
  }

  async insert(db: Kysely<Database>, bodyId: string, input: CreateMeeting): Promise<MeetingRow> {
    let locationId: string | null = null;
    if (input.locationDescription) {
      const location = await db
        .insertInto('location')
        .values({ body_id: bodyId, description: input.locationDescription })
        .returning('id')
        .executeTakeFirstOrThrow();
      locationId = location.id;
    }
    const meeting = await db
      .insertInto('meeting')
      .values({
        body_id: bodyId,
        name: input.name,
        start: input.start,
        end: input.end ?? null,
        location_id: locationId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await db
      .insertInto('meeting_organization')
      .values(
        input.organizationIds.map((organizationId, position) => ({
          body_id: bodyId,
          meeting_id: meeting.id,
          organization_id: organizationId,
          position,
        })),
      )
      .execute();
    return meeting;
  }

  async insertAgendaItem(
    db: Kysely<Database>,
    meeting: MeetingRow,
    input: CreateAgendaItem,
    position: number,
    supplementAt: Date | null,
  ): Promise<AgendaItemRow> {
    return db
      .insertInto('agenda_item')
      .values({
        body_id: meeting.body_id,
        meeting_id: meeting.id,
        parent_id: input.parentId ?? null,
        position,
        name: input.name,
        public: input.public,
        paper_id: input.paperId ?? null,
        supplement_at: supplementAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async setAgendaOrder(db: Kysely<Database>, items: { id: string; position: number; number: string }[]) {
    for (const item of items) {
      await db
        .updateTable('agenda_item')
        .set({ position: item.position, number: item.number })
        .where('id', '=', item.id)
        .where((eb) => eb.or([eb('position', '!=', item.position), eb('number', 'is distinct from', item.number)]))
        .execute();
    }
  }

  async softDelete(db: Kysely<Database>, meetingId: string) {
    await db
      .updateTable('agenda_item')
      .set({ deleted: true })
      .where('meeting_id', '=', meetingId)
      .where('deleted', '=', false)
      .execute();
    await db
      .updateTable('meeting_organization')
      .set({ deleted: true })
      .where('meeting_id', '=', meetingId)
      .where('deleted', '=', false)
      .execute();
    await db.updateTable('meeting').set({ deleted: true }).where('id', '=', meetingId).execute();
  }
}
