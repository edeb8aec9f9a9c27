import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';

/** Set by test/global-setup.ts for the whole run: the schemas this run made, dropped together at its end. */
export const testSchemaPrefixVariable = 'RATSMAPPE_TEST_SCHEMA_PREFIX';

/** Drops the schemas whose names start with `prefix` (the end of a test run). */
export async function dropTestSchemas(url: string, prefix: string): Promise<number> {
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
  });
  try {
    const { rows } = await sql<{ nspname: string }>`
      select nspname from pg_namespace where starts_with(nspname, ${prefix})`.execute(admin);
    for (const { nspname } of rows) await sql`drop schema ${sql.id(nspname)} cascade`.execute(admin);
    return rows.length;
  } finally {
    await admin.destroy();
  }
}
