import type { Kysely } from 'kysely';
import type { Database } from '../db/schema/tables.js';

/** True when no body exists yet (deleted ones count): the demo seed only ever runs on a fresh installation. */
export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('body').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}
