import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema/tables.js';

export interface FeedMeeting {
  id: string;
  body_id: string;
  name: string;
  start: Date;
  end: Date | null;
  cancelled: boolean;
  meeting_state: string;
  created: Date;
  modified: Date;
  location: string | null;
  /** Number of recorded changes of the meeting row: grows with every change, so it serves as iCal SEQUENCE. */
  revisions: number;
}

export interface FeedAgendaItem {
  meeting_id: string;
  id: string;
  parent_id: string | null;
  number: string | null;
  name: string;
  public: boolean;
  position: number;
}

export class CalendarFeedRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async meetings(filter: {
    bodyId: string;
    organizationId?: string;
    meetingId?: string;
    since?: Date;
  }): Promise<FeedMeeting[]> {
    let query = this.db
      .selectFrom('meeting')
      .leftJoin('location', 'location.id', 'meeting.location_id')
      .select([
        'meeting.id',
        'meeting.body_id',
        'meeting.name',
        'meeting.start',
        'meeting.end',
        'meeting.cancelled',
        'meeting.meeting_state',
        'meeting.created',
        'meeting.modified',
        sql<string | null>`concat_ws(', ', location.description, location.room, location.street_address,
          nullif(concat_ws(' ', location.postal_code, location.locality), ''))`.as('location'),
        (eb) =>
          eb
            .selectFrom('change_log')
            .select(sql<number>`count(*)::int`.as('n'))
            .where('change_log.entity', '=', 'meeting')
            .whereRef('change_log.entity_id', '=', 'meeting.id')
            .as('revisions'),
      ])
      .where('meeting.body_id', '=', filter.bodyId)
      .where('meeting.deleted', '=', false);
    if (filter.since) query = query.where('meeting.start', '>=', filter.since);
    if (filter.meetingId) query = query.where('meeting.id', '=', filter.meetingId);
    if (filter.organizationId) {
      const organizationId = filter.organizationId;
      query = query.where((eb) =>
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
    const rows = await query.orderBy('meeting.start').orderBy('meeting.id').limit(2000).execute();
    return rows.map((r) => ({ ...r, location: r.location === '' ? null : r.location, revisions: Number(r.revisions) }));
  }

  agendaItems(meetingIds: string[]): Promise<FeedAgendaItem[]> {
    if (meetingIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('agenda_item')
      .select(['meeting_id', 'id', 'parent_id', 'number', 'name', 'public', 'position'])
      .where('meeting_id', 'in', meetingIds)
      .where('deleted', '=', false)
      .orderBy('meeting_id')
      .orderBy('position')
      .execute();
  }

  meetingBody(id: string) {
    return this.db
      .selectFrom('meeting')
      .select(['id', 'body_id'])
      .where('id', '=', id)
      .where('deleted', '=', false)
      .executeTakeFirst();
  }

  organization(id: string) {
    return this.db
      .selectFrom('organization')
      .select(['id', 'body_id', 'name'])
      .where('id', '=', id)
      .where('deleted', '=', false)
      .executeTakeFirst();
  }

  /** Public papers and meetings by last change, newest first: the Atom feed's entries. */
  async recentPublicChanges(bodyId: string, limit: number) {
    const papers = await this.db
      .selectFrom('paper')
      .select(['id', 'name', 'reference', 'paper_type', 'date', 'created', 'modified'])
      .where('body_id', '=', bodyId)
      .where('deleted', '=', false)
      .where('public', '=', true)
      .orderBy('modified', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
    const meetings = await this.db
      .selectFrom('meeting')
      .select(['id', 'name', 'start', 'cancelled', 'created', 'modified'])
      .where('body_id', '=', bodyId)
      .where('deleted', '=', false)
      .orderBy('modified', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
    return { papers, meetings };
  }
}
