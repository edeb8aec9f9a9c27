import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../db/schema/tables.js';
import { notFound } from '../errors.js';
import type { Logger } from '../logger.js';
import { toQueryString, type ListQuery } from './list-query.js';
import {
  OparlRepository,
  type AgendaItemRow,
  type BodyRow,
  type ConsultationRow,
  type FileRow,
  type LegislativeTermRow,
  type ListScope,
  type LocationRow,
  type MeetingRow,
  type MembershipRow,
  type OrganizationRow,
  type PaperRow,
  type PersonRow,
  type RowOf,
} from './oparl.repository.js';
import { agendaItemPublic, mayLink, onPublicAgenda, presenceOf } from './publicity.js';
import {
  serializeAgendaItem,
  serializeBody,
  serializeConsultation,
  serializeFile,
  serializeLegislativeTerm,
  serializeLocation,
  serializeMeeting,
  serializeMembership,
  serializeOrganization,
  serializePaper,
  serializePerson,
  serializeSystem,
  tombstone,
  type OparlObject,
} from './serializers.js';
import { bodyLists, organizationLists, OparlUrls, type ListRoute, type ObjectType } from './urls.js';

export interface OparlListPage {
  data: OparlObject[];
  pagination: { elementsPerPage: number };
  links: { self: string; first: string; next?: string; web?: string };
}

/**
 * Public data only: every object is decided by `presenceOf` (the shared rules with the anonymous scope), lists are
 * filtered and paginated in SQL by the mirrored rule, and related objects are loaded per page, never per object.
 * Each request reads in one read-only snapshot, so a page and its embedded children agree with each other.
 */
export class OparlService {
  readonly urls: OparlUrls;

  constructor(
    private readonly db: Kysely<Database>,
    publicUrl: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.urls = new OparlUrls(publicUrl);
  }

  async system(): Promise<OparlObject> {
    const { first } = await new OparlRepository(this.db).bodyCreatedRange();
    return serializeSystem(this.urls, first ?? this.clock.now());
  }

  /** One object by id: the object, its tombstone, or not found (missing and non-public look the same). */
  object(type: ObjectType, id: string): Promise<OparlObject> {
    return this.read(async (repo) => {
      const row = await repo.find(type, id);
      if (!row) throw notFound();
      const presence = this.decide(type, row);
      if (presence === 'hidden') throw notFound();
      if (presence === 'tombstone') return tombstone(this.urls, type, row);
      const [object] = await new Hydrator(repo, this.urls).serialize(type, [row], false);
      return object!;
    });
  }

