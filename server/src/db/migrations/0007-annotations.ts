import { sql, type Kysely } from 'kysely';

/**
 * Councillors' annotations, stored apart from the documents (W3C Web Annotation shape in `state`). `state` is the
 * mergeable set of field writes (shared/annotations); `scope`, `scope_organization_id` and `deleted` repeat its
 * current values so that visibility can be decided in SQL. `anchors` holds the server's re-anchoring of the
 * annotation on later versions of its document, keyed by the version's sha256. `rev` moves on every change; the
 * sync pull compares it with what a device has seen.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create sequence annotation_rev as bigint;
    create table annotation (
      id uuid primary key,
      account_id uuid not null references account (id),
      body_id uuid not null references body (id),
      kind text not null check (kind in ('highlight', 'ink', 'note', 'bookmark', 'itemNote')),
      file_id uuid references file (id),
      agenda_item_id uuid references agenda_item (id),
      created timestamptz not null,
      modified timestamptz not null,
      state jsonb not null,
      scope text not null default 'private' check (scope in ('private', 'faction', 'committee')),
      scope_organization_id uuid references organization (id),
      deleted boolean not null default false,
      anchors jsonb not null default '{}',
      rev bigint not null default nextval('annotation_rev'),
      check ((file_id is null) <> (agenda_item_id is null))
    );
    create index annotation_account on annotation (account_id);
    create index annotation_file on annotation (file_id);
    create index annotation_shared on annotation (scope_organization_id) where scope <> 'private' and not deleted;
    create index annotation_body_rev on annotation (body_id, rev);

    alter table sync_device add column synced_annotation_rev bigint not null default 0;
  `.execute(db);
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Annotations are councillors’ own work and are never dropped by a migration.'));
}
