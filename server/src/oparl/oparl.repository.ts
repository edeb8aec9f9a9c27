import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { Database } from '../db/schema/tables.js';
import type { ObjectType } from './urls.js';

/**
 * The OParl projection of each table: the row, the flags its publicity depends on, and two computed columns.
 *
 * `visible` is the SQL mirror of the shared publicity rules (isAgendaItemPublic, isFilePublic, paper.public, …) and
 * exists so lists can filter and paginate in SQL; the service re-decides every row with `mayRead(publicScope, …)`.
 *
 * `eff_modified` is the newest `modified` of every row the object's output or its visibility depends on. The
 * triggers already bump embedding parents; this adds what they cannot see: a sub-item hidden by its parent, an
 * agenda item whose paper was withdrawn, an `order` shifted by an earlier item, a file whose owner became
 * non-public. So anything that changes or disappears from public view shows up in `modified_since` lists.
 */
interface Projected {
  eff_modified: Date;
  visible: boolean;
}

/**
 * The columns OParl reads, per table. Explicit lists: other columns (search vectors, body texts) are large and
 * none of OParl's business.
 */
// prettier-ignore
const columns = {
  body: [
    'id', 'slug', 'name', 'short_name', 'website', 'ags', 'rgs', 'classification', 'contact_email', 'contact_name',
    'location_id', 'created', 'modified', 'deleted',
  ],
  legislative_term: ['id', 'body_id', 'name', 'start_date', 'end_date', 'created', 'modified', 'deleted'],
  organization: [
    'id', 'body_id', 'kind', 'name', 'short_name', 'classification', 'post', 'sub_organization_of', 'location_id',
    'website', 'start_date', 'end_date', 'created', 'modified', 'deleted',
  ],
  person: [
    'id', 'body_id', 'name', 'family_name', 'given_name', 'form_of_address', 'affix', 'title', 'gender', 'email',
    'phone', 'contact_public', 'status', 'life', 'life_source', 'location_id', 'created', 'modified', 'deleted',
  ],
  membership: [
    'id', 'body_id', 'person_id', 'organization_id', 'role', 'deputy', 'voting_right', 'start_date', 'end_date',
    'on_behalf_of', 'created', 'modified', 'deleted',
  ],
  meeting: [
    'id', 'body_id', 'name', 'meeting_state', 'cancelled', 'start', 'end', 'location_id', 'created', 'modified',
    'deleted',
  ],
  agenda_item: [
    'id', 'body_id', 'meeting_id', 'parent_id', 'position', 'number', 'name', 'public', 'paper_id', 'result',
    'resolution_text', 'start', 'end', 'created', 'modified', 'deleted',
  ],
  paper: [
    'id', 'body_id', 'name', 'reference', 'date', 'paper_type', 'public', 'under_direction_of',
    'originator_organization_id', 'originator_person_id', 'superordinated_paper_id', 'created', 'modified', 'deleted',
  ],
  consultation: [
    'id', 'body_id', 'paper_id', 'meeting_id', 'agenda_item_id', 'organization_id', 'position', 'authoritative',
    'role', 'created', 'modified', 'deleted',
  ],
  file: [
    'id', 'body_id', 'name', 'role', 'meeting_id', 'agenda_item_id', 'paper_id', 'position', 'date', 'public',
    'created', 'modified', 'deleted',
  ],
  location: [
    'id', 'body_id', 'description', 'street_address', 'room', 'postal_code', 'sub_locality', 'locality', 'geojson',
    'created', 'modified', 'deleted',
  ],
} as const satisfies { [T in keyof Database]?: readonly (keyof Database[T] & string)[] };

type Columns<T extends keyof typeof columns> = Pick<
  Selectable<Database[T]>,
  Extract<(typeof columns)[T][number], keyof Selectable<Database[T]>>
>;

/** `alias.col1, alias.col2, …` of a table's OParl columns. */
function cols(table: keyof typeof columns, alias: string) {
  return sql.join(columns[table].map((c) => sql.ref(`${alias}.${c}`)));
}

export type BodyRow = Columns<'body'> & Projected;
export type LegislativeTermRow = Columns<'legislative_term'> & Projected;
/** The slug of the object's body, for its `web` URL. */
interface WithSlug {
  body_slug: string;
}

