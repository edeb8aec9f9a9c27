import {
  acceptedDeclaredTypes,
  acceptedUploadTypes,
  berlinDate,
  fileMessages,
  idempotencyKeyPattern,
  isAgendaItemPublic,
  isFilePublic,
  mayRead,
  uploadRejectionMessages,
  type ConfirmFileVisibility,
  type FileUploadQuery,
  type FileVersion,
  type FileView,
  type Locale,
  type UploadRejectionReason,
} from '@ratsmappe/shared';
import type { Readable } from 'node:stream';
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../clock.js';
import { iso, isoOrNull } from '../../db/rows.js';
import type { Database, FileRow, FileVersionRow } from '../../db/schema/tables.js';
import { DomainError, notFound } from '../../errors.js';
import { BlobTooLargeError, sha256Pattern, type BlobRange, type BlobStore } from '../../storage/blob-store.js';
import { inspectUpload, UploadInterruptedError, UploadRejectedError } from '../../storage/upload-inspection.js';
import type { AccessService, Principal } from '../access/access.service.js';
import type { AuditService } from '../audit/audit.service.js';
import { decodeFileNameHeader, displayNameOf, hasExtension, sanitizeFileName } from './file-name.js';
import { ownerOf, type FileOwner, type FileRepository, type OwnerRecord } from './file.repository.js';

export type { FileOwner } from './file.repository.js';

/** One upload request: the raw body and what the headers say about it. */
export interface UploadRequest {
  /** Raw `X-File-Name` header (percent-encoded UTF-8). */
  fileNameHeader: string | undefined;
  contentType: string | undefined;
  contentLength: number | null;
  query: FileUploadQuery;
  body: ReadableStream<Uint8Array> | null;
  locale: Locale;
  /** Raw `X-Idempotency-Key` header, if sent. */
  idempotencyKey?: string | undefined;
}

export interface UploadResult {
  file: FileView;
  /** False when the request repeated an upload that is already stored (idempotent retry). */
  created: boolean;
  /** True when the answer is the stored outcome of an earlier request with the same `X-Idempotency-Key`. */
  replayed?: boolean;
}

type Outcome = { fileId: string; created: boolean; replayed?: boolean };

/** What a file door serves: one version of a file the asker may read, or the news that it was withdrawn. */
export type DownloadTarget =
  | {
      kind: 'file';
      fileId: string;
      bodyId: string;
      version: FileVersionRow;
      /** Effective publicity: decides caching and whether the download is audited. */
      public: boolean;
    }
  | { kind: 'gone' };

/** A document the server made itself (the invitation), stored like an upload but inside the caller's transaction. */
export interface GeneratedDocument {
  owner: FileOwner;
  bodyId: string;
  role: FileRow['role'];
  /** Display name; a live file of the owner with this role and name gets a new version instead of a second file. */
  name: string;
  fileName: string;
  content: Uint8Array;
  public: boolean;
}

interface StoredUpload {
  sha256: string;
  size: number;
  mimeType: string;
  fileName: string;
}

/** How long an `X-Idempotency-Key` answers repeats (a client retrying after a lost reply does so within minutes). */
const idempotencyLifetimeMs = 24 * 60 * 60 * 1000;

/** A request with `X-Idempotency-Key`: the key and what it names (endpoint, owner or file, file name, query). */
interface IdempotentRequest {
  accountId: string;
  key: string;
  target: string;
}

/** Compression-bomb cap for inspecting object streams: generous, but bounded. */
const MIN_INFLATE_CAP = 64 * 1024 * 1024;

/**
 * Documents attached to meetings, agenda items and papers. Content goes to the content-addressed blob store first
 * (durable before any row names it); rows and the audit entry then commit in one transaction. An interrupted or
 * refused upload therefore leaves no row, at most an unreferenced blob (harmless, identical content is shared).
 */
