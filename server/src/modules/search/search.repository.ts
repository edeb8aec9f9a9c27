import type { AccessScope, SearchResultType } from '@ratsmappe/shared';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema/tables.js';
import {
  fileOrganizations,
  fileOwnerJoins,
  fileOwnerPresent,
  fileOwnerPublic,
  meetingOrganization,
  paperOrganization,
  readable,
  type Condition,
  type OrganizationTest,
} from '../access/readable-sql.js';

/** Markers ts_headline puts around hits; private-use characters, removed from the text beforehand. */
export const hitStart = '\uE000';
export const hitStop = '\uE001';

/** Only this much of a document is indexed (migration 0003) and therefore worth highlighting. */
const indexedChars = 1_000_000;
/** A snippet from a file whose pages do not match one by one comes from this much of its beginning. */
const openingChars = 5_000;
/** Texts up to this length are short enough to show whole in a snippet. */
const shortText = 300;

export interface SearchFilter {
  q: string;
  type: SearchResultType | undefined;
  bodyId: string | undefined;
  organizationId: string | undefined;
  /** Inclusive Berlin calendar dates. */
  from: string | undefined;
  to: string | undefined;
  limit: number;
  offset: number;
}

export interface SearchRow {
  type: SearchResultType;
  id: string;
  body_id: string;
  body_slug: string;
  rank: number;
  sort_date: string | null;
  total: string;
  title: string;
  headline: string;
  reference: string | null;
  meeting_id: string | null;
  meeting_name: string | null;
  meeting_start: Date | null;
  paper_id: string | null;
  paper_name: string | null;
  paper_reference: string | null;
  item_id: string | null;
  item_number: string | null;
  item_name: string | null;
  file_name: string | null;
  mime_type: string | null;
  version: number | null;
  page: string | null;
}

const tsQuery = (q: string) => sql`websearch_to_tsquery('pg_catalog.german', ${q})`;
const berlinDay = (instant: RawBuilder<unknown>) => sql`(${instant} at time zone 'Europe/Berlin')::date`;

function filters(
  filter: SearchFilter,
  bodyId: RawBuilder<unknown>,
  day: RawBuilder<unknown>,
  organizations: (test: OrganizationTest) => Condition,
): Condition[] {
  const conditions: Condition[] = [];
  if (filter.bodyId) conditions.push(sql<boolean>`${bodyId} = ${filter.bodyId}::uuid`);
  if (filter.from) conditions.push(sql<boolean>`${day} >= ${filter.from}::date`);
  if (filter.to) conditions.push(sql<boolean>`${day} <= ${filter.to}::date`);
  if (filter.organizationId) {
    const organizationId = filter.organizationId;
    conditions.push(organizations((column) => sql<boolean>`${column} = ${organizationId}::uuid`));
  }
  return conditions;
}

const and = (conditions: Condition[]) => sql.join(conditions, sql` and `);

/** Each branch yields (type, id, body_id, version_id, rank, sort_date) for the hits this scope may read. */
function paperHits(scope: AccessScope, filter: SearchFilter) {
  const q = tsQuery(filter.q);
  const organizations = (test: OrganizationTest) => paperOrganization(sql`pp.id`, sql`pp.body_id`, test);
  const conditions = [
    sql<boolean>`pp.search_vector @@ ${q}`,
    sql<boolean>`not pp.deleted`,
    readable(scope, sql<boolean>`pp.public`, sql`pp.body_id`, organizations),
    ...filters(filter, sql`pp.body_id`, sql`pp.date`, organizations),
  ];
  return sql`
    select 'paper' as type, pp.id, pp.body_id, null::uuid as version_id,
      ts_rank_cd(pp.search_vector, ${q}, 33) as rank, pp.date as sort_date
    from paper pp
    where ${and(conditions)}`;
}

