import type { FileOwnerType, MeetingState } from '@ratsmappe/shared';
import type { Insertable, Kysely } from 'kysely';
import type { Database, FileRow, FileVersionRow, UploadIdempotencyTable } from '../../db/schema/tables.js';

export interface FileOwner {
  type: FileOwnerType;
  id: string;
}

/** What visibility needs to know about the meeting, agenda item or paper a file is attached to. */
export interface OwnerRecord {
  owner: FileOwner;
  bodyId: string;
  /** The owner or a container above it (the meeting of an item) is deleted. */
  deleted: boolean;
  /** Agenda items: the item's and its parent's own flags. Papers: the paper's flag. Meetings: null (public). */
  itemPublic: boolean | null;
  parentPublic: boolean | null;
  paperPublic: boolean | null;
  /** States of the meeting(s) the owner belongs to or is consulted in. */
  meetingStates: MeetingState[];
  /** Organizations whose current members may read non-public files of this owner. */
  organizationIds: string[];
}

const ownerColumn = { meeting: 'meeting_id', agenda_item: 'agenda_item_id', paper: 'paper_id' } as const;

export function ownerOf(file: Pick<FileRow, 'meeting_id' | 'agenda_item_id' | 'paper_id'>): FileOwner {
  if (file.meeting_id) return { type: 'meeting', id: file.meeting_id };
  if (file.agenda_item_id) return { type: 'agenda_item', id: file.agenda_item_id };
  return { type: 'paper', id: file.paper_id! };
}

