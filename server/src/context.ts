import path from 'node:path';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { extractTextJob, extractTextJobKind } from './extraction/extract-text.job.js';
import { FileTextRepository } from './extraction/file-text.repository.js';
import { migrateToLatest } from './db/migrator.js';
import { JobQueue } from './jobs/job-queue.js';
import type { Logger } from './logger.js';
import { AccessService } from './modules/access/access.service.js';
import { AnnotationService } from './modules/annotation/annotation.service.js';
import { AccountRepository } from './modules/account/account.repository.js';
import { AccountService } from './modules/account/account.service.js';
import { ViewerRepository } from './modules/access/viewer.repository.js';
import { AuditTrailService } from './modules/audit/audit-trail.service.js';
import { AuditRepository } from './modules/audit/audit.repository.js';
import { AuditService } from './modules/audit/audit.service.js';
import { BodyRepository } from './modules/body/body.repository.js';
import { BodyService } from './modules/body/body.service.js';
import { CalendarFeedRepository } from './modules/calendar-feed/calendar-feed.repository.js';
import { CalendarFeedService } from './modules/calendar-feed/calendar-feed.service.js';
import { ChangeLogService } from './modules/change-log/change-log.service.js';
import { FileRepository } from './modules/file/file.repository.js';
import { FileService } from './modules/file/file.service.js';
import { LegislativeTermRepository } from './modules/legislative-term/legislative-term.repository.js';
import { LegislativeTermService } from './modules/legislative-term/legislative-term.service.js';
import { LocationRepository } from './modules/location/location.repository.js';
import { LocationService } from './modules/location/location.service.js';
import { AgendaRepository } from './modules/meeting/agenda.repository.js';
import { AgendaService } from './modules/meeting/agenda.service.js';
import { MeetingLifecycleRepository } from './modules/meeting/meeting-lifecycle.repository.js';
import { MeetingLifecycleService } from './modules/meeting/meeting-lifecycle.service.js';
import { MeetingRepository } from './modules/meeting/meeting.repository.js';
import { MeetingService } from './modules/meeting/meeting.service.js';
import { OrganizationRepository } from './modules/organization/organization.repository.js';
import { OrganizationService } from './modules/organization/organization.service.js';
import { PaperRepository } from './modules/paper/paper.repository.js';
import { PaperService } from './modules/paper/paper.service.js';
import { PaperWorkflowRepository } from './modules/paper/paper-workflow.repository.js';
import { PaperWorkflowService } from './modules/paper/paper-workflow.service.js';
import { PersonRepository } from './modules/person/person.repository.js';
import { PersonService } from './modules/person/person.service.js';
import { OparlService } from './oparl/oparl.service.js';
import { SearchRepository } from './modules/search/search.repository.js';
import { SearchService } from './modules/search/search.service.js';
import { SyncService } from './modules/sync/sync.service.js';
import { SessionRepository } from './modules/session/session.repository.js';
import { SessionService } from './modules/session/session.service.js';
import { SignInThrottle } from './modules/session/sign-in-throttle.js';
import { TotpService } from './modules/session/totp.service.js';
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
  const files = new FileTextRepository(database.db);
  const services = buildServices(database, clock, config, options.logger, blobs);
  jobs.register(
    extractTextJobKind,
    extractTextJob({
      files,
      blobs,
      clock,
      logger: options.logger,
      // A new version's text is what annotations made on older versions are re-anchored against.
      onTextStored: (fileVersionId) => services.annotations.reanchor(database.db, { fileVersionId }),
    }),
  );
  return {
    config,
    logger: options.logger,
    clock,
    database,
    blobs,
    jobs,
    services,
    async close() {
      await jobs.stop();
      await database.close();
    },
  };
}

function buildServices(database: DatabaseHandle, clock: Clock, config: Config, logger: Logger, blobs: DiskBlobStore) {
  const db = database.db;
  const audit = new AuditService(db);
  const access = new AccessService(new ViewerRepository(db), clock);
  const sessionRepository = new SessionRepository(db);
  const annotations = new AnnotationService(db, blobs, clock);
  return {
    audit,
    access,
    sessions: new SessionService(sessionRepository, new SignInThrottle(sessionRepository), access, audit, clock, {
      idleMs: config.sessionIdleMs,
      absoluteMs: config.sessionAbsoluteMs,
    }),
    totp: new TotpService(db, sessionRepository, audit, clock),
    accounts: new AccountService(db, new AccountRepository(db), access, audit, clock, {
      publicUrl: config.publicUrl,
      setupLinkMs: config.setupLinkMs,
    }),
    auditTrail: new AuditTrailService(new AuditRepository(db), access),
    annotations,
    sync: new SyncService(db, access, audit, clock, annotations, { offlineLeaseDays: config.offlineLeaseDays }),
    bodies: new BodyService(db, new BodyRepository(db), access, audit),
    meetings: new MeetingService(db, new MeetingRepository(db), new AgendaRepository(db), access, audit, clock),
    organizations: new OrganizationService(db, new OrganizationRepository(db), access, audit),
    persons: new PersonService(db, new PersonRepository(db), access, audit),
    legislativeTerms: new LegislativeTermService(db, new LegislativeTermRepository(db), access, audit),
    locations: new LocationService(db, new LocationRepository(db), access, audit),
    papers: new PaperService(db, new PaperRepository(db), access, audit),
    agenda: new AgendaService(db, new MeetingRepository(db), new AgendaRepository(db), access, audit, clock),
    meetingLifecycle: new MeetingLifecycleService(
      db,
      new MeetingRepository(db),
      new MeetingLifecycleRepository(),
      new AgendaRepository(db),
      new FileService(db, new FileRepository(db), blobs, access, audit, clock, config),
      new MeetingService(db, new MeetingRepository(db), new AgendaRepository(db), access, audit, clock),
      access,
      audit,
      clock,
    ),
    paperWorkflow: new PaperWorkflowService(
      db,
      new PaperRepository(db),
      new PaperWorkflowRepository(db),
      access,
      audit,
      clock,
    ),
    changeLog: new ChangeLogService(db, access),
    files: new FileService(db, new FileRepository(db), blobs, access, audit, clock, config),
    oparl: new OparlService(db, config.publicUrl, clock, logger),
    search: new SearchService(new SearchRepository(db)),
    calendarFeeds: new CalendarFeedService(new CalendarFeedRepository(db), clock, config.publicUrl),
  };
}
