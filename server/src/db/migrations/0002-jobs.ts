import { sql, type Kysely } from 'kysely';

/**
 * Background jobs kept in the database: no external queue. A worker claims due jobs with FOR UPDATE SKIP LOCKED,
 * so several workers (or server processes on PostgreSQL) never run the same job twice at once; a claim expires
 * after its lease, so a job whose worker died (crash, SIGKILL) runs again after a restart.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table job (
      id bigint generated always as identity primary key,
      kind text not null,
      payload jsonb not null default '{}',
      dedupe_key text,
      run_at timestamptz not null default clock_timestamp(),
      attempts integer not null default 0,
      max_attempts integer not null default 8,
      locked_until timestamptz,
      locked_by text,
      last_error text,
      finished_at timestamptz,
      failed_at timestamptz,
      created timestamptz not null default clock_timestamp()
    );
    create index job_due on job (run_at) where finished_at is null and failed_at is null;
    -- At most one pending job per dedupe key (e.g. one extraction per file version).
    create unique index job_dedupe on job (kind, dedupe_key) where finished_at is null and failed_at is null;
  `.execute(db);
}

export function down(): Promise<void> {
  return Promise.reject(new Error('not reversible'));
}
