import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { openDatabase, type DatabaseHandle } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrator.js';
import { isDatabaseUnavailable } from '../src/db/unavailable.js';
import { enqueueJob, JobQueue } from '../src/jobs/job-queue.js';
import { createLogger } from '../src/logger.js';
import { createTestApp, createTestSchema, testBackend, testDatabaseUrl } from './harness.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

/**
 * The database going away under a running server (issue 7, "Faults"): the server reaches PostgreSQL through a TCP
 * relay that the test cuts, so the shared PostgreSQL server itself is never stopped. PGlite lives in the process
 * and cannot go away; e2e/tests/faults-postgres.spec.ts restarts a real, private PostgreSQL.
 */
describe.runIf(testBackend() === 'postgres')('the database going away', () => {
  let proxy: TcpProxy;
  let url: string;
  let schema: string;
  /** A direct connection (not through the relay) to look at rows while the relay is cut. */
  let direct: DatabaseHandle;
  const opened: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    const real = new URL(testDatabaseUrl());
    proxy = await startTcpProxy({ host: real.hostname, port: Number(real.port || 5432) });
    url = proxy.urlFor(real.toString());
    schema = await createTestSchema(real.toString());
    direct = await openDatabase({ databaseUrl: real.toString(), searchPath: schema });
    await migrateToLatest(direct.db, schema);
  });
  afterAll(async () => {
    await proxy.restore();
    for (const handle of opened.reverse()) await handle.close();
    await direct.close();
    await proxy.close();
  });

  async function relayedDatabase(): Promise<DatabaseHandle> {
    const handle = await openDatabase({ databaseUrl: url, searchPath: schema });
    opened.push(handle);
    return handle;
  }

  it('answers a JSON 503 with Retry-After while the database is away and serves again once it is back', async () => {
    await proxy.restore();
    const t = await createTestApp({ database: await relayedDatabase() });
    expect((await t.request('/api/bodies')).status).toBe(200);

    await proxy.cut();
    const during = await t.request('/api/bodies');
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBe('5');
    expect(during.headers.get('cache-control')).toBe('no-store');
    expect(await during.json()).toEqual({
      error: { code: 'unavailable', message: 'Der Dienst ist vorübergehend nicht verfügbar.' },
    });
    const signIn = await t.request('/api/session', {
      method: 'POST',
      body: JSON.stringify({ email: 'niemand@example.org', password: 'irgendein Passwort' }),
    });
    expect(signIn.status).toBe(503);
    expect((await t.request('/readyz')).status).toBe(503);
    expect((await t.request('/healthz')).status).toBe(200);

    await proxy.restore();
    expect((await t.request('/api/bodies')).status).toBe(200);
    expect((await t.request('/readyz')).status).toBe(200);
  });

  it('survives losing the connection of an open transaction between two of its queries', async () => {
    await proxy.restore();
    const { db } = await relayedDatabase();
    const outcome = db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
      await proxy.cut();
      // Until the server has ended the backend, and one more turn of the event loop: by then the client has seen
      // its socket close while it ran no query, the moment that crashed the process (an 'error' event nobody heard).
      for (;;) {
        const alive = await sql<{ n: number }>`
          select count(*)::int as n from pg_stat_activity where pid = ${rows[0]!.pid}`.execute(direct.db);
        if (alive.rows[0]!.n === 0) break;
      }
      await new Promise((resolve) => setImmediate(resolve));
      await sql`select 1`.execute(trx);
    });
    const error = await outcome.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(isDatabaseUnavailable(error), String(error)).toBe(true);

    await proxy.restore();
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('records the outcome of a job that finished while the database was away, once it is back', async () => {
    await proxy.restore();
    const { db } = await relayedDatabase();
    const clock = new ManualClock(new Date('2026-11-21T12:00:00Z'));
    const queue = new JobQueue(db, clock, createLogger('silent'));
    let runs = 0;
    queue.register('outage-finish', async () => {
      runs++;
      await proxy.cut();
    });
    await enqueueJob(direct.db, clock, 'outage-finish', {});

    await expect(queue.drain()).rejects.toSatisfy(isDatabaseUnavailable);
    const claimed = await direct.db.selectFrom('job').selectAll().where('kind', '=', 'outage-finish').execute();
    expect(claimed).toMatchObject([{ finished_at: null, attempts: 1 }]);
    expect(claimed[0]!.locked_by).not.toBeNull();

    await proxy.restore();
    expect(await queue.drain()).toBe(0);
    const [row] = await direct.db.selectFrom('job').selectAll().where('kind', '=', 'outage-finish').execute();
    expect(row!.finished_at).not.toBeNull();
    expect(row!.locked_by).toBeNull();
    expect(runs).toBe(1);
  });

  it('retries a job that failed because the database went away, even past its attempts', async () => {
    await proxy.restore();
    const { db } = await relayedDatabase();
    const clock = new ManualClock(new Date('2026-11-21T12:00:00Z'));
    const queue = new JobQueue(db, clock, createLogger('silent'), { backoffMs: 1000 });
    let runs = 0;
    queue.register('outage-fail', async () => {
      runs++;
      if (runs > 1) return;
      await proxy.cut();
      await sql`select 1`.execute(db);
    });
    await enqueueJob(direct.db, clock, 'outage-fail', {}, { maxAttempts: 1 });

    await expect(queue.drain()).rejects.toSatisfy(isDatabaseUnavailable);
    await proxy.restore();
    expect(await queue.drain()).toBe(0);
    const [failed] = await direct.db.selectFrom('job').selectAll().where('kind', '=', 'outage-fail').execute();
    expect(failed).toMatchObject({ failed_at: null, finished_at: null, locked_by: null });
    expect(failed!.last_error).not.toBeNull();

    clock.advance(1000);
    expect(await queue.drain()).toBe(1);
    const [done] = await direct.db.selectFrom('job').selectAll().where('kind', '=', 'outage-fail').execute();
    expect(done!.finished_at).not.toBeNull();
    expect(runs).toBe(2);
  });
});

describe('isDatabaseUnavailable', () => {
  it('tells a refused connection from a wrong query', async () => {
    // Nothing listens on a relay that was cut: the real error of a stopped server (ECONNREFUSED).
    const relay = await startTcpProxy({ host: '127.0.0.1', port: 1 });
    await relay.cut();
    const handle = await openDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:${relay.port}/none` });
    try {
      const refused = await sql`select 1`.execute(handle.db).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(isDatabaseUnavailable(refused), String(refused)).toBe(true);
    } finally {
      await handle.close();
    }
    expect(isDatabaseUnavailable(new Error('relation "nope" does not exist'))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});