function agendaItemHits(scope: AccessScope, filter: SearchFilter) {
  const q = tsQuery(filter.q);
  const organizations = (test: OrganizationTest) => meetingOrganization(sql`ai.meeting_id`, sql`ai.body_id`, test);
  // isAgendaItemPublic: a sub-item of a non-public item is non-public.
  const effectivePublic = sql<boolean>`(ai.public and coalesce(parent.public, true))`;
  const day = berlinDay(sql`m.start`);
  const conditions = [
    sql<boolean>`ai.search_vector @@ ${q}`,
    sql<boolean>`not ai.deleted`,
    readable(scope, effectivePublic, sql`ai.body_id`, organizations),
    ...filters(filter, sql`ai.body_id`, day, organizations),
  ];
  return sql`
    select 'agenda_item' as type, ai.id, ai.body_id, null::uuid as version_id,
      ts_rank_cd(ai.search_vector, ${q}, 33) as rank, ${day} as sort_date
    from agenda_item ai
      join meeting m on m.id = ai.meeting_id and not m.deleted
      left join agenda_item parent on parent.id = ai.parent_id
    where ${and(conditions)}`;
}

/** Meetings themselves (name, date, committees) are public; only their agenda content is protected. */
function meetingHits(filter: SearchFilter) {
  const q = tsQuery(filter.q);
  const organizations = (test: OrganizationTest) => meetingOrganization(sql`m.id`, sql`m.body_id`, test);
  const day = berlinDay(sql`m.start`);
  const conditions = [
    sql<boolean>`m.search_vector @@ ${q}`,
    sql<boolean>`not m.deleted`,
    ...filters(filter, sql`m.body_id`, day, organizations),
  ];
  return sql`
    select 'meeting' as type, m.id, m.body_id, null::uuid as version_id,
      ts_rank_cd(m.search_vector, ${q}, 33) as rank, ${day} as sort_date
    from meeting m
    where ${and(conditions)}`;
}

/**
 * A file matches by its name or by the text of its current version (the newest one not deleted): a passage
 * removed in a new version is no longer found. Publicity is `isFilePublic`: its own flag and its owner's.
 */
function fileHits(scope: AccessScope, filter: SearchFilter) {
  const q = tsQuery(filter.q);
  const organizations = fileOrganizations;
  const day = sql`coalesce(f.date, op.date, ${berlinDay(sql`coalesce(om.start, oim.start)`)})`;
  const conditions = [
    sql<boolean>`not f.deleted`,
    sql<boolean>`(cv.search_vector @@ ${q} or f.search_vector @@ ${q})`,
    fileOwnerPresent,
    readable(scope, sql<boolean>`(f.public and ${fileOwnerPublic})`, sql`f.body_id`, organizations),
    ...filters(filter, sql`f.body_id`, day, organizations),
  ];
  // Candidates come from the two GIN indexes; the current version is then checked row by row.
  return sql`
    select 'file' as type, f.id, f.body_id, cv.id as version_id,
      ts_rank_cd(f.search_vector || cv.search_vector, ${q}, 33) as rank, ${day} as sort_date
    from (
      select v.file_id from file_version v where v.search_vector @@ ${q} and not v.deleted
      union
      select x.id from file x where x.search_vector @@ ${q} and not x.deleted
    ) candidate
      join file f on f.id = candidate.file_id
      join lateral (
        select v.id, v.search_vector from file_version v
        where v.file_id = f.id and not v.deleted order by v.version desc limit 1
      ) cv on true
      ${fileOwnerJoins}
    where ${and(conditions)}`;
}

function hits(scope: AccessScope, filter: SearchFilter) {
  const branches = [];
  if (!filter.type || filter.type === 'paper') branches.push(paperHits(scope, filter));
  if (!filter.type || filter.type === 'agenda_item') branches.push(agendaItemHits(scope, filter));
  if (!filter.type || filter.type === 'meeting') branches.push(meetingHits(filter));
  if (!filter.type || filter.type === 'file') branches.push(fileHits(scope, filter));
  return sql.join(branches, sql` union all `);
}

