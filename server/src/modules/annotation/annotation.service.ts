/**
 * Councillors' annotations on the server: merging writes pushed by devices, re-anchoring on new document versions,
 * and the exports (W3C Web Annotation JSON, PDF with real annotations).
 *
 * Invariants: an annotation is written only by its author, only on a document or agenda item the author may read
 * at that moment, and shared only with an organization the author currently belongs to (a faction for "faction",
 * any other organization for "committee"). Nobody else ever changes it; the office and the public never read it.
 * Nothing is deleted: a delete is a tombstone write, and annotations that cannot be placed on a new version keep
 * their old anchor and are listed as orphaned.
 */
import {
  anchorQuote,
  annotationHistory,
  annotationWriteArgsSchema,
  currentValues,
  emptyAnnotation,
  mergeAnnotation,
  toWebAnnotationCollection,
  type Anchor,
  type AnnotationState,
  type ExportableAnnotation,
} from '@ratsmappe/shared';
import { sql, type Kysely, type Transaction } from 'kysely';
import { iso } from '../../db/rows.js';
import type { Database } from '../../db/schema/tables.js';
import { conflict, DomainError, notFound, unauthenticated } from '../../errors.js';
import { parseWith } from '../../http/validate.js';
import type { BlobStore } from '../../storage/blob-store.js';
import type { Clock } from '../../clock.js';
import type { Principal } from '../access/access.service.js';
import {
  fileOrganizations,
  fileOwnerJoins,
  fileOwnerPresent,
  fileOwnerPublic,
  meetingOrganization,
  readable,
} from '../access/readable-sql.js';
import { writeAnnotatedPdf } from './annotated-pdf.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Resolves the body of a file the scope may read now, or undefined. */
async function readableFileBody(db: Db, principal: Principal, fileId: string): Promise<string | undefined> {
  const row = await sql<{ body_id: string }>`
    select f.body_id from file f ${fileOwnerJoins}
    where f.id = ${fileId} and not f.deleted and ${fileOwnerPresent}
      and ${readable(principal.scope, sql<boolean>`(f.public and ${fileOwnerPublic})`, sql`f.body_id`, fileOrganizations)}`.execute(
    db,
  );
  return row.rows[0]?.body_id;
}

async function readableItemBody(db: Db, principal: Principal, itemId: string): Promise<string | undefined> {
  const row = await sql<{ body_id: string }>`
    select ai.body_id from agenda_item ai
      join meeting m on m.id = ai.meeting_id and not m.deleted
      left join agenda_item parent on parent.id = ai.parent_id
    where ai.id = ${itemId} and not ai.deleted
      and ${readable(
        principal.scope,
        sql<boolean>`(ai.public and coalesce(parent.public, true))`,
        sql`ai.body_id`,
        (test) => meetingOrganization(sql`ai.meeting_id`, sql`ai.body_id`, test),
      )}`.execute(db);
  return row.rows[0]?.body_id;
}

