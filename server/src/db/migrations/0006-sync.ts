import { sql, type Kysely } from 'kysely';

/**
 * Tablet sync. A device belongs to one account. `sync_device_object` is, per device, the set of objects the server
 * has sent and their versions, so a pull can answer the exact difference to what the user may read now (upserts
 * and deletes, revocation included). `sent_page` says in which page a row went out: rows of pages the device has
 * not confirmed count as unknown and are sent again. Version `''` marks a delete that waits for confirmation.
 *
 * Pins are personal settings written through the push channel; `sync_mutation` keeps, per device, the outcome of
 * every applied mutation so a replayed push changes nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sync_device (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references account (id),
      name text not null,
      created timestamptz not null,
      last_sync_at timestamptz,
      revoked_at timestamptz,
      revoked_by uuid references account (id),
      -- The last page the server issued, and the change-log position and access fingerprint of the last pull
      -- that left nothing outstanding: when neither moved, a pull answers without computing anything.
      last_page bigint not null default 0,
      synced_seq bigint not null default 0,
      fingerprint text not null default '',
      stale boolean not null default true,
      last_mutation_seq bigint not null default 0
    );
    create index sync_device_account on sync_device (account_id);

    create table sync_device_object (
      device_id uuid not null references sync_device (id),
      entity text not null,
      entity_id uuid not null,
      version text,
      sent_page bigint not null,
      primary key (device_id, entity, entity_id)
    );
    create index sync_device_object_page on sync_device_object (device_id, sent_page);

    create table meeting_pin (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references account (id),
      meeting_id uuid not null references meeting (id),
      created timestamptz not null,
      unique (account_id, meeting_id)
    );

    create table sync_mutation (
      device_id uuid not null references sync_device (id),
      seq bigint not null,
      name text not null,
      applied_at timestamptz not null,
      error_code text,
      primary key (device_id, seq)
    );
  `.execute(db);
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Reverting the sync tables would strand every device; restore a backup instead.'));
}
