import type { Kysely } from 'kysely';
import type { Database } from '../db/schema/tables.js';
import { hashPassword } from '../modules/session/password.js';
import type { BlobStore } from '../storage/blob-store.js';
import { createAccounts, demoAccountsToCreate } from './accounts.js';
import { assertIsoDate } from './calendar.js';
import { renderPlanDocuments } from './pdf/render-plan.js';
import { SeedConflictError, type SeedLog, type SeedSummary } from './seed-summary.js';
import { planBody } from './plan/plan-body.js';
import { demoAccounts, demoPassword, demoProfiles } from './profiles.js';
import { addCounts, emptyCounts, writeBodyPlan } from './write-plan.js';

export { isDatabaseEmpty } from './is-database-empty.js';
export { demoAccounts, demoBodySlugs, demoPassword, type DemoAccount, type DemoMandate } from './profiles.js';
export { nonPublicCanaryWord, pdfOnlySearchWord } from './vocabulary.js';
export type { SeedCounts, SeedTable } from './write-plan.js';
export { SeedConflictError, type SeedLog, type SeedSummary } from './seed-summary.js';

export interface SeedDemoOptions {
  db: Kysely<Database>;
  blobs: BlobStore;
  /** The Berlin calendar date meetings are placed around, `yyyy-mm-dd`. */
  today: string;
  seed?: number;
  log?: SeedLog;
}

/**
 * Seeds the two demo bodies (VG Lindenau, Stadt Auenbach) with two years of council business around `today`,
 * real PDFs and the demo accounts. Content depends only on `seed` and `today`. One transaction per body, so a
 * failure leaves no half-seeded body behind.
 */
export async function seedDemo(options: SeedDemoOptions): Promise<SeedSummary> {
  const started = performance.now();
  const { db, blobs, today, seed = 1, log } = options;
  assertIsoDate(today);
  const taken = await db
    .selectFrom('body')
    .select('slug')
    .where(
      'slug',
      'in',
      demoProfiles.map((p) => p.slug),
    )
    .execute();
  if (taken.length > 0) {
    throw new SeedConflictError(`demo bodies exist already: ${taken.map((t) => t.slug).join(', ')}`);
  }

  // Hashing takes ~100 ms of CPU on the libuv pool; start it now and reuse the hash for every account.
  const passwordHash = hashPassword(demoPassword);
  const counts = emptyCounts();
  let pdfBytes = 0;
  const bodyIds = new Map<string, string>();
  const personaPersons = new Map<string, ReadonlyMap<string, string>>();
  const now = new Date();

  for (const profile of demoProfiles) {
    const bodyStarted = performance.now();
    const plan = planBody({ profile, seed, today, now });
    const stored = await renderPlanDocuments(plan, blobs);
    const rendered = performance.now();
    for (const blob of stored.values()) pdfBytes += blob.size;
    const written = await db
      .transaction()
      .execute((trx) => writeBodyPlan(trx, plan, (version) => stored.get(version)!));
    addCounts(counts, written);
    bodyIds.set(profile.slug, plan.body.id);
    personaPersons.set(profile.slug, plan.personaPersons);
    log?.('seeded demo body', {
      slug: profile.slug,
      meetings: written.meeting,
      papers: written.paper,
      files: written.file,
      renderMs: Math.round(rendered - bodyStarted),
      writeMs: Math.round(performance.now() - rendered),
    });
  }

  const accounts = demoAccountsToCreate(demoAccounts, bodyIds, personaPersons);
  const hash = await passwordHash;
  addCounts(counts, await db.transaction().execute((trx) => createAccounts(trx, accounts, hash)));
  const durationMs = Math.round(performance.now() - started);
  log?.('demo accounts ready', { accounts: demoAccounts.map((a) => a.email) });
  return { counts, pdfBytes, durationMs };
}
