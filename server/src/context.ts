import path from 'node:path';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrator.js';
import { JobQueue } from './jobs/job-queue.js';
import type { Logger } from './logger.js';
import { AccessService } from './modules/access/access.service.js';
import { ViewerRepository } from './modules/access/viewer.repository.js';
import { AuditService } from './modules/audit/audit.service.js';
import { BodyRepository } from './modules/body/body.repository.js';
import { BodyService } from './modules/body/body.service.js';
import { ChangeLogService } from './modules/change-log/change-log.service.js';
import { MeetingRepository } from './modules/meeting/meeting.repository.js';
import { MeetingService } from './modules/meeting/meeting.service.js';
import { OrganizationRepository } from './modules/organization/organization.repository.js';
import { OrganizationService } from './modules/organization/organization.service.js';
import { PaperRepository } from './modules/paper/paper.repository.js';
import { PaperService } from './modules/paper/paper.service.js';
import { PersonRepository } from './modules/person/person.repository.js';
import { PersonService } from './modules/person/person.service.js';
import { SessionRepository } from './modules/session/session.repository.js';
import { SessionService } from './modules/session/session.service.js';
import { DiskBlobStore } from './storage/disk-blob-store.js';

export interface AppContext {
  config: Config;
  logger: Logger;
  clock: Clock;
  database: DatabaseHandle;
  blobs: DiskBlobStore;
  /** Background work (text extraction, …); main starts it, tests drain it. */
  jobs: JobQueue;
  services: ReturnType<typeof buildServices>;
  close(): Promise<void>;
}

export interface ContextOptions {
  logger: Logger;
  clock?: Clock;
  /** An already opened database (tests); otherwise opened from the config. */
  database?: DatabaseHandle;
}

/** Opens the database, applies migrations, prepares the blob store and wires the services. */
export async function createContext(config: Config, options: ContextOptions): Promise<AppContext> {
  const clock = options.clock ?? systemClock;
  const database =
    options.database ??
    (await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pg') }));
  const applied = await migrateToLatest(database.db, database.schema);
  if (applied.length > 0) options.logger.info({ migrations: applied, backend: database.backend }, 'migrations applied');

  const blobs = new DiskBlobStore(path.join(config.dataDir, 'blobs'));
  await blobs.init();
  const swept = await blobs.sweepIncomplete();
  if (swept > 0) options.logger.warn({ swept }, 'removed incomplete blob writes left by a crash');

  const jobs = new JobQueue(database.db, clock, options.logger);
  return {
    config,
    logger: options.logger,
    clock,
    database,
    blobs,
    jobs,
    services: buildServices(database, clock, config),
    async close() {
      await jobs.stop();
      await database.close();
    },
  };
}

function buildServices(database: DatabaseHandle, clock: Clock, config: Config) {
  const db = database.db;
  const audit = new AuditService(db);
  const access = new AccessService(new ViewerRepository(db), clock);
  return {
    audit,
    access,
    sessions: new SessionService(new SessionRepository(db), audit, clock, {
      idleMs: config.sessionIdleMs,
      absoluteMs: config.sessionAbsoluteMs,
    }),
    bodies: new BodyService(db, new BodyRepository(db), access, audit),
    meetings: new MeetingService(db, new MeetingRepository(db), access, audit, clock),
    organizations: new OrganizationService(db, new OrganizationRepository(db), access, audit),
    persons: new PersonService(db, new PersonRepository(db), access, audit),
    papers: new PaperService(db, new PaperRepository(db), access, audit),
    changeLog: new ChangeLogService(db, access),
  };
}
