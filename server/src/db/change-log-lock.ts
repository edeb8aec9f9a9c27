import { sql, type Kysely } from 'kysely';
import type { Database } from './schema/tables.js';

/** The advisory lock key of `ratsmappe_record_change` (migration 0001). */
const changeLogLockKey = 7240561;

/**
 * Takes the lock that every writing transaction takes anyway at its first domain write (the change-log trigger holds
 * it until commit). Taken first, it makes a read-check-write sequence atomic against every other writer, in the same
 * lock order as the triggers, so it cannot deadlock with them the way a row lock taken before the first write can.
 */
export async function lockChangeLog(trx: Kysely<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${sql.lit(changeLogLockKey)})`.execute(trx);
}
