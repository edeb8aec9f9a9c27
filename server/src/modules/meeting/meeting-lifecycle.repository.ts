import type { MeetingState } from '@ratsmappe/shared';
import type { Kysely } from 'kysely';
import type { Database, FileRow } from '../../db/schema/tables.js';

/** Queries for editing a meeting, moving it through its states and writing its invitation; callers pass `trx`. */
export class MeetingLifecycleRepository {
  async update(
    trx: Kysely<Database>,
    meetingId: string,
    values: { name?: string; start?: Date; end?: Date | null; location_id?: string | null },
  ): Promise<void> {
    if (Object.keys(values).length === 0) return;
    await trx.updateTable('meeting').set(values).where('id', '=', meetingId).execute();
  }

  async setState(trx: Kysely<Database>, meetingId: string, state: MeetingState, invitedAt?: Date): Promise<void> {
    await trx
      .updateTable('meeting')
      .set(invitedAt ? { meeting_state: state, invited_at: invitedAt } : { meeting_state: state })
      .where('id', '=', meetingId)
      .execute();
  }

  async setCancelled(trx: Kysely<Database>, meetingId: string): Promise<void> {
    await trx.updateTable('meeting').set({ cancelled: true }).where('id', '=', meetingId).execute();
  }

  /** A place of its own for this meeting: locations may be shared, so an edit never rewrites one in place. */
  async insertLocation(trx: Kysely<Database>, bodyId: string, description: string): Promise<string> {
    const row = await trx
      .insertInto('location')
      .values({ body_id: bodyId, description })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  location(trx: Kysely<Database>, locationId: string) {
    return trx
      .selectFrom('location')
      .select(['id', 'description', 'room', 'street_address', 'postal_code', 'locality'])
      .where('id', '=', locationId)
      .executeTakeFirst();
  }

  organizationLinks(trx: Kysely<Database>, meetingId: string) {
    return trx
      .selectFrom('meeting_organization')
      .select(['id', 'organization_id', 'position'])
      .where('meeting_id', '=', meetingId)
      .where('deleted', '=', false)
      .orderBy('position')
      .execute();
  }

  async softDeleteOrganizationLinks(trx: Kysely<Database>, linkIds: readonly string[]): Promise<void> {
    if (linkIds.length === 0) return;
    await trx
      .updateTable('meeting_organization')
      .set({ deleted: true })
      .where('id', 'in', [...linkIds])
      .execute();
  }

  async setOrganizationLinkPosition(trx: Kysely<Database>, linkId: string, position: number): Promise<void> {
    await trx.updateTable('meeting_organization').set({ position }).where('id', '=', linkId).execute();
  }

  async insertOrganizationLink(
    trx: Kysely<Database>,
    values: { bodyId: string; meetingId: string; organizationId: string; position: number },
  ): Promise<void> {
    await trx
      .insertInto('meeting_organization')
      .values({
        body_id: values.bodyId,
        meeting_id: values.meetingId,
        organization_id: values.organizationId,
        position: values.position,
      })
      .execute();
  }

  async hasLiveFile(trx: Kysely<Database>, meetingId: string, role: FileRow['role']): Promise<boolean> {
    const row = await trx
      .selectFrom('file')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .where('role', '=', role)
      .where('deleted', '=', false)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** What the invitation's letterhead shows. */
  body(trx: Kysely<Database>, bodyId: string) {
    return trx
      .selectFrom('body')
      .select(['name', 'street_address', 'postal_code', 'locality', 'contact_email', 'website'])
      .where('id', '=', bodyId)
      .executeTakeFirstOrThrow();
  }
}
