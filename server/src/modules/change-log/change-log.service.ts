import type { ChangeLogEntry } from '@ratsmappe/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema/tables.js';
import type { AccessService, Principal } from '../access/access.service.js';

/**
 * The raw change log names every changed row, non-public ones included, so it is for the body's office staff only.
 * Councillors' devices will get a visibility-filtered feed built on it (sync pull).
 */
export class ChangeLogService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly access: AccessService,
  ) {}

  async listForBody(
    principal: Principal,
    bodyId: string,
    after: string,
    limit: number,
  ): Promise<{ data: ChangeLogEntry[]; nextAfter: string | null }> {
    this.access.requireOfficeStaff(principal, bodyId);
    const rows = await this.db
      .selectFrom('change_log')
      .selectAll()
      .where('body_id', '=', bodyId)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    return {
      data: page.map((r) => ({
        seq: r.seq,
        entity: r.entity,
        entityId: r.entity_id,
        op: r.op,
        at: r.at.toISOString(),
      })),
      nextAfter: rows.length > limit ? (page.at(-1)?.seq ?? null) : null,
    };
  }
}
