/**
 * Tablet sync: devices, pull and push (protocol in shared/sync/protocol.ts).
 *
 * Invariant: after a device has applied page N, its local rows equal what the server recorded as sent up to page
 * N; a pull answers the difference between that record and what the user may read now. Revocation therefore needs
 * no special path: a row the user may no longer read is in the record but not in the visible set, and goes out as
 * a delete. Rows sent in pages the device has not confirmed are "unknown" and sent again (upsert or delete), which
 * a device applies idempotently.
 *
 * Cheap when nothing happened: a pull whose device has confirmed everything, whose bodies' change log has not
 * moved and whose access fingerprint (scope and bodies, as of today) is unchanged answers without diffing.
 */
import { createHash } from 'node:crypto';
import {
  pinArgsSchema,
  type SyncChange,
  type SyncDevice,
  type SyncMutation,
  type SyncPullResponse,
  type SyncPushResponse,
} from '@ratsmappe/shared';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Clock } from '../../clock.js';
import { iso, isoOrNull } from '../../db/rows.js';
import type { Database } from '../../db/schema/tables.js';
import { conflict, DomainError, forbidden, notFound, unauthenticated } from '../../errors.js';
import type { AccessService, Principal } from '../access/access.service.js';
import type { AnnotationService } from '../annotation/annotation.service.js';
import type { AuditService } from '../audit/audit.service.js';
import { parseWith } from '../../http/validate.js';
import { loadRecords, type Wanted } from './sync-records.js';
import { entityOrder, visibleSet, type SyncAudience } from './visible-set.js';

/** A page carries at most this much record text, whatever `limit` says (document texts can be long). */
const maxPageChars = 8_000_000;

export interface SyncOptions {
  offlineLeaseDays: number;
}

