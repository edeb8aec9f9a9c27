/**
 * Turns rows into the records a device stores (shared/sync/protocol.ts). Only rows the visible set has already
 * chosen for this user are loaded; the derived fields (effective publicity, a readable consulted item, whether a
 * file version is the current one) come from the flags of that same visible-set version, so a record and the
 * version the server remembers for it always agree.
 */
import {
  currentValues,
  type Anchor,
  type AnnotationState,
  type SyncEntity,
  type SyncRecordOf,
  type SyncUpsert,
} from '@ratsmappe/shared';
import type { Kysely, Transaction } from 'kysely';
import { iso } from '../../db/rows.js';
import type { Database } from '../../db/schema/tables.js';
import { derivedFlags } from './visible-set.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface Wanted {
  entity: SyncEntity;
  id: string;
  version: string;
}

/** Who the records are for: own annotations carry their full state, shared ones only their values. */
export interface RecordContext {
  accountId: string;
}

type Loader<E extends SyncEntity> = (
  db: Db,
  wanted: Wanted[],
  context: RecordContext,
) => Promise<Map<string, SyncRecordOf[E]>>;

const isoOrNull = (value: Date | null) => (value === null ? null : iso(value));
const flagsById = (wanted: Wanted[]) => new Map(wanted.map((w) => [w.id, derivedFlags(w.version)]));
const byId = <T extends { id: string }>(records: T[]) => new Map(records.map((r) => [r.id, r]));
const ids = (wanted: Wanted[]) => wanted.map((w) => w.id);