export class FileService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly files: FileRepository,
    private readonly blobs: BlobStore,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly limits: { maxUploadBytes: number },
  ) {}

  /**
   * Idempotency: an upload whose content (sha256) and file name equal the current version of a live file of the same
   * owner returns that file (`created: false`) instead of a second one. Uploads to one owner are serialised by a row
   * lock, so two copies of a retried request cannot both insert. With `X-Idempotency-Key` a repeat returns the first
   * outcome even when the content would no longer count as a duplicate (e.g. a new version came in between).
   */
  async upload(principal: Principal, owner: FileOwner, request: UploadRequest): Promise<UploadResult> {
    const record = await this.files.ownerRecord(owner);
    if (!record || record.deleted) throw notFound();
    this.access.requireOfficeStaff(principal, record.bodyId);
    const fileName = this.checkRequest(request);
    if (request.query.public && !ownerIsPublic(record)) throw ownerNotPublic(request.locale);
    const idempotent = await this.idempotentRequest(principal, request, [
      'upload',
      owner.type,
      owner.id,
      fileName,
      request.query.role,
      request.query.name ?? '',
      String(request.query.public),
    ]);
    const stored = await this.receive(principal, record, fileName, request);
    const replayed = idempotent && (await this.replay(this.db, idempotent, stored.sha256, request.locale));
    if (replayed) return replayed;

    const result = await this.db.transaction().execute(async (trx) => {
      await this.files.lockOwner(trx, owner);
      const current = await this.files.ownerRecord(owner, trx);
      if (!current || current.deleted) throw notFound();
      return this.rememberOutcome(trx, idempotent, stored.sha256, request.locale, async () => {
        const duplicate = await this.files.findDuplicate(trx, owner, stored.sha256, stored.fileName);
        if (duplicate) return { fileId: duplicate, created: false };
        return { fileId: await this.insertUpload(trx, principal, owner, current, stored, request), created: true };
      });
    });
    return { file: await this.view(result.fileId), created: result.created, replayed: result.replayed };
  }

  /** The new file of an upload, its first version and the audit entry, inside the upload's transaction. */
  private async insertUpload(
    trx: Transaction<Database>,
    principal: Principal,
    owner: FileOwner,
    current: OwnerRecord,
    stored: StoredUpload,
    request: UploadRequest,
  ): Promise<string> {
    const now = this.clock.now();
    // After the invitation, nothing new becomes public without an explicit confirmation (late additions).
    const awaitingConfirmation = isPublished(current);
    const isPublic = !awaitingConfirmation && request.query.public && ownerIsPublic(current);
    await this.files.insertBlob(trx, stored);
    const file = await this.files.insertFile(trx, {
      bodyId: current.bodyId,
      owner,
      name: request.query.name ?? displayNameOf(stored.fileName),
      role: request.query.role,
      position: await this.files.nextPosition(trx, owner),
      date: berlinDate(now),
      public: isPublic,
      visibilityConfirmedAt: awaitingConfirmation ? null : now,
    });
    await this.files.insertVersion(trx, { bodyId: current.bodyId, fileId: file.id, version: 1, ...stored });
    await this.audit.record(
      {
        accountId: principal.viewer.accountId,
        bodyId: current.bodyId,
        action: 'file.create',
        objectType: 'file',
        objectId: file.id,
        details: {
          owner,
          version: 1,
          sha256: stored.sha256,
          size: stored.size,
          fileName: stored.fileName,
          public: isPublic,
          awaitingConfirmation,
        },
      },
      trx,
    );
    return file.id;
  }

  /**
   * A new version of the content; older versions stay readable (annotations point at them). Idempotent: content equal
   * to the current version adds nothing. In a published context the file goes back to awaiting confirmation.
   */
  async addVersion(principal: Principal, fileId: string, request: UploadRequest): Promise<UploadResult> {
    const file = await this.files.find(fileId);
    if (!file) throw notFound();
    this.access.requireOfficeStaff(principal, file.body_id);
    if (file.deleted) throw withdrawn(request.locale);
    const fileName = this.checkRequest(request);
    const owner = ownerOf(file);
    const record = await this.files.ownerRecord(owner);
    if (!record || record.deleted) throw notFound();
    const idempotent = await this.idempotentRequest(principal, request, ['version', fileId, fileName]);
    const stored = await this.receive(principal, record, fileName, request);
    const replayed = idempotent && (await this.replay(this.db, idempotent, stored.sha256, request.locale));
    if (replayed) return replayed;

    const { created, replayed: again } = await this.db.transaction().execute(async (trx) => {
      const locked = await this.files.findForUpdate(trx, fileId);
      if (!locked) throw notFound();
      if (locked.deleted) throw withdrawn(request.locale);
      return this.rememberOutcome(trx, idempotent, stored.sha256, request.locale, async () => ({
        fileId,
        created: await this.insertVersion(trx, principal, locked, owner, stored),
      }));
    });
    return { file: await this.view(fileId), created, replayed: again };
  }

  /** A new version unless the content equals the current one, inside the transaction holding the file's row lock. */
  private async insertVersion(
    trx: Transaction<Database>,
    principal: Principal,
    locked: FileRow,
    owner: FileOwner,
    stored: StoredUpload,
  ): Promise<boolean> {
    const fileId = locked.id;
    const current = await this.files.currentVersion(fileId, trx);
    if (current?.sha256 === stored.sha256) return false;
    const ownerNow = await this.files.ownerRecord(owner, trx);
    if (!ownerNow || ownerNow.deleted) throw notFound();

    const version = await this.files.nextVersion(trx, fileId);
    await this.files.insertBlob(trx, stored);
    await this.files.insertVersion(trx, { bodyId: locked.body_id, fileId, version, ...stored });
    const visibilityReset = isPublished(ownerNow);
    if (visibilityReset) await this.files.setVisibility(trx, fileId, false, null);
    await this.audit.record(
      {
        accountId: principal.viewer.accountId,
        bodyId: locked.body_id,
        action: 'file.version_create',
        objectType: 'file',
        objectId: fileId,
        details: {
          version,
          sha256: stored.sha256,
          size: stored.size,
          fileName: stored.fileName,
          visibilityReset,
          previousPublic: locked.public,
        },
      },
      trx,
    );
    return true;
  }

  /**
   * Reads `X-Idempotency-Key`. A key this account already used for another target is refused before the body is
   * read; one used for the same target is compared by content once the body is in (`replay`).
   */
  private async idempotentRequest(
    principal: Principal,
    request: UploadRequest,
    target: readonly string[],
  ): Promise<IdempotentRequest | null> {
    const key = request.idempotencyKey;
    if (key === undefined) return null;
    if (!idempotencyKeyPattern.test(key)) {
      throw new DomainError('validation_failed', 'malformed idempotency key', [
        { path: 'X-Idempotency-Key', message: fileMessages[request.locale].idempotencyKeyInvalid },
      ]);
    }
    const accountId = principal.viewer.accountId!;
    const idempotent = { accountId, key, target: JSON.stringify(target) };
    const earlier = await this.files.findIdempotency(this.db, accountId, key, this.clock.now());
    if (earlier && earlier.target !== idempotent.target) throw idempotencyKeyReused(request.locale);
    return idempotent;
  }

  /** The first answer to this key, if it was stored; a refusal if the key named other content. */
  private async replay(
    db: Kysely<Database>,
    idempotent: IdempotentRequest,
    sha256: string,
    locale: Locale,
  ): Promise<UploadResult | null> {
    const earlier = await this.files.findIdempotency(db, idempotent.accountId, idempotent.key, this.clock.now());
    if (!earlier) return null;
    if (earlier.target !== idempotent.target || earlier.sha256 !== sha256) throw idempotencyKeyReused(locale);
    return { file: await this.view(earlier.file_id, db), created: earlier.created, replayed: true };
  }

  /**
   * Runs `work` unless a request with the same key committed meanwhile (then its outcome is the answer), and stores
   * the outcome under the key in the same transaction: the key exists exactly when the upload does.
   */
  private async rememberOutcome(
    trx: Transaction<Database>,
    idempotent: IdempotentRequest | null,
    sha256: string,
    locale: Locale,
    work: () => Promise<Outcome>,
  ): Promise<Outcome> {
    if (!idempotent) return work();
    const now = this.clock.now();
    await this.files.forgetExpiredIdempotency(trx, idempotent.accountId, now);
    const earlier = await this.replay(trx, idempotent, sha256, locale);
    if (earlier) return { fileId: earlier.file.id, created: earlier.created, replayed: true };
    const outcome = await work();
    const remembered = await this.files.rememberIdempotency(trx, {
      account_id: idempotent.accountId,
      key: idempotent.key,
      target: idempotent.target,
      sha256,
      file_id: outcome.fileId,
      created: outcome.created,
      at: now,
      expires: new Date(now.getTime() + idempotencyLifetimeMs),
    });
    // A request with the same key but another owner committed while this one ran (no shared lock): refuse this one.
    if (!remembered) throw idempotencyKeyReused(locale);
    return outcome;
  }

  /**
   * Stores generated content as a new file, or as a new version of the owner's file of that name (older versions
   * stay). Its visibility is decided by construction (public content only, or not public at all), so it is confirmed
   * at once, unlike an upload after the invitation. Content equal to the current version adds nothing.
   */
  async storeGenerated(
    trx: Transaction<Database>,
    principal: Principal,
    doc: GeneratedDocument,
  ): Promise<{ fileId: string; version: number; changed: boolean }> {
    const blob = await this.blobs.put(doc.content);
    const stored: StoredUpload = {
      sha256: blob.sha256,
      size: blob.size,
      mimeType: 'application/pdf',
      fileName: doc.fileName,
    };
    const now = this.clock.now();
    await this.files.insertBlob(trx, stored);
    const existing = await this.files.findLiveByName(trx, doc.owner, doc.role, doc.name);
    if (existing) {
      const current = await this.files.currentVersion(existing.id, trx);
      if (current?.sha256 === stored.sha256) {
        return { fileId: existing.id, version: current.version, changed: false };
      }
      const version = await this.files.nextVersion(trx, existing.id);
      await this.files.insertVersion(trx, { bodyId: doc.bodyId, fileId: existing.id, version, ...stored });
      await this.files.setVisibility(trx, existing.id, doc.public, now);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: doc.bodyId,
          action: 'file.version_create',
          objectType: 'file',
          objectId: existing.id,
          details: { version, sha256: stored.sha256, size: stored.size, public: doc.public, generated: true },
        },
        trx,
      );
      return { fileId: existing.id, version, changed: true };
    }
    const file = await this.files.insertFile(trx, {
      bodyId: doc.bodyId,
      owner: doc.owner,
      name: doc.name,
      role: doc.role,
      position: await this.files.nextPosition(trx, doc.owner),
      date: berlinDate(now),
      public: doc.public,
      visibilityConfirmedAt: now,
    });
    await this.files.insertVersion(trx, { bodyId: doc.bodyId, fileId: file.id, version: 1, ...stored });
    await this.audit.record(
      {
        accountId: principal.viewer.accountId,
        bodyId: doc.bodyId,
        action: 'file.create',
        objectType: 'file',
        objectId: file.id,
        details: {
          owner: doc.owner,
          version: 1,
          sha256: stored.sha256,
          size: stored.size,
          public: doc.public,
          generated: true,
        },
      },
      trx,
    );
    return { fileId: file.id, version: 1, changed: true };
  }

  /** The live file of an owner with this role and display name (a generated document), locked; if any. */
  liveGenerated(trx: Transaction<Database>, owner: FileOwner, role: FileRow['role'], name: string) {
    return this.files.findLiveByName(trx, owner, role, name);
  }

  /**
   * Withdraws every version of a file older than its current one (generated documents only: the public invitation
   * once it printed something that is no longer public). Their doors then answer 404, devices drop them.
   */
  async withdrawOlderVersions(
    trx: Transaction<Database>,
    principal: Principal,
    fileId: string,
    reason: Record<string, unknown>,
  ): Promise<number[]> {
    const current = await this.files.currentVersion(fileId, trx);
    if (!current) return [];
    const withdrawn = await this.files.softDeleteVersionsBefore(trx, fileId, current.version);
    if (withdrawn.length === 0) return [];
    const file = (await this.files.find(fileId, trx))!;
    await this.audit.record(
      {
        accountId: principal.viewer.accountId,
        bodyId: file.body_id,
        action: 'file.versions_withdraw',
        objectType: 'file',
        objectId: fileId,
        details: { versions: withdrawn, current: current.version, ...reason },
      },
      trx,
    );
    return withdrawn;
  }

  /** The office's decision on a file's visibility; the only way a late addition becomes public. */
  async confirmVisibility(
    principal: Principal,
    fileId: string,
    input: ConfirmFileVisibility,
    locale: Locale,
  ): Promise<FileView> {
    const file = await this.files.find(fileId);
    if (!file) throw notFound();
    this.access.requireOfficeStaff(principal, file.body_id);
    if (file.deleted) throw withdrawn(locale);
    await this.db.transaction().execute(async (trx) => {
      const locked = await this.files.findForUpdate(trx, fileId);
      if (!locked || locked.deleted) throw withdrawn(locale);
      const record = await this.files.ownerRecord(ownerOf(locked), trx);
      if (!record || record.deleted) throw notFound();
      if (input.public && !ownerIsPublic(record)) throw ownerNotPublic(locale);
      await this.files.setVisibility(trx, fileId, input.public, this.clock.now());
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: locked.body_id,
          action: 'file.confirm_visibility',
          objectType: 'file',
          objectId: fileId,
          details: {
            public: input.public,
            previousPublic: locked.public,
            previouslyConfirmed: locked.visibility_confirmed_at !== null,
          },
        },
        trx,
      );
    });
    return this.view(fileId);
  }

  /** Withdraws a file (soft delete): its doors answer 410 to those who could read it. */
  async delete(principal: Principal, fileId: string): Promise<void> {
    const file = await this.files.find(fileId);
    if (!file || file.deleted) throw notFound();
    this.access.requireOfficeStaff(principal, file.body_id);
    await this.db.transaction().execute(async (trx) => {
      await this.files.softDelete(trx, fileId);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: file.body_id,
          action: 'file.delete',
          objectType: 'file',
          objectId: fileId,
          details: { owner: ownerOf(file), public: file.public },
        },
        trx,
      );
    });
  }

  /** Metadata with the version history; a file the principal may not read answers 404 like a missing one. */
  async get(principal: Principal, fileId: string): Promise<FileView> {
    const file = await this.files.find(fileId);
    if (!file) throw notFound();
    const record = await this.files.ownerRecord(ownerOf(file));
    if (!record || !readability(principal, file, record).readable) throw notFound();
    return this.view(fileId);
  }

  /** Live files of an owner that the principal may read; an owner the principal may not read answers 404. */
  async listForOwner(principal: Principal, owner: FileOwner): Promise<FileView[]> {
    const record = await this.files.ownerRecord(owner);
    if (!record || record.deleted) throw notFound();
    const ownerPublic = ownerIsPublic(record);
    const ownerReadable = mayRead(principal.scope, {
      bodyId: record.bodyId,
      public: ownerPublic,
      organizationIds: record.organizationIds,
    });
    if (!ownerReadable) throw notFound();
    const rows = (await this.files.listOfOwner(owner)).filter((f) => readability(principal, f, record).readable);
    const versions = await this.files.versionsOf(rows.map((r) => r.id));
    return rows.map((row) =>
      toView(
        row,
        record,
        versions.filter((v) => v.file_id === row.id),
      ),
    );
  }

  /** The current version (or the given one) of a file for a door; 404 when unknown or unreadable. */
  async resolveFile(principal: Principal, fileId: string, version?: number): Promise<DownloadTarget> {
    const file = await this.files.find(fileId);
    if (!file) throw notFound();
    const record = await this.files.ownerRecord(ownerOf(file));
    if (!record) throw notFound();
    const { readable, effectivePublic } = readability(principal, file, record);
    if (!readable) throw notFound();
    if (file.deleted || record.deleted) return { kind: 'gone' };
    const row =
      version === undefined ? await this.files.currentVersion(fileId) : await this.files.version(fileId, version);
    if (!row) throw notFound();
    return { kind: 'file', fileId, bodyId: file.body_id, version: row, public: effectivePublic };
  }

  /**
   * Content by sha256 (tablet sync): allowed when the principal may read at least one live file version with this
   * content, decided per request. A public one is preferred, so reading it is not audited as non-public.
   */
  async resolveBlob(principal: Principal, sha256: string): Promise<DownloadTarget & { kind: 'file' }> {
    if (!sha256Pattern.test(sha256)) throw notFound();
    const rows = await this.files.withContent(sha256);
    const owners = new Map<string, Promise<OwnerRecord | null>>();
    let fallback: (DownloadTarget & { kind: 'file' }) | null = null;
    for (const row of rows) {
      const owner = ownerOf(row);
      const key = `${owner.type}:${owner.id}`;
      if (!owners.has(key)) owners.set(key, this.files.ownerRecord(owner));
      const record = await owners.get(key)!;
      if (!record || record.deleted) continue;
      const { readable, effectivePublic } = readability(principal, row, record);
      if (!readable) continue;
      const version = await this.files.version(row.id, row.version);
      if (!version) continue;
      const target = { kind: 'file' as const, fileId: row.id, bodyId: row.body_id, version, public: effectivePublic };
      if (effectivePublic) return target;
      fallback ??= target;
    }
    if (!fallback) throw notFound();
    return fallback;
  }

  /** The stored content of a target; a blob missing from the store is an operator problem (500), not a 404. */
  async content(
    target: DownloadTarget & { kind: 'file' },
  ): Promise<{ size: number; open(range?: BlobRange): Readable }> {
    const sha256 = target.version.sha256;
    const size = await this.blobs.size(sha256);
    if (size === null) throw new Error(`blob ${sha256} of file ${target.fileId} is missing from the blob store`);
    return { size, open: (range) => this.blobs.read(sha256, range) };
  }

  /** Every delivery of non-public content is audited (who, which file and version, whether a range). */
  async recordDownload(
    principal: Principal,
    target: DownloadTarget & { kind: 'file' },
    details: { range: boolean; door: 'file' | 'blob' },
  ): Promise<void> {
    if (target.public) return;
    await this.audit.record({
      accountId: principal.viewer.accountId,
      bodyId: target.bodyId,
      action: 'file.download',
      objectType: 'file',
      objectId: target.fileId,
      details: { version: target.version.version, sha256: target.version.sha256, ...details },
    });
  }

  /** Checks everything the headers tell before a byte of the body is read. */
  private checkRequest(request: UploadRequest): string {
    const decoded = decodeFileNameHeader(request.fileNameHeader);
    const fileName = decoded === null ? null : sanitizeFileName(decoded);
    if (!fileName) {
      throw new DomainError('validation_failed', 'missing or undecodable X-File-Name', [
        { path: 'X-File-Name', message: 'percent-encoded UTF-8 file name required' },
      ]);
    }
    const extensions = acceptedUploadTypes.flatMap((t) => t.extensions);
    if (!hasExtension(fileName, extensions)) throw rejection('file_name', fileName, request.locale);
    const declared = (request.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (declared !== '' && !(acceptedDeclaredTypes as readonly string[]).includes(declared)) {
      throw rejection('declared_type', declared, request.locale);
    }
    if (request.contentLength !== null && request.contentLength > this.limits.maxUploadBytes) throw tooLarge();
    if (!request.body) throw new DomainError('bad_request', 'the request has no body');
    return fileName;
  }

  /** Streams the body through the inspector into the blob store; durable when this returns. */
  private async receive(
    principal: Principal,
    record: OwnerRecord,
    fileName: string,
    request: UploadRequest,
  ): Promise<StoredUpload> {
    const inspected = inspectUpload(request.body!, {
      maxInflatedBytes: Math.max(MIN_INFLATE_CAP, this.limits.maxUploadBytes),
    });
    try {
      const blob = await this.blobs.put(inspected.stream, { maxBytes: this.limits.maxUploadBytes });
      return { sha256: blob.sha256, size: blob.size, mimeType: inspected.mimeType(), fileName };
    } catch (error) {
      if (error instanceof BlobTooLargeError) throw tooLarge();
      if (error instanceof UploadInterruptedError) throw new DomainError('bad_request', 'upload interrupted');
      if (error instanceof UploadRejectedError) {
        // Refused active content is a security event worth keeping, though nothing was written.
        await this.audit.record({
          accountId: principal.viewer.accountId,
          bodyId: record.bodyId,
          action: 'file.upload_rejected',
          objectType: record.owner.type,
          objectId: record.owner.id,
          details: { reason: error.reason, detail: error.detail, fileName },
        });
        throw rejection(error.reason, error.detail, request.locale);
      }
      throw error;
    }
  }

  private async view(fileId: string, db: Kysely<Database> = this.db): Promise<FileView> {
    const file = await this.files.find(fileId, db);
    if (!file) throw notFound();
    const record = await this.files.ownerRecord(ownerOf(file), db);
    if (!record) throw notFound();
    return toView(file, record, await this.files.versionsOf([fileId], db));
  }
}