export class SyncService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly annotations: AnnotationService,
    private readonly options: SyncOptions,
  ) {}

  async registerDevice(principal: Principal, name: string): Promise<SyncDevice> {
    const accountId = requireAccount(principal);
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('sync_device')
        .values({ account_id: accountId, name, created: this.clock.now() })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.audit.record(
        { accountId, action: 'device.register', objectType: 'device', objectId: row.id, details: { name } },
        trx,
      );
      return deviceOf(row, row.id);
    });
  }

  /** The account's own devices, or (office staff of one of its bodies, system admins) another account's. */
  async listDevices(principal: Principal, accountId: string | undefined, currentDeviceId: string | undefined) {
    const own = requireAccount(principal);
    const target = accountId ?? own;
    if (target !== own) await this.requireDeviceAdministrator(principal, target);
    const rows = await this.db
      .selectFrom('sync_device')
      .selectAll()
      .where('account_id', '=', target)
      .orderBy('created')
      .execute();
    return rows.map((row) => deviceOf(row, currentDeviceId));
  }

  /** Revoked devices wipe themselves at their next contact (every sync answer for them is 410). */
  async revokeDevice(principal: Principal, deviceId: string): Promise<void> {
    const own = requireAccount(principal);
    const device = await this.db.selectFrom('sync_device').selectAll().where('id', '=', deviceId).executeTakeFirst();
    if (!device) throw notFound();
    // Office staff act for a body: the revocation goes into that body's audit trail.
    const bodyId =
      device.account_id === own ? null : await this.requireDeviceAdministrator(principal, device.account_id, true);
    if (device.revoked_at) return;
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('sync_device')
        .set({ revoked_at: this.clock.now(), revoked_by: own })
        .where('id', '=', deviceId)
        .execute();
      await this.audit.record(
        {
          accountId: own,
          bodyId,
          action: 'device.revoke',
          objectType: 'device',
          objectId: deviceId,
          details: { account: device.account_id },
        },
        trx,
      );
    });
  }

  /**
   * For requests outside sync that name the device (document downloads): a revoked device gets nothing more, and
   * its 410 makes it wipe itself as a sync answer would.
   */
  async requireActiveDevice(principal: Principal, deviceId: string): Promise<void> {
    const accountId = requireAccount(principal);
    const device = await this.db
      .selectFrom('sync_device')
      .select(['account_id', 'revoked_at'])
      .where('id', '=', deviceId)
      .executeTakeFirst();
    if (!device || device.account_id !== accountId) throw new DomainError('device_unknown');
    if (device.revoked_at) throw new DomainError('device_revoked');
  }

  async pull(principal: Principal, deviceId: string, cursor: number, limit: number): Promise<SyncPullResponse> {
    const accountId = requireAccount(principal);
    const audience = await this.audienceOf(principal, accountId);
    const fingerprint = fingerprintOf(audience);
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const device = await lockDevice(trx, accountId, deviceId);
      const lastPage = Number(device.last_page);
      // A cursor the server never issued: the device holds data this server does not know it sent (a restored
      // backup, say). Only a fresh start from an empty local database is safe.
      if (cursor > lastPage) throw new DomainError('conflict', 'sync cursor unknown: start again from cursor 0');

      let stale = device.stale || cursor < lastPage;
      if (cursor === 0) {
        await trx.deleteFrom('sync_device_object').where('device_id', '=', deviceId).execute();
      } else if (cursor < lastPage) {
        await trx
          .updateTable('sync_device_object')
          .set({ version: null })
          .where('device_id', '=', deviceId)
          .where('sent_page', '>', String(cursor))
          .execute();
      }
      // Deletes the device has confirmed need no memory any more.
      await trx
        .deleteFrom('sync_device_object')
        .where('device_id', '=', deviceId)
        .where('version', '=', '')
        .where('sent_page', '<=', String(cursor))
        .execute();

      const headSeq = await currentSeq(trx);
      const headRev = await currentAnnotationRev(trx);
      const moved =
        stale ||
        cursor === 0 ||
        device.fingerprint !== fingerprint ||
        (await changedSince(trx, audience.bodyIds, device.synced_seq)) ||
        (await annotatedSince(trx, audience.bodyIds, device.synced_annotation_rev));
      const response = (pageCursor: number, changes: SyncChange[], hasMore: boolean): SyncPullResponse => ({
        cursor: String(pageCursor),
        changes,
        hasMore,
        lastMutationSeq: Number(device.last_mutation_seq),
        serverTime: iso(now),
        offlineLeaseDays: this.options.offlineLeaseDays,
      });
      if (!moved) {
        await trx.updateTable('sync_device').set({ last_sync_at: now }).where('id', '=', deviceId).execute();
        return response(cursor, [], false);
      }

      const diff = await sql<{ entity: Wanted['entity']; id: string; version: string | null }>`
        with v as (${visibleSet(audience)}),
        d as (select entity, entity_id, version from sync_device_object where device_id = ${deviceId})
        select coalesce(v.entity, d.entity) as entity, coalesce(v.id, d.entity_id) as id, v.version
        from v full join d on d.entity = v.entity and d.entity_id = v.id
        where (v.id is null and d.version is distinct from '')
           or (v.id is not null and (d.version is null or d.version <> v.version))
        order by v.id is not null, array_position(${[...entityOrder]}::text[], coalesce(v.entity, d.entity)), 2
        limit ${limit + 1}`.execute(trx);
      const candidates = diff.rows.slice(0, limit);
      let hasMore = diff.rows.length > limit;

      const deletes: SyncChange[] = candidates
        .filter((r) => r.version === null)
        .map((r) => ({ op: 'delete', entity: r.entity, id: r.id }));
      const wanted = candidates.flatMap((r) => (r.version === null ? [] : [{ ...r, version: r.version }]));
      const { upserts, loaded } = await loadRecords(trx, wanted, { accountId });
      // Keep the page within its character budget; the rest follows in the next page.
      let chars = 0;
      let kept = 0;
      for (const upsert of upserts) {
        chars += JSON.stringify(upsert.data).length;
        if (kept > 0 && chars > maxPageChars) break;
        kept++;
      }
      if (kept < upserts.length || loaded.length < wanted.length) hasMore = true;
      const sentUpserts = upserts.slice(0, kept);
      const sentVersions = loaded.slice(0, kept);
      const changes = [...deletes, ...sentUpserts];

      if (changes.length === 0) {
        await trx
          .updateTable('sync_device')
          .set({ last_sync_at: now, synced_seq: headSeq, synced_annotation_rev: headRev, fingerprint, stale: hasMore })
          .where('id', '=', deviceId)
          .execute();
        return response(cursor, [], hasMore);
      }

      const page = lastPage + 1;
      const records = [
        ...deletes.map((d) => ({
          device_id: deviceId,
          entity: d.entity,
          entity_id: d.id,
          version: '',
          sent_page: page,
        })),
        ...sentVersions.map((w) => ({
          device_id: deviceId,
          entity: w.entity,
          entity_id: w.id,
          version: w.version,
          sent_page: page,
        })),
      ];
      for (let start = 0; start < records.length; start += 1000) {
        await trx
          .insertInto('sync_device_object')
          .values(records.slice(start, start + 1000))
          .onConflict((oc) =>
            oc.columns(['device_id', 'entity', 'entity_id']).doUpdateSet((eb) => ({
              version: eb.ref('excluded.version'),
              sent_page: eb.ref('excluded.sent_page'),
            })),
          )
          .execute();
      }
      stale = hasMore;
      await trx
        .updateTable('sync_device')
        .set({
          last_page: page,
          last_sync_at: now,
          // Only a pull that leaves nothing outstanding may take the fast path next time.
          ...(hasMore ? { stale: true } : { stale, synced_seq: headSeq, synced_annotation_rev: headRev, fingerprint }),
        })
        .where('id', '=', deviceId)
        .execute();
      return response(page, changes, hasMore);
    });
  }

  /**
   * Applies the device's mutations in sequence, each once: a replayed push skips what it already applied and
   * answers the same. A mutation the server refuses still advances the sequence and is reported as rejected.
   */
  async push(principal: Principal, deviceId: string, mutations: SyncMutation[]): Promise<SyncPushResponse> {
    const accountId = requireAccount(principal);
    const audience = await this.audienceOf(principal, accountId);
    return this.db.transaction().execute(async (trx) => {
      const device = await lockDevice(trx, accountId, deviceId);
      let last = Number(device.last_mutation_seq);
      let pinsChanged = false;
      for (const mutation of [...mutations].sort((a, b) => a.seq - b.seq)) {
        if (mutation.seq <= last) continue;
        if (mutation.seq !== last + 1) {
          throw conflict(`mutation ${mutation.seq} follows ${last}: send the missing mutations first`);
        }
        let errorCode: string | null = null;
        try {
          if (mutation.name === 'annotation.write') await this.annotations.applyWrite(trx, principal, mutation.args);
          else pinsChanged = (await this.applyPin(trx, accountId, audience, mutation)) || pinsChanged;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          errorCode = error.code;
        }
        await trx
          .insertInto('sync_mutation')
          .values({
            device_id: deviceId,
            seq: mutation.seq,
            name: mutation.name,
            applied_at: this.clock.now(),
            error_code: errorCode,
          })
          .execute();
        last = mutation.seq;
      }
      await trx
        .updateTable('sync_device')
        .set({ last_mutation_seq: last, last_sync_at: this.clock.now() })
        .where('id', '=', deviceId)
        .execute();
      // Pins are not in the change log: the account's devices learn of them by a full diff at their next pull.
      if (pinsChanged)
        await trx.updateTable('sync_device').set({ stale: true }).where('account_id', '=', accountId).execute();

      const seqs = mutations.map((m) => m.seq).filter((seq) => seq <= last);
      const refused = seqs.length
        ? await trx
            .selectFrom('sync_mutation')
            .select(['seq', 'error_code'])
            .where('device_id', '=', deviceId)
            .where('seq', 'in', seqs.map(String))
            .where('error_code', 'is not', null)
            .orderBy('seq')
            .execute()
        : [];
      return {
        lastMutationSeq: last,
        rejected: refused.map((r) => ({ seq: Number(r.seq), code: r.error_code ?? 'bad_request', message: '' })),
      };
    });
  }

  /** Returns whether pins changed. */
  private async applyPin(
    trx: Transaction<Database>,
    accountId: string,
    audience: SyncAudience,
    mutation: SyncMutation,
  ): Promise<boolean> {
    const { meetingId } = parseWith(pinArgsSchema, mutation.args);
    if (audience.bodyIds.length === 0) throw notFound();
    const meeting = await trx
      .selectFrom('meeting')
      .select('id')
      .where('id', '=', meetingId)
      .where('deleted', '=', false)
      .where('body_id', 'in', [...audience.bodyIds])
      .executeTakeFirst();
    if (!meeting) throw notFound();
    if (mutation.name === 'pin.set') {
      const inserted = await trx
        .insertInto('meeting_pin')
        .values({ account_id: accountId, meeting_id: meetingId, created: this.clock.now() })
        .onConflict((oc) => oc.columns(['account_id', 'meeting_id']).doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
    }
    const removed = await trx
      .deleteFrom('meeting_pin')
      .where('account_id', '=', accountId)
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    return Number(removed.numDeletedRows) > 0;
  }

  private async audienceOf(principal: Principal, accountId: string): Promise<SyncAudience> {
    const personBodies = await this.db
      .selectFrom('account_person')
      .innerJoin('person', 'person.id', 'account_person.person_id')
      .innerJoin('body', 'body.id', 'person.body_id')
      .select('person.body_id')
      .where('account_person.account_id', '=', accountId)
      .where('person.deleted', '=', false)
      .where('body.deleted', '=', false)
      .execute();
    const bodyIds = [
      ...new Set([...personBodies.map((r) => r.body_id), ...principal.viewer.officeStaffBodyIds]),
    ].sort();
    return { accountId, scope: principal.scope, bodyIds };
  }

  /** The body through which office staff may manage the account's devices (null for system admins). */
  private async requireDeviceAdministrator(
    principal: Principal,
    accountId: string,
    write = false,
  ): Promise<string | null> {
    if (principal.viewer.systemAdmin) return null;
    const bodies = await this.db
      .selectFrom('account_person')
      .innerJoin('person', 'person.id', 'account_person.person_id')
      .select('person.body_id')
      .where('account_person.account_id', '=', accountId)
      .execute();
    const staffOf = bodies.find((b) => principal.viewer.officeStaffBodyIds.includes(b.body_id));
    // Someone else's devices are not even listed to a stranger: 404, as for a device that does not exist.
    if (!staffOf) throw write ? notFound() : forbidden();
    return staffOf.body_id;
  }
}