export class AnnotationService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly blobs: Pick<BlobStore, 'read'>,
    private readonly clock: Clock,
  ) {}

  /** The push mutation `annotation.write`, inside the push's transaction. */
  async applyWrite(trx: Transaction<Database>, principal: Principal, rawArgs: unknown): Promise<void> {
    const accountId = principal.viewer.accountId;
    if (accountId === null) throw unauthenticated();
    const args = parseWith(annotationWriteArgsSchema, rawArgs);
    const existing = await trx
      .selectFrom('annotation')
      .selectAll()
      .where('id', '=', args.id)
      .forUpdate()
      .executeTakeFirst();
    // Someone else's annotation (an id guessed or reused) is as unknown as a missing one.
    if (existing && existing.account_id !== accountId) throw notFound();
    if (
      existing &&
      (existing.kind !== args.kind || existing.file_id !== args.fileId || existing.agenda_item_id !== args.agendaItemId)
    ) {
      throw conflict('an annotation keeps its kind and its document');
    }
    const bodyId = args.fileId
      ? await readableFileBody(trx, principal, args.fileId)
      : await readableItemBody(trx, principal, args.agendaItemId!);
    if (bodyId === undefined) throw notFound();

    const scopeWrite = args.writes.scope;
    if (scopeWrite) await this.checkScope(trx, principal, bodyId, scopeWrite.value);

    const header = {
      id: args.id,
      kind: args.kind,
      fileId: args.fileId,
      agendaItemId: args.agendaItemId,
      createdAt: args.createdAt,
    };
    const before = existing ? (existing.state as AnnotationState) : emptyAnnotation(header);
    const state = mergeAnnotation(before, args.writes);
    const values = currentValues(state);
    const now = this.clock.now();
    const row = {
      state: JSON.stringify(state),
      scope: values.scope.kind,
      scope_organization_id: values.scope.kind === 'private' ? null : values.scope.organizationId,
      deleted: values.deleted,
      modified: now,
      rev: sql`nextval('annotation_rev')`,
    };
    if (existing) {
      await trx.updateTable('annotation').set(row).where('id', '=', args.id).execute();
    } else {
      await trx
        .insertInto('annotation')
        .values({
          id: args.id,
          account_id: accountId,
          body_id: bodyId,
          kind: args.kind,
          file_id: args.fileId,
          agenda_item_id: args.agendaItemId,
          created: args.createdAt,
          ...row,
        })
        .execute();
    }
    if (args.fileId && values.target?.quote) await this.reanchor(trx, { annotationId: args.id });
  }

  private async checkScope(
    trx: Transaction<Database>,
    principal: Principal,
    bodyId: string,
    scope: { kind: string; organizationId: string | null },
  ): Promise<void> {
    const invalid = (message: string) =>
      new DomainError('validation_failed', undefined, [{ path: 'writes.scope', message }]);
    if (scope.kind === 'private') {
      if (scope.organizationId !== null) throw invalid('a private annotation is shared with no organization');
      return;
    }
    if (scope.organizationId === null || !principal.scope.memberOrganizationIds.includes(scope.organizationId)) {
      throw invalid('shared only with an organization you currently belong to');
    }
    const organization = await trx
      .selectFrom('organization')
      .select(['kind', 'body_id'])
      .where('id', '=', scope.organizationId)
      .where('deleted', '=', false)
      .executeTakeFirst();
    if (!organization || organization.body_id !== bodyId) throw invalid('the organization belongs to another body');
    if ((scope.kind === 'faction') !== (organization.kind === 'faction')) {
      throw invalid(
        scope.kind === 'faction' ? 'this organization is not a faction' : 'a faction is shared as "faction"',
      );
    }
  }

  /**
   * Places annotations with a text quote on the current version of their document, when that differs from the
   * version they were made on and its text has been extracted. One annotation, or all of a file version's file.
   */
  async reanchor(db: Db, target: { annotationId: string } | { fileVersionId: string }): Promise<number> {
    const current = await sql<{ file_id: string; sha256: string; extracted_text: string | null }>`
      select v.file_id, v.sha256, v.extracted_text from file_version v
      where not v.deleted and v.file_id = ${
        'annotationId' in target
          ? sql`(select file_id from annotation where id = ${target.annotationId})`
          : sql`(select file_id from file_version where id = ${target.fileVersionId})`
      }
      order by v.version desc limit 1`.execute(db);
    const version = current.rows[0];
    if (!version || version.extracted_text === null) return 0;
    let query = db
      .selectFrom('annotation')
      .select(['id', 'state', 'anchors'])
      .where('file_id', '=', version.file_id)
      .forUpdate();
    if ('annotationId' in target) query = query.where('id', '=', target.annotationId);
    const rows = await query.execute();
    let placed = 0;
    for (const row of rows) {
      const values = currentValues(row.state as AnnotationState);
      const anchors = { ...(row.anchors as Record<string, Anchor>) };
      const made = values.target;
      if (!made || made.sha256 === version.sha256 || anchors[version.sha256]) continue;
      const anchor: Anchor = made.quote
        ? anchorQuote(version.extracted_text, made.quote, made.page, made.position?.start)
        : { status: 'orphaned', page: null, start: null, end: null, exact: null, score: 0 };
      anchors[version.sha256] = anchor;
      await db
        .updateTable('annotation')
        .set({ anchors: JSON.stringify(anchors), rev: sql`nextval('annotation_rev')` })
        .where('id', '=', row.id)
        .execute();
      placed++;
    }
    return placed;
  }

  /** The author's own annotations of a document (not deleted), for the exports. */
  private async ownOf(principal: Principal, fileId: string) {
    const accountId = principal.viewer.accountId;
    if (accountId === null) throw unauthenticated();
    if ((await readableFileBody(this.db, principal, fileId)) === undefined) throw notFound();
    const rows = await this.db
      .selectFrom('annotation')
      .innerJoin('account', 'account.id', 'annotation.account_id')
      .select([
        'annotation.id',
        'annotation.kind',
        'annotation.created',
        'annotation.modified',
        'annotation.state',
        'annotation.anchors',
        'account.display_name',
      ])
      .where('annotation.file_id', '=', fileId)
      .where('annotation.account_id', '=', accountId)
      .where('annotation.deleted', '=', false)
      .orderBy('annotation.created')
      .execute();
    return rows.map((r) => {
      const state = r.state as AnnotationState;
      return {
        exportable: {
          id: r.id,
          kind: r.kind,
          createdAt: iso(r.created),
          modifiedAt: iso(r.modified),
          authorName: r.display_name,
          values: currentValues(state),
        } satisfies ExportableAnnotation,
        history: annotationHistory(state),
        anchors: r.anchors as Record<string, Anchor>,
      };
    });
  }

  async exportWebAnnotations(principal: Principal, fileId: string, publicUrl: string) {
    const own = await this.ownOf(principal, fileId);
    const file = await this.db.selectFrom('file').select('name').where('id', '=', fileId).executeTakeFirstOrThrow();
    return toWebAnnotationCollection(
      own.map((o) => o.exportable),
      `${publicUrl}/files/${fileId}`,
      `${publicUrl}/api/files/${fileId}/annotations`,
      `Anmerkungen zu „${file.name}“`,
    );
  }

  /** The current version of the document with the author's annotations written in as PDF annotations. */
  async exportAnnotatedPdf(principal: Principal, fileId: string): Promise<{ bytes: Uint8Array; fileName: string }> {
    const own = await this.ownOf(principal, fileId);
    const version = await this.db
      .selectFrom('file_version')
      .select(['sha256', 'file_name'])
      .where('file_id', '=', fileId)
      .where('deleted', '=', false)
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow();
    const chunks: Buffer[] = [];
    for await (const chunk of this.blobs.read(version.sha256)) chunks.push(Buffer.from(chunk as Uint8Array));
    const bytes = await writeAnnotatedPdf(
      new Uint8Array(Buffer.concat(chunks)),
      version.sha256,
      own.map((o) => ({ ...o.exportable, anchors: o.anchors })),
      this.clock.now(),
    );
    return { bytes, fileName: version.file_name.replace(/\.pdf$/i, '') + ' (mit Anmerkungen).pdf' };
  }
}
