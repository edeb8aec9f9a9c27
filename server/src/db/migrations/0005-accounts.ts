import { sql, type Kysely } from 'kysely';

/**
 * Account hardening: one-time set-up links (only a hash of the token is stored), TOTP enrolment and replay guard,
 * and the sign-in attempts that throttling counts. Attempts live in the database so the limits hold across restarts
 * and across several server processes; they carry hashes only, never an address or e-mail in clear.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table account
      add column totp_pending_secret text,
      add column totp_last_step bigint;

    create table account_setup_link (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references account (id),
      token_hash char(64) not null unique,
      created timestamptz not null,
      expires timestamptz not null,
      created_by uuid references account (id),
      used_at timestamptz,
      revoked_at timestamptz
    );
    create index account_setup_link_open on account_setup_link (account_id) where used_at is null and revoked_at is null;

    create table sign_in_attempt (
      id bigint generated always as identity primary key,
      at timestamptz not null,
      email_hash char(64) not null,
      address_hash char(64) not null,
      outcome text not null check (outcome in ('pending', 'failure', 'success', 'throttled', 'incomplete'))
    );
    create index sign_in_attempt_email on sign_in_attempt (email_hash, id);
    create index sign_in_attempt_address on sign_in_attempt (address_hash, at);
    create index sign_in_attempt_at on sign_in_attempt (at);

    -- The audit API pages by id within a body, and filters by actor.
    create index audit_log_body_id on audit_log (body_id, id);
    create index audit_log_account_id on audit_log (account_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index audit_log_account_id;
    drop index audit_log_body_id;
    drop table sign_in_attempt;
    drop table account_setup_link;
    alter table account drop column totp_last_step, drop column totp_pending_secret;
  `.execute(db);
}