const loaders: { [E in SyncEntity]: Loader<E> } = {
  body: async (db, wanted) =>
    byId(
      (
        await db
          .selectFrom('body')
          .select(['id', 'slug', 'name', 'short_name'])
          .where('id', 'in', ids(wanted))
          .execute()
      ).map((r) => ({ id: r.id, slug: r.slug, name: r.name, shortName: r.short_name })),
    ),
  legislativeTerm: async (db, wanted) =>
    byId(
      (await db.selectFrom('legislative_term').selectAll().where('id', 'in', ids(wanted)).execute()).map((r) => ({
        id: r.id,
        bodyId: r.body_id,
        name: r.name,
        startDate: r.start_date,
        endDate: r.end_date,
      })),
    ),
  location: async (db, wanted) =>
    byId(
      (await db.selectFrom('location').selectAll().where('id', 'in', ids(wanted)).execute()).map((r) => ({
        id: r.id,
        bodyId: r.body_id,
        description: r.description,
        streetAddress: r.street_address,
        room: r.room,
        postalCode: r.postal_code,
        locality: r.locality,
      })),
    ),
  organization: async (db, wanted) =>
    byId(
      (await db.selectFrom('organization').selectAll().where('id', 'in', ids(wanted)).execute()).map((r) => ({
        id: r.id,
        bodyId: r.body_id,
        kind: r.kind,
        name: r.name,
        shortName: r.short_name,
        startDate: r.start_date,
        endDate: r.end_date,
      })),
    ),
  person: async (db, wanted) =>
    byId(
      (await db.selectFrom('person').selectAll().where('id', 'in', ids(wanted)).execute()).map((r) => ({
        id: r.id,
        bodyId: r.body_id,
        name: r.name,
        familyName: r.family_name,
        givenName: r.given_name,
        formOfAddress: r.form_of_address,
        title: r.title,
        // Contact data only where the person made it public, as on the public person page.
        email: r.contact_public ? r.email : null,
        phone: r.contact_public ? r.phone : null,
      })),
    ),
  membership: async (db, wanted) =>
    byId(
      (await db.selectFrom('membership').selectAll().where('id', 'in', ids(wanted)).execute()).map((r) => ({
        id: r.id,
        bodyId: r.body_id,
        personId: r.person_id,
        organizationId: r.organization_id,
        role: r.role,
        deputy: r.deputy,
        votingRight: r.voting_right,
        startDate: r.start_date,
        endDate: r.end_date,
        onBehalfOf: r.on_behalf_of,
      })),
    ),
  meeting: async (db, wanted) => {
    const rows = await db.selectFrom('meeting').selectAll().where('id', 'in', ids(wanted)).execute();
    const holders = await db
      .selectFrom('meeting_organization')
      .select(['meeting_id', 'organization_id'])
      .where('meeting_id', 'in', ids(wanted))
      .where('deleted', '=', false)
      .orderBy('meeting_id')
      .orderBy('position')
      .execute();
    const organizationIds = new Map<string, string[]>();
    for (const h of holders)
      organizationIds.set(h.meeting_id, [...(organizationIds.get(h.meeting_id) ?? []), h.organization_id]);
    return byId(
      rows.map((r) => ({
        id: r.id,
        bodyId: r.body_id,
        name: r.name,
        state: r.meeting_state,
        cancelled: r.cancelled,
        start: iso(r.start),
        end: isoOrNull(r.end),
        locationId: r.location_id,
        invitedAt: isoOrNull(r.invited_at),
        organizationIds: organizationIds.get(r.id) ?? [],
      })),
    );
  },
  agendaItem: async (db, wanted) => {
    const flags = flagsById(wanted);
    const rows = await db.selectFrom('agenda_item').selectAll().where('id', 'in', ids(wanted)).execute();
    return byId(
      rows.map((r) => ({
        id: r.id,
        bodyId: r.body_id,
        meetingId: r.meeting_id,
        parentId: r.parent_id,
        position: r.position,
        number: r.number,
        name: r.name,
        public: flags.get(r.id)?.[0] ?? false,
        paperId: r.paper_id,
        result: r.result,
        resolutionText: r.resolution_text,
        supplementAt: isoOrNull(r.supplement_at),
      })),
    );
  },
  paper: async (db, wanted) =>
    byId(
      (await db.selectFrom('paper').selectAll().where('id', 'in', ids(wanted)).execute()).map((r) => ({
        id: r.id,
        bodyId: r.body_id,
        name: r.name,
        reference: r.reference,
        date: r.date,
        paperType: r.paper_type,
        bodyText: r.body_text,
        public: r.public,
      })),
    ),
  consultation: async (db, wanted) => {
    const flags = flagsById(wanted);
    const rows = await db.selectFrom('consultation').selectAll().where('id', 'in', ids(wanted)).execute();
    return byId(
      rows.map((r) => ({
        id: r.id,
        bodyId: r.body_id,
        paperId: r.paper_id,
        meetingId: r.meeting_id,
        agendaItemId: flags.get(r.id)?.[0] ? r.agenda_item_id : null,
        organizationId: r.organization_id,
        position: r.position,
        authoritative: r.authoritative,
        role: r.role,
      })),
    );
  },
  file: async (db, wanted) => {
    const flags = flagsById(wanted);
    const rows = await db.selectFrom('file').selectAll().where('id', 'in', ids(wanted)).execute();
    return byId(
      rows.map((r) => ({
        id: r.id,
        bodyId: r.body_id,
        name: r.name,
        role: r.role,
        meetingId: r.meeting_id,
        agendaItemId: r.agenda_item_id,
        paperId: r.paper_id,
        position: r.position,
        date: r.date,
        public: flags.get(r.id)?.[0] ?? false,
      })),
    );
  },
  fileVersion: async (db, wanted) => {
    const current = new Set(wanted.filter((w) => derivedFlags(w.version)[0]).map((w) => w.id));
    const rows = await db
      .selectFrom('file_version')
      .select(['id', 'body_id', 'file_id', 'version', 'sha256', 'size', 'mime_type', 'file_name'])
      .where('id', 'in', ids(wanted))
      .execute();
    // The text travels for the current version only: offline search looks at what a councillor reads.
    const texts = current.size
      ? await db
          .selectFrom('file_version')
          .select(['id', 'extracted_text'])
          .where('id', 'in', [...current])
          .execute()
      : [];
    const textById = new Map(texts.map((t) => [t.id, t.extracted_text]));
    return byId(
      rows.map((r) => ({
        id: r.id,
        bodyId: r.body_id,
        fileId: r.file_id,
        version: r.version,
        sha256: r.sha256,
        size: Number(r.size),
        mimeType: r.mime_type,
        fileName: r.file_name,
        extractedText: textById.get(r.id) ?? null,
      })),
    );
  },
  annotation: async (db, wanted, context) => {
    const rows = await db
      .selectFrom('annotation')
      .innerJoin('account', 'account.id', 'annotation.account_id')
      .selectAll('annotation')
      .select('account.display_name')
      .where('annotation.id', 'in', ids(wanted))
      .execute();
    return byId(
      rows.map((r) => {
        const state = r.state as AnnotationState;
        const own = r.account_id === context.accountId;
        return {
          id: r.id,
          bodyId: r.body_id,
          kind: r.kind,
          fileId: r.file_id,
          agendaItemId: r.agenda_item_id,
          createdAt: iso(r.created),
          modifiedAt: iso(r.modified),
          own,
          authorName: r.display_name,
          values: currentValues(state),
          state: own ? state : null,
          anchors: r.anchors as Record<string, Anchor>,
        };
      }),
    );
  },
  pin: async (db, wanted) =>
    byId(
      (await db.selectFrom('meeting_pin').selectAll().where('id', 'in', ids(wanted)).execute()).map((r) => ({
        id: r.id,
        meetingId: r.meeting_id,
        pinnedAt: iso(r.created),
      })),
    ),
};

/** Loads the records of `wanted`, in its order; rows that vanished since the diff are left out (sent next time). */
export async function loadRecords(
  db: Db,
  wanted: Wanted[],
  context: RecordContext,
): Promise<{ upserts: SyncUpsert[]; loaded: Wanted[] }> {
  const groups = new Map<SyncEntity, Wanted[]>();
  for (const w of wanted) groups.set(w.entity, [...(groups.get(w.entity) ?? []), w]);
  const records = new Map<string, unknown>();
  for (const [entity, group] of groups) {
    const loaded = await (loaders[entity] as Loader<SyncEntity>)(db, group, context);
    for (const [id, record] of loaded) records.set(`${entity}/${id}`, record);
  }
  const upserts: SyncUpsert[] = [];
  const loaded: Wanted[] = [];
  for (const w of wanted) {
    const data = records.get(`${w.entity}/${w.id}`);
    if (data === undefined) continue;
    upserts.push({ op: 'upsert', entity: w.entity, id: w.id, data } as SyncUpsert);
    loaded.push(w);
  }
  return { upserts, loaded };
}
