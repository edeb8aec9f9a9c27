import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema/tables.js';

export interface AuditEntry {
  accountId: string | null;
  bodyId?: string | null;
  action: string;
  objectType?: string;
  objectId?: string | null;
  details?: Record<string, unknown>;
}

/** Append-only trail (the table refuses UPDATE and DELETE). Written inside the caller's transaction when given. */
export class AuditService {
  constructor(private readonly db: Kysely<Database>) {}

  async record(entry: AuditEntry, trx?: Transaction<Database>): Promise<void> {
    await (trx ?? this.db)
      .insertInto('audit_log')
      .values({
        account_id: entry.accountId,
        body_id: entry.bodyId ?? null,
        action: entry.action,
        object_type: entry.objectType ?? null,
        object_id: entry.objectId ?? null,
        details: JSON.stringify(entry.details ?? {}),
      })
      .execute();
  }
}