function requireAccount(principal: Principal): string {
  if (principal.viewer.accountId === null) throw unauthenticated();
  return principal.viewer.accountId;
}

async function lockDevice(trx: Transaction<Database>, accountId: string, deviceId: string) {
  const device = await trx
    .selectFrom('sync_device')
    .selectAll()
    .where('id', '=', deviceId)
    .forUpdate()
    .executeTakeFirst();
  // Another account's device is as unknown as a missing one.
  if (!device || device.account_id !== accountId) throw new DomainError('device_unknown');
  if (device.revoked_at) throw new DomainError('device_revoked');
  return device;
}

async function currentSeq(trx: Transaction<Database>): Promise<string> {
  const row = await sql<{ seq: string }>`select coalesce(max(seq), 0)::text as seq from change_log`.execute(trx);
  return row.rows[0]?.seq ?? '0';
}

async function currentAnnotationRev(trx: Transaction<Database>): Promise<string> {
  const row = await sql<{ rev: string }>`select coalesce(max(rev), 0)::text as rev from annotation`.execute(trx);
  return row.rows[0]?.rev ?? '0';
}

/** Annotations are not in the change log (they are personal, not the body's records): their own counter. */
async function annotatedSince(trx: Transaction<Database>, bodyIds: readonly string[], rev: string): Promise<boolean> {
  if (bodyIds.length === 0) return false;
  const row = await trx
    .selectFrom('annotation')
    .select('id')
    .where('body_id', 'in', [...bodyIds])
    .where('rev', '>', rev)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

async function changedSince(trx: Transaction<Database>, bodyIds: readonly string[], seq: string): Promise<boolean> {
  if (bodyIds.length === 0) return false;
  const row = await trx
    .selectFrom('change_log')
    .select('seq')
    .where('body_id', 'in', [...bodyIds])
    .where('seq', '>', seq)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Who the user is for visibility today and which bodies they sync: when it changes, a full diff is due. */
function fingerprintOf(audience: SyncAudience): string {
  return createHash('sha256')
    .update(JSON.stringify({ scope: audience.scope, bodies: audience.bodyIds }))
    .digest('hex');
}

function deviceOf(
  row: {
    id: string;
    account_id: string;
    name: string;
    created: Date;
    last_sync_at: Date | null;
    revoked_at: Date | null;
  },
  currentDeviceId: string | undefined,
): SyncDevice {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    created: iso(row.created),
    lastSyncAt: isoOrNull(row.last_sync_at),
    revokedAt: isoOrNull(row.revoked_at),
    current: row.id === currentDeviceId,
  };
}
