import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/harness.js';
import type { DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrator.js';
import type { Database } from '../db/schema/tables.js';
import { DiskBlobStore } from '../storage/disk-blob-store.js';
import { seedDemo } from './demo-seed.js';
import { planBody } from './plan/plan-body.js';
import { lindenauProfile } from './profiles.js';

const today = '2026-03-12';
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function seededDatabase(seed: number): Promise<DatabaseHandle> {
  const handle = await openTestDatabase();
  const dir = await mkdtemp(path.join(tmpdir(), 'ratsmappe-determinism-'));
  cleanups.push(async () => {
    await handle.close();
    await rm(dir, { recursive: true, force: true });
  });
  await migrateToLatest(handle.db, handle.schema);
  const blobs = new DiskBlobStore(dir);
  await blobs.init();
  await seedDemo({ db: handle.db, blobs, today, seed });
  return handle;
}

/**
 * Everything a reader sees, with ids replaced by natural keys (slug, reference, meeting name and start), so two
 * seeds compare equal exactly when their content, counts, dates and PDF bytes are equal.
 */
async function contentDigest(db: Kysely<Database>): Promise<{ digest: string; sample: unknown[] }> {
  const queries = [
    sql`select b.slug, b.name, b.ags, b.classification, b.street_address, b.created, b.modified, l.description
        from body b join location l on l.id = b.location_id`,
    sql`select b.slug, t.name, t.start_date, t.end_date from legislative_term t join body b on b.id = t.body_id`,
    sql`select b.slug, o.kind, o.name, o.short_name, o.classification, o.post, p.name as parent
        from organization o join body b on b.id = o.body_id left join organization p on p.id = o.sub_organization_of`,
    sql`select b.slug, p.name, p.email, p.form_of_address, p.title, p.status, p.contact_public, p.created, p.modified
        from person p join body b on b.id = p.body_id`,
    sql`select b.slug, p.name as person, o.name as org, m.role, m.deputy, m.voting_right, m.start_date, m.end_date,
               f.name as on_behalf_of
        from membership m join body b on b.id = m.body_id join person p on p.id = m.person_id
        join organization o on o.id = m.organization_id left join organization f on f.id = m.on_behalf_of`,
    sql`select b.slug, m.name, m.start, m."end", m.meeting_state, m.cancelled, m.invited_at, m.created, m.modified,
               l.description as location, string_agg(o.name, ', ' order by mo.position) as orgs
        from meeting m join body b on b.id = m.body_id join location l on l.id = m.location_id
        join meeting_organization mo on mo.meeting_id = m.id join organization o on o.id = mo.organization_id
        group by b.slug, m.id, l.description`,
    sql`select b.slug, m.name as meeting, m.start, a.position, a.number, a.name, a.public, p.reference, a.result,
               a.resolution_text, a.supplement_at, a.created, a.modified, parent.number as parent
        from agenda_item a join body b on b.id = a.body_id join meeting m on m.id = a.meeting_id
        left join paper p on p.id = a.paper_id left join agenda_item parent on parent.id = a.parent_id`,
    sql`select b.slug, p.reference, p.name, p.date, p.paper_type, p.body_text, p.public, d.name as direction,
               o.name as originator, p.created, p.modified
        from paper p join body b on b.id = p.body_id left join organization d on d.id = p.under_direction_of
        left join organization o on o.id = p.originator_organization_id`,
    sql`select b.slug, p.reference, c.position, c.role, c.authoritative, m.name as meeting, m.start, a.number,
               o.name as org
        from consultation c join body b on b.id = c.body_id join paper p on p.id = c.paper_id
        join meeting m on m.id = c.meeting_id join agenda_item a on a.id = c.agenda_item_id
        join organization o on o.id = c.organization_id`,
    sql`select b.slug, f.name, f.role, f.public, f.position, f.date, v.version, v.file_name, v.sha256, v.size,
               coalesce(p.reference, m.name || ' ' || m.start::text, ai.number || ' ' || am.start::text) as owner
        from file f join body b on b.id = f.body_id join file_version v on v.file_id = f.id
        left join paper p on p.id = f.paper_id left join meeting m on m.id = f.meeting_id
        left join agenda_item ai on ai.id = f.agenda_item_id left join meeting am on am.id = ai.meeting_id`,
    sql`select a.email, a.display_name, p.name as person, b.slug
        from account a left join account_person ap on ap.account_id = a.id left join person p on p.id = ap.person_id
        left join body b on b.id = p.body_id`,
  ];
  const hash = createHash('sha256');
  const sample: unknown[] = [];
  for (const query of queries) {
    const { rows } = await query.execute(db);
    const lines = rows.map((row) => JSON.stringify(row)).sort();
    sample.push(lines.length, lines[0]);
    for (const line of lines) hash.update(`${line}\n`);
  }
  return { digest: hash.digest('hex'), sample };
}

let first: Awaited<ReturnType<typeof contentDigest>>;
let second: Awaited<ReturnType<typeof contentDigest>>;

// Two full seeds; allow for a busy machine.
beforeAll(async () => {
  first = await contentDigest((await seededDatabase(1)).db);
  second = await contentDigest((await seededDatabase(1)).db);
}, 240_000);

describe('determinism', () => {
  it('seeds identical content, counts, dates and PDFs from the same seed and date', () => {
    expect(second.sample).toEqual(first.sample);
    expect(second.digest).toBe(first.digest);
  });

  it('plans different content for another seed and the same content for the same one', () => {
    const now = new Date();
    const digest = (seed: number) => {
      const plan = planBody({ profile: lindenauProfile, seed, today, now });
      return JSON.stringify([
        plan.persons.map((p) => p.fullName),
        plan.meetings.map((m) => [m.row.name, m.date, m.items.map((i) => i.row.name)]),
        plan.papers.map((p) => [p.row.reference, p.row.name, p.row.body_text]),
      ]);
    };
    expect(digest(1)).toBe(digest(1));
    expect(digest(2)).not.toBe(digest(1));
  });
});