export type OrganizationRow = Columns<'organization'> & Projected & WithSlug;
export type PersonRow = Columns<'person'> & Projected & WithSlug;
export type MembershipRow = Columns<'membership'> & Projected;
export type MeetingRow = Columns<'meeting'> & Projected & WithSlug;
export type EmbeddedLocationRow = Columns<'location'>;
export type AgendaItemRow = Columns<'agenda_item'> & Projected & { parent_public: boolean | null };
/** What decides an agenda item's place in Meeting.agendaItem, and so its `order`. */
export type AgendaEntryRow = Pick<
  AgendaItemRow,
  'id' | 'body_id' | 'meeting_id' | 'position' | 'public' | 'parent_public' | 'deleted' | 'visible'
>;
export type PaperRow = Columns<'paper'> &
  Projected &
  WithSlug & { superordinated_public: boolean | null; superordinated_deleted: boolean | null };
export type ConsultationRow = Columns<'consultation'> &
  Projected & {
    paper_public: boolean;
    paper_deleted: boolean;
    agenda_item_public: boolean | null;
    agenda_item_deleted: boolean | null;
    agenda_item_parent_public: boolean | null;
    meeting_deleted: boolean | null;
  };
export type FileRow = Columns<'file'> &
  Projected & {
    /** Of the current version (highest non-deleted); all null when the file has no version. */
    version: number | null;
    file_name: string | null;
    mime_type: string | null;
    size: string | null;
    extracted_text: string | null;
    meeting_deleted: boolean | null;
    agenda_item_public: boolean | null;
    agenda_item_deleted: boolean | null;
    agenda_item_parent_public: boolean | null;
    paper_public: boolean | null;
    paper_deleted: boolean | null;
  };
export type LocationRow = Columns<'location'> &
  Projected & {
    /** Referenced by a live body, organization, meeting or a person who made their contact public. */
    publicly_referenced: boolean;
    /** Some person's address they did not make public: never shown, not even as a tombstone. */
    private_address: boolean;
  };

export interface RowOf {
  Body: BodyRow;
  LegislativeTerm: LegislativeTermRow;
  Organization: OrganizationRow;
  Person: PersonRow;
  Membership: MembershipRow;
  Meeting: MeetingRow;
  AgendaItem: AgendaItemRow;
  Paper: PaperRow;
  Consultation: ConsultationRow;
  File: FileRow;
  Location: LocationRow;
}

/** isAgendaItemPublic in SQL: public, and not under a non-public parent. */
const agendaItemVisible = sql`(not ai.deleted and ai.public and coalesce(par.public, true))`;