  list(route: ListRoute, query: ListQuery): Promise<OparlListPage> {
    return this.read(async (repo) => {
      const { type, scope } = await this.target(repo, route);
      // Deleted and depublished objects are listed (as tombstones) exactly when the client asks for changes.
      const includeHidden = query.modifiedSince !== null;
      const rows = await repo.listPage(type, scope, {
        createdSince: query.createdSince,
        createdUntil: query.createdUntil,
        modifiedSince: query.modifiedSince,
        modifiedUntil: query.modifiedUntil,
        includeHidden,
        after: query.after,
        take: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const shown = page.filter((row) => this.decide(type, row) === 'full');
      const objects = new Map<string, OparlObject>();
      const serialized = await new Hydrator(repo, this.urls).serialize(type, shown, query.omitInternal);
      shown.forEach((row, i) => objects.set(row.id, serialized[i]!));
      const data: OparlObject[] = [];
      for (const row of page) {
        const object = objects.get(row.id);
        if (object) data.push(object);
        else if (includeHidden) data.push(tombstone(this.urls, type, row));
      }

      const base = this.urls.route(route);
      const last = page.at(-1);
      const links: OparlListPage['links'] = {
        self: base + toQueryString(query),
        first: base + toQueryString(query, null),
      };
      if (rows.length > query.limit && last) links.next = base + toQueryString(query, last.id);
      if (route.kind === 'bodyList' && route.list === 'meetings') {
        const slug = (await repo.bodySlugs([route.bodyId])).get(route.bodyId);
        if (slug) links.web = this.urls.web.meetings(slug);
      }
      return { data, pagination: { elementsPerPage: query.limit }, links };
    });
  }

  private read<T>(work: (repo: OparlRepository) => Promise<T>): Promise<T> {
    return this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute((trx) => work(new OparlRepository(trx)));
  }

  /** The shared rule decides; the SQL mirror (which filtered the lists) must agree before an object is shown. */
  private decide<T extends ObjectType>(type: T, row: RowOf[T]) {
    const presence = presenceOf(type, row);
    if ((presence === 'full') !== row.visible) {
      this.logger.error({ type, id: row.id, presence }, 'OParl publicity in SQL disagrees with the shared rule');
      if (presence === 'full') return 'tombstone';
    }
    return presence;
  }

  private async target(repo: OparlRepository, route: ListRoute): Promise<{ type: ObjectType; scope: ListScope }> {
    switch (route.kind) {
      case 'bodies':
        return { type: 'Body', scope: { kind: 'all' } };
      case 'bodyList':
        if (!(await repo.exists('body', route.bodyId))) throw notFound();
        return { type: bodyLists[route.list], scope: { kind: 'body', bodyId: route.bodyId } };
      case 'organizationList':
        if (!(await repo.exists('organization', route.organizationId))) throw notFound();
        return {
          type: organizationLists[route.list],
          scope:
            route.list === 'meetings'
              ? { kind: 'organizationMeetings', organizationId: route.organizationId }
              : { kind: 'organizationConsultations', organizationId: route.organizationId },
        };
    }
  }
}

/** Ties break on the id, so every ordering is total and stable across requests. */
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byPosition = (a: { position: number; id: string }, b: { position: number; id: string }) =>
  a.position - b.position || byId(a, b);
const byCreated = (a: { created: Date; id: string }, b: { created: Date; id: string }) =>
  a.created.getTime() - b.created.getTime() || byId(a, b);
const byFileOrder = (a: FileRow, b: FileRow) => a.position - b.position || byCreated(a, b);
const byStartDate = (a: { start_date: string; id: string }, b: { start_date: string; id: string }) =>
  (a.start_date < b.start_date ? -1 : a.start_date > b.start_date ? 1 : 0) || byId(a, b);

/** Embedded and linked objects: shown only in full, never as tombstones (DIGEST §1.3). */
const shown =
  <T extends ObjectType>(type: T) =>
  (row: RowOf[T]) =>
    presenceOf(type, row) === 'full' && row.visible;

/** Shown items per meeting in agenda order: Meeting.agendaItem, and the index that is every item's `order`. */
function agendaOf<T extends { meeting_id: string; position: number; id: string }>(items: T[]): Map<string, T[]> {
  const agendas = groupBy(items, (i) => i.meeting_id);
  for (const agenda of agendas.values()) agenda.sort(byPosition);
  return agendas;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** Serializes the shown rows of one page (or one object) with everything they embed or link, in batches. */
class Hydrator {
  constructor(
    private readonly repo: OparlRepository,
    private readonly urls: OparlUrls,
  ) {}

  serialize<T extends ObjectType>(type: T, rows: RowOf[T][], omitInternal: boolean): Promise<OparlObject[]> {
    if (rows.length === 0) return Promise.resolve([]);
    switch (type) {
      case 'Body':
        return this.bodies(rows as BodyRow[], omitInternal);
      case 'LegislativeTerm':
        return Promise.resolve(
          (rows as LegislativeTermRow[]).map((row) => serializeLegislativeTerm(this.urls, row, { embedded: false })),
        );
      case 'Organization':
        return this.organizations(rows as OrganizationRow[]);
      case 'Person':
        return this.persons(rows as PersonRow[], omitInternal);
      case 'Membership':
        return Promise.resolve(
          (rows as MembershipRow[]).map((row) => serializeMembership(this.urls, row, { embedded: false })),
        );
      case 'Meeting':
        return this.meetings(rows as MeetingRow[], omitInternal);
      case 'AgendaItem':
        return this.agendaItems(rows as AgendaItemRow[], omitInternal);
      case 'Paper':
        return this.papers(rows as PaperRow[], omitInternal);
      case 'Consultation':
        return Promise.resolve((rows as ConsultationRow[]).map((row) => this.consultation(row, false)));
      case 'File':
        return Promise.resolve((rows as FileRow[]).map((row) => serializeFile(this.urls, row, { embedded: false })));
      case 'Location':
        return this.locations(rows as LocationRow[]);
    }
    throw new Error(`unknown OParl type ${String(type)}`);
  }

  /** Embedded locations: live ones only (deleted objects are never embedded). */
  private async embeddedLocations(ids: (string | null)[]) {
    const rows = await this.repo.embeddedLocations(ids);
    return new Map(rows.map((row) => [row.id, row]));
  }

  private async shownBy<T extends ObjectType>(type: T, column: string, ids: string[]): Promise<RowOf[T][]> {
    return (await this.repo.liveBy(type, column, ids)).filter(shown(type));
  }

  private async bodies(rows: BodyRow[], omitInternal: boolean) {
    const locations = await this.embeddedLocations(rows.map((r) => r.location_id));
    const bodyIds = rows.map((r) => r.id);
    const terms = groupBy(
      (await this.shownBy('LegislativeTerm', 'body_id', bodyIds)).sort(byStartDate),
      (t) => t.body_id,
    );
    return rows.map((row) =>
      serializeBody(this.urls, row, {
        location: row.location_id ? locations.get(row.location_id) : undefined,
        legislativeTerms: terms.get(row.id) ?? [],
        omitInternal,
      }),
    );
  }

  private async organizations(rows: OrganizationRow[]) {
    const locations = await this.embeddedLocations(rows.map((r) => r.location_id));
    const memberships = groupBy(
      await this.repo.membershipIdsOfOrganizations(rows.map((r) => r.id)),
      (m) => m.organization_id,
    );
    return rows.map((row) =>
      serializeOrganization(this.urls, row, {
        location: row.location_id ? locations.get(row.location_id) : undefined,
        membershipIds: (memberships.get(row.id) ?? []).map((m) => m.id),
      }),
    );
  }

  private async persons(rows: PersonRow[], omitInternal: boolean) {
    const locations = await this.embeddedLocations(rows.map((r) => (r.contact_public ? r.location_id : null)));
    const personIds = rows.map((r) => r.id);
    const memberships = groupBy(
      (await this.shownBy('Membership', 'person_id', personIds)).sort(byStartDate),
      (m) => m.person_id,
    );
    return rows.map((row) =>
      serializePerson(this.urls, row, {
        location: row.contact_public && row.location_id ? locations.get(row.location_id) : undefined,
        memberships: memberships.get(row.id) ?? [],
        omitInternal,
      }),
    );
  }

  private async meetings(rows: MeetingRow[], omitInternal: boolean) {
    const ids = rows.map((r) => r.id);
    const locations = await this.embeddedLocations(rows.map((r) => r.location_id));
    const organizations = groupBy(await this.repo.meetingOrganizations(ids), (l) => l.meeting_id);
    // Files of the meetings and of all their agenda items come in one query.
    const allFiles = (await this.repo.filesOfMeetings(ids)).filter(shown('File')).sort(byFileOrder);
    const files = groupBy(allFiles, (f) => f.meeting_id);
    const agendas = omitInternal ? new Map<string, AgendaItemRow[]>() : await this.agendas(ids);
    const items = [...agendas.values()].flat();
    const itemParts = await this.agendaItemParts(items, allFiles);
    return rows.map((row) =>
      serializeMeeting(this.urls, row, {
        location: row.location_id ? locations.get(row.location_id) : undefined,
        organizationIds: (organizations.get(row.id) ?? []).map((l) => l.organization_id),
        files: files.get(row.id) ?? [],
        agendaItems: (agendas.get(row.id) ?? []).map((item, order) =>
          serializeAgendaItem(this.urls, item, { embedded: true, order, ...itemParts(item.id), omitInternal: false }),
        ),
        omitInternal,
      }),
    );
  }

  /** The shown agenda of each meeting in agenda order: Meeting.agendaItem, and the source of every `order`. */
  private async agendas(meetingIds: string[]): Promise<Map<string, AgendaItemRow[]>> {
    return agendaOf((await this.repo.liveBy('AgendaItem', 'meeting_id', meetingIds)).filter(onPublicAgenda));
  }

  /** Files and the consultation link of agenda items, loaded together for all of them (files unless given). */
  private async agendaItemParts(items: AgendaItemRow[], loadedFiles?: FileRow[]) {
    const ids = items.map((i) => i.id);
    const files = groupBy(
      loadedFiles ?? (await this.shownBy('File', 'agenda_item_id', ids)).sort(byFileOrder),
      (f) => f.agenda_item_id,
    );
    const consultations = groupBy(
      (await this.shownBy('Consultation', 'agenda_item_id', ids)).sort(byCreated),
      (c) => c.agenda_item_id,
    );
    return (itemId: string) => ({
      files: files.get(itemId) ?? [],
      consultationId: consultations.get(itemId)?.[0]?.id,
    });
  }

  private async agendaItems(rows: AgendaItemRow[], omitInternal: boolean) {
    const agendas = agendaOf((await this.repo.agendaEntries(rows.map((r) => r.meeting_id))).filter(onPublicAgenda));
    const order = new Map<string, number>();
    for (const agenda of agendas.values()) agenda.forEach((item, index) => order.set(item.id, index));
    const parts = await this.agendaItemParts(rows);
    return rows.map((row) =>
      serializeAgendaItem(this.urls, row, {
        embedded: false,
        order: order.get(row.id) ?? 0,
        ...parts(row.id),
        omitInternal,
      }),
    );
  }

  private consultation(row: ConsultationRow, embedded: boolean) {
    const agendaItemVisible =
      row.agenda_item_id !== null &&
      row.agenda_item_deleted === false &&
      mayLink(
        row.body_id,
        agendaItemPublic({ public: row.agenda_item_public ?? false, parent_public: row.agenda_item_parent_public }),
      );
    return serializeConsultation(this.urls, row, { embedded, agendaItemVisible });
  }

  private async papers(rows: PaperRow[], omitInternal: boolean) {
    const ids = rows.map((r) => r.id);
    const files = groupBy((await this.shownBy('File', 'paper_id', ids)).sort(byFileOrder), (f) => f.paper_id);
    const consultations = groupBy(
      (await this.shownBy('Consultation', 'paper_id', ids)).sort(byPosition),
      (c) => c.paper_id,
    );
    const subordinated = groupBy(
      (await this.repo.subordinatedPapers(ids)).filter((p) => mayLink(p.body_id, p.public)),
      (p) => p.superordinated_paper_id,
    );
    return rows.map((row) =>
      serializePaper(this.urls, row, {
        files: files.get(row.id) ?? [],
        consultations: (consultations.get(row.id) ?? []).map((c) => this.consultation(c, true)),
        superordinatedPaperId:
          row.superordinated_paper_id &&
          row.superordinated_deleted === false &&
          mayLink(row.body_id, row.superordinated_public === true)
            ? row.superordinated_paper_id
            : undefined,
        subordinatedPaperIds: (subordinated.get(row.id) ?? []).map((p) => p.id),
        omitInternal,
      }),
    );
  }

  private async locations(rows: LocationRow[]) {
    const refs = await this.repo.locationBackReferences(rows.map((r) => r.id));
    const group = (list: { location_id: string; id: string }[]) => groupBy(list, (r) => r.location_id);
    const bodies = group(refs.bodies);
    const organizations = group(refs.organizations);
    const persons = group(refs.persons);
    const meetings = group(refs.meetings);
    const ids = (map: Map<string, { id: string }[]>, id: string) => (map.get(id) ?? []).map((r) => r.id);
    return rows.map((row) =>
      serializeLocation(this.urls, row, {
        embedded: false,
        modified: row.eff_modified,
        backReferences: {
          bodies: ids(bodies, row.id),
          organizations: ids(organizations, row.id),
          persons: ids(persons, row.id),
          meetings: ids(meetings, row.id),
        },
      }),
    );
  }
}
