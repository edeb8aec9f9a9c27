import type { CreatePaper, PaperListQuery } from '@ratsmappe/shared';
import { sql, type Kysely } from 'kysely';
import type { Database, PaperRow } from '../../db/schema/tables.js';
import { listOwnerFiles } from './owner-files.repository.js';

export class PaperRepository {
  constructor(private readonly db: Kysely<Database>) {}

  find(id: string): Promise<PaperRow | undefined> {
    return this.db.selectFrom('paper').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * A page of the body's live papers for the office, newest first: by date (undated last), then by creation. The
   * sort key is `(date or 0001-01-01, created to the millisecond, id)`; `after` is the last row's key. Fetches one
   * row more than asked so the caller knows whether there is a next page.
   */
  listForBody(
    bodyId: string,
    query: PaperListQuery,
    after: { date: string; created: string; id: string } | null,
  ): Promise<PaperRow[]> {
    const day = sql<string>`coalesce(paper.date, date '0001-01-01')`;
    // Milliseconds, as the cursor carries them (a JS Date); PostgreSQL keeps microseconds.
    const created = sql<Date>`date_trunc('milliseconds', paper.created)`;
    let q = this.db
      .selectFrom('paper')
      .selectAll('paper')
      .where('paper.body_id', '=', bodyId)
      .where('paper.deleted', '=', false);
    if (query.q) {
      const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) => eb.or([eb('paper.name', 'ilike', pattern), eb('paper.reference', 'ilike', pattern)]));
    }
    if (query.type) q = q.where('paper.paper_type', '=', query.type);
    if (query.year !== undefined) {
      q = q.where('paper.date', '>=', `${query.year}-01-01`).where('paper.date', '<', `${query.year + 1}-01-01`);
    }
    if (query.public !== undefined) q = q.where('paper.public', '=', query.public);
    if (after) {
      q = q.where(
        sql<boolean>`(${day}, ${created}, paper.id) < (${after.date}::date, ${after.created}::timestamptz, ${after.id}::uuid)`,
      );
    }
    return q
      .orderBy(day, 'desc')
      .orderBy(created, 'desc')
      .orderBy('paper.id', 'desc')
      .limit(query.limit + 1)
      .execute();
  }

  /**
   * Organizations through which members may read a non-public paper: those consulting it and those holding a
   * meeting whose agenda lists it.
   */
  async accessOrganizationIds(paperId: string): Promise<string[]> {
    const consulting = this.db
      .selectFrom('consultation')
      .select('organization_id as id')
      .where('paper_id', '=', paperId)
      .where('deleted', '=', false)
      .where('organization_id', 'is not', null);
    const holding = this.db
      .selectFrom('agenda_item as ai')
      .innerJoin('meeting_organization as mo', 'mo.meeting_id', 'ai.meeting_id')
      .select('mo.organization_id as id')
      .where('ai.paper_id', '=', paperId)
      .where('ai.deleted', '=', false)
      .where('mo.deleted', '=', false);
    const rows = await consulting.union(holding).execute();
    return rows.map((r) => r.id).filter((id): id is string => id !== null);
  }

  files(paperId: string) {
    return listOwnerFiles(this.db, { paperIds: [paperId] });
  }

  /** The paper's consultations in order, with what the Beratungsfolge shows; deleted targets come back as nulls. */
  /** The live steps of a paper in order (or one step); deleted targets come back as nulls. */
  consultations(paperId: string, consultationId?: string) {
    let query = this.db
      .selectFrom('consultation as c')
      .leftJoin('organization as o', (join) => join.onRef('o.id', '=', 'c.organization_id').on('o.deleted', '=', false))
      .leftJoin('meeting as m', (join) => join.onRef('m.id', '=', 'c.meeting_id').on('m.deleted', '=', false))
      .leftJoin('agenda_item as ai', (join) =>
        join.onRef('ai.id', '=', 'c.agenda_item_id').on('ai.deleted', '=', false),
      )
      .leftJoin('agenda_item as aip', 'aip.id', 'ai.parent_id')
      .select([
        'c.id',
        'c.body_id',
        'c.paper_id',
        'c.role',
        'c.authoritative',
        'c.position',
        'o.id as organization_id',
        'o.name as organization_name',
        'o.short_name as organization_short_name',
        'm.id as meeting_id',
        'm.name as meeting_name',
        'm.start as meeting_start',
        'm.cancelled as meeting_cancelled',
        'm.meeting_state',
        'ai.id as agenda_item_id',
        'ai.meeting_id as agenda_item_meeting_id',
        'ai.number as agenda_item_number',
        'ai.name as agenda_item_name',
        'ai.result as agenda_item_result',
        'ai.public as agenda_item_public',
        'aip.public as agenda_item_parent_public',
      ])
      .where('c.paper_id', '=', paperId)
      .where('c.deleted', '=', false);
    if (consultationId) query = query.where('c.id', '=', consultationId);
    return query.orderBy('c.position').orderBy('m.start').orderBy('c.id').execute();
  }

  /** Organizations holding each meeting: through them members may read the meeting's non-public items. */
  async meetingOrganizations(meetingIds: readonly string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(meetingIds.map((id) => [id, []]));
    if (meetingIds.length === 0) return result;
    const rows = await this.db
      .selectFrom('meeting_organization')
      .select(['meeting_id', 'organization_id'])
      .where('meeting_id', 'in', [...meetingIds])
      .where('deleted', '=', false)
      .execute();
    for (const row of rows) result.get(row.meeting_id)?.push(row.organization_id);
    return result;
  }

  referenceTaken(db: Kysely<Database>, bodyId: string, reference: string) {
    return db
      .selectFrom('paper')
      .select('id')
      .where('body_id', '=', bodyId)
      .where('reference', '=', reference)
      .where('deleted', '=', false)
      .executeTakeFirst();
  }

  insert(db: Kysely<Database>, bodyId: string, input: CreatePaper): Promise<PaperRow> {
    return db
      .insertInto('paper')
      .values({
        body_id: bodyId,
        name: input.name,
        reference: input.reference ?? null,
        date: input.date,
        paper_type: input.paperType,
        body_text: input.bodyText ?? null,
        public: input.public,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async softDelete(db: Kysely<Database>, id: string) {
    await db
      .updateTable('consultation')
      .set({ deleted: true })
      .where('paper_id', '=', id)
      .where('deleted', '=', false)
      .execute();
    await db.updateTable('paper').set({ deleted: true }).where('id', '=', id).execute();
  }
}