const projections: Record<ObjectType, RawBuilder<unknown>> = {
  Body: sql`
    select ${cols('body', 'b')}, greatest(b.modified, l.modified) as eff_modified, not b.deleted as visible
    from body b left join location l on l.id = b.location_id`,
  LegislativeTerm: sql`
    select ${cols('legislative_term', 'lt')}, lt.modified as eff_modified, not lt.deleted as visible
    from legislative_term lt`,
  Organization: sql`
    select ${cols('organization', 'o')}, b.slug as body_slug,
      greatest(o.modified, l.modified,
        (select max(ms.modified) from membership ms where ms.organization_id = o.id)) as eff_modified,
      not o.deleted as visible
    from organization o join body b on b.id = o.body_id left join location l on l.id = o.location_id`,
  Person: sql`
    select ${cols('person', 'pe')}, b.slug as body_slug,
      greatest(pe.modified, case when pe.contact_public then l.modified end) as eff_modified,
      not pe.deleted as visible
    from person pe join body b on b.id = pe.body_id left join location l on l.id = pe.location_id`,
  Membership: sql`
    select ${cols('membership', 'ms')}, ms.modified as eff_modified, not ms.deleted as visible
    from membership ms`,
  Meeting: sql`
    select ${cols('meeting', 'm')}, b.slug as body_slug,
      greatest(m.modified, l.modified,
        (select max(greatest(c.modified, p.modified))
         from agenda_item a
         join consultation c on c.agenda_item_id = a.id
         join paper p on p.id = c.paper_id
         where a.meeting_id = m.id)) as eff_modified,
      not m.deleted as visible
    from meeting m join body b on b.id = m.body_id left join location l on l.id = m.location_id`,
  AgendaItem: sql`
    select ${cols('agenda_item', 'ai')}, par.public as parent_public,
      greatest(ai.modified, par.modified,
        (select max(s.modified) from agenda_item s where s.meeting_id = ai.meeting_id and s.position <= ai.position),
        (select max(greatest(c.modified, p.modified))
         from consultation c join paper p on p.id = c.paper_id
         where c.agenda_item_id = ai.id)) as eff_modified,
      ${agendaItemVisible} as visible
    from agenda_item ai left join agenda_item par on par.id = ai.parent_id`,
  Paper: sql`
    select ${cols('paper', 'p')}, b.slug as body_slug,
      sup.public as superordinated_public, sup.deleted as superordinated_deleted,
      greatest(p.modified, sup.modified,
        (select max(s.modified) from paper s where s.superordinated_paper_id = p.id),
        (select max(greatest(a.modified, ap.modified, mt.modified))
         from consultation c
         left join agenda_item a on a.id = c.agenda_item_id
         left join agenda_item ap on ap.id = a.parent_id
         left join meeting mt on mt.id = c.meeting_id
         where c.paper_id = p.id)) as eff_modified,
      (not p.deleted and p.public) as visible
    from paper p join body b on b.id = p.body_id left join paper sup on sup.id = p.superordinated_paper_id`,
  Consultation: sql`
    select ${cols('consultation', 'c')}, p.public as paper_public, p.deleted as paper_deleted,
      a.public as agenda_item_public, a.deleted as agenda_item_deleted, ap.public as agenda_item_parent_public,
      mt.deleted as meeting_deleted,
      greatest(c.modified, p.modified, a.modified, ap.modified, mt.modified) as eff_modified,
      (not c.deleted and not p.deleted and p.public) as visible
    from consultation c
    join paper p on p.id = c.paper_id
    left join meeting mt on mt.id = c.meeting_id
    left join agenda_item a on a.id = c.agenda_item_id
    left join agenda_item ap on ap.id = a.parent_id`,
  File: sql`
    select ${cols('file', 'f')}, cur.version, cur.file_name, cur.mime_type, cur.size, cur.extracted_text,
      m.deleted as meeting_deleted,
      a.public as agenda_item_public, a.deleted as agenda_item_deleted, ap.public as agenda_item_parent_public,
      p.public as paper_public, p.deleted as paper_deleted,
      greatest(f.modified, m.modified, a.modified, ap.modified, p.modified) as eff_modified,
      coalesce(not f.deleted and f.public and cur.version is not null and case
        when f.meeting_id is not null then not m.deleted
        when f.agenda_item_id is not null then not a.deleted and a.public and coalesce(ap.public, true)
        else not p.deleted and p.public
      end, false) as visible
    from file f
    left join lateral (
      select fv.version, fv.file_name, fv.mime_type, fv.size, fv.extracted_text
      from file_version fv
      where fv.file_id = f.id and not fv.deleted
      order by fv.version desc
      limit 1
    ) cur on true
    left join meeting m on m.id = f.meeting_id
    left join agenda_item a on a.id = f.agenda_item_id
    left join agenda_item ap on ap.id = a.parent_id
    left join paper p on p.id = f.paper_id`,
  Location: sql`
    select ${cols('location', 'l')},
      greatest(l.modified,
        (select max(x.modified) from body x where x.location_id = l.id),
        (select max(x.modified) from organization x where x.location_id = l.id),
        (select max(x.modified) from meeting x where x.location_id = l.id),
        (select max(x.modified) from person x where x.location_id = l.id)) as eff_modified,
      r.publicly_referenced,
      exists (select 1 from person x where x.location_id = l.id and not x.contact_public) as private_address,
      (not l.deleted and r.publicly_referenced) as visible
    from location l
    cross join lateral (
      select (
        exists (select 1 from body x where x.location_id = l.id and not x.deleted)
        or exists (select 1 from organization x where x.location_id = l.id and not x.deleted)
        or exists (select 1 from meeting x where x.location_id = l.id and not x.deleted)
        or exists (select 1 from person x where x.location_id = l.id and not x.deleted and x.contact_public)
      ) as publicly_referenced
    ) r`,
};

