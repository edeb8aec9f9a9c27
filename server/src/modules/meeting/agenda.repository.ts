import type { Kysely } from 'kysely';
import { lockChangeLog } from '../../db/change-log-lock.js';
import type { Database, MeetingRow } from '../../db/schema/tables.js';

export interface AgendaItemChange {
  id: string;
  parent_id?: string | null;
  public?: boolean;
  position?: number;
  number?: string;
  name?: string;
  paper_id?: string | null;
  result?: string | null;
  resolution_text?: string | null;
  supplement_at?: Date;
}

/** Queries of the agenda builder and the consultations it creates; the callers pass their transaction. */
export class AgendaRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Reads the meeting once no other write can run: the version check and what follows see a stable meeting. */
  async lockMeeting(trx: Kysely<Database>, meetingId: string): Promise<MeetingRow | undefined> {
    await lockChangeLog(trx);
    return trx.selectFrom('meeting').selectAll().where('id', '=', meetingId).executeTakeFirst();
  }

  /** Moves the meeting's edit version on (inside the transaction that locked it). */
  async bumpEditVersion(trx: Kysely<Database>, meetingId: string): Promise<void> {
    await trx
      .updateTable('meeting')
      .set((eb) => ({ edit_version: eb('edit_version', '+', 1) }))
      .where('id', '=', meetingId)
      .execute();
  }

  findItem(itemId: string) {
    return this.db
      .selectFrom('agenda_item')
      .select(['id', 'meeting_id', 'body_id', 'deleted'])
      .where('id', '=', itemId)
      .executeTakeFirst();
  }

  async updateItem(trx: Kysely<Database>, change: AgendaItemChange): Promise<void> {
    const { id, ...values } = change;
    if (Object.keys(values).length === 0) return;
    await trx.updateTable('agenda_item').set(values).where('id', '=', id).where('deleted', '=', false).execute();
  }

  async softDeleteItems(trx: Kysely<Database>, itemIds: readonly string[], supplementAt: Date | null) {
    if (itemIds.length === 0) return;
    await trx
      .updateTable('agenda_item')
      .set(supplementAt ? { deleted: true, supplement_at: supplementAt } : { deleted: true })
      .where('id', 'in', [...itemIds])
      .where('deleted', '=', false)
      .execute();
  }

  async papers(db: Kysely<Database>, paperIds: readonly string[]) {
    if (paperIds.length === 0) return [];
    return db
      .selectFrom('paper')
      .select(['id', 'body_id', 'reference', 'name', 'public', 'deleted'])
      .where('id', 'in', [...paperIds])
      .execute();
  }

  livePaperOfBody(trx: Kysely<Database>, paperId: string, bodyId: string) {
    return trx
      .selectFrom('paper')
      .select(['id', 'public'])
      .where('id', '=', paperId)
      .where('body_id', '=', bodyId)
      .where('deleted', '=', false)
      .executeTakeFirst();
  }

  /**
   * A planned step of the paper this agenda item can take over: one for this meeting first, else one for a holding
   * organization without a meeting yet. Neither may already be on an agenda.
   */
  plannedStep(trx: Kysely<Database>, paperId: string, meetingId: string, organizationIds: readonly string[]) {
    return trx
      .selectFrom('consultation')
      .select(['id', 'meeting_id', 'organization_id'])
      .where('paper_id', '=', paperId)
      .where('deleted', '=', false)
      .where('agenda_item_id', 'is', null)
      .where((eb) =>
        eb.or([
          eb('meeting_id', '=', meetingId),
          ...(organizationIds.length > 0
            ? [eb.and([eb('meeting_id', 'is', null), eb('organization_id', 'in', [...organizationIds])])]
            : []),
        ]),
      )
      .orderBy((eb) => eb.case().when('meeting_id', '=', meetingId).then(0).else(1).end())
      .orderBy('position')
      .limit(1)
      .executeTakeFirst();
  }

  async attachStep(trx: Kysely<Database>, consultationId: string, meetingId: string, agendaItemId: string) {
    await trx
      .updateTable('consultation')
      .set({ meeting_id: meetingId, agenda_item_id: agendaItemId })
      .where('id', '=', consultationId)
      .execute();
  }

  async insertConsultation(
    trx: Kysely<Database>,
    values: { bodyId: string; paperId: string; meetingId: string; agendaItemId: string; organizationId: string | null },
  ): Promise<string> {
    const row = await trx
      .insertInto('consultation')
      .values({
        body_id: values.bodyId,
        paper_id: values.paperId,
        meeting_id: values.meetingId,
        agenda_item_id: values.agendaItemId,
        organization_id: values.organizationId,
        position: await nextConsultationPosition(trx, values.paperId),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Removes the steps that put a paper on these items; returns their ids. */
  async softDeleteConsultationsOfItems(trx: Kysely<Database>, itemIds: readonly string[]): Promise<string[]> {
    if (itemIds.length === 0) return [];
    const rows = await trx
      .updateTable('consultation')
      .set({ deleted: true })
      .where('agenda_item_id', 'in', [...itemIds])
      .where('deleted', '=', false)
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }
}

export async function nextConsultationPosition(db: Kysely<Database>, paperId: string): Promise<number> {
  const row = await db
    .selectFrom('consultation')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('paper_id', '=', paperId)
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}
