import { sql, type Kysely } from 'kysely';

/**
 * `X-Idempotency-Key` of uploads: one row per account and key, written in the transaction that stores the file (or
 * the version), so a repeated request finds it exactly when the first one committed. `target` names the request
 * (endpoint, owner, file name, query) and `sha256` its content: the same key with another request is refused.
 * Rows are kept for a day (`expires`); an expired key may be used again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table upload_idempotency (
      account_id uuid not null references account (id),
      key text not null,
      target text not null,
      sha256 text not null,
      file_id uuid not null references file (id),
      created boolean not null,
      at timestamptz not null,
      expires timestamptz not null,
      primary key (account_id, key)
    );
    create index upload_idempotency_expires on upload_idempotency (expires);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table upload_idempotency`.execute(db);
}