/** Which rows a list holds, besides the filters: a body's objects, an organization's meetings or consultations. */
export type ListScope =
  | { kind: 'all' }
  | { kind: 'body'; bodyId: string }
  | { kind: 'organizationMeetings'; organizationId: string }
  | { kind: 'organizationConsultations'; organizationId: string };

export interface ListFilter {
  createdSince: Date | null;
  createdUntil: Date | null;
  modifiedSince: Date | null;
  modifiedUntil: Date | null;
  /** Also return rows that are deleted or not public (tombstones); only `modified_since` lists do. */
  includeHidden: boolean;
  after: string | null;
  /** Rows to fetch (the page size plus one, to know whether there is a next page). */
  take: number;
}

const oneSecondMs = 1000;

export interface MeetingOrganizationLink {
  meeting_id: string;
  organization_id: string;
}

export interface BackReference {
  location_id: string;
  id: string;
}

export class OparlRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** One keyset page in `id` order: stable across requests, and every filter is applied in SQL. */
  async listPage<T extends ObjectType>(type: T, scope: ListScope, filter: ListFilter): Promise<RowOf[T][]> {
    const conditions: RawBuilder<unknown>[] = [];
    switch (scope.kind) {
      case 'all':
        break;
      case 'body':
        conditions.push(type === 'Body' ? sql`v.id = ${scope.bodyId}` : sql`v.body_id = ${scope.bodyId}`);
        break;
      case 'organizationMeetings':
        // A meeting that left the organization is not deleted; only a deleted meeting keeps its old link as tombstone.
        conditions.push(sql`exists (
          select 1 from meeting_organization mo
          where mo.meeting_id = v.id and mo.organization_id = ${scope.organizationId}
            and (not mo.deleted or v.deleted))`);
        break;
      case 'organizationConsultations':
        conditions.push(sql`v.organization_id = ${scope.organizationId}`);
        break;
    }
    if (!filter.includeHidden) conditions.push(sql`v.visible`);
    // Output dates have whole seconds, so `until` must admit the whole second it names.
    if (filter.createdSince) conditions.push(sql`v.created >= ${filter.createdSince}`);
    if (filter.createdUntil) {
      conditions.push(sql`v.created < ${new Date(filter.createdUntil.getTime() + oneSecondMs)}`);
    }
    if (filter.modifiedSince) conditions.push(sql`v.eff_modified >= ${filter.modifiedSince}`);
    if (filter.modifiedUntil) {
      conditions.push(sql`v.eff_modified < ${new Date(filter.modifiedUntil.getTime() + oneSecondMs)}`);
    }
    if (filter.after) conditions.push(sql`v.id > ${filter.after}`);
    const where = conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
    const result = await sql<RowOf[T]>`
      select * from (${projections[type]}) v ${where} order by v.id limit ${filter.take}`.execute(this.db);
    return result.rows;
  }

  /** The row behind an id, in whatever state (deleted, non-public): the service decides what to show. */
  async find<T extends ObjectType>(type: T, id: string): Promise<RowOf[T] | undefined> {
    const result = await sql<RowOf[T]>`select * from (${projections[type]}) v where v.id = ${id}`.execute(this.db);
    return result.rows[0];
  }

  /** Live (not deleted) rows whose `column` is one of `ids`, for embedding and batch loading. */
  async liveBy<T extends ObjectType>(type: T, column: string, ids: readonly string[]): Promise<RowOf[T][]> {
    if (ids.length === 0) return [];
    const result = await sql<RowOf[T]>`
      select * from (${projections[type]}) v
      where v.${sql.ref(column)} = any(${[...new Set(ids)]}) and not v.deleted
      order by v.id`.execute(this.db);
    return result.rows;
  }

  /** The live items of meetings, reduced to what places them on the agenda (cheaper than the projection). */
  async agendaEntries(meetingIds: readonly string[]): Promise<AgendaEntryRow[]> {
    if (meetingIds.length === 0) return [];
    const result = await sql<AgendaEntryRow>`
      select ai.id, ai.body_id, ai.meeting_id, ai.position, ai.public, par.public as parent_public, ai.deleted,
        ${agendaItemVisible} as visible
      from agenda_item ai left join agenda_item par on par.id = ai.parent_id
      where ai.meeting_id = any(${[...new Set(meetingIds)]}) and not ai.deleted`.execute(this.db);
    return result.rows;
  }

  /** Live files of meetings and of their agenda items, in one query. */
  async filesOfMeetings(meetingIds: readonly string[]): Promise<FileRow[]> {
    if (meetingIds.length === 0) return [];
    const ids = [...new Set(meetingIds)];
    const result = await sql<FileRow>`
      select * from (${projections.File}) v
      where (v.meeting_id = any(${ids})
          or v.agenda_item_id in (select a.id from agenda_item a where a.meeting_id = any(${ids})))
        and not v.deleted
      order by v.id`.execute(this.db);
    return result.rows;
  }

  /** Live locations for embedding: their own fields only (back-references are for standalone Locations). */
  embeddedLocations(ids: readonly (string | null)[]): Promise<EmbeddedLocationRow[]> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('location')
      .select(columns.location)
      .where('id', 'in', wanted)
      .where('deleted', '=', false)
      .execute();
  }

  async exists(table: 'body' | 'organization', id: string): Promise<boolean> {
    const row = await this.db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
    return row !== undefined;
  }

  async bodySlugs(bodyIds: readonly string[]): Promise<Map<string, string>> {
    if (bodyIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('body')
      .select(['id', 'slug'])
      .where('id', 'in', [...new Set(bodyIds)])
      .execute();
    return new Map(rows.map((r) => [r.id, r.slug]));
  }

  async bodyCreatedRange(): Promise<{ first: Date | null }> {
    const row = await this.db
      .selectFrom('body')
      .select((eb) => eb.fn.min('created').as('first'))
      .executeTakeFirst();
    return { first: row?.first ?? null };
  }

  /** Holding organizations of meetings, lead first (position 0). */
  meetingOrganizations(meetingIds: readonly string[]): Promise<MeetingOrganizationLink[]> {
    if (meetingIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('meeting_organization')
      .select(['meeting_id', 'organization_id'])
      .where('meeting_id', 'in', [...new Set(meetingIds)])
      .where('deleted', '=', false)
      .orderBy('meeting_id')
      .orderBy('position')
      .orderBy('id')
      .execute();
  }

  membershipIdsOfOrganizations(organizationIds: readonly string[]) {
    if (organizationIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('membership')
      .select(['id', 'organization_id'])
      .where('organization_id', 'in', [...new Set(organizationIds)])
      .where('deleted', '=', false)
      .orderBy('id')
      .execute();
  }

  /** Live papers that name one of `paperIds` as superordinated, with their publicity for the caller to decide. */
  subordinatedPapers(paperIds: readonly string[]) {
    if (paperIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('paper')
      .select(['id', 'body_id', 'superordinated_paper_id', 'public'])
      .where('superordinated_paper_id', 'in', [...new Set(paperIds)])
      .where('deleted', '=', false)
      .where('public', '=', true)
      .orderBy('id')
      .execute();
  }

  /** Live objects pointing at the locations: the back-references of a standalone Location. */
  async locationBackReferences(locationIds: readonly string[]) {
    const ids = [...new Set(locationIds)];
    if (ids.length === 0) return { bodies: [], organizations: [], persons: [], meetings: [] };
    const refs = (table: 'body' | 'organization' | 'meeting') =>
      this.db
        .selectFrom(table)
        .select(['location_id', 'id'])
        .where('location_id', 'in', ids)
        .where('deleted', '=', false)
        .orderBy('id')
        .execute() as Promise<BackReference[]>;
    const [bodies, organizations, meetings, persons] = await Promise.all([
      refs('body'),
      refs('organization'),
      refs('meeting'),
      this.db
        .selectFrom('person')
        .select(['location_id', 'id'])
        .where('location_id', 'in', ids)
        .where('deleted', '=', false)
        .where('contact_public', '=', true)
        .orderBy('id')
        .execute() as Promise<BackReference[]>,
    ]);
    return { bodies, organizations, persons, meetings };
  }
}