export class FileRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async ownerRecord(owner: FileOwner, db: Kysely<Database> = this.db): Promise<OwnerRecord | null> {
    if (owner.type === 'meeting') {
      const meeting = await db
        .selectFrom('meeting')
        .select(['body_id', 'meeting_state', 'deleted'])
        .where('id', '=', owner.id)
        .executeTakeFirst();
      if (!meeting) return null;
      return {
        owner,
        bodyId: meeting.body_id,
        deleted: meeting.deleted,
        itemPublic: null,
        parentPublic: null,
        paperPublic: null,
        meetingStates: [meeting.meeting_state],
        organizationIds: await this.meetingOrganizationIds(db, owner.id),
      };
    }
    if (owner.type === 'agenda_item') {
      const item = await db
        .selectFrom('agenda_item as ai')
        .innerJoin('meeting as m', 'm.id', 'ai.meeting_id')
        .leftJoin('agenda_item as parent', 'parent.id', 'ai.parent_id')
        .select([
          'ai.body_id',
          'ai.public',
          'ai.deleted',
          'ai.meeting_id',
          'm.meeting_state',
          'm.deleted as meeting_deleted',
          'parent.public as parent_public',
          'parent.deleted as parent_deleted',
        ])
        .where('ai.id', '=', owner.id)
        .executeTakeFirst();
      if (!item) return null;
      return {
        owner,
        bodyId: item.body_id,
        deleted: item.deleted || item.meeting_deleted || item.parent_deleted === true,
        itemPublic: item.public,
        parentPublic: item.parent_public,
        paperPublic: null,
        meetingStates: [item.meeting_state],
        organizationIds: await this.meetingOrganizationIds(db, item.meeting_id),
      };
    }
    const paper = await db
      .selectFrom('paper')
      .select(['body_id', 'public', 'deleted'])
      .where('id', '=', owner.id)
      .executeTakeFirst();
    if (!paper) return null;
    return {
      owner,
      bodyId: paper.body_id,
      deleted: paper.deleted,
      itemPublic: null,
      parentPublic: null,
      paperPublic: paper.public,
      meetingStates: await this.paperMeetingStates(db, owner.id),
      organizationIds: await this.paperOrganizationIds(db, owner.id),
    };
  }

  /** Row lock on the owner: concurrent uploads to one owner run one after the other (duplicate check). */
  async lockOwner(trx: Kysely<Database>, owner: FileOwner): Promise<void> {
    const table = owner.type === 'meeting' ? 'meeting' : owner.type === 'agenda_item' ? 'agenda_item' : 'paper';
    await trx.selectFrom(table).select('id').where('id', '=', owner.id).forUpdate().execute();
  }

  find(id: string, db: Kysely<Database> = this.db): Promise<FileRow | undefined> {
    return db.selectFrom('file').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findForUpdate(trx: Kysely<Database>, id: string): Promise<FileRow | undefined> {
    return trx.selectFrom('file').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  /** The live file of an owner with this role and display name, locked (how generated documents find theirs). */
  findLiveByName(trx: Kysely<Database>, owner: FileOwner, role: FileRow['role'], name: string) {
    return trx
      .selectFrom('file')
      .selectAll()
      .where(ownerColumn[owner.type], '=', owner.id)
      .where('role', '=', role)
      .where('name', '=', name)
      .where('deleted', '=', false)
      .orderBy('created')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
  }

  /** Non-deleted files of an owner, in their order. */
  listOfOwner(owner: FileOwner): Promise<FileRow[]> {
    return this.db
      .selectFrom('file')
      .selectAll()
      .where(ownerColumn[owner.type], '=', owner.id)
      .where('deleted', '=', false)
      .orderBy('position')
      .orderBy('created')
      .execute();
  }

  /** Non-deleted versions, newest first. */
  async versionsOf(fileIds: readonly string[], db: Kysely<Database> = this.db): Promise<FileVersionRow[]> {
    if (fileIds.length === 0) return [];
    return db
      .selectFrom('file_version')
      .selectAll()
      .where('file_id', 'in', fileIds)
      .where('deleted', '=', false)
      .orderBy('file_id')
      .orderBy('version', 'desc')
      .execute();
  }

  version(fileId: string, version: number): Promise<FileVersionRow | undefined> {
    return this.db
      .selectFrom('file_version')
      .selectAll()
      .where('file_id', '=', fileId)
      .where('version', '=', version)
      .where('deleted', '=', false)
      .executeTakeFirst();
  }

  currentVersion(fileId: string, db: Kysely<Database> = this.db): Promise<FileVersionRow | undefined> {
    return db
      .selectFrom('file_version')
      .selectAll()
      .where('file_id', '=', fileId)
      .where('deleted', '=', false)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** A live file of this owner whose current version has exactly this content and file name (a retried upload). */
  async findDuplicate(trx: Kysely<Database>, owner: FileOwner, sha256: string, fileName: string) {
    const row = await trx
      .selectFrom('file as f')
      .innerJoin('file_version as v', 'v.file_id', 'f.id')
      .select('f.id')
      .where(`f.${ownerColumn[owner.type]}`, '=', owner.id)
      .where('f.deleted', '=', false)
      .where('v.deleted', '=', false)
      .where('v.sha256', '=', sha256)
      .where('v.file_name', '=', fileName)
      .where((eb) =>
        eb(
          'v.version',
          '=',
          eb
            .selectFrom('file_version as w')
            .select(({ fn }) => fn.max('w.version').as('max'))
            .whereRef('w.file_id', '=', 'f.id')
            .where('w.deleted', '=', false),
        ),
      )
      .orderBy('f.created')
      .limit(1)
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /** A live idempotency key of this account (expired keys count as unused). */
  findIdempotency(db: Kysely<Database>, accountId: string, key: string, now: Date) {
    return db
      .selectFrom('upload_idempotency')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('key', '=', key)
      .where('expires', '>', now)
      .executeTakeFirst();
  }

  /** Expired keys of one account go when it uploads again: the table stays as small as a day of its uploads. */
  async forgetExpiredIdempotency(trx: Kysely<Database>, accountId: string, now: Date): Promise<void> {
    await trx
      .deleteFrom('upload_idempotency')
      .where('account_id', '=', accountId)
      .where('expires', '<=', now)
      .execute();
  }

  /** False when another request took the key first (it committed while this one was running). */
  async rememberIdempotency(trx: Kysely<Database>, row: Insertable<UploadIdempotencyTable>): Promise<boolean> {
    const inserted = await trx
      .insertInto('upload_idempotency')
      .values(row)
      .onConflict((oc) => oc.columns(['account_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async insertBlob(trx: Kysely<Database>, blob: { sha256: string; size: number; mimeType: string }) {
    await trx
      .insertInto('blob')
      .values({ sha256: blob.sha256, size: blob.size, mime_type: blob.mimeType })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
  }

  async nextPosition(trx: Kysely<Database>, owner: FileOwner): Promise<number> {
    const row = await trx
      .selectFrom('file')
      .select(({ fn }) => fn.max('position').as('max'))
      .where(ownerColumn[owner.type], '=', owner.id)
      .executeTakeFirst();
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
  }

  insertFile(
    trx: Kysely<Database>,
    values: {
      bodyId: string;
      owner: FileOwner;
      name: string;
      role: FileRow['role'];
      position: number;
      date: string;
      public: boolean;
      visibilityConfirmedAt: Date | null;
    },
  ): Promise<FileRow> {
    return trx
      .insertInto('file')
      .values({
        body_id: values.bodyId,
        name: values.name,
        role: values.role,
        meeting_id: values.owner.type === 'meeting' ? values.owner.id : null,
        agenda_item_id: values.owner.type === 'agenda_item' ? values.owner.id : null,
        paper_id: values.owner.type === 'paper' ? values.owner.id : null,
        position: values.position,
        date: values.date,
        public: values.public,
        visibility_confirmed_at: values.visibilityConfirmedAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** The next version number; deleted versions keep theirs, so numbers are never reused. */
  async nextVersion(trx: Kysely<Database>, fileId: string): Promise<number> {
    const row = await trx
      .selectFrom('file_version')
      .select(({ fn }) => fn.max('version').as('max'))
      .where('file_id', '=', fileId)
      .executeTakeFirst();
    return row?.max === null || row?.max === undefined ? 1 : Number(row.max) + 1;
  }

  insertVersion(
    trx: Kysely<Database>,
    values: {
      bodyId: string;
      fileId: string;
      version: number;
      sha256: string;
      size: number;
      mimeType: string;
      fileName: string;
    },
  ): Promise<FileVersionRow> {
    return trx
      .insertInto('file_version')
      .values({
        body_id: values.bodyId,
        file_id: values.fileId,
        version: values.version,
        sha256: values.sha256,
        size: values.size,
        mime_type: values.mimeType,
        file_name: values.fileName,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async setVisibility(trx: Kysely<Database>, fileId: string, isPublic: boolean, confirmedAt: Date | null) {
    await trx
      .updateTable('file')
      .set({ public: isPublic, visibility_confirmed_at: confirmedAt })
      .where('id', '=', fileId)
      .execute();
  }

  async softDelete(trx: Kysely<Database>, fileId: string) {
    await trx.updateTable('file').set({ deleted: true }).where('id', '=', fileId).execute();
  }

  /** Withdraws the live versions older than `version`; returns their numbers. */
  async softDeleteVersionsBefore(trx: Kysely<Database>, fileId: string, version: number): Promise<number[]> {
    const rows = await trx
      .updateTable('file_version')
      .set({ deleted: true })
      .where('file_id', '=', fileId)
      .where('version', '<', version)
      .where('deleted', '=', false)
      .returning('version')
      .execute();
    return rows.map((r) => r.version).sort((a, b) => a - b);
  }

  /** Live versions with this content, with their live files. */
  withContent(sha256: string) {
    return this.db
      .selectFrom('file_version as v')
      .innerJoin('file as f', 'f.id', 'v.file_id')
      .selectAll('f')
      .select([
        'v.version',
        'v.size as version_size',
        'v.mime_type as version_mime_type',
        'v.created as version_created',
      ])
      .where('v.sha256', '=', sha256)
      .where('v.deleted', '=', false)
      .where('f.deleted', '=', false)
      .orderBy('f.public', 'desc')
      .orderBy('v.created')
      .execute();
  }

  async blobCreated(sha256: string): Promise<Date | null> {
    const row = await this.db.selectFrom('blob').select('created').where('sha256', '=', sha256).executeTakeFirst();
    return row?.created ?? null;
  }

  private async meetingOrganizationIds(db: Kysely<Database>, meetingId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('meeting_organization')
      .select('organization_id')
      .where('meeting_id', '=', meetingId)
      .where('deleted', '=', false)
      .execute();
    return rows.map((r) => r.organization_id);
  }

  /** The same rule as PaperRepository.accessOrganizationIds: consulting organizations and holders of its meetings. */
  private async paperOrganizationIds(db: Kysely<Database>, paperId: string): Promise<string[]> {
    const consulting = db
      .selectFrom('consultation')
      .select('organization_id as id')
      .where('paper_id', '=', paperId)
      .where('deleted', '=', false)
      .where('organization_id', 'is not', null);
    const holding = db
      .selectFrom('agenda_item as ai')
      .innerJoin('meeting_organization as mo', 'mo.meeting_id', 'ai.meeting_id')
      .select('mo.organization_id as id')
      .where('ai.paper_id', '=', paperId)
      .where('ai.deleted', '=', false)
      .where('mo.deleted', '=', false);
    const rows = await consulting.union(holding).execute();
    return rows.map((r) => r.id).filter((id): id is string => id !== null);
  }

  /** States of the live meetings that consult the paper or list it on their agenda. */
  private async paperMeetingStates(db: Kysely<Database>, paperId: string): Promise<MeetingState[]> {
    const viaConsultation = db
      .selectFrom('consultation as c')
      .innerJoin('meeting as m', 'm.id', 'c.meeting_id')
      .select('m.meeting_state as state')
      .where('c.paper_id', '=', paperId)
      .where('c.deleted', '=', false)
      .where('m.deleted', '=', false);
    const viaAgenda = db
      .selectFrom('agenda_item as ai')
      .innerJoin('meeting as m', 'm.id', 'ai.meeting_id')
      .select('m.meeting_state as state')
      .where('ai.paper_id', '=', paperId)
      .where('ai.deleted', '=', false)
      .where('m.deleted', '=', false);
    const rows = await viaConsultation.union(viaAgenda).execute();
    return rows.map((r) => r.state);
  }
}