export class SearchRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * One page of ranked hits with the exact total, in one statement (one snapshot), so the count, the rows and
   * their snippets come from the same visibility-filtered set. Snippets are computed for the page's rows only.
   */
  async search(scope: AccessScope, filter: SearchFilter): Promise<{ total: number; rows: SearchRow[] }> {
    const q = tsQuery(filter.q);
    const markers = `StartSel="${hitStart}", StopSel="${hitStop}", MaxWords=30, MinWords=12, ShortWord=3`;
    // Up to two fragments with context on both sides suit long documents; fragment mode clips short texts oddly,
    // and there the single-excerpt mode shows them whole.
    const fragments = `${markers}, MaxFragments=2, FragmentDelimiter=" … "`;
    const headline = (text: RawBuilder<unknown>) => sql`(
      select ts_headline('pg_catalog.german', doc.text, ${q},
        case when length(doc.text) > ${shortText} then ${fragments} else ${markers} end)
      from (select translate(${text}, ${hitStart + hitStop}, '') as text) doc)`;
    const result = await sql<SearchRow>`
      with hit as (${hits(scope, filter)}),
      page as (
        select hit.*, count(*) over () as total from hit
        order by rank desc, sort_date desc nulls last, id
        limit ${filter.limit} offset ${filter.offset}
      )
      select p.type, p.id, p.body_id, b.slug as body_slug, p.rank, p.sort_date, p.total,
        coalesce(pp.name, ai.name, m.name, f.name) as title,
        case p.type
          when 'paper' then ${headline(sql`coalesce(nullif(pp.body_text, ''), pp.name)`)}
          when 'agenda_item' then ${headline(sql`concat_ws(' ', ai.name, ai.resolution_text)`)}
          when 'meeting' then ${headline(sql`m.name`)}
          else ${headline(sql`coalesce(hit_page.text, nullif(left(fv.extracted_text, ${openingChars}), ''), f.name)`)}
        end as headline,
        coalesce(pp.reference, ai.number) as reference,
        lm.id as meeting_id, lm.name as meeting_name, lm.start as meeting_start,
        lp.id as paper_id, lp.name as paper_name, lp.reference as paper_reference,
        la.id as item_id, la.number as item_number, la.name as item_name,
        fv.file_name, fv.mime_type, fv.version, hit_page.number as page
      from page p
        join body b on b.id = p.body_id
        left join paper pp on p.type = 'paper' and pp.id = p.id
        left join agenda_item ai on p.type = 'agenda_item' and ai.id = p.id
        left join meeting m on p.type = 'meeting' and m.id = p.id
        left join file f on p.type = 'file' and f.id = p.id
        left join file_version fv on fv.id = p.version_id
        left join agenda_item la on la.id = f.agenda_item_id
        left join meeting lm on lm.id = coalesce(ai.meeting_id, f.meeting_id, la.meeting_id)
        left join paper lp on lp.id = f.paper_id
        -- ts_headline costs time linear in the text (0.5 s for 1M characters on PGlite): highlight the first page
        -- that matches on its own instead (the extractor separates pages with newlines), and say which it is.
        left join lateral (
          select pdf_page.text, pdf_page.number
          from regexp_split_to_table(left(fv.extracted_text, ${indexedChars}), E'\\n')
            with ordinality pdf_page(text, number)
          where fv.search_vector @@ ${q} and to_tsvector('pg_catalog.german', pdf_page.text) @@ ${q}
          limit 1
        ) hit_page on true
      order by p.rank desc, p.sort_date desc nulls last, p.id`.execute(this.db);
    const first = result.rows[0];
    return { total: first ? Number(first.total) : 0, rows: result.rows };
  }

  /** The total alone, for a page past the end (the page query then has no row to carry it). */
  async count(scope: AccessScope, filter: SearchFilter): Promise<number> {
    const result = await sql<{ total: string }>`
      select count(*) as total from (${hits(scope, filter)}) hit`.execute(this.db);
    return Number(result.rows[0]?.total ?? 0);
  }
}