function ownerIsPublic(record: OwnerRecord): boolean {
  switch (record.owner.type) {
    case 'meeting':
      // Meetings themselves are public; only agenda content is protected.
      return true;
    case 'agenda_item':
      return isAgendaItemPublic({ public: record.itemPublic === true, parentPublic: record.parentPublic ?? undefined });
    case 'paper':
      return record.paperPublic === true;
  }
}

/** Invited, held or minuted: the meeting (or one consulting the paper) is out, so late additions need confirming. */
function isPublished(record: OwnerRecord): boolean {
  return record.meetingStates.some((state) => state !== 'planned');
}

/** Readability ignores deletion on purpose: a withdrawn file is 410 for those who could read it, 404 for others. */
function readability(principal: Principal, file: FileRow, record: OwnerRecord) {
  const effectivePublic = isFilePublic({ public: file.public, ownerPublic: ownerIsPublic(record) });
  const readable = mayRead(principal.scope, {
    bodyId: file.body_id,
    public: effectivePublic,
    organizationIds: record.organizationIds,
  });
  return { readable, effectivePublic };
}

function toVersion(fileId: string, row: FileVersionRow): FileVersion {
  const base = `/files/${fileId}/versions/${row.version}`;
  return {
    version: row.version,
    sha256: row.sha256,
    size: Number(row.size),
    mimeType: row.mime_type,
    fileName: row.file_name,
    created: iso(row.created),
    accessUrl: base,
    downloadUrl: `${base}/download`,
  };
}

