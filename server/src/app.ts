import { errorMessages, pickLocale, retryAfterMessage } from '@ratsmappe/shared';
import { sql } from 'kysely';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import type { AppContext } from './context.js';
import { pendingMigrations } from './db/migrator.js';
import { isDatabaseUnavailable } from './db/unavailable.js';
import { DomainError, RetryLaterError, statusOf } from './errors.js';
import type { AppEnv } from './http/app-env.js';
import { resolvePrincipal } from './http/principal.js';
import { buildOpenApiDocument } from './http/openapi.js';
import { publicResponseCache } from './http/public-response-cache.js';
import { firstViewData } from './http/first-view.js';
import { prerenderLoader } from './http/prerender-module.js';
import { staticClient } from './http/static-client.js';
import { anonymousPrincipal } from './modules/access/access.service.js';
import { accountRoutes } from './modules/account/account.routes.js';
import { annotationRoutes } from './modules/annotation/annotation.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { bodyRoutes } from './modules/body/body.routes.js';
import { calendarFeedRoutes } from './modules/calendar-feed/calendar-feed.routes.js';
import { changeLogRoutes } from './modules/change-log/change-log.routes.js';
import { fileDoorRoutes, fileRoutes } from './modules/file/file.routes.js';
import { legislativeTermRoutes } from './modules/legislative-term/legislative-term.routes.js';
import { locationRoutes } from './modules/location/location.routes.js';
import { agendaRoutes } from './modules/meeting/agenda.routes.js';
import { meetingLifecycleRoutes } from './modules/meeting/meeting-lifecycle.routes.js';
import { meetingRoutes } from './modules/meeting/meeting.routes.js';
import { organizationRoutes } from './modules/organization/organization.routes.js';
import { paperWorkflowRoutes } from './modules/paper/paper-workflow.routes.js';
import { paperRoutes } from './modules/paper/paper.routes.js';
import { personRoutes } from './modules/person/person.routes.js';
import { oparlRoutes } from './oparl/oparl.routes.js';
import { searchRoutes } from './modules/search/search.routes.js';
import { sessionRoutes } from './modules/session/session.routes.js';
import { syncRoutes } from './modules/sync/sync.routes.js';

