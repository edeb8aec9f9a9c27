import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ManualClock } from '../clock.js';
import { migrateToLatest } from '../db/migrator.js';
import { createLogger } from '../logger.js';
import { openTestDatabase } from '../../test/harness.js';
import type { DatabaseHandle } from '../db/database.js';
import { enqueueJob, JobQueue } from './job-queue.js';

let database: DatabaseHandle;
const clock = new ManualClock(new Date('2026-11-21T12:00:00Z'));
const logger = createLogger('silent');

beforeAll(async () => {
  database = await openTestDatabase();
  await migrateToLatest(database.db, database.schema);
});
afterAll(() => database.close());
beforeEach(async () => {
  await sql`truncate job`.execute(database.db);
});

describe('JobQueue', () => {
  it('runs a due job once and marks it finished', async () => {
    const seen: unknown[] = [];
    const queue = new JobQueue(database.db, clock, logger);
    queue.register('extract', (payload) => {
      seen.push(payload);
      return Promise.resolve();
    });
    await enqueueJob(database.db, clock, 'extract', { fileVersionId: 'a' });
    expect(await queue.drain()).toBe(1);
    expect(await queue.drain()).toBe(0);
    expect(seen).toEqual([{ fileVersionId: 'a' }]);
  });

  it('keeps one pending job per dedupe key', async () => {
    await enqueueJob(database.db, clock, 'extract', { n: 1 }, { dedupeKey: 'v1' });
    await enqueueJob(database.db, clock, 'extract', { n: 2 }, { dedupeKey: 'v1' });
    const rows = await database.db.selectFrom('job').select('payload').execute();
    expect(rows.map((r) => r.payload)).toEqual([{ n: 1 }]);
  });

  it('retries a failing job with growing backoff and gives up after max attempts', async () => {
    const queue = new JobQueue(database.db, clock, logger, { backoffMs: 1000 });
    let calls = 0;
    queue.register('flaky', () => {
      calls++;
      return Promise.reject(new Error(`Versuch ${calls} gescheitert`));
    });
    await enqueueJob(database.db, clock, 'flaky', {}, { maxAttempts: 3 });
    expect(await queue.runOne()).toBe(true);
    expect(await queue.runOne()).toBe(false); // backing off 1 s
    clock.advance(1000);
    expect(await queue.runOne()).toBe(true);
    clock.advance(1000);
    expect(await queue.runOne()).toBe(false); // now 2 s
    clock.advance(1000);
    expect(await queue.runOne()).toBe(true);
    clock.advance(60_000);
    expect(await queue.runOne()).toBe(false);
    const job = await database.db.selectFrom('job').selectAll().executeTakeFirstOrThrow();
    expect(calls).toBe(3);
    expect(job.failed_at).not.toBeNull();
    expect(job.last_error).toBe('Versuch 3 gescheitert');
  });

  it('runs a job again when the worker that claimed it died (lease expired), as after a restart', async () => {
    const dead = new JobQueue(database.db, clock, logger, { leaseMs: 10_000 });
    dead.register('extract', () => new Promise<void>(() => undefined));
    await enqueueJob(database.db, clock, 'extract', { id: 1 });
    // Simulate the claim of a worker that is killed before it finishes: claim without completing.
    void dead.runOne();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const restarted = new JobQueue(database.db, clock, logger);
    let ran = 0;
    restarted.register('extract', () => {
      ran++;
      return Promise.resolve();
    });
    expect(await restarted.runOne()).toBe(false);
    clock.advance(10_001);
    expect(await restarted.runOne()).toBe(true);
    expect(ran).toBe(1);
  });
});