function toView(file: FileRow, record: OwnerRecord, versions: FileVersionRow[]): FileView {
  const history = versions.map((v) => toVersion(file.id, v));
  return {
    id: file.id,
    bodyId: file.body_id,
    name: file.name,
    role: file.role,
    owner: ownerOf(file),
    position: file.position,
    date: file.date,
    public: isFilePublic({ public: file.public, ownerPublic: ownerIsPublic(record) }),
    visibilityConfirmed: file.visibility_confirmed_at !== null,
    visibilityConfirmedAt: isoOrNull(file.visibility_confirmed_at),
    deleted: file.deleted || record.deleted,
    created: iso(file.created),
    modified: iso(file.modified),
    accessUrl: `/files/${file.id}`,
    downloadUrl: `/files/${file.id}/download`,
    current: history[0] ?? null,
    versions: history,
  };
}

function tooLarge(): DomainError {
  return new DomainError('payload_too_large');
}

function rejection(reason: UploadRejectionReason, detail: string, locale: Locale): DomainError {
  let message = uploadRejectionMessages[locale][reason];
  if (reason === 'not_pdf' && detail !== 'unknown') message += ` ${fileMessages[locale].detected}: ${detail}.`;
  return new DomainError('unsupported_media_type', `${reason}: ${detail}`, [{ path: 'file', message }]);
}

function ownerNotPublic(locale: Locale): DomainError {
  return new DomainError('conflict', 'owner is not public', [
    { path: 'public', message: fileMessages[locale].ownerNotPublic },
  ]);
}

function idempotencyKeyReused(locale: Locale): DomainError {
  return new DomainError('conflict', 'idempotency key reused for another request', [
    { path: 'X-Idempotency-Key', message: fileMessages[locale].idempotencyKeyReused },
  ]);
}

function withdrawn(locale: Locale): DomainError {
  return new DomainError('conflict', 'file is withdrawn', [{ path: 'file', message: fileMessages[locale].withdrawn }]);
}
