import type { Kysely } from 'kysely';
import type { Database } from '../db/schema/tables.js';
import { hashPassword } from '../modules/session/password.js';
import { extractPdfText } from '../extraction/pdf-text.js';
import type { BlobStore, StoredBlob } from '../storage/blob-store.js';
import { createAccounts } from './accounts.js';
import { assertIsoDate } from './calendar.js';
import { renderDocument } from './pdf/render-plan.js';
import { planBody } from './plan/plan-body.js';
import type { BodyPlan, DocumentSource, VersionPlan } from './plan/plan-types.js';
import { demoPassword, largeBodyProfile } from './profiles.js';
import { SeedConflictError, type SeedLog, type SeedSummary } from './seed-summary.js';
import { hashString, Random } from './random.js';
import { addCounts, emptyCounts, writeBodyPlan } from './write-plan.js';

export interface SeedLargeOptions {
  db: Kysely<Database>;
  blobs: BlobStore;
  today: string;
  bodies: number;
  years: number;
  seed?: number;
  log?: SeedLog;
}

type PoolCategory = `${DocumentSource['kind']}:${'public' | 'secret'}`;

/** Distinct PDFs rendered per category; every file of every body points at one of them. */
const poolSizes: Record<PoolCategory, number> = {
  'paper:public': 16,
  'paper:secret': 6,
  'attachment:public': 8,
  'attachment:secret': 4,
  'invitation:public': 8,
  'invitation:secret': 0,
  'minutes:public': 8,
  'minutes:secret': 0,
};

function categoryOf(document: DocumentSource): PoolCategory {
  const isPublic =
    document.kind === 'paper'
      ? document.paper.row.public !== false
      : document.kind === 'attachment'
        ? document.public
        : true;
  return `${document.kind}:${isPublic ? 'public' : 'secret'}`;
}

type PoolPdf = StoredBlob & { text: string; textExtractedAt: Date };

/**
 * Renders a small pool of real PDFs from the first body's documents. Reusing them keeps a 100,000-paper seed
 * fast; content addressing stores each once. Public files only ever get PDFs rendered from public documents,
 * so nothing non-public leaks through the pool. Each pool PDF is read once with the production extractor and its
 * real text goes with every version that uses it: 188,000 extraction jobs for 50 distinct PDFs would take hours.
 */
async function renderPool(plan: BodyPlan, blobs: BlobStore, now: Date): Promise<Map<PoolCategory, PoolPdf[]>> {
  const byCategory = new Map<PoolCategory, VersionPlan[]>();
  for (const version of plan.files.flatMap((f) => f.versions)) {
    const category = categoryOf(version.document);
    byCategory.set(category, [...(byCategory.get(category) ?? []), version]);
  }
  const pool = new Map<PoolCategory, PoolPdf[]>();
  for (const [category, size] of Object.entries(poolSizes) as [PoolCategory, number][]) {
    const sources = byCategory.get(category) ?? [];
    const step = Math.max(1, Math.floor(sources.length / Math.max(size, 1)));
    const picked = sources.filter((_, i) => i % step === 0).slice(0, size);
    const stored: PoolPdf[] = [];
    for (const version of picked) {
      const bytes = await renderDocument(plan, version.document);
      const blob = await blobs.put(bytes);
      const { text } = await extractPdfText(bytes);
      stored.push({ ...blob, text, textExtractedAt: now });
    }
    pool.set(category, stored);
  }
  // A category the first body happens not to have borrows from one of the same publicity.
  for (const category of Object.keys(poolSizes) as PoolCategory[]) {
    if ((pool.get(category) ?? []).length > 0 || poolSizes[category] === 0) continue;
    const secret = category.endsWith(':secret');
    const donor = [...pool.entries()].find(([c, b]) => c.endsWith(secret ? ':secret' : ':public') && b.length > 0);
    if (!donor) throw new Error(`no document to render for ${category}`);
    pool.set(category, donor[1]);
  }
  return pool;
}

/**
 * Seeds `bodies` busy municipalities with `years` years of meetings each (about 200 papers per body and year)
 * for benchmarks. One transaction per body; rows go in multi-row batches.
 */
export async function seedLarge(options: SeedLargeOptions): Promise<SeedSummary> {
  const started = performance.now();
  const { db, blobs, today, bodies, years, seed = 1, log } = options;
  assertIsoDate(today);
  if (!Number.isInteger(bodies) || bodies < 1) throw new Error('bodies must be a positive integer');
  if (!Number.isInteger(years) || years < 1) throw new Error('years must be a positive integer');

  const root = new Random(seed);
  const profiles = Array.from({ length: bodies }, (_, i) => largeBodyProfile(root.fork(`large-body:${i}`), i, years));
  const slugs = profiles.map((p) => p.slug);
  for (let i = 0; i < slugs.length; i += 500) {
    const taken = await db
      .selectFrom('body')
      .select('slug')
      .where('slug', 'in', slugs.slice(i, i + 500))
      .execute();
    if (taken.length > 0) {
      throw new SeedConflictError(
        `bodies exist already (${taken.map((t) => t.slug).join(', ')}); use another --seed or an empty database`,
      );
    }
  }

  const passwordHash = hashPassword(demoPassword);
  const now = new Date();
  const counts = emptyCounts();
  let pool: Map<PoolCategory, PoolPdf[]> | undefined;
  const staff: { email: string; displayName: string; officeStaffBodyIds: string[] }[] = [];

  for (const [index, profile] of profiles.entries()) {
    const bodyStarted = performance.now();
    const plan = planBody({ profile, seed, today, now });
    if (!pool) {
      pool = await renderPool(plan, blobs, now);
      log?.('rendered PDF pool', { pdfs: new Set([...pool.values()].flat().map((b) => b.sha256)).size });
    }
    const rng = new Random(hashString(`${seed}:${profile.slug}:files`));
    const assigned = new Map<VersionPlan, PoolPdf>();
    for (const version of plan.files.flatMap((f) => f.versions)) {
      assigned.set(version, rng.pick(pool.get(categoryOf(version.document))!));
    }
    const written = await db
      .transaction()
      .execute((trx) => writeBodyPlan(trx, plan, (version) => assigned.get(version)!));
    addCounts(counts, { ...written, blob: 0 });
    staff.push({
      email: `sitzungsdienst@${profile.slug}.example`,
      displayName: `Sitzungsdienst ${profile.shortName}`,
      officeStaffBodyIds: [plan.body.id],
    });
    const rows = Object.values(written).reduce((sum, n) => sum + n, 0);
    const ms = Math.round(performance.now() - bodyStarted);
    log?.('seeded body', {
      body: `${index + 1}/${bodies}`,
      slug: profile.slug,
      meetings: written.meeting,
      papers: written.paper,
      rows,
      ms,
      rowsPerSecond: Math.round((rows * 1000) / Math.max(ms, 1)),
    });
  }

  const distinct = new Map([...(pool?.values() ?? [])].flat().map((b) => [b.sha256, b.size]));
  counts.blob = distinct.size;
  const hash = await passwordHash;
  addCounts(counts, await db.transaction().execute((trx) => createAccounts(trx, staff, hash)));
  return {
    counts,
    pdfBytes: [...distinct.values()].reduce((sum, size) => sum + size, 0),
    durationMs: Math.round(performance.now() - started),
  };
}
