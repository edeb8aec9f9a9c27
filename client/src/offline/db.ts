/**
 * Invariant: one database per signed-in account (`ratsmappe-user-<accountId>`), holding only what the server sent
 * this device (entity tables, exactly as the pull delivered them), what the device has not yet sent (outbox) and
 * document bytes in 4 MiB chunks. The synced tables are never written except by applying a pull page, the offline
 * lease and a wipe, so they always equal some state the server answered.
 */
import Dexie, { type Table } from 'dexie';
import type {
  SyncAgendaItem,
  SyncAnnotation,
  SyncBody,
  SyncConsultation,
  SyncEntity,
  SyncFile,
  SyncFileVersion,
  SyncLegislativeTerm,
  SyncLocation,
  SyncMeeting,
  SyncMembership,
  SyncMutationName,
  SyncOrganization,
  SyncPaper,
  SyncPerson,
  SyncPin,
  SyncRecordOf,
} from '@ratsmappe/shared';
import { userDatabaseName } from './account-data';

/** Chunk size of stored documents: small transactions (Safari fails on large Blob writes) and natural resume points. */
export const chunkSize = 4 * 1024 * 1024;

export const defaultWindowWeeks = 6;

/** Every synced entity, in the order the shared protocol lists them (checked against `SyncEntity` below). */
export const syncEntityNames = [
  'body',
  'legislativeTerm',
  'location',
  'organization',
  'person',
  'membership',
  'meeting',
  'agendaItem',
  'paper',
  'consultation',
  'file',
  'fileVersion',
  'pin',
  'annotation',
] as const satisfies readonly SyncEntity[];
// Fails to compile when the protocol gains an entity this list (and so the schema) lacks.
const _allEntitiesListed: Record<SyncEntity, (typeof syncEntityNames)[number]> = {
  body: 'body',
  legislativeTerm: 'legislativeTerm',
  location: 'location',
  organization: 'organization',
  person: 'person',
  membership: 'membership',
  meeting: 'meeting',
  agendaItem: 'agendaItem',
  paper: 'paper',
  consultation: 'consultation',
  file: 'file',
  fileVersion: 'fileVersion',
  pin: 'pin',
  annotation: 'annotation',
};

export function isSyncEntity(value: string): value is SyncEntity {
  return (syncEntityNames as readonly string[]).includes(value);
}

export interface SyncError {
  code: string;
  message: string;
  at: string;
}

/**
 * How the current pull from cursor "0" treats rows: `initial` (empty database: no change markers), `sweep` (rows
 * already here; those the pull does not deliver again are gone once it ends).
 */
export type ResyncMode = 'none' | 'initial' | 'sweep';

export interface MetaRow {
  id: 'local';
  accountId: string;
  /** Persons linked to the account (from the session), for "my committees". */
  personIds: string[];
  deviceId: string | null;
  /** The last page this device applied; "0" asks for everything. */
  cursor: string;
  resync: ResyncMode;
  /** Server time of the last successful pull: the offline lease counts from here. */
  lastContactAt: string | null;
  /** Device time when the last complete sync (push and every pull page) ended. */
  lastSyncAt: string | null;
  /** When the user last looked at the home screen. */
  lastVisitAt: string | null;
  offlineLeaseDays: number | null;
  /** Set while non-public content is deleted because the lease ran out; cleared by the next successful pull. */
  leaseExpiredAt: string | null;
  lastError: SyncError | null;
  /** The last mutation number handed out on this device (strictly +1 per mutation). */
  lastSeq: number;
  /** The last mutation the server reported as applied. */
  ackedSeq: number;
  /** Keep documents of meetings in the next N weeks. */
  windowWeeks: number;
  /** The device's hybrid logical clock for annotation edits (offline/annotations.ts); absent before the first. */
  hlc?: string;
}

export interface OutboxRow {
  seq: number;
  name: SyncMutationName;
  args: Record<string, unknown>;
  createdAt: string;
}

export interface RejectedRow extends OutboxRow {
  code: string;
  message: string;
  rejectedAt: string;
}

export interface BlobChunkRow {
  sha256: string;
  index: number;
  /** Exactly the chunk's bytes (its own buffer: a view would store the whole underlying buffer). */
  data: Uint8Array;
}

export interface BlobRow {
  sha256: string;
  size: number;
  mimeType: string;
  /** Bytes in complete stored chunks, counted from the start. */
  receivedBytes: number;
  /** All bytes stored. */
  complete: boolean;
  /** The stored bytes hash to `sha256`. Only verified blobs are shown. */
  verified: boolean;
  lastUsedAt: string | null;
  /** Why the last attempt failed (`not_found`, `hash_mismatch`, …), for the storage page. */
  error: string | null;
}

