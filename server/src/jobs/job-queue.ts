import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Updateable } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database, JobTable } from '../db/schema/tables.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import type { Logger } from '../logger.js';

export type JobHandler = (payload: unknown) => Promise<void>;

export interface EnqueueOptions {
  /** Jobs with the same kind and key are one job while pending: enqueueing again is a no-op. */
  dedupeKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

export interface JobQueueOptions {
  /** How long a claimed job stays claimed; a worker that dies loses its claim after this. */
  leaseMs?: number;
  /** Base of the exponential backoff between attempts. */
  backoffMs?: number;
  pollMs?: number;
}

/** Enqueues with the caller's transaction when given, so a job exists exactly when the row that needs it commits. */
export async function enqueueJob(
  db: Kysely<Database>,
  clock: Clock,
  kind: string,
  payload: unknown,
  options: EnqueueOptions = {},
): Promise<void> {
  await db
    .insertInto('job')
    .values({
      kind,
      payload: JSON.stringify(payload),
      dedupe_key: options.dedupeKey ?? null,
      run_at: options.runAt ?? clock.now(),
      ...(options.maxAttempts ? { max_attempts: options.maxAttempts } : {}),
    })
    .onConflict((oc) =>
      oc.columns(['kind', 'dedupe_key']).where('finished_at', 'is', null).where('failed_at', 'is', null).doNothing(),
    )
    .execute();
}

/**
 * Runs due jobs one at a time. Claiming is a short transaction of its own and the handler runs outside it: on
 * PGlite (one connection) a long transaction would block every request.
 */
export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly workerId = randomUUID();
  private readonly leaseMs: number;
  private readonly backoffMs: number;
  private readonly pollMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  /** Outcomes of jobs that ran while the database went away: recorded before the next claim. */
  private readonly unrecorded: { id: string; values: Updateable<JobTable> }[] = [];
  /** Jobs this worker is running now; any other job it holds a claim on is orphaned. */
  private readonly inFlight = new Set<string>();
  /** A claim may have committed without its answer reaching us (connection cut at COMMIT). */
  private claimsInDoubt = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: JobQueueOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.backoffMs = options.backoffMs ?? 5_000;
    this.pollMs = options.pollMs ?? 1_000;
  }

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Claims and runs one due job; false when none was due. */
  async runOne(): Promise<boolean> {
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return false;
    await this.settleAfterOutage();
    const now = this.clock.now();
    const job = await this.claim(kinds, now);
    if (!job) return false;

    const handler = this.handlers.get(job.kind)!;
    this.inFlight.add(job.id);
    try {
      await handler(job.payload);
      await this.record(job.id, {
        finished_at: this.clock.now(),
        locked_until: null,
        locked_by: null,
        last_error: null,
      });
    } catch (error) {
      if (this.unrecorded.some((outcome) => outcome.id === job.id)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      // An outage is not the job's fault: it is retried, however often the database went away under it.
      const giveUp = job.attempts >= job.max_attempts && !isDatabaseUnavailable(error);
      const retryAt = new Date(this.clock.now().getTime() + this.backoffMs * 2 ** (job.attempts - 1));
      this.logger.warn({ jobId: job.id, kind: job.kind, attempt: job.attempts, giveUp, err: message }, 'job failed');
      await this.record(job.id, {
        last_error: message.slice(0, 2000),
        locked_until: null,
        locked_by: null,
        ...(giveUp ? { failed_at: this.clock.now() } : { run_at: retryAt }),
      });
    } finally {
      this.inFlight.delete(job.id);
    }
    return true;
  }

  /**
   * Writes a job's outcome; when the database is away, keeps it to write before the next claim. Without that the
   * job would stay claimed until its lease ran out (minutes), and a finished job would run again.
   */
  private async record(id: string, values: Updateable<JobTable>): Promise<void> {
    try {
      await this.updateOwnJob(id, values);
    } catch (error) {
      this.unrecorded.push({ id, values });
      this.claimsInDoubt = true;
      throw error;
    }
  }

  private async updateOwnJob(id: string, values: Updateable<JobTable>): Promise<void> {
    await this.db.updateTable('job').set(values).where('id', '=', id).where('locked_by', '=', this.workerId).execute();
  }

  /** After a database error: writes the outcomes still held, then releases claims no running job holds. */
  private async settleAfterOutage(): Promise<void> {
    while (this.unrecorded.length > 0) {
      const { id, values } = this.unrecorded[0]!;
      await this.updateOwnJob(id, values);
      this.unrecorded.shift();
    }
    if (!this.claimsInDoubt) return;
    let release = this.db
      .updateTable('job')
      .set({ locked_until: null, locked_by: null })
      .where('locked_by', '=', this.workerId)
      .where('finished_at', 'is', null)
      .where('failed_at', 'is', null);
    if (this.inFlight.size > 0) release = release.where('id', 'not in', [...this.inFlight]);
    await release.execute();
    this.claimsInDoubt = false;
  }

  private async claim(kinds: string[], now: Date) {
    try {
      return await this.claimTransaction(kinds, now);
    } catch (error) {
      this.claimsInDoubt = true;
      throw error;
    }
  }

  private claimTransaction(kinds: string[], now: Date) {
    return this.db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('job')
        .select(['id', 'kind', 'payload', 'attempts', 'max_attempts'])
        .where('finished_at', 'is', null)
        .where('failed_at', 'is', null)
        .where('kind', 'in', kinds)
        .where('run_at', '<=', now)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
        .orderBy('run_at')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!due) return undefined;
      await trx
        .updateTable('job')
        .set({
          locked_until: new Date(now.getTime() + this.leaseMs),
          locked_by: this.workerId,
          attempts: sql<number>`attempts + 1`,
        })
        .where('id', '=', due.id)
        .execute();
      return { ...due, attempts: due.attempts + 1 };
    });
  }

  /** Runs until no job is due (tests, and after bulk imports). */
  async drain(limit = 10_000): Promise<number> {
    let count = 0;
    while (count < limit && (await this.runOne())) count++;
    return count;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.drain(50)
        .catch((error: unknown) => this.logger.error({ err: error }, 'job worker failed'))
        .then(() => undefined)
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.pollMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops polling and waits for the running job, so shutdown never cuts a job's database writes. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
