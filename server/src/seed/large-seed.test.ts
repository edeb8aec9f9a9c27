import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { extractPdfText } from '../extraction/pdf-text.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/harness.js';
import type { DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrator.js';
import { DiskBlobStore } from '../storage/disk-blob-store.js';
import { addDays } from './calendar.js';
import { pdfText } from './pdf/pdf-text.js';
import { seedLarge } from './large-seed.js';
import { SeedConflictError, type SeedSummary } from './seed-summary.js';
import { nonPublicCanaryWord, pdfOnlySearchWord } from './vocabulary.js';

const today = '2026-03-12';
let handle: DatabaseHandle;
let blobDir: string;
let blobs: DiskBlobStore;
let summary: SeedSummary;

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db, handle.schema);
  blobDir = await mkdtemp(path.join(tmpdir(), 'ratsmappe-large-'));
  blobs = new DiskBlobStore(blobDir);
  await blobs.init();
  summary = await seedLarge({ db: handle.db, blobs, today, bodies: 2, years: 1, seed: 7 });
});

afterAll(async () => {
  await handle?.close();
  if (blobDir) await rm(blobDir, { recursive: true, force: true });
});

describe('seedLarge', () => {
  it('seeds the requested bodies with a year of busy council business each', async () => {
    expect(summary.counts.body).toBe(2);
    const perBody = await sql<{ slug: string; papers: number; meetings: number; committees: number }>`
      select b.slug,
             (select count(*)::int from paper p where p.body_id = b.id) as papers,
             (select count(*)::int from meeting m where m.body_id = b.id) as meetings,
             (select count(*)::int from organization o where o.body_id = b.id and o.kind = 'committee') as committees
      from body b`.execute(handle.db);
    for (const body of perBody.rows) {
      expect(body.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(body.papers).toBeGreaterThan(180);
      expect(body.meetings).toBeGreaterThan(50);
      expect(body.committees).toBe(6);
    }
    const nextWeek = await handle.db
      .selectFrom('meeting')
      .innerJoin('meeting_organization', 'meeting_organization.meeting_id', 'meeting.id')
      .innerJoin('organization', 'organization.id', 'meeting_organization.organization_id')
      .select('meeting.body_id')
      .distinct()
      .where('organization.kind', '=', 'committee')
      .where('meeting.cancelled', '=', false)
      .where('meeting.start', '>', new Date(`${today}T23:00:00Z`))
      .where('meeting.start', '<', new Date(`${addDays(today, 8)}T00:00:00Z`))
      .execute();
    expect(nextWeek).toHaveLength(2);
  });

  it('points every file at a small pool of stored PDFs, each version carrying its own blob’s real text', async () => {
    const versions = await handle.db
      .selectFrom('file_version')
      .innerJoin('file', 'file.id', 'file_version.file_id')
      .select(['file_version.sha256', 'file_version.size', 'file_version.extracted_text', 'file.public'])
      .execute();
    expect(versions.length).toBeGreaterThan(500);
    const distinct = new Set(versions.map((v) => v.sha256));
    expect(distinct.size).toBeLessThanOrEqual(50);
    expect(distinct.size).toBe(summary.counts.blob);
    for (const sha256 of distinct) {
      expect(await blobs.size(sha256)).toBeGreaterThan(0);
      const { text } = await extractPdfText(new Uint8Array(await readFile(blobs.pathOf(sha256))));
      expect(text.length).toBeGreaterThan(100);
      const claimed = new Set(versions.filter((v) => v.sha256 === sha256).map((v) => v.extracted_text));
      expect([...claimed]).toEqual([text]);
    }
    const jobs = await handle.db.selectFrom('job').select('id').where('kind', '=', 'extract_text').execute();
    expect(jobs).toHaveLength(0);

    const publicBlobs = new Set(versions.filter((v) => v.public).map((v) => v.sha256));
    for (const sha256 of publicBlobs) {
      const { text } = await pdfText(await readFile(blobs.pathOf(sha256)));
      expect(text).not.toContain(nonPublicCanaryWord);
      expect(text).not.toContain(pdfOnlySearchWord);
    }
  });

  it('refuses to seed the same bodies twice', async () => {
    await expect(seedLarge({ db: handle.db, blobs, today, bodies: 2, years: 1, seed: 7 })).rejects.toBeInstanceOf(
      SeedConflictError,
    );
  });
});
