import type { Kysely } from 'kysely';
import { lockChangeLog } from '../../db/change-log-lock.js';
import type { Database, PaperRow } from '../../db/schema/tables.js';

const typePrefix: Record<string, string> = {
  Beschlussvorlage: 'BV',
  Antrag: 'AN',
  Anfrage: 'AF',
  Mitteilung: 'MI',
  Stellungnahme: 'ST',
};

const prefixedPattern = /^([A-Z]{1,4})\/(\d{4})\/(\d{1,6})$/;
const numberedPattern = /^(\d{1,6})\/(\d{4})$/;

/**
 * The next reference of a body's year, in the scheme the demo seed uses: "BV/2026/0007" (type prefix) or
 * "0007/2026". Numbers run per body and year whatever the type. The scheme is the one of the body's latest
 * reference in either form; a body without one gets the plain numbered form.
 */
export function nextPaperReference(
  existing: readonly string[],
  latest: string | null,
  year: number,
  paperType: string,
): string {
  let highest = 0;
  for (const reference of existing) {
    const prefixed = prefixedPattern.exec(reference);
    const numbered = numberedPattern.exec(reference);
    if (prefixed && Number(prefixed[2]) === year) highest = Math.max(highest, Number(prefixed[3]));
    if (numbered && Number(numbered[2]) === year) highest = Math.max(highest, Number(numbered[1]));
  }
  const number = String(highest + 1).padStart(4, '0');
  return latest !== null && prefixedPattern.test(latest)
    ? `${typePrefix[paperType] ?? 'VO'}/${year}/${number}`
    : `${number}/${year}`;
}

/**
 * Allocates the next reference for a new paper dated `date`, inside the inserting transaction. Deleted papers
 * count, so a number is never handed out twice. The change-log lock, held until commit, makes concurrent creations
 * (and reference edits) wait for each other, so two of them never read the same highest number.
 */
export async function allocatePaperReference(
  trx: Kysely<Database>,
  bodyId: string,
  date: string,
  paperType: string,
): Promise<string> {
  await lockChangeLog(trx);
  const year = Number(date.slice(0, 4));
  const rows = await trx
    .selectFrom('paper')
    .select('reference')
    .where('body_id', '=', bodyId)
    .where('reference', 'like', `%${year}%`)
    .execute();
  const latest = await trx
    .selectFrom('paper')
    .select('reference')
    .where('body_id', '=', bodyId)
    .where('deleted', '=', false)
    .where('reference', 'is not', null)
    .orderBy('created', 'desc')
    .limit(1)
    .executeTakeFirst();
  return nextPaperReference(
    rows.flatMap((r) => (r.reference ? [r.reference] : [])),
    latest?.reference ?? null,
    year,
    paperType,
  );
}

export interface ConsultationChange {
  organization_id?: string;
  role?: string | null;
  authoritative?: boolean;
  meeting_id?: string | null;
}

/** Queries for editing papers and their consultation path; writers pass their transaction. */
export class PaperWorkflowRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Reads the paper once no other write can run (see lockChangeLog). */
  async lockPaper(trx: Kysely<Database>, paperId: string): Promise<PaperRow | undefined> {
    await lockChangeLog(trx);
    return trx.selectFrom('paper').selectAll().where('id', '=', paperId).executeTakeFirst();
  }

  updatePaper(
    trx: Kysely<Database>,
    paperId: string,
    values: Partial<Pick<PaperRow, 'name' | 'reference' | 'date' | 'paper_type' | 'body_text' | 'public'>>,
  ): Promise<PaperRow> {
    return trx
      .updateTable('paper')
      .set((eb) => ({ ...values, edit_version: eb('edit_version', '+', 1) }))
      .where('id', '=', paperId)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Makes every live file of the paper non-public (a decision, so confirmed); returns the ids that changed. */
  async hideFiles(trx: Kysely<Database>, paperId: string, now: Date): Promise<string[]> {
    const rows = await trx
      .updateTable('file')
      .set({ public: false, visibility_confirmed_at: now })
      .where('paper_id', '=', paperId)
      .where('deleted', '=', false)
      .where('public', '=', true)
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  /** Live agenda items of invited (or later) meetings that name the paper, with their parent's flag. */
  publishedItemsNaming(trx: Kysely<Database>, paperId: string) {
    return trx
      .selectFrom('agenda_item as ai')
      .innerJoin('meeting as m', 'm.id', 'ai.meeting_id')
      .leftJoin('agenda_item as parent', 'parent.id', 'ai.parent_id')
      .select(['ai.meeting_id', 'ai.public', 'parent.public as parent_public'])
      .where('ai.paper_id', '=', paperId)
      .where('ai.deleted', '=', false)
      .where('m.deleted', '=', false)
      .where('m.meeting_state', '!=', 'planned')
      .execute();
  }

  liveOrganizationOfBody(trx: Kysely<Database>, organizationId: string, bodyId: string) {
    return trx
      .selectFrom('organization')
      .select('id')
      .where('id', '=', organizationId)
      .where('body_id', '=', bodyId)
      .where('deleted', '=', false)
      .executeTakeFirst();
  }

  liveMeetingOfBody(trx: Kysely<Database>, meetingId: string, bodyId: string) {
    return trx
      .selectFrom('meeting')
      .select('id')
      .where('id', '=', meetingId)
      .where('body_id', '=', bodyId)
      .where('deleted', '=', false)
      .executeTakeFirst();
  }

  findConsultation(consultationId: string, db: Kysely<Database> = this.db) {
    return db
      .selectFrom('consultation as c')
      .leftJoin('agenda_item as ai', (join) =>
        join.onRef('ai.id', '=', 'c.agenda_item_id').on('ai.deleted', '=', false),
      )
      .select(['c.id', 'c.body_id', 'c.paper_id', 'c.meeting_id', 'c.deleted', 'ai.id as live_agenda_item_id'])
      .where('c.id', '=', consultationId)
      .executeTakeFirst();
  }

  async insertConsultation(
    trx: Kysely<Database>,
    values: {
      bodyId: string;
      paperId: string;
      organizationId: string;
      meetingId: string | null;
      role: string | null;
      authoritative: boolean;
      position: number;
    },
  ): Promise<string> {
    const row = await trx
      .insertInto('consultation')
      .values({
        body_id: values.bodyId,
        paper_id: values.paperId,
        organization_id: values.organizationId,
        meeting_id: values.meetingId,
        role: values.role,
        authoritative: values.authoritative,
        position: values.position,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async updateConsultation(trx: Kysely<Database>, consultationId: string, values: ConsultationChange) {
    if (Object.keys(values).length === 0) return;
    await trx.updateTable('consultation').set(values).where('id', '=', consultationId).execute();
  }

  async softDeleteConsultation(trx: Kysely<Database>, consultationId: string) {
    await trx.updateTable('consultation').set({ deleted: true }).where('id', '=', consultationId).execute();
  }
}
