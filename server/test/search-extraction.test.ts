import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { extractTextJob, extractTextJobKind } from '../src/extraction/extract-text.job.js';
import { FileTextRepository } from '../src/extraction/file-text.repository.js';
import { JobQueue } from '../src/jobs/job-queue.js';
import { createLogger } from '../src/logger.js';
import { makeBody } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';
import { makePdf, storeFile } from './search-fixtures.js';

/** The clock is behind the database's on purpose: jobs enqueued by the trigger must be due under any app clock. */
const clock = new ManualClock(new Date('2026-01-15T09:00:00Z'));
let t: TestApp;
let bodyId: string;
let paperId: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  const db = t.ctx.database.db;
  bodyId = (await makeBody(db)).id;
  paperId = (
    await db
      .insertInto('paper')
      .values({ body_id: bodyId, name: 'Haushaltssatzung 2027', paper_type: 'Beschlussvorlage', public: true })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.ctx.jobs.drain();
});

const db = () => t.ctx.database.db;
const version = (id: string) =>
  db()
    .selectFrom('file_version')
    .select(['extracted_text', 'text_extracted_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const jobOf = (versionId: string) =>
  db()
    .selectFrom('job')
    .selectAll()
    .where('kind', '=', extractTextJobKind)
    .where('dedupe_key', '=', versionId)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();

async function store(name: string, content: Uint8Array, mimeType = 'application/pdf') {
  return storeFile(db(), t.ctx.blobs, {
    bodyId,
    owner: { paperId },
    name,
    public: true,
    content,
    mimeType,
  });
}

describe('text extraction job', () => {
  it('is enqueued by the insert of a file version and stores the text and its time', async () => {
    const { versionId } = await store('Anlage Becken', await makePdf(['Das Regenrückhaltebecken\nwird erweitert.']));
    expect(await jobOf(versionId)).toMatchObject({ payload: { fileVersionId: versionId }, finished_at: null });
    expect((await version(versionId)).text_extracted_at).toBeNull();

    expect(await t.ctx.jobs.drain()).toBe(1);
    const stored = await version(versionId);
    expect(stored.extracted_text).toBe('Das Regenrückhaltebecken wird erweitert.');
    expect(stored.text_extracted_at).toEqual(clock.now());
    expect((await jobOf(versionId)).finished_at).not.toBeNull();
    // The text reaches the change log like any other update, so tablets sync it.
    const changes = await db()
      .selectFrom('change_log')
      .select('op')
      .where('entity', '=', 'file_version')
      .where('entity_id', '=', versionId)
      .execute();
    expect(changes).toHaveLength(2);
  });

  it('reuses the text of identical content instead of reading the PDF again', async () => {
    const pdf = await makePdf(['Der Breitbandausbau im Ortsteil Hohenfeld beginnt im Frühjahr.']);
    await store('Breitband, Fassung für den Bauausschuss', pdf);
    await t.ctx.jobs.drain();
    const second = await store('Breitband, Fassung für den Rat', pdf);
    // Without its blob the second version could only be extracted by reusing the first one's text.
    await rm(t.ctx.blobs.pathOf(createHash('sha256').update(pdf).digest('hex')));
    await t.ctx.jobs.drain();
    expect((await version(second.versionId)).extracted_text).toBe(
      'Der Breitbandausbau im Ortsteil Hohenfeld beginnt im Frühjahr.',
    );
    expect((await jobOf(second.versionId)).failed_at).toBeNull();
  });

  it('stores empty text for a file that is not a PDF', async () => {
    const { versionId } = await store('Lageplan', new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 'image/png');
    await t.ctx.jobs.drain();
    expect(await version(versionId)).toMatchObject({ extracted_text: '' });
    expect((await version(versionId)).text_extracted_at).not.toBeNull();
  });

  it('does not enqueue a version that arrives with its text', async () => {
    const { fileId } = await store('Erste Fassung', await makePdf(['Erste Fassung']));
    await t.ctx.jobs.drain();
    const stored = await t.ctx.blobs.put(await makePdf(['Zweite Fassung']));
    await db()
      .insertInto('blob')
      .values({ sha256: stored.sha256, size: stored.size, mime_type: 'application/pdf' })
      .execute();
    const imported = await db()
      .insertInto('file_version')
      .values({
        body_id: bodyId,
        file_id: fileId,
        version: 2,
        sha256: stored.sha256,
        size: stored.size,
        mime_type: 'application/pdf',
        file_name: 'fassung-2.pdf',
        extracted_text: 'Zweite Fassung',
        text_extracted_at: clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const jobs = await db().selectFrom('job').select('id').where('dedupe_key', '=', imported.id).execute();
    expect(jobs).toEqual([]);
  });

  it('extracts again when text_extracted_at is reset', async () => {
    const { versionId } = await store('Neu auszulesen', await makePdf(['Kanalsanierung Hauptstraße']));
    await t.ctx.jobs.drain();
    await db().updateTable('file_version').set({ text_extracted_at: null }).where('id', '=', versionId).execute();
    expect(await t.ctx.jobs.drain()).toBe(1);
    expect((await version(versionId)).extracted_text).toBe('Kanalsanierung Hauptstraße');
  });

  it('finishes quietly when the version was deleted before its turn', async () => {
    const { versionId } = await store('Zurückgezogen', await makePdf(['Zurückgezogene Anlage']));
    await db().updateTable('file_version').set({ deleted: true }).where('id', '=', versionId).execute();
    await t.ctx.jobs.drain();
    expect(await jobOf(versionId)).toMatchObject({ attempts: 1, last_error: null, failed_at: null });
    expect((await version(versionId)).extracted_text).toBeNull();
  });

  it('retries a broken PDF with backoff, gives up after five attempts, and never blocks the others', async () => {
    const broken = await store('Kaputt', new TextEncoder().encode('%PDF-1.7\nnur Müll, kein PDF'));
    const good = await store('Heil', await makePdf(['Feuerwehrbedarfsplan']));

    expect(await t.ctx.jobs.drain()).toBe(2);
    expect((await version(good.versionId)).extracted_text).toBe('Feuerwehrbedarfsplan');
    const first = await jobOf(broken.versionId);
    expect(first).toMatchObject({ attempts: 1, failed_at: null, finished_at: null });
    expect(first.last_error).toBeTruthy();
    expect(first.run_at.getTime()).toBeGreaterThan(clock.now().getTime());

    for (let attempt = 2; attempt <= 5; attempt++) {
      expect(await t.ctx.jobs.drain()).toBe(0); // still backing off
      clock.advance(5_000 * 2 ** (attempt - 2));
      expect(await t.ctx.jobs.drain()).toBe(1);
    }
    const last = await jobOf(broken.versionId);
    expect(last).toMatchObject({ attempts: 5, finished_at: null });
    expect(last.failed_at).not.toBeNull();
    expect(await version(broken.versionId)).toMatchObject({ extracted_text: null, text_extracted_at: null });
  });

  it('is picked up by a new worker after the one that claimed it died (restart)', async () => {
    const logger = createLogger('silent');
    const dead = new JobQueue(db(), clock, logger, { leaseMs: 60_000 });
    dead.register(extractTextJobKind, () => new Promise<void>(() => undefined));
    const { versionId } = await store('Nach Neustart', await makePdf(['Wasserversorgungssatzung']));
    void dead.runOne();
    await expect.poll(async () => (await jobOf(versionId)).attempts).toBe(1);

    const restarted = new JobQueue(db(), clock, logger);
    restarted.register(
      extractTextJobKind,
      extractTextJob({ files: new FileTextRepository(db()), blobs: t.ctx.blobs, clock, logger }),
    );
    expect(await restarted.drain()).toBe(0); // the dead worker's lease still holds
    clock.advance(60_001);
    expect(await restarted.drain()).toBe(1);
    expect((await version(versionId)).extracted_text).toBe('Wasserversorgungssatzung');
    expect(await jobOf(versionId)).toMatchObject({ attempts: 2 });
  });
});
