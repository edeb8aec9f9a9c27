import { sql, type Kysely } from 'kysely';

/**
 * Full-text search with the `german` configuration: a generated `search_vector` on meeting, agenda_item, paper,
 * file (its name) and file_version (the text extracted from its content), each with a GIN index.
 *
 * Weights: title A, reference/number/file name B, prose C, extracted document text and results D.
 *
 * GIN indexes use `fastupdate = off`: PGlite never autovacuums (tech.md §2.3), so a pending list would only grow
 * and every search would scan it. Writing straight into the index costs a little on each insert, which suits a
 * system whose writes are single papers and uploads; it needs no maintenance pass holding PGlite's one connection.
 *
 * Text extraction is enqueued by a trigger, so every path that inserts a file version without text (upload,
 * import, seed, plain SQL) gets a job in the same transaction, and a job exists exactly when the row commits.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A tsvector is limited to 1 MB; a document of long unique tokens (tables of figures) can exceed that even
    -- below our character cap. Index a shorter prefix then instead of failing the write that stores the text.
    -- 100,000 characters always fit; only longer texts pay for the exception block (a subtransaction).
    create function ratsmappe_search_text(doc text, weight "char") returns tsvector
      language plpgsql immutable parallel safe as $$
    begin
      if doc is null or length(doc) <= 100000 then
        return setweight(to_tsvector('pg_catalog.german', coalesce(doc, '')), weight);
      end if;
      begin
        return setweight(to_tsvector('pg_catalog.german', left(doc, 1000000)), weight);
      exception when program_limit_exceeded then
        return setweight(to_tsvector('pg_catalog.german', left(doc, 100000)), weight);
      end;
    end $$;

    alter table meeting add column search_vector tsvector generated always as (
      setweight(to_tsvector('pg_catalog.german', name), 'A')
    ) stored;

    alter table agenda_item add column search_vector tsvector generated always as (
      setweight(to_tsvector('pg_catalog.german', name), 'A')
      || setweight(to_tsvector('pg_catalog.german', coalesce(number, '')), 'B')
      || ratsmappe_search_text(resolution_text, 'C')
      || setweight(to_tsvector('pg_catalog.german', coalesce(result, '')), 'D')
    ) stored;

    alter table paper add column search_vector tsvector generated always as (
      setweight(to_tsvector('pg_catalog.german', name), 'A')
      || setweight(to_tsvector('pg_catalog.german', coalesce(reference, '')), 'B')
      || ratsmappe_search_text(body_text, 'C')
    ) stored;

    alter table file add column search_vector tsvector generated always as (
      setweight(to_tsvector('pg_catalog.german', name), 'A')
    ) stored;

    -- File names like "Niederschrift_Bauausschuss_2026.pdf" would be one token; split them into words.
    alter table file_version add column search_vector tsvector generated always as (
      setweight(to_tsvector('pg_catalog.german', translate(file_name, '_.-', '   ')), 'B')
      || ratsmappe_search_text(extracted_text, 'D')
    ) stored;

    create index meeting_search on meeting using gin (search_vector) with (fastupdate = off);
    create index agenda_item_search on agenda_item using gin (search_vector) with (fastupdate = off);
    create index paper_search on paper using gin (search_vector) with (fastupdate = off);
    create index file_search on file using gin (search_vector) with (fastupdate = off);
    create index file_version_search on file_version using gin (search_vector) with (fastupdate = off);
  `.execute(db);

  await sql`
    -- run_at is the epoch, not now(): the worker compares run_at with the application's clock, which may differ
    -- from the database's (a remote PostgreSQL drifts; tests move time). Extraction is due at once under any clock.
    create function ratsmappe_enqueue_text_extraction() returns trigger language plpgsql as $$
    begin
      insert into job (kind, payload, dedupe_key, run_at, max_attempts)
      values ('extract_text', jsonb_build_object('fileVersionId', new.id), new.id::text, 'epoch', 5)
      on conflict (kind, dedupe_key) where finished_at is null and failed_at is null do nothing;
      return null;
    end $$;

    create trigger file_version_enqueue_text_extraction after insert on file_version
      for each row when (new.text_extracted_at is null and not new.deleted)
      execute function ratsmappe_enqueue_text_extraction();

    -- Setting text_extracted_at back to null asks for a new extraction (e.g. after improving the extractor).
    create trigger file_version_requeue_text_extraction after update of text_extracted_at on file_version
      for each row when (old.text_extracted_at is not null and new.text_extracted_at is null and not new.deleted)
      execute function ratsmappe_enqueue_text_extraction();

    insert into job (kind, payload, dedupe_key, run_at, max_attempts)
    select 'extract_text', jsonb_build_object('fileVersionId', id), id::text, 'epoch', 5
    from file_version where text_extracted_at is null and not deleted
    on conflict (kind, dedupe_key) where finished_at is null and failed_at is null do nothing;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger file_version_requeue_text_extraction on file_version;
    drop trigger file_version_enqueue_text_extraction on file_version;
    drop function ratsmappe_enqueue_text_extraction();
    alter table file_version drop column search_vector;
    alter table file drop column search_vector;
    alter table paper drop column search_vector;
    alter table agenda_item drop column search_vector;
    alter table meeting drop column search_vector;
    drop function ratsmappe_search_text(text, "char");
  `.execute(db);
}
