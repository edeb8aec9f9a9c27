import { sql, type Kysely } from 'kysely';

/**
 * The foundation schema, shaped on OParl 1.1. Every domain row belongs to a body, has a stable uuid used in URLs,
 * `created`/`modified`, a soft-delete flag and `change_seq`, the sequence number of its last change.
 *
 * The change log is written by triggers so that no code path can forget it. Each writing transaction takes one
 * advisory lock before drawing a sequence number, so sequence order equals commit order: a reader that has seen
 * seq N can never later find a committed N-1 (sync and OParl `modified_since` rely on this).
 */

const DOMAIN_TABLES = [
  'body',
  'legislative_term',
  'location',
  'organization',
  'person',
  'membership',
  'meeting',
  'meeting_organization',
  'agenda_item',
  'paper',
  'consultation',
  'file',
  'file_version',
] as const;

/** Children whose change must bump the embedding parent's `modified` (OParl 1.1, "incremental update"). */
const PARENT_BUMPS: { child: string; parentTable: string; parentColumn: string }[] = [
  { child: 'legislative_term', parentTable: 'body', parentColumn: 'body_id' },
  { child: 'membership', parentTable: 'person', parentColumn: 'person_id' },
  { child: 'agenda_item', parentTable: 'meeting', parentColumn: 'meeting_id' },
  { child: 'meeting_organization', parentTable: 'meeting', parentColumn: 'meeting_id' },
  { child: 'consultation', parentTable: 'paper', parentColumn: 'paper_id' },
  { child: 'file', parentTable: 'meeting', parentColumn: 'meeting_id' },
  { child: 'file', parentTable: 'agenda_item', parentColumn: 'agenda_item_id' },
  { child: 'file', parentTable: 'paper', parentColumn: 'paper_id' },
  { child: 'file_version', parentTable: 'file', parentColumn: 'file_id' },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create sequence change_seq as bigint;

    create table change_log (
      seq bigint primary key,
      body_id uuid not null,
      entity text not null,
      entity_id uuid not null,
      op text not null check (op in ('upsert', 'delete')),
      at timestamptz not null default clock_timestamp()
    );
    create index change_log_body_seq on change_log (body_id, seq);
    create index change_log_entity on change_log (entity, entity_id);

    create table location (
      id uuid primary key default gen_random_uuid(),
      body_id uuid not null,
      description text,
      street_address text,
      room text,
      postal_code text,
      sub_locality text,
      locality text,
      geojson jsonb,
      created timestamptz not null default clock_timestamp(),
      modified timestamptz not null default clock_timestamp(),
      deleted boolean not null default false,
      change_seq bigint not null default 0
    );

    create table body (
      id uuid primary key default gen_random_uuid(),
      slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      name text not null,
      short_name text,
      website text,
      ags text check (ags ~ '^[0-9]{8}$'),
      rgs text check (rgs ~ '^[0-9]{12}$'),
      classification text,
      contact_email text,
      contact_name text,
      street_address text,
      postal_code text,
      locality text,
      location_id uuid references location (id),
      council_members_see_non_public boolean not null default false,
      require_totp_for_staff boolean not null default false,
      created timestamptz not null default clock_timestamp(),
      modified timestamptz not null default clock_timestamp(),
      deleted boolean not null default false,
      change_seq bigint not null default 0
    );
    alter table location add constraint location_body_fk foreign key (body_id) references body (id) deferrable initially deferred;
    create index location_body on location (body_id);

    create table legislative_term (
      id uuid primary key default gen_random_uuid(),
      body_id uuid not null references body (id),
      name text not null,
      start_date date not null,
      end_date date,
      created timestamptz not null default clock_timestamp(),
      modified timestamptz not null default clock_timestamp(),
      deleted boolean not null default false,
      change_seq bigint not null default 0,
      check (end_date is null or end_date >= start_date)
    );
    create index legislative_term_body on legislative_term (body_id);

    create table organization (
      id uuid primary key default gen_random_uuid(),
      body_id uuid not null references body (id),
      kind text not null check (kind in ('council', 'committee', 'faction', 'advisory_board', 'administration', 'other')),
      name text not null,
      short_name text,
      classification text,
      post text[] not null default '{}',
      sub_organization_of uuid references organization (id),
      legislative_term_id uuid references legislative_term (id),
      location_id uuid references location (id),
      website text,
      start_date date,
      end_date date,
      created timestamptz not null default clock_timestamp(),
      modified timestamptz not null default clock_timestamp(),
      deleted boolean not null default false,
      change_seq bigint not null default 0
    );
    create index organization_body on organization (body_id, kind);

    create table person (
      id uuid primary key default gen_random_uuid(),
      body_id uuid not null references body (id),
      name text not null,
      family_name text,
      given_name text,
      form_of_address text,
      affix text,
      title text[] not null default '{}',
      gender text,
      email text,
      phone text,
      contact_public boolean not null default false,
      status text[] not null default '{}',
      life text,
      life_source text,
      location_id uuid references location (id),
      created timestamptz not null default clock_timestamp(),
      modified timestamptz not null default clock_timestamp(),
      deleted boolean not null default false,
      change_seq bigint not null default 0
    );
    create index person_body on person (body_id, family_name);

    create table membership (
      id uuid primary key default gen_random_uuid(),
      body_id uuid not null references body (id),
      person_id uuid not null references person (id),
      organization_id uuid not null references organization (id),
      role text,
      deputy boolean not null default false,
      voting_right boolean not null default true,
      start_date date not null,
      end_date date,
      on_behalf_of uuid references organization (id),
      created timestamptz not null default clock_timestamp(),
      modified timestamptz not null default clock_timestamp(),
      deleted boolean not null default false,
      change_seq bigint not null default 0,
      check (end_date is null or end_date >= start_date)
    );
    create index membership_person on membership (person_id);
    create index membership_organization on membership (organization_id);

    create table meeting (
      id uuid primary key default gen_random_uuid(),
      body_id uuid not null references body (id),
      name text not null,
      meeting_state text not null default 'planned'
        check (meeting_state in ('planned', 'invited', 'held', 'minutes_released')),
      cancelled boolean not null default false,
      start timestamptz not null,
      "end" timestamptz,
      location_id uuid references location (id),
      invited_at timestamptz,
      created timestamptz not null default clock_timestamp(),
      modified timestamptz not null default clock_timestamp(),
      deleted boolean not null default false,
      change_seq bigint not null default 0,
      check ("end" is null or "end" >= start)
    );
    create index meeting_body_start on meeting (body_id, start);

    -- Holding organizations of a meeting; position 0 is the lead (OParl: first entry of Meeting.organization).
    create table meeting_organization (
      id uuid primary key default gen_random_uuid(),
      body_id uuid not null references body (id),
      meeting_id uuid not null references meeting (id),
      organization_id uuid not null references organization (id),
      position integer not null default 0,
      created timestamptz not null default clock_timestamp(),
      modified timestamptz not null default clock_timestamp(),
      deleted boolean not null default false,
      change_seq bigint not null default 0
    );
    create unique index meeting_organization_pair on meeting_organization (meeting_id, organization_id) where not deleted;
    create index meeting_organization_org on meeting_organization (organization_id);

    create table paper (
      id uuid primary key default gen_random_uuid(),
      body_id uuid not null references body (id),
      name text not null,
      reference text,
      date date,
      paper_type text not null,
      body_text text,
      public boolean not null default false,
      under_direction_of uuid references organization (id),
      originator_organization_id uuid references organization (id),
      originator_person_id uuid references person (id),
      superordinated_paper_id uuid references paper (id),
      created timestamptz not null default clock_timestamp(),
      modified timestamptz not null default clock_timestamp(),
      deleted boolean not null default false,
      change_seq bigint not null default 0
    );
    create unique index paper_reference on paper (body_id, reference) where not deleted and reference is not null;
    create index paper_body_date on paper (body_id, date);

    create table agenda_item (
      id uuid primary key default gen_random_uuid(),
      body_id uuid not null references body (id),
      meeting_id uuid not null references meeting (id),
      parent_id uuid references agenda_item (id),
      position integer not null,
      number text,
      name text not null,
      public boolean not null default false,
      paper_id uuid references paper (id),
      result text,
      resolution_text text,
      supplement_at timestamptz,
      start timestamptz,
      "end" timestamptz,
      created timestamptz not null default clock_timestamp(),
      modified timestamptz not null default clock_timestamp(),
      deleted boolean not null default false,
      change_seq bigint not null default 0
    );
    create index agenda_item_meeting on agenda_item (meeting_id, position);
    create index agenda_item_paper on agenda_item (paper_id);

    create table consultation (
      id uuid primary key default gen_random_uuid(),
      body_id uuid not null references body (id),
      paper_id uuid not null references paper (id),
      meeting_id uuid references meeting (id),
      agenda_item_id uuid references agenda_item (id),
      organization_id uuid references organization (id),
      position integer not null default 0,
      authoritative boolean not null default false,
      role text,
      created timestamptz not null default clock_timestamp(),
      modified timestamptz not null default clock_timestamp(),
      deleted boolean not null default false,
      change_seq bigint not null default 0
    );
    create index consultation_paper on consultation (paper_id, position);
    create index consultation_meeting on consultation (meeting_id);
    create index consultation_agenda_item on consultation (agenda_item_id);

    -- Content-addressed blobs: one row per distinct content, shared by every file version with that content.
    create table blob (
      sha256 char(64) primary key check (sha256 ~ '^[0-9a-f]{64}$'),
      size bigint not null check (size >= 0),
      mime_type text not null,
      created timestamptz not null default clock_timestamp()
    );

    -- A document attached to exactly one owner (meeting, agenda item or paper) in one role.
    create table file (
      id uuid primary key default gen_random_uuid(),
      body_id uuid not null references body (id),
      name text not null,
      role text not null
        check (role in ('invitation', 'results_protocol', 'verbatim_protocol', 'auxiliary', 'main', 'resolution')),
      meeting_id uuid references meeting (id),
      agenda_item_id uuid references agenda_item (id),
      paper_id uuid references paper (id),
      position integer not null default 0,
      date date,
      public boolean not null default false,
      visibility_confirmed_at timestamptz,
      created timestamptz not null default clock_timestamp(),
      modified timestamptz not null default clock_timestamp(),
      deleted boolean not null default false,
      change_seq bigint not null default 0,
      check (num_nonnulls(meeting_id, agenda_item_id, paper_id) = 1)
    );
    create index file_meeting on file (meeting_id) where meeting_id is not null;
    create index file_agenda_item on file (agenda_item_id) where agenda_item_id is not null;
    create index file_paper on file (paper_id) where paper_id is not null;

    create table file_version (
      id uuid primary key default gen_random_uuid(),
      body_id uuid not null references body (id),
      file_id uuid not null references file (id),
      version integer not null check (version >= 1),
      sha256 char(64) not null references blob (sha256),
      size bigint not null,
      mime_type text not null,
      file_name text not null,
      extracted_text text,
      text_extracted_at timestamptz,
      created timestamptz not null default clock_timestamp(),
      modified timestamptz not null default clock_timestamp(),
      deleted boolean not null default false,
      change_seq bigint not null default 0,
      unique (file_id, version)
    );
    create index file_version_sha256 on file_version (sha256);

    create table account (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      display_name text not null,
      password_hash text,
      locale text not null default 'de' check (locale in ('de', 'en')),
      active boolean not null default true,
      totp_secret text,
      created timestamptz not null default clock_timestamp(),
      modified timestamptz not null default clock_timestamp()
    );
    create unique index account_email on account (lower(email));

    -- A councillor's account links to one person per mandate, possibly in several bodies.
    create table account_person (
      account_id uuid not null references account (id),
      person_id uuid not null references person (id),
      created timestamptz not null default clock_timestamp(),
      primary key (account_id, person_id)
    );
    create index account_person_person on account_person (person_id);

    create table role_grant (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references account (id),
      role text not null check (role in ('system_admin', 'office_staff')),
      body_id uuid references body (id),
      created timestamptz not null default clock_timestamp(),
      check ((role = 'system_admin') = (body_id is null))
    );
    create unique index role_grant_unique on role_grant (account_id, role, coalesce(body_id, '00000000-0000-0000-0000-000000000000'));

    create table session (
      id_hash char(64) primary key,
      account_id uuid not null references account (id),
      created timestamptz not null default clock_timestamp(),
      last_seen timestamptz not null default clock_timestamp(),
      expires timestamptz not null,
      user_agent text
    );
    create index session_account on session (account_id);

    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default clock_timestamp(),
      account_id uuid,
      body_id uuid,
      action text not null,
      object_type text,
      object_id uuid,
      details jsonb not null default '{}'
    );
    create index audit_log_body_at on audit_log (body_id, at);
  `.execute(db);

  await sql`
    create function ratsmappe_forbid_change() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only or soft-delete only: % is not allowed', tg_table_name, tg_op;
    end $$;

    create trigger audit_log_append_only before update or delete on audit_log
      for each row execute function ratsmappe_forbid_change();
    create trigger change_log_append_only before update or delete on change_log
      for each row execute function ratsmappe_forbid_change();

    -- Stamps the row with a new change sequence number and appends it to the change log.
    -- pg_advisory_xact_lock serialises writing transactions until commit, so seq order is commit order.
    create function ratsmappe_record_change() returns trigger language plpgsql as $$
    declare
      next_seq bigint;
      row_body uuid;
    begin
      perform pg_advisory_xact_lock(7240561);
      next_seq := nextval('change_seq');
      new.change_seq := next_seq;
      if tg_op = 'UPDATE' then
        if old.deleted and new.deleted then
          raise exception '% % is deleted and cannot be changed', tg_table_name, old.id;
        end if;
        if new.modified is not distinct from old.modified then
          new.modified := clock_timestamp();
        end if;
        new.created := old.created;
      end if;
      if tg_table_name = 'body' then
        row_body := new.id;
      else
        row_body := new.body_id;
      end if;
      insert into change_log (seq, body_id, entity, entity_id, op, at)
      values (next_seq, row_body, tg_table_name, new.id,
              case when new.deleted then 'delete' else 'upsert' end, new.modified);
      return new;
    end $$;
  `.execute(db);

  for (const table of DOMAIN_TABLES) {
    await sql`
      create trigger ${sql.raw(`${table}_record_change`)} before insert or update on ${sql.table(table)}
        for each row execute function ratsmappe_record_change();
      create trigger ${sql.raw(`${table}_no_hard_delete`)} before delete on ${sql.table(table)}
        for each row execute function ratsmappe_forbid_change();
    `.execute(db);
  }

  for (const { child, parentTable, parentColumn } of PARENT_BUMPS) {
    const fn = `ratsmappe_bump_${parentTable}_from_${child}`;
    await sql`
      create function ${sql.raw(fn)}() returns trigger language plpgsql as $$
      begin
        if new.${sql.raw(parentColumn)} is not null then
          update ${sql.raw(parentTable)} set modified = new.modified
          where id = new.${sql.raw(parentColumn)} and not deleted and modified < new.modified;
        end if;
        return null;
      end $$;
      create trigger ${sql.raw(`${child}_bumps_${parentTable}_${parentColumn}`)}
        after insert or update on ${sql.table(child)}
        for each row execute function ${sql.raw(fn)}();
    `.execute(db);
  }
}

export function down(): Promise<void> {
  return Promise.reject(new Error('The foundation migration cannot be reverted; restore a backup instead.'));
}