/** What changed in a meeting since the user last opened it: the home screen's "neu/geändert/Nachtrag". */
export interface ChangeRow {
  meetingId: string;
  isNew: boolean;
  changed: boolean;
  supplement: boolean;
  at: string;
}

/**
 * A document that arrived (`new`) or got a new version (`version`) after the first sync and that the user has not
 * opened since: the meeting page's "neu" marker.
 */
export interface UnseenFileRow {
  fileId: string;
  kind: 'new' | 'version';
  at: string;
}

/** A meeting whose documents the user removed from this device; the downloader leaves it alone. */
export interface ExcludedRow {
  meetingId: string;
  at: string;
}

/** Rows a sweeping resync has delivered (`entity:id`). */
export interface ResyncRow {
  key: string;
}

export type EntityTables = { [E in SyncEntity]: Table<SyncRecordOf[E], string> };

export class UserDatabase extends Dexie {
  body!: Table<SyncBody, string>;
  legislativeTerm!: Table<SyncLegislativeTerm, string>;
  location!: Table<SyncLocation, string>;
  organization!: Table<SyncOrganization, string>;
  person!: Table<SyncPerson, string>;
  membership!: Table<SyncMembership, string>;
  meeting!: Table<SyncMeeting, string>;
  agendaItem!: Table<SyncAgendaItem, string>;
  paper!: Table<SyncPaper, string>;
  consultation!: Table<SyncConsultation, string>;
  file!: Table<SyncFile, string>;
  fileVersion!: Table<SyncFileVersion, string>;
  pin!: Table<SyncPin, string>;
  annotation!: Table<SyncAnnotation, string>;
  meta!: Table<MetaRow, 'local'>;
  outbox!: Table<OutboxRow, number>;
  rejected!: Table<RejectedRow, number>;
  blobChunks!: Table<BlobChunkRow, [string, number]>;
  blobs!: Table<BlobRow, string>;
  changesSeen!: Table<ChangeRow, string>;
  excluded!: Table<ExcludedRow, string>;
  resync!: Table<ResyncRow, string>;
  unseenFiles!: Table<UnseenFileRow, string>;

  constructor(readonly accountId: string) {
    super(userDatabaseName(accountId));
    this.version(1).stores({
      body: 'id',
      legislativeTerm: 'id, bodyId',
      location: 'id',
      organization: 'id, bodyId',
      person: 'id, bodyId',
      membership: 'id, personId, organizationId',
      meeting: 'id, start, *organizationIds',
      agendaItem: 'id, meetingId, paperId',
      paper: 'id',
      consultation: 'id, paperId, meetingId, agendaItemId',
      file: 'id, meetingId, agendaItemId, paperId',
      fileVersion: 'id, fileId, sha256',
      pin: 'id, meetingId',
      annotation: 'id, fileId, agendaItemId',
      meta: 'id',
      outbox: 'seq',
      rejected: 'seq',
      blobChunks: '[sha256+index], sha256',
      blobs: 'sha256, lastUsedAt',
      changesSeen: 'meetingId',
      excluded: 'meetingId',
      resync: 'key',
    });
    this.version(2).stores({ unseenFiles: 'fileId' });
  }

  entityTable<E extends SyncEntity>(entity: E): EntityTables[E] {
    return this.table(entity) as EntityTables[E];
  }

  entityTables(): Table[] {
    return syncEntityNames.map((name) => this.table(name));
  }

  /** The meta row, created on first use. */
  async readMeta(): Promise<MetaRow> {
    return this.transaction('rw', this.meta, async () => {
      const meta = await this.meta.get('local');
      return meta ?? this.createMeta();
    });
  }

  private async createMeta(): Promise<MetaRow> {
    const fresh: MetaRow = {
      id: 'local',
      accountId: this.accountId,
      personIds: [],
      deviceId: null,
      cursor: '0',
      resync: 'none',
      lastContactAt: null,
      lastSyncAt: null,
      lastVisitAt: null,
      offlineLeaseDays: null,
      leaseExpiredAt: null,
      lastError: null,
      lastSeq: 0,
      ackedSeq: 0,
      windowWeeks: defaultWindowWeeks,
    };
    await this.meta.add(fresh);
    return fresh;
  }

  async updateMeta(changes: Partial<Omit<MetaRow, 'id'>>): Promise<void> {
    await this.transaction('rw', this.meta, async () => {
      await this.readMeta();
      await this.meta.update('local', changes);
    });
  }
}

export function openUserDatabase(accountId: string): UserDatabase {
  return new UserDatabase(accountId);
}