const contentSecurityPolicy = [
  "default-src 'self'",
  // 'wasm-unsafe-eval' lets pdf.js compile its wasm image decoders (JBIG2 and JPEG 2000 in scanned PDFs); it does
  // not allow eval() or new Function() (measured in Chromium: without it WebAssembly.instantiate is refused).
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A PostgreSQL restart takes a few seconds; a stopped database is for the operator to bring back. */
const databaseRetryAfterSeconds = 5;

export function createApp(ctx: AppContext) {
  const app = new Hono<AppEnv>();
  const publicOrigin = new URL(ctx.config.publicUrl).origin;

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    if (c.req.path.startsWith('/assets/')) return;
    ctx.logger.info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  });

  app.use(async (c, next) => {
    await next();
    // File doors set their own, stricter policy (sandbox).
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', contentSecurityPolicy);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    if (publicOrigin.startsWith('https:')) c.header('Strict-Transport-Security', 'max-age=31536000');
  });

  app.use(compress());

  app.use(async (c, next) => {
    c.set('locale', pickLocale(c.req.header('accept-language')));
    c.set('principal', anonymousPrincipal);
    c.set('sessionToken', null);
    await next();
  });

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await sql`select 1`.execute(ctx.database.db);
      const pending = await pendingMigrations(ctx.database.db, ctx.database.schema);
      if (pending.length > 0) return c.json({ status: 'migrating', pending }, 503);
      return c.json({ status: 'ready', database: ctx.database.backend });
    } catch (error) {
      ctx.logger.warn({ err: error }, 'readiness check failed');
      return c.json({ status: 'unavailable' }, 503);
    }
  });

  const api = new Hono<AppEnv>();
  api.use(async (c, next) => {
    // CSRF: a browser always sends Origin on cross-site unsafe requests; we require it to be our own origin.
    if (unsafeMethods.has(c.req.method) && c.req.header('origin') !== publicOrigin) {
      throw new DomainError('forbidden', 'missing or foreign Origin');
    }
    await resolvePrincipal(ctx, c);
    await next();
    // Answers may hold non-public content for this viewer: never store them in any cache.
    c.header('Cache-Control', 'no-store');
    c.header('Vary', 'Cookie, Accept-Language');
  });
  // Anonymous reads of public data are pure functions of the data: cached until the change log moves on.
  const publicCache = publicResponseCache(ctx.database.db);
  api.use('/meetings/:id', publicCache);
  const openApiDocument = buildOpenApiDocument(ctx.config.publicUrl);
  api.get('/openapi.json', (c) => c.json(openApiDocument));
  api.route('/session', sessionRoutes(ctx));
  api.route('/bodies', bodyRoutes(ctx));
  api.route('/', meetingRoutes(ctx));
  api.route('/', organizationRoutes(ctx));
  api.route('/', personRoutes(ctx));
  api.route('/', legislativeTermRoutes(ctx));
  api.route('/', locationRoutes(ctx));
  api.route('/', paperRoutes(ctx));
  api.route('/', agendaRoutes(ctx));
  api.route('/', meetingLifecycleRoutes(ctx));
  api.route('/', paperWorkflowRoutes(ctx));
  api.route('/', changeLogRoutes(ctx));
  api.route('/', fileRoutes(ctx));
  api.route('/', searchRoutes(ctx));
  api.route('/', accountRoutes(ctx));
  api.route('/', auditRoutes(ctx));
  api.route('/', syncRoutes(ctx));
  api.route('/', annotationRoutes(ctx));
  api.all('*', () => {
    throw new DomainError('not_found');
  });
  app.route('/api', api);
  app.use('/oparl/v1/*', publicCache);
  app.route('/oparl/v1', oparlRoutes(ctx));

  app.route('/', calendarFeedRoutes(ctx));
  app.route('/files', fileDoorRoutes(ctx));
  const firstView = firstViewData({
    fetch: (path, init) => app.request(path, init),
    clock: ctx.clock,
    logger: ctx.logger,
    prerender: prerenderLoader(ctx.config.clientDist, ctx.logger),
  });
  app.get('*', staticClient(ctx.config.clientDist, { firstView }));

  app.notFound((c) => c.json(errorBody('not_found', c.get('locale') ?? 'de'), 404));

  app.onError((error, c) => {
    const locale = c.get('locale') ?? 'de';
    if (error instanceof DomainError) {
      const body = errorBody(error.code, locale);
      if (error.issues) body.error.issues = error.issues;
      if (error instanceof RetryLaterError) {
        c.header('Retry-After', String(error.retryAfterSeconds));
        body.error.message = retryAfterMessage(locale, error.retryAfterSeconds);
      }
      c.header('Cache-Control', 'no-store');
      return c.json(body, statusOf[error.code]);
    }
    if (isDatabaseUnavailable(error)) {
      // The database is restarting or away: the request was fine, the client should simply come back.
      ctx.logger.warn({ err: error.message, method: c.req.method, path: c.req.path }, 'database unavailable');
      c.header('Retry-After', String(databaseRetryAfterSeconds));
      c.header('Cache-Control', 'no-store');
      return c.json(errorBody('unavailable', locale), 503);
    }
    ctx.logger.error({ err: error, method: c.req.method, path: c.req.path }, 'unhandled error');
    c.header('Cache-Control', 'no-store');
    return c.json(errorBody('internal', locale), 500);
  });

  return app;
}

function errorBody(code: keyof (typeof errorMessages)['de'], locale: 'de' | 'en') {
  return {
    error: {
      code,
      message: errorMessages[locale][code],
      issues: undefined as { path: string; message: string }[] | undefined,
    },
  };
}
