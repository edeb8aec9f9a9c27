import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../db/schema/tables.js';
import type { StoredBlob } from '../storage/blob-store.js';
import type { BodyPlan, VersionPlan } from './plan/plan-types.js';

/** Rows per INSERT: large enough to amortise round trips, small enough to stay far below 65,535 parameters. */
export const insertBatchSize = 500;

export const seedTables = [
  'body',
  'location',
  'legislative_term',
  'organization',
  'person',
  'membership',
  'meeting',
  'meeting_organization',
  'paper',
  'agenda_item',
  'consultation',
  'blob',
  'file',
  'file_version',
  'account',
  'account_person',
  'role_grant',
] as const;
export type SeedTable = (typeof seedTables)[number];
export type SeedCounts = Record<SeedTable, number>;

export function emptyCounts(): SeedCounts {
  return Object.fromEntries(seedTables.map((t) => [t, 0])) as SeedCounts;
}

export function addCounts(into: SeedCounts, from: Partial<SeedCounts>): SeedCounts {
  for (const table of seedTables) into[table] += from[table] ?? 0;
  return into;
}

export async function insertBatched<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<number> {
  for (let i = 0; i < rows.length; i += insertBatchSize) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + insertBatchSize))
      .execute();
  }
  return rows.length;
}

/** Blob rows are shared across bodies (content addressing), so an existing row is fine. */
export async function insertBlobRows(db: Kysely<Database>, blobs: Iterable<StoredBlob>): Promise<number> {
  const rows = [...new Map([...blobs].map((b) => [b.sha256, b])).values()].map((b) => ({
    sha256: b.sha256,
    size: b.size,
    mime_type: 'application/pdf',
  }));
  for (let i = 0; i < rows.length; i += insertBatchSize) {
    await db
      .insertInto('blob')
      .values(rows.slice(i, i + insertBatchSize))
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
  }
  return rows.length;
}

/**
 * Writes a planned body in dependency order. Run it inside one transaction: locations reference the body
 * through a deferred foreign key and are written first, so the body row can point at its town hall.
 */
export async function writeBodyPlan(
  db: Kysely<Database>,
  plan: BodyPlan,
  blobOf: (version: VersionPlan) => StoredBlob & { text?: string; textExtractedAt?: Date },
): Promise<Partial<SeedCounts>> {
  const counts: Partial<SeedCounts> = {};
  counts.location = await insertBatched(db, 'location', plan.locations);
  counts.body = await insertBatched(db, 'body', [plan.body]);
  counts.legislative_term = await insertBatched(db, 'legislative_term', plan.terms);
  counts.organization = await insertBatched(
    db,
    'organization',
    plan.orgs.map((o) => o.row),
  );
  counts.person = await insertBatched(
    db,
    'person',
    plan.persons.map((p) => p.row),
  );
  counts.membership = await insertBatched(
    db,
    'membership',
    plan.memberships.map((m) => m.row),
  );
  counts.meeting = await insertBatched(
    db,
    'meeting',
    plan.meetings.map((m) => m.row),
  );
  counts.meeting_organization = await insertBatched(db, 'meeting_organization', plan.meetingOrganizations);
  counts.paper = await insertBatched(
    db,
    'paper',
    plan.papers.map((p) => p.row),
  );
  counts.agenda_item = await insertBatched(
    db,
    'agenda_item',
    plan.meetings.flatMap((m) => m.items.map((i) => i.row)),
  );
  counts.consultation = await insertBatched(
    db,
    'consultation',
    plan.papers.flatMap((p) => p.consultations.map((c) => c.row)),
  );
  const versions = plan.files.flatMap((f) => f.versions);
  counts.blob = await insertBlobRows(db, versions.map(blobOf));
  counts.file = await insertBatched(
    db,
    'file',
    plan.files.map((f) => f.row),
  );
  counts.file_version = await insertBatched(
    db,
    'file_version',
    versions.map((v) => {
      const blob = blobOf(v);
      // A version that arrives with the text of its own blob needs no extraction job (see migration 0003).
      const text =
        blob.text !== undefined ? { extracted_text: blob.text, text_extracted_at: blob.textExtractedAt ?? null } : {};
      return { ...v.row, sha256: blob.sha256, size: blob.size, ...text };
    }),
  );
  return counts;
}
